// What each petition paper is drawn from: plain strings and numbers gathered by the backend
// (electron/backend/petitions/petitionPapers.ts) from a petition as it stands. Dates are `YYYY-MM-DD`;
// a paper writes them out in Chinese.
import type { PetitionStatistics } from '../../../../shared/petitions/api';

/** The office the papers are issued in the name of, from the petition settings. */
export interface PetitionOfficeLines {
  /** 青石镇人民政府 */
  officeName: string;
  /** 信访接待电话; '' prints none. */
  phone: string;
}

export interface PetitionerLines {
  name: string;
  /** 男 / 女 / '' */
  sex: string;
  /** In full: the petitioner checks it on the form they sign. */
  idNumber: string;
  phone: string;
  address: string;
  representative: boolean;
}

/** 信访登记表: for the petitioner to check and sign. */
export interface RegistrationFormRecord {
  office: PetitionOfficeLines;
  /** 青信〔2026〕12号 */
  number: string;
  /** 来访 / 来信 */
  channelLabel: string;
  receivedOn: string;
  /** `09:30`, '' for a letter. */
  receivedAt: string;
  peopleCount: number;
  groupVisit: boolean;
  petitioners: PetitionerLines[];
  /** A letter's envelope, null for a visit. */
  letter: { postmarkOn: string; fromAddress: string; mailNumber: string; pages: string } | null;
  /** 本级接待（来访、来信） / 上级转送、交办 */
  sourceLabel: string;
  /** `县信访局 2026-11-02 转送（县信转〔2026〕15号）`, '' when not handed down. */
  handedDown: string;
  categoryLabel: string;
  matter: string;
  requests: string;
  /** Village and place: `青石村 三组水库边`. */
  place: string;
  departmentConcerned: string;
  /** `镇长 李明（领导接访日）`, '' when not on a reception day. */
  receivingLeader: string;
  /** `是（此前：青信〔2026〕3号）` / `是` / `否` */
  repeat: string;
  /** `越级到县` / '' */
  skipped: string;
  /** The acceptance decision is due by this day. */
  acceptanceDueOn: string;
  /**
   * Years among the paper's deadlines without their State Council arrangement: a date in one is
   * printed 暂定 (absent on papers issued before provisional calendars).
   */
  provisionalYears?: number[];
  registeredByName: string;
}

/** 受理告知书 */
export interface AcceptanceNoticeRecord {
  office: PetitionOfficeLines;
  number: string;
  petitionerNames: string[];
  receivedOn: string;
  /** The matter in one sentence (its first 80 characters). */
  matterSummary: string;
  acceptedOn: string;
  handlingUnit: string;
  handlingDueOn: string;
  /**
   * Years among the paper's deadlines without their State Council arrangement: a date in one is
   * printed 暂定 (absent on papers issued before provisional calendars).
   */
  provisionalYears?: number[];
}

/** 不予受理告知书: the reason and the channel the petitioner should take instead. */
export interface NotAcceptedNoticeRecord {
  office: PetitionOfficeLines;
  number: string;
  petitionerNames: string[];
  receivedOn: string;
  matterSummary: string;
  decidedOn: string;
  /** 应当通过诉讼途径解决 … */
  groundLabel: string;
  reason: string;
  channel: string;
}

/** 延期办理告知书 */
export interface ExtensionNoticeRecord {
  office: PetitionOfficeLines;
  number: string;
  petitionerNames: string[];
  receivedOn: string;
  matterSummary: string;
  acceptedOn: string;
  originalDueOn: string;
  days: number;
  newDueOn: string;
  reason: string;
  extendedOn: string;
  /**
   * Years among the paper's deadlines without their State Council arrangement: a date in one is
   * printed 暂定 (absent on papers issued before provisional calendars).
   */
  provisionalYears?: number[];
}

/** 答复意见书, with the right to a review within 30 days. */
export interface ReplyRecord {
  office: PetitionOfficeLines;
  number: string;
  petitionerNames: string[];
  receivedOn: string;
  matterSummary: string;
  /** The petitioner's requests as registered ('' when none). */
  requests: string;
  acceptedOn: string;
  facts: string;
  opinion: string;
  basis: string;
  repliedOn: string;
  /** 某某县人民政府 */
  reviewBody: string;
  reviewRequestDueOn: string;
  /**
   * Years among the paper's deadlines without their State Council arrangement: a date in one is
   * printed 暂定 (absent on papers issued before provisional calendars).
   */
  provisionalYears?: number[];
}

/** 领导接访公示: the rota posted in the hall. */
export interface ReceptionRotaRecord {
  office: PetitionOfficeLines;
  from: string;
  to: string;
  days: Array<{
    on: string;
    startsAt: string;
    endsAt: string;
    place: string;
    leaderName: string;
    leaderTitle: string;
    note: string;
  }>;
  /** The posting's date. */
  publishedOn: string;
}

/** 信访月度统计表 */
export interface MonthlyStatisticsRecord {
  officeName: string;
  statistics: PetitionStatistics;
}
