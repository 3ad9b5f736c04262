// Taking a ticket (取号): at the kiosk by the entrance, or by a clerk for a resident who came to
// the window without one. The number is drawn in the ticket's transaction from the day's counter
// of its category (A001, A002 … from 001 again the next day in the township's time zone), so
// there are no gaps and no twins; the 80 mm ticket is drawn after, with the number and how many
// were waiting before it, and handed out as a short-lived link.
import type { ParsedInputOf } from '../../../shared/api/procedures';
import type { TakenTicket } from '../../../shared/queue/api';
import { ticketNumber, ticketNumberScope } from '../../../shared/queue/queue';
import { creationRefusal } from '../../../shared/workflow/kind';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import { localDate, localTime } from '../api/settings';
import { readSetting, SETTING_TOWNSHIP_NAME } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { newVerificationCode } from '../documents/archive';
import { renderPaper } from '../documents/issue';
import { createRecord } from '../workflow/runStep';
import { queueTicketSlip } from './documents/ticketSlip';
import { ticketActor, ticketBinding } from './ticketBinding';
import type { TicketRow } from './ticketRows';

/** The hall's name on the ticket and the screens (as on every counter paper). */
export async function hallName(db: Db | Tx): Promise<string> {
  return `${(await readSetting(db, SETTING_TOWNSHIP_NAME)) ?? ''}便民服务中心`;
}

/** Tickets of its category waiting before `row` (not those transferred to a window). */
export async function waitingBefore(db: Db | Tx, row: Pick<TicketRow, 'id' | 'day' | 'category_id' | 'taken_at'>) {
  const found = await db
    .selectFrom('queue_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '=', row.day)
    .where('category_id', '=', row.category_id)
    .where('status', '=', 'waiting')
    .where('for_window_id', 'is', null)
    .where('id', '!=', row.id)
    .where((eb) =>
      eb.or([eb('taken_at', '<', row.taken_at), eb.and([eb('taken_at', '=', row.taken_at), eb('id', '<', row.id)])]),
    )
    .executeTakeFirstOrThrow();
  return Number(found.n);
}

/** `2026年3月5日 09:12` in the township's time zone. */
function takenAtText(ctx: RequestContext, iso: string): string {
  const instant = new Date(iso);
  const [y, m, d] = localDate(instant, ctx.settings.timeZone).split('-').map(Number);
  return `${y}年${m}月${d}日 ${localTime(instant, ctx.settings.timeZone)}`;
}

async function answer(ctx: RequestContext, row: TicketRow, before: number): Promise<TakenTicket> {
  const category = await ctx.db
    .selectFrom('queue_categories')
    .select('name')
    .where('id', '=', row.category_id)
    .executeTakeFirst();
  const categoryName = category?.name ?? '';
  const record = {
    hallName: await hallName(ctx.db),
    number: row.number,
    categoryName,
    waitingBefore: before,
    takenAtText: takenAtText(ctx, row.taken_at),
  };
  const { pdf } = await renderPaper(ctx.documents, queueTicketSlip, record, {
    issuedAt: new Date(row.taken_at),
    verificationCode: newVerificationCode(),
  });
  const ticketPdfUrl = ctx.documents.tickets.issue({
    urlName: `queue-ticket-${row.day}-${row.number}.pdf`,
    downloadName: `排队小票${row.number}.pdf`,
    contentType: 'application/pdf',
    read: async () => pdf,
  });
  return {
    ticketId: row.id,
    number: row.number,
    categoryName,
    waitingBefore: before,
    takenAt: row.taken_at,
    ticketPdfUrl,
  };
}

export async function takeTicket(ctx: RequestContext, input: ParsedInputOf<'queue.takeTicket'>): Promise<TakenTicket> {
  const refusal = creationRefusal(ticketBinding.kind, 'take', ticketActor(ctx));
  if (refusal) fail(refusal.code, refusal.message);
  const earlier = await findByRequest(ctx.db, input.requestId);
  if (earlier) return answer(ctx, earlier, await waitingBefore(ctx.db, earlier));

  const category = await ctx.db
    .selectFrom('queue_categories')
    .selectAll()
    .where('id', '=', input.categoryId)
    .executeTakeFirst();
  if (!category) failFields({ categoryId: '取号类别：没有这个类别，请刷新后重选' });
  if (category.active !== 1) failFields({ categoryId: `取号类别：“${category.name}”已停用` });
  const id = uuidv7();
  const day = ctx.today;
  const takenAt = ctx.now.toISOString();
  let before = 0;
  try {
    const { row } = await createRecord(ctx, ticketBinding, {
      id,
      op: 'take',
      values: {
        id,
        day,
        category_id: category.id,
        status: 'waiting',
        taken_at: takenAt,
        taken_by_name: ctx.actor.name,
        last_step_on: day,
        request_id: input.requestId,
      },
      // Drawn in the transaction; the ticket is drawn after it, so nothing is to be forecast.
      number: {
        scope: ticketNumberScope(day, category.prefix),
        expected: 0,
        prepared: { set: {}, paper: null },
        make: async (sequence) => ({ set: { sequence, number: ticketNumber(category.prefix, sequence) }, paper: null }),
      },
      summary: (numbered) => `取号 ${numbered.number}（${category.name}）`,
      data: { categoryId: category.id, day },
      write: async (tx) => {
        before = await waitingBefore(tx, { id, day, category_id: category.id, taken_at: takenAt });
      },
    });
    return answer(ctx, row, before);
  } catch (error) {
    // Two taps of one request raced: the first took the ticket, the second answers with it.
    const again = await findByRequest(ctx.db, input.requestId);
    if (again) return answer(ctx, again, await waitingBefore(ctx.db, again));
    throw error;
  }
}

function findByRequest(db: Db, requestId: string): Promise<TicketRow | undefined> {
  return db.selectFrom('queue_tickets').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}
