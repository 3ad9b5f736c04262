// The statistics of residents' matters for a month, a quarter or a year, as Nan'an counts them
// (DOMAIN.md §10), computed from the matters' dates alone — a pure function, so that the figures
// reconcile by construction and a test can build them by hand:
//
//  - 收集 collected: matters collected (collected_on) in the period up to the day the figures are
//    taken on (`asOf`: the period's last day, or today while it runs), less those voided by then
//    (a void is a registration made by mistake; the voided are shown apart, never counted).
//  - By handling, as each stood on `asOf`: 当即解决 + 限期解决 + 提交统筹 + 私事劝导办结 + 待分流
//    (not yet sorted on `asOf`) = 收集. Nan'an's 2,118 = 967 + 974 + 177 has the last two at 0.
//  - By triage likewise: 大事 + 小事 + 私事 + 待分流 = 收集.
//  - By completion: 已办结 (closed by `asOf`) + 在办 (not) = 收集 — the same matters, counted as
//    Nan'an's quarter: 1,364 new = 1,144 completed + 220 in hand.
//  - 已答复 replied: of them, those with a reply recorded by `asOf` (件件有回复); every completed
//    matter has one, so 已答复 ≥ 已办结. 答复率 = 已答复 ÷ 收集, 办结率 = 已办结 ÷ 收集.
//  - 超期 overdue: of the 限期解决 ones still in hand on `asOf`, those whose deadline had passed
//    by then — the worklist's red (shared/calendar/deadlines.ts: red once the due day is over).
//  - Per village and per category the same figures; their rows add up to the totals.
//  - The trend: each month of reportPeriods.trendMonths with its own figures as that month's
//    statistics would give them (collected in the month, as they stood at its end or today).
import { addDays } from '../calendar/dates';
import { percentage } from '../documents/reports';
import { periodAsOf, periodSpan, trendMonths, type ReportPeriod } from '../documents/reportPeriods';
import {
  MATTER_CATEGORIES,
  MATTER_HANDLING_LABELS,
  MATTER_TRIAGE_LABELS,
  type MatterCategory,
  type MatterHandling,
  type MatterTriage,
} from './matters';

/** What the statistics read of one matter: its place, category and the dates of its steps. */
export interface MatterStatRow {
  villageId: string;
  category: MatterCategory;
  collectedOn: string;
  triage: MatterTriage | null;
  handling: MatterHandling | null;
  /** The day it was sorted (分流), or settled in the village. */
  decidedOn: string | null;
  dueOn: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  voidedOn: string | null;
}

export interface MatterFigures {
  collected: number;
  onTheSpot: number;
  deadline: number;
  escalated: number;
  advised: number;
  /** Not sorted yet on the day the figures are taken on. */
  pending: number;
  major: number;
  minor: number;
  private: number;
  completed: number;
  inHand: number;
  replied: number;
  overdue: number;
}

export const NO_MATTER_FIGURES: MatterFigures = {
  collected: 0,
  onTheSpot: 0,
  deadline: 0,
  escalated: 0,
  advised: 0,
  pending: 0,
  major: 0,
  minor: 0,
  private: 0,
  completed: 0,
  inHand: 0,
  replied: 0,
  overdue: 0,
};

export interface MatterStatisticsOf {
  period: ReportPeriod;
  from: string;
  to: string;
  asOf: string;
  totals: MatterFigures;
  /** Collected in the period and voided by `asOf`: not in any figure above. */
  voided: number;
  /** 答复率 = replied ÷ collected, 办结率 = completed ÷ collected (one decimal; null with none). */
  replyRate: number | null;
  completionRate: number | null;
  byVillage: (MatterFigures & { villageId: string; villageName: string })[];
  byCategory: (MatterFigures & { category: MatterCategory; label: string })[];
  trend: (MatterFigures & { month: string; replyRate: number | null })[];
}

const within = (date: string | null, asOf: string) => date !== null && date <= asOf;

/** What the rules of the figures read of a matter: the dates of its steps and how it was sorted. */
export type MatterSteps = Omit<MatterStatRow, 'villageId' | 'category'>;

/** A figure a matter counts in from the day `from` on, until the day `until` (not counted then), or for good. */
export interface MatterSpan {
  figure: keyof MatterFigures;
  from: string;
  until: string | null;
}

/** The later of two days, or null when `day` is null. */
const notBefore = (day: string | null, floor: string) => (day === null ? null : day < floor ? floor : day);
/** The earlier of two ends (null: never). */
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Where one matter counts, day by day: every figure's rule above, written once. The statistics
 * count the spans holding `asOf` (matterFigures); the county's definition (shared/matters/
 * figures.ts) turns the same spans into the events it keeps, so both count the same matters.
 * A span begins on its step's day, never before the matter was collected, and ends when a later
 * step ends it or the matter is voided (a voided matter counts in nothing once voided).
 */
export function matterSpans(row: MatterSteps): MatterSpan[] {
  const collected = row.collectedOn;
  const voided = row.voidedOn;
  const spans: MatterSpan[] = [];
  const add = (figure: keyof MatterFigures, from: string | null, until: string | null = null) => {
    if (from === null) return;
    const end = earlier(until, voided);
    if (end === null || end > from) spans.push({ figure, from, until: end });
  };
  add('collected', collected);
  // Sorted once triaged with a handling, on the day decided; until then 待分流.
  const sorted = row.handling !== null && row.triage !== null ? notBefore(row.decidedOn, collected) : null;
  add('pending', collected, sorted);
  if (row.handling !== null) add(row.handling, sorted);
  if (row.triage !== null) add(row.triage, sorted);
  const closed = notBefore(row.closedOn, collected);
  add('completed', closed);
  add('inHand', collected, closed);
  add('replied', notBefore(row.repliedOn, collected));
  // 超期: a 限期解决 matter in hand once its due day is over — the worklist's red.
  if (sorted !== null && row.handling === 'deadline' && row.dueOn !== null) {
    const red = addDays(row.dueOn, 1);
    add('overdue', red > sorted ? red : sorted, closed);
  }
  return spans;
}

/** Whether a matter counts in the span's figure on `day`. */
const spanHolds = (span: MatterSpan, day: string) => span.from <= day && (span.until === null || span.until > day);

/** The figures of the matters collected between `from` and `asOf`, as they stood on `asOf`. */
export function matterFigures(rows: readonly MatterSteps[], from: string, asOf: string): MatterFigures {
  const figures = { ...NO_MATTER_FIGURES };
  for (const row of rows) {
    if (row.collectedOn < from || row.collectedOn > asOf) continue;
    for (const span of matterSpans(row)) if (spanHolds(span, asOf)) figures[span.figure]++;
  }
  return figures;
}

/** Collected in the period and voided by `asOf`. */
function voidedIn(rows: readonly MatterStatRow[], from: string, asOf: string): number {
  return rows.filter((r) => r.collectedOn >= from && r.collectedOn <= asOf && within(r.voidedOn, asOf)).length;
}

/**
 * The statistics of `period` on `today` from the matters' rows (those collected in the period
 * and in the months of its trend; others are ignored). `villages` names every village to list,
 * in order; a village of a row not among them is listed after them under its id.
 */
export function matterStatistics(
  rows: readonly MatterStatRow[],
  period: ReportPeriod,
  today: string,
  villages: readonly { id: string; name: string }[],
): MatterStatisticsOf {
  const { from, to } = periodSpan(period);
  const asOf = periodAsOf(period, today);
  const inPeriod = rows.filter((r) => r.collectedOn >= from && r.collectedOn <= asOf);
  const totals = matterFigures(inPeriod, from, asOf);
  const named = new Map(villages.map((v) => [v.id, v.name]));
  const villageIds = [...villages.map((v) => v.id), ...new Set(inPeriod.map((r) => r.villageId))].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  return {
    period,
    from,
    to,
    asOf,
    totals,
    voided: voidedIn(inPeriod, from, asOf),
    replyRate: percentage(totals.replied, totals.collected),
    completionRate: percentage(totals.completed, totals.collected),
    byVillage: villageIds.map((villageId) => ({
      villageId,
      villageName: named.get(villageId) ?? villageId,
      ...matterFigures(
        inPeriod.filter((r) => r.villageId === villageId),
        from,
        asOf,
      ),
    })),
    byCategory: MATTER_CATEGORIES.map((c) => ({
      category: c.code,
      label: c.label,
      ...matterFigures(
        inPeriod.filter((r) => r.category === c.code),
        from,
        asOf,
      ),
    })),
    trend: trendMonths(period, today).map((month) => {
      const span = periodSpan(month);
      const monthAsOf = periodAsOf(month, today);
      const figures = matterFigures(rows, span.from, monthAsOf);
      return { month, ...figures, replyRate: percentage(figures.replied, figures.collected) };
    }),
  };
}

/** The first day the statistics of `period` read rows from: its own or its trend's first month. */
export function matterStatisticsFrom(period: ReportPeriod, today: string): string {
  const first = trendMonths(period, today)[0];
  const own = periodSpan(period).from;
  return first && `${first}-01` < own ? `${first}-01` : own;
}

/**
 * The equations the figures keep, written out as every report prints them: 收集 by handling,
 * by triage and by completion. The same words on the screen, the PDF and the workbook.
 */
export function matterReconciliation(f: MatterFigures): { label: string; text: string }[] {
  const h = MATTER_HANDLING_LABELS;
  const t = MATTER_TRIAGE_LABELS;
  return [
    {
      label: '按办理方式',
      text: `收集 ${f.collected} = ${h.onTheSpot} ${f.onTheSpot} + ${h.deadline} ${f.deadline} + ${h.escalated} ${f.escalated} + ${h.advised} ${f.advised} + 待分流 ${f.pending}`,
    },
    {
      label: '按三事分流',
      text: `收集 ${f.collected} = ${t.major} ${f.major} + ${t.minor} ${f.minor} + ${t.private} ${f.private} + 待分流 ${f.pending}`,
    },
    { label: '按办结情况', text: `新增 ${f.collected} = 已办结 ${f.completed} + 在办 ${f.inHand}` },
  ];
}

/** Whether the figures keep their equations (a program error otherwise). */
export function reconciles(f: MatterFigures): boolean {
  return (
    f.collected === f.onTheSpot + f.deadline + f.escalated + f.advised + f.pending &&
    f.collected === f.major + f.minor + f.private + f.pending &&
    f.collected === f.completed + f.inHand &&
    f.replied >= f.completed
  );
}

/** Every figure with how it is counted: the screen's table, the PDF and the workbook say the same. */
export const MATTER_FIGURE_ROWS: readonly { key: keyof MatterFigures; label: string; note: string }[] = [
  { key: 'collected', label: '收集', note: '本期收集登记的诉求、问题、建议（不含作废的）' },
  { key: 'onTheSpot', label: '当即解决', note: '分流时当场解决并答复的，含村里当即解决的小事' },
  { key: 'deadline', label: '限期解决', note: '交乡镇、县级部门或村（社区）、社会组织限期解决的' },
  { key: 'escalated', label: '提交统筹', note: '提交上级统筹解决的大事' },
  { key: 'advised', label: '私事劝导办结', note: '属群众自己的事，劝导、释疑后办结的' },
  { key: 'pending', label: '待分流', note: '统计日尚未分流的' },
  { key: 'major', label: '大事', note: '由乡镇或县级部门负责的' },
  { key: 'minor', label: '小事', note: '由村（社区）委会、社会组织负责的' },
  { key: 'private', label: '私事', note: '由群众自己负责的' },
  { key: 'completed', label: '已办结', note: '统计日已办结的' },
  { key: 'inHand', label: '在办', note: '统计日尚未办结的（含待分流）' },
  { key: 'replied', label: '已答复', note: '统计日已答复群众的（件件有回复）' },
  { key: 'overdue', label: '超期', note: '限期解决、统计日仍在办且已过办理期限的' },
];

/** The columns of the tables by village and by category. */
export const MATTER_BREAKDOWN_COLUMNS: readonly { key: keyof MatterFigures; label: string }[] = [
  { key: 'collected', label: '收集' },
  { key: 'onTheSpot', label: '当即解决' },
  { key: 'deadline', label: '限期解决' },
  { key: 'escalated', label: '提交统筹' },
  { key: 'advised', label: '私事劝导' },
  { key: 'pending', label: '待分流' },
  { key: 'completed', label: '已办结' },
  { key: 'inHand', label: '在办' },
  { key: 'replied', label: '已答复' },
  { key: 'overdue', label: '超期' },
];
