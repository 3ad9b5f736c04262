// What each counter document is drawn from. A record is stored as issued (JSON) and a reprint
// is drawn from it again, so it holds everything the paper shows and nothing it does not:
// the ID number arrives already masked.
import type { HandlingType, MaterialForm } from '../../../../shared/catalog/catalog';
import type { Outcome } from '../../../../shared/counter/casesApi';

/** The hall that issues the paper. */
export interface HallInfo {
  /** e.g. 城关镇 */
  townshipName: string;
  /** e.g. 城关镇便民服务中心 */
  hallName: string;
  /** The query phone printed on every paper; '' when the administrator has not set one. */
  queryPhone: string;
}

export interface MaterialLine {
  name: string;
  form: MaterialForm;
  copies: number;
  note?: string;
}

export interface ResidentLines {
  residentName: string;
  /** Already masked: 410102********1234 */
  idNumberMasked: string;
}

export interface ItemLines {
  itemCode: string;
  itemName: string;
  department: string;
}

/** 受理回执 (A5 and 80 mm variants). */
export interface AcceptanceReceiptRecord extends ResidentLines, ItemLines {
  hall: HallInfo;
  caseNumber: string;
  handlingType: HandlingType;
  /** Received materials only. */
  materials: MaterialLine[];
  acceptedOn: string;
  /** Null for a 转报件 without a township promise. */
  promisedDate: string | null;
  /** The promised date lies in a year whose official holiday arrangement was not loaded. */
  promisedDateProvisional?: boolean;
  promisedWorkingDays: number | null;
  forwardedTo: string | null;
  /** 即办件 finished at once. */
  completedOnTheSpot: boolean;
  window: string;
  clerkName: string;
}

/** 一次性告知书: every missing material at once. */
export interface MissingMaterialsNoticeRecord extends ResidentLines, ItemLines {
  hall: HallInfo;
  received: MaterialLine[];
  missing: MaterialLine[];
  legalBasis: string;
  noticeOn: string;
  window: string;
  clerkName: string;
}

/** 不予受理告知书: the reason and where to go instead. */
export interface NonAcceptanceNoticeRecord extends ResidentLines, ItemLines {
  hall: HallInfo;
  reason: string;
  /** The body that can handle it; '' when none is known. */
  redirectTo: string;
  noticeOn: string;
  window: string;
  clerkName: string;
}

/** 办结通知书: the result and how to collect it. */
export interface ResultNoticeRecord extends ResidentLines, ItemLines {
  hall: HallInfo;
  caseNumber: string;
  result: Outcome;
  /** The decision's explanation (for a refusal: why, and the resident's remedies). */
  note: string;
  acceptedOn: string;
  completedOn: string;
  promisedDate: string | null;
  clerkName: string;
}
