import type { VillageRecord } from '../../../shared/places/api';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';

export const placesHandlers: HandlersFor<'places.listVillages' | 'places.saveVillage'> = {
  async 'places.listVillages'(_input, ctx) {
    return { items: await listVillages(ctx.db) };
  },

  async 'places.saveVillage'(input, ctx) {
    const names = input.groups.map((g) => g.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) failFields({ groups: `村民小组：“${repeated}”重复了` });
    const id = input.id ?? uuidv7();
    await ctx.write((scope) =>
      scope.change({ entity: 'village', id, op: input.id ? 'update' : 'create' }, async (tx) => {
        const at = scope.at;
        const sameName = await tx.selectFrom('villages').select('id').where('name', '=', input.name).executeTakeFirst();
        if (sameName && sameName.id !== id) failFields({ name: `村（社区）名称：“${input.name}”已有` });
        if (input.id) {
          const current = await tx
            .selectFrom('villages')
            .select('version')
            .where('id', '=', input.id)
            .executeTakeFirst();
          if (!current) fail('NOT_FOUND', '没有这个村（社区）');
          if (current.version !== input.version) fail('STALE', '该村（社区）刚被别人修改过，请刷新后再改');
          await tx
            .updateTable('villages')
            .set({ name: input.name, kind: input.kind, updated_at: at, version: current.version + 1 })
            .where('id', '=', input.id)
            .execute();
        } else {
          const count = await tx
            .selectFrom('villages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('villages')
            .values({
              id,
              name: input.name,
              kind: input.kind,
              sort_order: Number(count.n) + 1,
              created_at: at,
              updated_at: at,
              version: 1,
            })
            .execute();
        }
        const existingGroups = await tx
          .selectFrom('village_groups')
          .select(['id', 'name'])
          .where('village_id', '=', id)
          .execute();
        for (const [index, group] of input.groups.entries()) {
          if (group.id) {
            if (!existingGroups.some((g) => g.id === group.id))
              fail('NOT_FOUND', `小组“${group.name}”不属于本村（社区）`);
            await tx
              .updateTable('village_groups')
              .set({ name: group.name, sort_order: index + 1 })
              .where('id', '=', group.id)
              .execute();
          } else {
            await tx
              .insertInto('village_groups')
              .values({ id: uuidv7(), village_id: id, name: group.name, sort_order: index + 1 })
              .execute();
          }
        }
        const omitted = existingGroups.filter((g) => !input.groups.some((x) => x.id === g.id));
        if (omitted.length > 0) fail('CONFLICT', `小组不能删除（${omitted.map((g) => g.name).join('、')}），可以改名`);
        return loadVillage(tx, id);
      }),
    );
    return loadVillage(ctx.db, id);
  },
};

export async function listVillages(db: Db | Tx): Promise<VillageRecord[]> {
  const villages = await db.selectFrom('villages').selectAll().orderBy('sort_order').orderBy('name').execute();
  const groups = await db
    .selectFrom('village_groups')
    .select(['id', 'name', 'village_id'])
    .orderBy('sort_order')
    .execute();
  return villages.map((v) => ({
    id: v.id,
    name: v.name,
    kind: v.kind as VillageRecord['kind'],
    version: v.version,
    groups: groups.filter((g) => g.village_id === v.id).map((g) => ({ id: g.id, name: g.name })),
  }));
}

async function loadVillage(db: Db | Tx, id: string): Promise<VillageRecord> {
  const found = (await listVillages(db)).find((v) => v.id === id);
  if (!found) fail('NOT_FOUND', '没有这个村（社区）');
  return found;
}
