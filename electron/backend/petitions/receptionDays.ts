// Leaders' reception days (领导接访): the rota, who receives when and where, and its posting.
import type { z } from 'zod';
import type { ReceptionDay, petitionsProcedures } from '../../../shared/petitions/api';
import { daysBetween } from '../../../shared/calendar/dates';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import { archivePrepared, prepareDocument } from '../documents/issue';
import { petitionReceptionRota } from './documents';
import type { ReceptionRotaRecord } from './documents/records';
import { readPetitionSettings } from './petitionSettings';

type Input<N extends keyof typeof petitionsProcedures> = z.output<(typeof petitionsProcedures)[N]['input']>;

export const RECEPTION_DAY_ENTITY = 'receptionDay';
/** A posting covers a season at most. */
const MAX_ROTA_DAYS = 366;

function checkSpan(from: string, to: string): void {
  if (to < from) failFields({ to: `截止日期：不能早于起始日期（${from}）` });
  if (daysBetween(from, to) > MAX_ROTA_DAYS) failFields({ to: '截止日期：一次最多查看一年的接访安排' });
}

async function loadDays(db: Db, filter: { from?: string; to?: string; ids?: string[] }): Promise<ReceptionDay[]> {
  let query = db
    .selectFrom('reception_days as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('petitions as p')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('p.reception_day_id', '=', 'r.id')
        .as('petitions'),
    )
    .orderBy('r.on')
    .orderBy('r.starts_at');
  if (filter.from) query = query.where('r.on', '>=', filter.from);
  if (filter.to) query = query.where('r.on', '<=', filter.to);
  if (filter.ids) query = query.where('r.id', 'in', filter.ids);
  return (await query.execute()).map((row) => ({
    id: row.id,
    on: row.on,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    leaderName: row.leader_name,
    leaderTitle: row.leader_title,
    note: row.note,
    petitions: Number(row.petitions ?? 0),
  }));
}

export async function listReceptionDays(input: Input<'petitions.receptionDays'>, ctx: RequestContext) {
  checkSpan(input.from, input.to);
  return { days: await loadDays(ctx.db, input) };
}

export async function saveReceptionDay(input: Input<'petitions.saveReceptionDay'>, ctx: RequestContext) {
  const id = input.id ?? uuidv7();
  const values = {
    on: input.on,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    place: input.place,
    leader_name: input.leaderName,
    leader_title: input.leaderTitle,
    note: input.note,
  };
  const clash = await ctx.db
    .selectFrom('reception_days')
    .select(['id', 'starts_at', 'ends_at', 'place'])
    .where('on', '=', input.on)
    .where('leader_name', '=', input.leaderName)
    .where('id', '!=', id)
    .where('starts_at', '<', input.endsAt)
    .where('ends_at', '>', input.startsAt)
    .executeTakeFirst();
  if (clash)
    failFields({
      startsAt: `开始时间：${input.leaderName}在${input.on} ${clash.starts_at}—${clash.ends_at}已安排在${clash.place}接访，时间重叠`,
    });
  const entry = { entity: RECEPTION_DAY_ENTITY, id, op: input.id ? 'update' : 'create' };
  await ctx.write((scope) =>
    scope.change(entry, async (tx) => {
      if (input.id) {
        const before = await tx
          .selectFrom('reception_days')
          .select(['on', 'leader_name'])
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!before) fail('NOT_FOUND', '没有这个接访安排');
        const registered = await tx
          .selectFrom('petitions')
          .select('number')
          .where('reception_day_id', '=', input.id)
          .executeTakeFirst();
        if (registered && (before.on !== input.on || before.leader_name !== input.leaderName))
          fail('CONFLICT', `该接访日已登记信访件（${registered.number}），不能再改日期或接访领导`);
        await tx
          .updateTable('reception_days')
          .set({ ...values, updated_at: scope.at })
          .where('id', '=', input.id)
          .execute();
      } else {
        await tx
          .insertInto('reception_days')
          .values({ id, ...values, created_at: scope.at, updated_at: scope.at })
          .execute();
      }
      return {
        ...values,
        summary: `${input.on} ${input.startsAt}—${input.endsAt} ${input.leaderTitle}${input.leaderName}在${input.place}接访`,
      };
    }),
  );
  return (await loadDays(ctx.db, { ids: [id] }))[0]!;
}

export async function deleteReceptionDay(input: Input<'petitions.deleteReceptionDay'>, ctx: RequestContext) {
  await ctx.write((scope) =>
    scope.change({ entity: RECEPTION_DAY_ENTITY, id: input.id, op: 'delete' }, async (tx) => {
      const day = await tx.selectFrom('reception_days').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!day) fail('NOT_FOUND', '没有这个接访安排');
      const registered = await tx
        .selectFrom('petitions')
        .select('number')
        .where('reception_day_id', '=', input.id)
        .executeTakeFirst();
      if (registered) fail('CONFLICT', `该接访日已登记信访件（${registered.number}），不能取消`);
      await tx.deleteFrom('reception_days').where('id', '=', input.id).execute();
      return { on: day.on, leaderName: day.leader_name, summary: `取消${day.on} ${day.leader_name}的接访安排` };
    }),
  );
  return { ok: true as const };
}

export async function printReceptionRota(input: Input<'petitions.printReceptionRota'>, ctx: RequestContext) {
  checkSpan(input.from, input.to);
  const days = await loadDays(ctx.db, input);
  if (days.length === 0) fail('CONFLICT', `${input.from}至${input.to}没有领导接访安排，无可公示`);
  const settings = await readPetitionSettings(ctx.db);
  const record: ReceptionRotaRecord = {
    office: { officeName: settings.officeName, phone: settings.phone },
    from: input.from,
    to: input.to,
    days: days.map(({ on, startsAt, endsAt, place, leaderName, leaderTitle, note }) => ({
      on,
      startsAt,
      endsAt,
      place,
      leaderName,
      leaderTitle,
      note,
    })),
    publishedOn: ctx.today,
  };
  const prepared = await prepareDocument(ctx.documents, petitionReceptionRota, record, ctx.now);
  const document = await ctx.write((scope) =>
    archivePrepared(scope, ctx.documents, prepared, {
      recordEntity: RECEPTION_DAY_ENTITY,
      recordId: `${input.from}..${input.to}`,
    }),
  );
  return { document };
}
