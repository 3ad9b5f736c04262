// The queue's figures for a day, month, quarter or year (docs/queue.md, “时长的定义”), per window,
// per category and for the hall, counted over the tickets taken in the period:
//
// - 等候时长 (waiting): first call − taken, over the tickets called; a window counts the tickets it
//   called first.
// - 办理时长 (service): finish − the last call (the call by the window that finished it; a 重呼 is
//   not a call), over the tickets finished; a window counts those it finished.
// - Per window: 叫号 where first called, 办结 where finished, 过号 where left skipped, 转窗口 out of
//   it. Every ticket is counted at one window at most for each figure, so the windows add up to
//   the hall (the times too: their totals in whole seconds).
import type { DurationFigures, QueueFigures, QueueStatistics } from '../../../shared/queue/api';
import { periodSpan } from '../../../shared/documents/reportPeriods';
import type { Db } from '../db/database';
import { byName, listCategories, listWindows } from './queueSettings';

/** What a ticket adds to the figures. */
export interface TicketFact {
  categoryId: string;
  status: string;
  takenAt: string;
  firstCalledAt: string | null;
  firstCallWindowId: string | null;
  lastCalledAt: string | null;
  /** The window that called it last (where it was finished or skipped). */
  windowId: string | null;
  finishedAt: string | null;
}

export interface TransferFact {
  categoryId: string;
  fromWindowId: string | null;
}

function seconds(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

export function durationFigures(values: readonly number[]): DurationFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  return {
    count: n,
    totalSeconds: total,
    averageSeconds: n ? total / n : null,
    medianSeconds: n ? (n % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2) : null,
    maxSeconds: n ? sorted[n - 1]! : null,
  };
}

/** The figures of some tickets; `taken` null for a window (a ticket is taken for a category). */
export function figuresOf(
  tickets: {
    taken: TicketFact[] | null;
    called: TicketFact[];
    finished: TicketFact[];
    skipped: TicketFact[];
  },
  transfers: number,
): QueueFigures {
  return {
    taken: tickets.taken ? tickets.taken.length : null,
    called: tickets.called.length,
    served: tickets.finished.length,
    skipped: tickets.skipped.length,
    transferred: transfers,
    waiting: durationFigures(tickets.called.map((t) => seconds(t.takenAt, t.firstCalledAt!))),
    service: durationFigures(tickets.finished.map((t) => seconds(t.lastCalledAt!, t.finishedAt!))),
  };
}

function split(tickets: TicketFact[]) {
  return {
    called: tickets.filter((t) => t.firstCalledAt !== null),
    finished: tickets.filter((t) => t.status === 'done' && t.finishedAt !== null && t.lastCalledAt !== null),
    skipped: tickets.filter((t) => t.status === 'skipped'),
  };
}

/** The hall's, each window's and each category's figures of these tickets and transfers. */
export function queueFigures(
  tickets: TicketFact[],
  transfers: TransferFact[],
  windowIds: readonly string[],
  categoryIds: readonly string[],
): { hall: QueueFigures; byWindow: Map<string, QueueFigures>; byCategory: Map<string, QueueFigures> } {
  const all = split(tickets);
  const byWindow = new Map<string, QueueFigures>();
  for (const id of windowIds) {
    byWindow.set(
      id,
      figuresOf(
        {
          taken: null,
          called: all.called.filter((t) => t.firstCallWindowId === id),
          finished: all.finished.filter((t) => t.windowId === id),
          skipped: all.skipped.filter((t) => t.windowId === id),
        },
        transfers.filter((t) => t.fromWindowId === id).length,
      ),
    );
  }
  const byCategory = new Map<string, QueueFigures>();
  for (const id of categoryIds) {
    const mine = tickets.filter((t) => t.categoryId === id);
    byCategory.set(id, figuresOf({ taken: mine, ...split(mine) }, transfers.filter((t) => t.categoryId === id).length));
  }
  return { hall: figuresOf({ taken: tickets, ...all }, transfers.length), byWindow, byCategory };
}

/** A day stands for itself; a month, quarter or year for its days. */
export function queuePeriodSpan(period: string): { from: string; to: string } {
  return /^\d{4}-\d{2}-\d{2}$/.test(period) ? { from: period, to: period } : periodSpan(period);
}

export async function queueStatistics(db: Db, period: string): Promise<QueueStatistics> {
  const { from, to } = queuePeriodSpan(period);
  const [rows, transferRows, categories] = await Promise.all([
    db
      .selectFrom('queue_tickets')
      .select([
        'category_id',
        'status',
        'taken_at',
        'first_called_at',
        'first_call_window_id',
        'last_called_at',
        'window_id',
        'finished_at',
      ])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    db
      .selectFrom('queue_ticket_events as e')
      .innerJoin('queue_tickets as t', 't.id', 'e.ticket_id')
      .select(['t.category_id', 'e.window_id'])
      .where('e.kind', '=', 'transfer')
      .where('e.day', '>=', from)
      .where('e.day', '<=', to)
      .execute(),
    listCategories(db),
  ]);
  const windows = await listWindows(db, categories);
  const tickets: TicketFact[] = rows.map((r) => ({
    categoryId: r.category_id,
    status: r.status,
    takenAt: r.taken_at,
    firstCalledAt: r.first_called_at,
    firstCallWindowId: r.first_call_window_id,
    lastCalledAt: r.last_called_at,
    windowId: r.window_id,
    finishedAt: r.finished_at,
  }));
  const transfers = transferRows.map((r) => ({ categoryId: r.category_id, fromWindowId: r.window_id }));
  // Inactive windows and categories are listed when they have figures in the period.
  const usedWindows = new Set(
    tickets.flatMap((t) => [t.firstCallWindowId, t.windowId]).concat(transfers.map((t) => t.fromWindowId)),
  );
  const usedCategories = new Set(tickets.map((t) => t.categoryId));
  const shownWindows = windows.filter((w) => w.active || usedWindows.has(w.id)).sort(byName);
  const shownCategories = categories.filter((c) => c.active || usedCategories.has(c.id));
  const figures = queueFigures(
    tickets,
    transfers,
    shownWindows.map((w) => w.id),
    shownCategories.map((c) => c.id),
  );
  return {
    period,
    from,
    to,
    hall: figures.hall,
    byWindow: shownWindows.map((w) => ({ windowId: w.id, windowName: w.name, ...figures.byWindow.get(w.id)! })),
    byCategory: shownCategories.map((c) => ({
      categoryId: c.id,
      prefix: c.prefix,
      categoryName: c.name,
      ...figures.byCategory.get(c.id)!,
    })),
  };
}
