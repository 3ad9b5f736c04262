// The vocabulary of a dispute (纠纷) in the mediation register: where it came from, its
// category, who the parties are, the steps it goes through and the one-month norm.
import { addDays, daysBetween } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/workingCalendar';

/** Categories of the county's monthly table (DOMAIN §5), in the table's order. */
export const DISPUTE_CATEGORIES = [
  { code: 'marriage', label: '婚姻家庭纠纷' },
  { code: 'neighbour', label: '邻里纠纷' },
  { code: 'housing', label: '房屋宅基地纠纷' },
  { code: 'contract', label: '合同纠纷' },
  { code: 'business', label: '生产经营纠纷' },
  { code: 'damages', label: '损害赔偿纠纷' },
  { code: 'landContract', label: '山林土地纠纷（土地承包）' },
  { code: 'landTransfer', label: '山林土地纠纷（土地流转）' },
  { code: 'forestRights', label: '山林土地纠纷（林权）' },
  { code: 'expropriation', label: '征地拆迁纠纷' },
  { code: 'labour', label: '劳动争议纠纷（含讨薪）' },
  { code: 'medical', label: '医疗纠纷（医患）' },
  { code: 'property', label: '物业纠纷' },
  { code: 'traffic', label: '道路交通事故纠纷' },
  { code: 'environment', label: '环境污染纠纷' },
  { code: 'consumer', label: '消费纠纷' },
  { code: 'waterConservancy', label: '水利纠纷' },
  { code: 'subsidy', label: '扶贫、农资补贴纠纷' },
  { code: 'other', label: '其他纠纷' },
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number]['code'];
export const DISPUTE_CATEGORY_CODES = DISPUTE_CATEGORIES.map((c) => c.code) as [DisputeCategory, ...DisputeCategory[]];
export const DISPUTE_CATEGORY_LABELS = Object.fromEntries(DISPUTE_CATEGORIES.map((c) => [c.code, c.label])) as Record<
  DisputeCategory,
  string
>;

/** How the committee came to the dispute. */
export const DISPUTE_SOURCES = ['oralApplication', 'writtenApplication', 'sweep', 'handover'] as const;
export type DisputeSource = (typeof DISPUTE_SOURCES)[number];
export const DISPUTE_SOURCE_LABELS: Record<DisputeSource, string> = {
  oralApplication: '当事人口头申请',
  writtenApplication: '当事人书面申请',
  sweep: '排查发现（主动调解）',
  handover: '交办、委派、移送',
};

/** Who hands a dispute over (三调联动: counted by counterpart in the statistics). */
export const HANDOVER_KINDS = ['township', 'court', 'police', 'petition', 'other'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];
export const HANDOVER_KIND_LABELS: Record<HandoverKind, string> = {
  township: '乡镇（街道）交办',
  court: '人民法院委派',
  police: '公安机关移送',
  petition: '信访部门移送',
  other: '其他单位移送',
};

/**
 * The other way (三调联动 移出): a dispute refused or whose mediation ended is sent on to the same
 * counterparts, counted by them in the statistics.
 */
export const REFERRAL_OUT_LABELS: Record<HandoverKind, string> = {
  township: '移交乡镇（街道）有关部门处理',
  court: '引导至人民法院诉讼或诉调对接',
  police: '移送公安机关',
  petition: '移送信访部门',
  other: '移送其他单位（仲裁、行政机关等）',
};

export const PARTY_SIDES = ['applicant', 'respondent'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];
export const PARTY_SIDE_LABELS: Record<PartySide, string> = { applicant: '申请方', respondent: '被申请方' };

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = { person: '自然人', organisation: '法人或其他组织' };

/** 甲方, 乙方, 丙方 …: how a paper names the n-th party (applicants first). */
export function partyLabel(index: number): string {
  const STEMS = '甲乙丙丁戊己庚辛壬癸';
  return index < STEMS.length ? `${STEMS[index]}方` : `当事人${index + 1}`;
}

export const DISPUTE_STATUSES = ['registered', 'refused', 'accepted', 'settled', 'terminated', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  registered: '待受理',
  refused: '不予受理',
  accepted: '调解中',
  settled: '调解成功',
  terminated: '调解终止',
  closed: '已结案',
};

export const OUTCOME_KINDS = ['written', 'oral', 'terminated'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = {
  written: '达成书面调解协议',
  oral: '达成口头调解协议',
  terminated: '调解不成，终止调解',
};

export const PERFORMANCE_LEVELS = ['full', 'partial', 'none'] as const;
export type PerformanceLevel = (typeof PERFORMANCE_LEVELS)[number];
export const PERFORMANCE_LEVEL_LABELS: Record<PerformanceLevel, string> = {
  full: '已全部履行',
  partial: '部分履行',
  none: '未履行',
};

export const COURT_DECISIONS = ['confirmed', 'rejected'] as const;
export type CourtDecision = (typeof COURT_DECISIONS)[number];
export const COURT_DECISION_LABELS: Record<CourtDecision, string> = {
  confirmed: '裁定确认调解协议有效',
  rejected: '裁定驳回申请',
};

export const RECORD_KINDS = ['investigation', 'session'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, string> = { investigation: '调查记录', session: '调解记录' };

/**
 * 一般在一个月内调结: due one calendar month after acceptance (the same day number, or the
 * month's last day when it has none: 01-31 → 02-28).
 */
export function mediationDueDate(acceptedOn: string): string {
  const [year, month, day] = acceptedOn.split('-').map(Number) as [number, number, number];
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const lastDay = new Date(Date.UTC(nextYear, nextMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${nextYear}-${pad(nextMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** Days before the due date from which a dispute shows yellow. */
export const NORM_WARNING_DAYS = 5;

export const NORM_COLOURS = ['green', 'yellow', 'red'] as const;
export type NormColour = (typeof NORM_COLOURS)[number];

/** Green / yellow (due within five days) / red (past the month) for a dispute being mediated. */
export function normState(
  acceptedOn: string,
  today: string,
): { colour: NormColour; dueDate: string; daysLeft: number } {
  const dueDate = mediationDueDate(acceptedOn);
  const daysLeft = daysBetween(today, dueDate);
  const colour: NormColour = daysLeft < 0 ? 'red' : daysLeft <= NORM_WARNING_DAYS ? 'yellow' : 'green';
  return { colour, dueDate, daysLeft };
}

/** Art. 33: the parties may jointly apply within 30 days of the agreement taking effect. */
export const COURT_CONFIRMATION_DAYS = 30;
/** The registry reminds the parties from this day of the window on. */
export const COURT_REMINDER_DAY = 20;

export interface CourtWindow {
  /** The last day an application can be made. */
  closesOn: string;
  /** From this day the case shows the reminder. */
  remindFrom: string;
  /** Day of the window today (the effective day is day 0). */
  day: number;
  state: 'open' | 'remind' | 'closed';
}

/**
 * The court-confirmation window of an agreement that took effect on `effectiveOn`: 30 days, the
 * last one moved on to the next working day when it is a rest day, as every period.
 */
export function courtWindow(calendar: WorkingCalendar, effectiveOn: string, today: string): CourtWindow {
  const day = daysBetween(effectiveOn, today);
  const closesOn = calendar.periodLastDay(addDays(effectiveOn, COURT_CONFIRMATION_DAYS));
  const state = today > closesOn ? 'closed' : day >= COURT_REMINDER_DAY ? 'remind' : 'open';
  return {
    closesOn,
    remindFrom: addDays(effectiveOn, COURT_REMINDER_DAY),
    day,
    state,
  };
}

/** Yuan with up to two decimals kept as whole fen, so sums never drift. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
export function fenToYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return rest === 0 ? `${yuan}` : `${yuan}.${String(rest).padStart(2, '0')}`;
}
