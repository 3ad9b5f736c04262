// What the screens around the queue read: the window's calling panel, the kiosk's categories and
// the calling screen's board. Waiting counts are today's tickets waiting for any window of their
// category (a ticket transferred to one window waits for that window only and is counted there).
import type { KioskCategories, QueueBoard, QueuePanel, WaitingCount } from '../../../shared/queue/api';
import { BOARD_CALLS } from '../../../shared/queue/queue';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import type { Db } from '../db/database';
import { listCategories, listWindows } from './queueSettings';
import { hallName } from './ticketTaking';
import { currentTicketRow } from './ticketSteps';
import { loadTicket } from './ticketRows';

const SKIPPED_SHOWN = 20;

async function waitingCounts(db: Db, today: string, categoryIds?: readonly string[]): Promise<WaitingCount[]> {
  const categories = (await listCategories(db)).filter((c) => (categoryIds ? categoryIds.includes(c.id) : c.active));
  const rows = await db
    .selectFrom('queue_tickets')
    .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day', '=', today)
    .where('status', '=', 'waiting')
    .where('for_window_id', 'is', null)
    .groupBy('category_id')
    .execute();
  const counts = new Map(rows.map((r) => [r.category_id, Number(r.n)]));
  return categories.map((c) => ({
    categoryId: c.id,
    prefix: c.prefix,
    categoryName: c.name,
    waiting: counts.get(c.id) ?? 0,
  }));
}

export async function queuePanel(ctx: RequestContext, windowId: string): Promise<QueuePanel> {
  const windows = await listWindows(ctx.db);
  const window = windows.find((w) => w.id === windowId);
  if (!window) failFields({ windowId: '窗口：没有这个窗口，请重新选择本机所在窗口' });
  if (!window.active) failFields({ windowId: `窗口：“${window.name}”已停用，请重新选择` });
  const [waiting, transferred, currentRow, skipped] = await Promise.all([
    waitingCounts(ctx.db, ctx.today, window.categoryIds),
    ctx.db
      .selectFrom('queue_tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '=', ctx.today)
      .where('status', '=', 'waiting')
      .where('for_window_id', '=', window.id)
      .executeTakeFirstOrThrow(),
    currentTicketRow(ctx.db, window.id),
    ctx.db
      .selectFrom('queue_tickets as t')
      .innerJoin('queue_categories as c', 'c.id', 't.category_id')
      .select(['t.id', 't.version', 't.number', 'c.name as categoryName', 't.last_called_at as lastCalledAt'])
      .where('t.day', '=', ctx.today)
      .where('t.status', '=', 'skipped')
      .where('t.window_id', '=', window.id)
      .orderBy('t.last_called_at', 'desc')
      .limit(SKIPPED_SHOWN)
      .execute(),
  ]);
  return {
    window,
    waiting,
    transferredHere: Number(transferred.n),
    current: currentRow ? await loadTicket(ctx.db, currentRow) : null,
    skipped,
    otherWindows: windows.filter((w) => w.active && w.id !== window.id).map((w) => ({ id: w.id, name: w.name })),
  };
}

export async function kioskCategories(ctx: RequestContext): Promise<KioskCategories> {
  return { hallName: await hallName(ctx.db), categories: await waitingCounts(ctx.db, ctx.today) };
}

export async function queueBoard(ctx: RequestContext): Promise<QueueBoard> {
  const [calls, waiting, windows, serving] = await Promise.all([
    ctx.db
      .selectFrom('queue_ticket_events as e')
      .innerJoin('queue_tickets as t', 't.id', 'e.ticket_id')
      .innerJoin('queue_categories as c', 'c.id', 't.category_id')
      .leftJoin('queue_windows as w', 'w.id', 'e.window_id')
      .select([
        'e.id',
        't.number as ticketNumber',
        'c.name as categoryName',
        'w.name as windowName',
        'e.at',
        'e.recall_count as recallCount',
      ])
      .where('e.day', '=', ctx.today)
      .where('e.kind', 'in', ['call', 'recall'])
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(BOARD_CALLS)
      .execute(),
    waitingCounts(ctx.db, ctx.today),
    listWindows(ctx.db),
    ctx.db
      .selectFrom('queue_tickets')
      .select(['window_id', 'number'])
      .where('status', 'in', ['called', 'serving'])
      .where('day', '=', ctx.today)
      .orderBy('last_called_at')
      .execute(),
  ]);
  const current = new Map(serving.map((r) => [r.window_id, r.number]));
  return {
    hallName: await hallName(ctx.db),
    calls: calls.map((c) => ({ ...c, windowName: c.windowName ?? '' })),
    waiting,
    windows: windows
      .filter((w) => w.active)
      .map((w) => ({ windowId: w.id, windowName: w.name, ticketNumber: current.get(w.id) ?? '' })),
    now: ctx.now.toISOString(),
  };
}
