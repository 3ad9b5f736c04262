// A record's events as spans — “adds `value` from `start` until `end`” — the form the county
// keeps them in: it lists the records behind a figure on a day from them, and turns a record's
// old spans back into events to take them off the sums when the record changes.
import { placementOf, STANDING_PERIOD, type FigureEvent, type RecordFigures } from '../../shared/figures/figureEvents';

export interface FigureSpan {
  figure: string;
  /** '' when the figure has no breakdown. */
  grp: string;
  /** The day that places it in its periods, or STANDING_PERIOD. */
  placedOn: string;
  start: string;
  end: string | null;
  value: number;
  /** Its days are days whose close it happens at (FigureEvent `atDayEnd`). */
  atDayEnd: boolean;
}

/** An event of a span's sums: `delta` from `day` on, placed on `placedOn`. */
export interface PlacedEvent {
  figure: string;
  grp: string;
  placedOn: string;
  day: string;
  delta: number;
  atDayEnd: boolean;
}

export function spansOf(figures: RecordFigures | null): FigureSpan[] {
  if (!figures) return [];
  const buckets = new Map<
    string,
    { figure: string; grp: string; placedOn: string; atDayEnd: boolean; events: FigureEvent[] }
  >();
  const file = (e: FigureEvent, placedOn: string | null) => {
    if (placedOn === null || e.delta === 0) return;
    const grp = e.group ?? '';
    const atDayEnd = e.atDayEnd === true;
    const key = `${e.figure}\u0000${grp}\u0000${placedOn}\u0000${atDayEnd}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { figure: e.figure, grp, placedOn, atDayEnd, events: [] }));
    bucket.events.push(e);
  };
  for (const e of figures.events) file(e, placementOf(e, figures));
  for (const e of figures.standing ?? []) file(e, STANDING_PERIOD);

  const spans: FigureSpan[] = [];
  for (const { figure, grp, placedOn, atDayEnd, events } of buckets.values()) {
    const byDay = new Map<string, number>();
    for (const e of events) byDay.set(e.day, (byDay.get(e.day) ?? 0) + e.delta);
    const days = [...byDay.keys()].sort();
    let running = 0;
    let open: { start: string; value: number } | null = null;
    for (const day of days) {
      running += byDay.get(day)!;
      if (open && open.value === running) continue;
      if (open) spans.push({ figure, grp, placedOn, start: open.start, end: day, value: open.value, atDayEnd });
      open = running === 0 ? null : { start: day, value: running };
    }
    if (open) spans.push({ figure, grp, placedOn, start: open.start, end: null, value: open.value, atDayEnd });
  }
  return spans;
}

/** The events a record's spans add (`sign` −1: the events that take them off again). */
export function eventsOfSpans(spans: readonly FigureSpan[], sign: 1 | -1): PlacedEvent[] {
  const events: PlacedEvent[] = [];
  for (const s of spans) {
    const at = { figure: s.figure, grp: s.grp, placedOn: s.placedOn, atDayEnd: s.atDayEnd };
    events.push({ ...at, day: s.start, delta: sign * s.value });
    if (s.end !== null) events.push({ ...at, day: s.end, delta: -sign * s.value });
  }
  return events;
}

/** Whether two records' spans are the same (then nothing of the sums changes). */
export function sameSpans(a: readonly FigureSpan[], b: readonly FigureSpan[]): boolean {
  if (a.length !== b.length) return false;
  const key = (s: FigureSpan) =>
    `${s.figure}|${s.grp}|${s.placedOn}|${s.start}|${s.end ?? ''}|${s.value}|${s.atDayEnd}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}
