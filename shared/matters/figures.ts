// The figures of residents' matters (三事分流) defined once, for the township and the county alike
// (issue 21; the kit: shared/figures/figureEvents.ts). A matter counts in the figures of the
// period it was collected in (`anchor` = collected_on), as it stands on the day they are taken on;
// where it counts from which day to which is `matterSpans` of shared/matters/statistics.ts — the
// very rules the township's statistics count by — so each span becomes +1 on its first day and
// −1 on the day it ends. Nothing is ruled here twice.
//
// Breakdown: every event is kept by the matter's village (`group` = village_id), as the
// statistics' table by village. The table by category would need a second breakdown, which the
// kit does not keep (one group per event).
//
// Every date read is a plain YYYY-MM-DD column the township wrote (a step's date, or the
// township's today in its own time zone when the user left it blank; 作废 is dated so too), and
// 超期 needs no working calendar: the due date was computed in working days when the matter was
// sorted and is kept on the row. So no time zone and no calendar is involved here.
import { z } from 'zod';
import { percentage } from '../documents/reports';
import {
  countsBetween,
  type FigureCounts,
  type FigureDefinition,
  type FigureEvent,
  type RecordFigures,
} from '../figures/figureEvents';
import { dateString } from '../validation/fields';
import { MATTER_HANDLINGS, MATTER_TRIAGES } from './matters';
import { matterSpans, type MatterFigures, type MatterSteps } from './statistics';

export type MatterFigure = keyof MatterFigures;

// Every figure of the totals, in the order the reports list them; `satisfies` fails the type check
// if the statistics gain a figure this file does not count.
const FIGURE_ORDER = {
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
} as const satisfies Record<MatterFigure, 0>;

export const MATTER_FIGURES = Object.keys(FIGURE_ORDER) as MatterFigure[];

const day = dateString('日期');
const optionalDay = day.nullable();

/** The columns of a `matters` row the figures read (snake_case, as the township's table holds them). */
const matterRow = z.object({
  village_id: z.string().min(1),
  collected_on: day,
  triage: z.enum(MATTER_TRIAGES).nullable(),
  handling: z.enum(MATTER_HANDLINGS).nullable(),
  decided_on: optionalDay,
  due_on: optionalDay,
  replied_on: optionalDay,
  closed_on: optionalDay,
  voided_on: optionalDay,
});

/** A `matters` row as the statistics' rules read it, or null when it is not one. */
export function matterStepsOfRow(row: Readonly<Record<string, unknown>>): (MatterSteps & { villageId: string }) | null {
  const parsed = matterRow.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    villageId: r.village_id,
    collectedOn: r.collected_on,
    triage: r.triage,
    handling: r.handling,
    decidedOn: r.decided_on,
    dueOn: r.due_on,
    repliedOn: r.replied_on,
    closedOn: r.closed_on,
    voidedOn: r.voided_on,
  };
}

/** 答复率 = 已答复 ÷ 收集 and 办结率 = 已办结 ÷ 收集, as the statistics give them. */
export function matterRates(counts: FigureCounts<MatterFigure>): {
  replyRate: number | null;
  completionRate: number | null;
} {
  return {
    replyRate: percentage(counts.replied, counts.collected),
    completionRate: percentage(counts.completed, counts.collected),
  };
}

export const matterFigureDefinition: FigureDefinition<MatterFigure> = {
  desk: 'matters',
  table: 'matters',
  figures: MATTER_FIGURES,
  ofRow(row): RecordFigures<MatterFigure> | null {
    const matter = matterStepsOfRow(row);
    if (!matter) return null;
    const place = { group: matter.villageId };
    const events: FigureEvent<MatterFigure>[] = matterSpans(matter).flatMap((span) =>
      countsBetween(span.figure, span.from, span.until, place),
    );
    return { anchor: matter.collectedOn, events };
  },
  rates: matterRates,
};
