// How a desk's figures are defined once, for the township and the county alike (issue 21):
// each figure is a count of records, and what one record adds to it is a pure function of the
// record's row — the same row the township's table holds and the county receives as a row image.
//
// A record adds to a figure *from a day on*: a case accepted on 10-03 and completed on 10-20
// adds 1 to “受理” from 10-03, 1 to “在办” from 10-03 and −1 from 10-20, 1 to “办结” from 10-20.
// A figure of a period as it stood on a day (`asOf`: the period's last day, or today while it
// runs) is then the sum of the events of the records placed in the period (by their `anchor`:
// the acceptance, the registration …) dated on or before that day. That is what the desks'
// statistics count (“the cases accepted in the period, as they stand on asOf”), and what the
// county can keep up to date as each row arrives — add the row's new events, subtract its old
// ones — without ever reading all rows again (hub/figures/).
//
// Figures that are not placed in a period (the counter's 超期 counts every case open and past its
// due date on the day, whenever it was accepted) are the row's `standing` events: summed over
// every record, dated on or before the day.
import { periodAsOf, periodOf, periodSpan, type ReportPeriod, type ReportPeriodKind } from '../documents/reportPeriods';

/** From `day` on (inclusive), the record adds `delta` to `figure` — of its `group` when it has one. */
export interface FigureEvent<F extends string = string> {
  figure: F;
  /** YYYY-MM-DD. */
  day: string;
  delta: number;
  /** A breakdown the figure is also kept by (the village of an errand …); absent: none. */
  group?: string;
  /**
   * The day that places this event in a period, when it is not the record's `anchor`: figures
   * counted by the day something happened (调解成功 in the month it was settled, whenever the
   * dispute was accepted) are placed by that day.
   */
  placedOn?: string;
  /**
   * The event happens at the close of `day`: counted on `day` only once that day is over. A
   * deadline missed is known when its last day ends — not yet while it runs (the running
   * period's figures leave it out), but in the figures of a period that ended on it. For events
   * placed in a period only (the county reads standing figures of past days by day).
   */
  atDayEnd?: boolean;
}

/** What one record adds to its desk's figures. */
export interface RecordFigures<F extends string = string> {
  /** The day that places the record's events in a period (YYYY-MM-DD), unless an event says otherwise. */
  anchor?: string;
  events: FigureEvent<F>[];
  /** Events summed whatever period the record is in (see above). */
  standing?: FigureEvent<F>[];
}

/** The desks whose figures the county keeps; one definition each. */
export const FIGURE_DESKS = ['counter', 'errands', 'mediation', 'petitions', 'matters'] as const;
export type FigureDesk = (typeof FIGURE_DESKS)[number];

export interface FigureDefinition<F extends string = string> {
  desk: FigureDesk;
  /** The township's table whose rows the figures are counted from. */
  table: string;
  /** Every figure the events may name, in the order reports show them. */
  figures: readonly F[];
  /**
   * What the row adds, or null when it adds nothing (not a case; a row the definition cannot
   * read — the county never stops on a township's odd row, it counts what it can).
   */
  ofRow(row: Readonly<Record<string, unknown>>): RecordFigures<F> | null;
  /** The rates shown beside the counts, from the counts alone (`percentage`, as the desk's statistics round them). */
  rates?(counts: FigureCounts<F>): Record<string, number | null>;
}

export type FigureCounts<F extends string = string> = Record<F, number>;

export function zeroCounts<F extends string>(figures: readonly F[]): FigureCounts<F> {
  return Object.fromEntries(figures.map((f) => [f, 0])) as FigureCounts<F>;
}

/** The key the county keeps standing events under (they belong to no period). */
export const STANDING_PERIOD = '*';

/** The month, quarter and year a day falls in: where the county keeps an event placed on it. */
export function periodsOfDay(day: string): Record<ReportPeriodKind, ReportPeriod> {
  return { month: periodOf('month', day), quarter: periodOf('quarter', day), year: periodOf('year', day) };
}

/** The day that places `event` of a record in a period, or null when it has none (then it counts nowhere). */
export function placementOf(event: FigureEvent, figures: RecordFigures): string | null {
  return event.placedOn ?? figures.anchor ?? null;
}

/**
 * The figures of `period` as they stood on `asOf` (default: the period's last day, or `today`
 * while it runs), counted from the rows themselves: what the county's incremental sums must equal.
 * With `group`, only events of that group (and `null`: only events of no group).
 */
export function countFigures<F extends string>(
  definition: FigureDefinition<F>,
  rows: Iterable<Readonly<Record<string, unknown>>>,
  period: ReportPeriod,
  today: string,
  options: { asOf?: string; group?: string | null } = {},
): FigureCounts<F> {
  const { from, to } = periodSpan(period);
  const asOf = options.asOf ?? periodAsOf(period, today);
  const counts = zeroCounts(definition.figures);
  const add = (e: FigureEvent<F>) => {
    if (e.day > asOf) return;
    if (e.atDayEnd && e.day === asOf && asOf >= today) return;
    if (options.group !== undefined && (e.group ?? null) !== options.group) return;
    counts[e.figure] += e.delta;
  };
  for (const row of rows) {
    const figures = definition.ofRow(row);
    if (!figures) continue;
    for (const e of figures.events) {
      const placed = placementOf(e, figures);
      if (placed !== null && placed >= from && placed <= to) add(e);
    }
    figures.standing?.forEach(add);
  }
  return counts;
}

/** Where an event is kept besides its figure and day: its group, its own placement. */
export type EventPlace = Pick<FigureEvent, 'group' | 'placedOn' | 'atDayEnd'>;

/** +1 from `start`, and −1 again from `end` when the record stops counting then (nothing when it never counted). */
export function countsBetween<F extends string>(
  figure: F,
  start: string,
  end: string | null | undefined,
  place: EventPlace = {},
): FigureEvent<F>[] {
  if (end && end <= start) return [];
  const began = { figure, day: start, delta: 1, ...place };
  return end ? [began, { figure, day: end, delta: -1, ...place }] : [began];
}

/** +1 from `day` on (nothing when there is no day). */
export function countsFrom<F extends string>(
  figure: F,
  day: string | null | undefined,
  place: EventPlace = {},
): FigureEvent<F>[] {
  return day ? [{ figure, day, delta: 1, ...place }] : [];
}

/** The day after `date` (YYYY-MM-DD), for “past its due date”: red once the due day is over. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
