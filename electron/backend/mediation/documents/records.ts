// What each mediation paper is drawn from. A record is stored as issued (JSON) and a reprint is
// drawn from it again, so it holds everything the paper shows and nothing it does not. Dates are
// `YYYY-MM-DD`; the parties' papers (application, agreement, court application) carry the full
// ID number because Art. 29 asks for it, the notices do not.
import type { DisputeSource, HandoverKind, PartyKind, PartySide } from '../../../../shared/mediation/disputes';

/** The committee that issues the paper. */
export interface CommitteeLines {
  /** 青石镇人民调解委员会 */
  committeeName: string;
  /** The name in the seal area. */
  sealName: string;
  /** Printed under notices when set; '' otherwise. */
  phone: string;
}

/** A party as the papers print it (Art. 29: 当事人的基本情况). */
export interface PartyLines {
  /** 甲方, 乙方 … */
  label: string;
  side: PartySide;
  kind: PartyKind;
  name: string;
  /** 男 / 女 / '' */
  sex: string;
  ethnicity: string;
  /** '' when unknown. */
  birthDate: string;
  occupation: string;
  idNumber: string;
  address: string;
  phone: string;
  /** Organisations. */
  legalRepresentative: string;
  legalRepresentativeTitle: string;
  /** 委托代理人, '' when none. */
  agentName: string;
  agentRelation: string;
  agentPhone: string;
}

/** 人民调解申请书: the applicant's request, printed for signature. */
export interface ApplicationRecord {
  committee: CommitteeLines;
  /** 口头申请 or 书面申请 (an oral application is written down by the mediator). */
  source: Extract<DisputeSource, 'oralApplication' | 'writtenApplication'>;
  applicants: PartyLines[];
  respondents: PartyLines[];
  /** 纠纷类别 label, e.g. 邻里纠纷 */
  category: string;
  /** 纠纷简要情况 */
  facts: string;
  registeredOn: string;
  /** The mediator who wrote it down. */
  registeredByName: string;
}

/** 人民调解纠纷登记表: a dispute found in a sweep or handed over (no application). */
export interface RegistrationFormRecord {
  committee: CommitteeLines;
  /** 排查发现（主动调解）/ 交办、委派、移送 */
  sourceLabel: string;
  /** 2026-11-02 青石村一组排查（排查人员：…）, '' when not from a sweep. */
  sweep: string;
  handover: { kind: HandoverKind; kindLabel: string; from: string; on: string; reference: string } | null;
  parties: PartyLines[];
  category: string;
  facts: string;
  /** 青石村 三组 */
  place: string;
  /** 12000.50 元, '' when none. */
  amount: string;
  peopleInvolved: number;
  /** '' when not flagged 防激化. */
  riskNote: string;
  risky: boolean;
  registeredOn: string;
  registeredByName: string;
}

/** 人民调解权利义务告知书 (Art. 23, 24), given at acceptance. */
export interface RightsNoticeRecord {
  committee: CommitteeLines;
  caseNumber: string;
  /** Every party's name, addressed at the top. */
  partyNames: string[];
  category: string;
  acceptedOn: string;
}

/** 不予受理告知书 with the reason and the parties' other routes. */
export interface RefusalNoticeRecord {
  committee: CommitteeLines;
  partyNames: string[];
  category: string;
  registeredOn: string;
  reason: string;
  refusedOn: string;
  /** 三调联动 移出, one sentence: 本委员会已引导当事人向楚雄市人民法院起诉。 Absent: not sent on. */
  referredTo?: string;
}

export interface AttachmentLine {
  fileName: string;
  caption: string;
  sha256: string;
  sizeBytes: number;
}

/** 调查记录 */
export interface InvestigationRecordPaper {
  committee: CommitteeLines;
  caseNumber: string;
  heldOn: string;
  place: string;
  /** 调查人 */
  mediatorNames: string[];
  /** 被调查人 or the object looked into. */
  subject: string;
  attendees: string;
  findings: string;
  recorder: string;
  attachments: AttachmentLine[];
}

/** 调解记录 */
export interface SessionRecordPaper {
  committee: CommitteeLines;
  caseNumber: string;
  heldOn: string;
  place: string;
  mediatorNames: string[];
  attendees: string;
  /** Each party's label and name with what they said. */
  statements: Array<{ label: string; name: string; statement: string }>;
  /** 调解结果 */
  result: string;
  recorder: string;
  /** Everyone who signs: the parties present. */
  signers: Array<{ label: string; name: string }>;
  attachments: AttachmentLine[];
}

/** 人民调解协议书 (Art. 29). */
export interface AgreementPaper {
  committee: CommitteeLines;
  caseNumber: string;
  parties: PartyLines[];
  facts: string;
  disputedMatters: string;
  responsibilities: string;
  terms: string[];
  performanceManner: string;
  performanceDueOn: string;
  /** Parties + 1: stated in the text (本协议一式N份) and printed as N copies, each from a new page. */
  copies: number;
  /** Copies to draw when not `copies`: the case file binds the committee's copy only (1). */
  printedCopies?: number;
  mediatorNames: string[];
  recorder: string;
  agreedOn: string;
}

/** 口头调解协议登记 (Art. 28): the content of an oral agreement as recorded. */
export interface OralAgreementPaper {
  committee: CommitteeLines;
  caseNumber: string;
  parties: PartyLines[];
  category: string;
  content: string;
  agreedOn: string;
  mediatorNames: string[];
}

/** 终止人民调解告知书 (Art. 26): why, and the other routes. */
export interface TerminationNoticeRecord {
  committee: CommitteeLines;
  caseNumber: string;
  partyNames: string[];
  category: string;
  acceptedOn: string;
  reason: string;
  terminatedOn: string;
  /** 三调联动 移出, one sentence: 本委员会已将该纠纷移送青石派出所处理。 Absent: not sent on. */
  referredTo?: string;
}

/** 司法确认申请书 (Art. 33), prepared for the parties to sign and file jointly. */
export interface CourtApplicationPaper {
  committee: CommitteeLines;
  caseNumber: string;
  court: string;
  parties: PartyLines[];
  agreedOn: string;
  effectiveOn: string;
  /** The last day to apply (effective + 30 days, moved past a rest day). */
  closesOn: string;
  /** That day lies in a year without its State Council arrangement: printed 暂定. */
  closesOnProvisional?: boolean;
  /** The agreement's terms, restated. */
  terms: string[];
}

/** 回访记录 */
export interface FollowUpPaper {
  committee: CommitteeLines;
  caseNumber: string;
  partyNames: string[];
  doneOn: string;
  byName: string;
  /** 已全部履行 / 部分履行 / 未履行 */
  performance: string;
  notes: string;
  /** '' when none is planned. */
  nextVisitOn: string;
}

/** 结案登记表 */
export interface ClosingSheetRecord {
  committee: CommitteeLines;
  caseNumber: string;
  category: string;
  partyNames: string[];
  /** 当事人申请 …, with the handover's sender. */
  sourceLabel: string;
  registeredOn: string;
  acceptedOn: string;
  mediatorNames: string[];
  /** 达成书面调解协议 / 达成口头调解协议 / 调解不成，终止调解 */
  outcome: string;
  outcomeOn: string;
  /** Court confirmation: '未申请' or 2026-12-01 申请，某法院裁定确认 */
  court: string;
  /** One line per follow-up: 2026-12-20 王芳 回访：已全部履行 */
  followUps: string[];
  summary: string;
  closedOn: string;
  closedByName: string;
}

/**
 * 卷宗: the whole case in the Ministry's order. Each section is a registered document type and
 * the record it is drawn from; sections start on a new page; the index lists each section's
 * first page. `lists` are sections drawn as a plain list (ID proofs, performance proof).
 */
export interface CaseFileRecord {
  committee: CommitteeLines;
  caseNumber: string;
  /** 案由: the category with the first party's name, e.g. 张三与李四邻里纠纷 */
  caseTitle: string;
  partyNames: string[];
  acceptedOn: string;
  closedOn: string;
  /** 立卷人 */
  compiledBy: string;
  /** 保管期限, e.g. 长期 */
  retention: string;
  sections: CaseFileSection[];
}

export type CaseFileSection =
  { title: string; kind: 'document'; type: string; record: unknown } | { title: string; kind: 'list'; lines: string[] };
