// Reading the figure sums the keeper maintains: a period's figures as they stood on a day are the
// sums of its events dated in the months before that day's month, plus that month's days up to the
// day — at most a month of day rows, whatever the period. On the last day of a month that is over,
// the months alone (a closed month, quarter or year is a few rows per figure and township).
//
// Events at the close of their day (FigureEvent `atDayEnd`) count on their day only once it is
// over: not on a running period's today (shared/figures/figureEvents.ts `countFigures`).
import { addDays } from '../../shared/calendar/dates';
import type { HubDb } from '../db/schema';

export interface FigureSum {
  node_id: string;
  desk: string;
  figure: string;
  value: number;
}

export interface SumFilter {
  nodeId?: string;
  desk?: string;
  figure?: string;
  /** One breakdown's sums (a village's, a committee's …); absent: the township's whole figures. */
  group?: string;
}

/** Each township's sums of `period` (or '*') as they stood on `asOf`, with `today` the county's day. */
export async function sumsOn(
  db: HubDb,
  period: string,
  asOf: string,
  today: string,
  filter: SumFilter = {},
): Promise<FigureSum[]> {
  const month = asOf.slice(0, 7);
  const monthIsOver = addDays(asOf, 1).slice(0, 7) !== month && asOf < today;
  const months = db
    .selectFrom('hub_figure_months')
    .select((eb) => ['node_id', 'desk', 'figure', eb.fn.sum<number>('value').as('value')])
    .where('period', '=', period)
    .where('month', monthIsOver ? '<=' : '<', month)
    .$if(filter.nodeId !== undefined, (q) => q.where('node_id', '=', filter.nodeId!))
    .$if(filter.desk !== undefined, (q) => q.where('desk', '=', filter.desk!))
    .$if(filter.figure !== undefined, (q) => q.where('figure', '=', filter.figure!))
    .where('grp', '=', filter.group ?? '')
    .groupBy(['node_id', 'desk', 'figure'])
    .execute();
  if (monthIsOver) return (await months).map((r) => ({ ...r, value: Number(r.value) }));
  const running = asOf >= today;
  const days = db
    .selectFrom('hub_figure_days')
    .select((eb) => ['node_id', 'desk', 'figure', eb.fn.sum<number>('value').as('value')])
    .where('period', '=', period)
    .where('day', '>=', `${month}-01`)
    .where('day', '<=', asOf)
    .$if(running, (q) => q.where((eb) => eb.or([eb('day', '<', asOf), eb('at_day_end', '=', 0)])))
    .$if(filter.nodeId !== undefined, (q) => q.where('node_id', '=', filter.nodeId!))
    .$if(filter.desk !== undefined, (q) => q.where('desk', '=', filter.desk!))
    .$if(filter.figure !== undefined, (q) => q.where('figure', '=', filter.figure!))
    .where('grp', '=', filter.group ?? '')
    .groupBy(['node_id', 'desk', 'figure'])
    .execute();
  // One row per township and figure: its months' and its days' sums added.
  const merged = new Map<string, FigureSum>();
  for (const r of [...(await months), ...(await days)]) {
    const key = `${r.node_id}\u0000${r.desk}\u0000${r.figure}`;
    const known = merged.get(key);
    if (known) known.value += Number(r.value);
    else merged.set(key, { ...r, value: Number(r.value) });
  }
  return [...merged.values()];
}
