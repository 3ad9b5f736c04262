import type { Role } from '../../../shared/auth/roles';
import type { CommitteeRecord, MediatorRecord } from '../../../shared/mediation/committees';
import { MEDIATION_SPECIALITIES } from '../../../shared/mediation/committees';
import { checkIdNumber } from '../../../shared/residents/idTypes';
import { maskIdNumber } from '../../../shared/residents/masking';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';

type Speciality = (typeof MEDIATION_SPECIALITIES)[number];

async function committeeRecords(db: Db | Tx, ids?: string[]): Promise<CommitteeRecord[]> {
  let query = db
    .selectFrom('mediation_committees as c')
    .leftJoin('villages as v', 'v.id', 'c.village_id')
    .selectAll('c')
    .select((eb) => [
      'v.name as village_name',
      eb
        .selectFrom('committee_mediators as cm')
        .innerJoin('mediators as m', 'm.id', 'cm.mediator_id')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('cm.committee_id', '=', 'c.id')
        .where('m.active', '=', 1)
        .as('mediator_count'),
    ])
    // Township first, then villages, then specialised; by name within each.
    .orderBy((eb) =>
      eb.case().when('c.kind', '=', 'township').then(0).when('c.kind', '=', 'village').then(1).else(2).end(),
    )
    .orderBy('c.name');
  if (ids) query = query.where('c.id', 'in', ids);
  return (await query.execute()).map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    villageId: row.village_id,
    villageName: row.village_name,
    speciality: row.speciality as Speciality | null,
    sealName: row.seal_name,
    casePrefix: row.case_prefix,
    phone: row.phone,
    active: row.active === 1,
    mediatorCount: Number(row.mediator_count ?? 0),
    version: row.version,
  }));
}

async function mediatorRecords(
  db: Db | Tx,
  filter: { ids?: string[]; committeeId?: string },
): Promise<MediatorRecord[]> {
  let query = db
    .selectFrom('mediators as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('m')
    .select('u.display_name as user_name')
    .orderBy('m.name');
  if (filter.ids) query = query.where('m.id', 'in', filter.ids);
  if (filter.committeeId) {
    const committeeId = filter.committeeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('committee_mediators as cm')
          .select('cm.mediator_id')
          .whereRef('cm.mediator_id', '=', 'm.id')
          .where('cm.committee_id', '=', committeeId),
      ),
    );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('committee_mediators as cm')
    .innerJoin('mediation_committees as c', 'c.id', 'cm.committee_id')
    .select(['cm.mediator_id', 'c.id', 'c.name'])
    .where(
      'cm.mediator_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('c.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    idNumberMasked: row.id_number ? maskIdNumber(row.id_number) : '',
    phone: row.phone,
    committees: memberships.filter((m) => m.mediator_id === row.id).map((m) => ({ id: m.id, name: m.name })),
    specialities: JSON.parse(row.specialities) as Speciality[],
    fullTime: row.full_time === 1,
    lawyer: row.lawyer === 1,
    userId: row.user_id,
    userName: row.user_name,
    active: row.active === 1,
    version: row.version,
  }));
}

/** The row at `version`, or the reason it cannot be edited. */
async function current<T extends { version: number }>(row: T | undefined, version: number | undefined, what: string) {
  if (!row) fail('NOT_FOUND', `没有这个${what}`);
  if (version === undefined) failFields({ version: `修改${what}须带上版本` });
  if (row.version !== version) fail('STALE', `该${what}刚被别人修改过，请刷新后再改`);
  return row;
}

function sqliteUnique(error: unknown, column: string): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message) && error.message.includes(column);
}

async function assertUserIsMediator(ctx: RequestContext, userId: string | null) {
  if (!userId) return;
  const user = await ctx.db.selectFrom('users').select('roles').where('id', '=', userId).executeTakeFirst();
  if (!user) failFields({ userId: '登录账号：没有这个用户' });
  const roles = JSON.parse(user.roles) as Role[];
  if (!roles.includes('mediator') && !roles.includes('committeeHead')) {
    failFields({ userId: '登录账号：该用户没有“人民调解员”或“调委会主任”角色' });
  }
}

export const committeesHandlers: HandlersFor<
  'mediation.committees' | 'mediation.saveCommittee' | 'mediation.mediators' | 'mediation.saveMediator'
> = {
  async 'mediation.committees'(input, ctx) {
    const committees = await committeeRecords(ctx.db);
    return { committees: input.includeInactive ? committees : committees.filter((c) => c.active) };
  },

  async 'mediation.saveCommittee'(input, ctx) {
    if (input.villageId) {
      const village = await ctx.db
        .selectFrom('villages')
        .select('id')
        .where('id', '=', input.villageId)
        .executeTakeFirst();
      if (!village) failFields({ villageId: '所在村（社区）：没有这个村（社区）' });
    }
    try {
      const id = await ctx.write(async (scope) => {
        const columns = {
          name: input.name,
          kind: input.kind,
          village_id: input.villageId,
          speciality: input.speciality,
          seal_name: input.sealName,
          case_prefix: input.casePrefix,
          phone: input.phone,
          active: input.active ? 1 : 0,
          updated_at: scope.at,
        };
        if (input.id) {
          const row = await scope.tx
            .selectFrom('mediation_committees')
            .selectAll()
            .where('id', '=', input.id)
            .executeTakeFirst();
          await current(row, input.version, '调委会');
          await scope.update(
            'mediation_committees',
            row!,
            columns,
            { entity: 'mediationCommittee', id: input.id, op: 'update', data: columns },
            '这个调委会刚被别人修改过，请刷新后再改',
          );
          return input.id;
        }
        const newId = uuidv7();
        await scope.insert(
          'mediation_committees',
          { id: newId, ...columns, created_at: scope.at, version: 1 },
          { entity: 'mediationCommittee', id: newId, op: 'create', data: columns },
        );
        return newId;
      });
      return (await committeeRecords(ctx.db, [id]))[0]!;
    } catch (error) {
      if (sqliteUnique(error, 'mediation_committees.name')) failFields({ name: `调委会名称：“${input.name}”已有` });
      if (sqliteUnique(error, 'mediation_committees.case_prefix')) {
        failFields({ casePrefix: `案号字号：“${input.casePrefix}”已被另一个调委会使用，案号会重复` });
      }
      throw error;
    }
  },

  async 'mediation.mediators'(input, ctx) {
    const mediators = await mediatorRecords(ctx.db, { committeeId: input.committeeId });
    return { mediators: input.includeInactive ? mediators : mediators.filter((m) => m.active) };
  },

  async 'mediation.saveMediator'(input, ctx) {
    let idNumber = '';
    if (input.idNumber) {
      const checked = checkIdNumber('residentId', input.idNumber, ctx.today);
      if (!checked.ok) failFields({ idNumber: `身份证号码：${checked.message}` });
      idNumber = checked.normalized;
    }
    const committeeIds = [...new Set(input.committeeIds)];
    const known = await ctx.db
      .selectFrom('mediation_committees')
      .select('id')
      .where('id', 'in', committeeIds)
      .execute();
    if (known.length !== committeeIds.length) failFields({ committeeIds: '所属调委会：其中有不存在的调委会' });
    await assertUserIsMediator(ctx, input.userId);
    try {
      const id = await ctx.write(async (scope) => {
        const columns = {
          name: input.name,
          phone: input.phone,
          specialities: JSON.stringify([...new Set(input.specialities)]),
          full_time: input.fullTime ? 1 : 0,
          lawyer: input.lawyer ? 1 : 0,
          user_id: input.userId,
          active: input.active ? 1 : 0,
          updated_at: scope.at,
        };
        const mediatorId = input.id ?? uuidv7();
        // The log keeps the ID number masked: it is there to tell mediators apart, not to copy.
        const entry = { entity: 'mediator', id: mediatorId, op: input.id ? 'update' : 'create' };
        await scope.change(entry, async (tx) => {
          if (input.id) {
            const row = await tx.selectFrom('mediators').selectAll().where('id', '=', mediatorId).executeTakeFirst();
            await current(row, input.version, '调解员');
            await tx
              .updateTable('mediators')
              .set({ ...columns, id_number: idNumber || row!.id_number, version: row!.version + 1 })
              .where('id', '=', mediatorId)
              .execute();
            await tx.deleteFrom('committee_mediators').where('mediator_id', '=', mediatorId).execute();
          } else {
            await tx
              .insertInto('mediators')
              .values({ id: mediatorId, ...columns, id_number: idNumber, created_at: scope.at, version: 1 })
              .execute();
          }
          await tx
            .insertInto('committee_mediators')
            .values(committeeIds.map((committeeId) => ({ committee_id: committeeId, mediator_id: mediatorId })))
            .execute();
          return { ...columns, idNumberChanged: idNumber !== '', committeeIds };
        });
        return mediatorId;
      });
      return (await mediatorRecords(ctx.db, { ids: [id] }))[0]!;
    } catch (error) {
      if (sqliteUnique(error, 'mediators.user_id')) failFields({ userId: '登录账号：该账号已对应另一位调解员' });
      throw error;
    }
  },
};
