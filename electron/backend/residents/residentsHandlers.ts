import type { ParsedInputOf } from '../../../shared/api/procedures';
import { ID_TYPE_LABELS, checkIdNumber, derivesPersonalData } from '../../../shared/residents/idTypes';
import { describeTerms, parseResidentQuery } from '../../../shared/residents/search';
import { ApiFailure, fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Tx } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';
import { derivedColumns, loadResident, replaceSearchTokens } from './residentRows';
import { searchResidents } from './residentSearch';
import { residentTable } from './residentTable';
import { readableCondition } from '../workflow/recordTables';
import { accessRefusal } from '../../../shared/workflow/kind';
import { residentAccess } from '../../../shared/residents/residentAccess';
import type { Reader } from '../../../shared/workflow/access';

type ResidentFields = ParsedInputOf<'residents.register'>;

export const residentsHandlers: HandlersFor<
  'residents.search' | 'residents.get' | 'residents.register' | 'residents.update'
> = {
  async 'residents.search'(input, ctx) {
    const parsed = parseResidentQuery(input.query);
    if (!parsed.ok) failFields({ query: `查询内容：${parsed.message}` });
    const readable = readableCondition(residentTable, ctx.requireUser(), 'r');
    const found = await searchResidents(ctx.db, parsed.terms, input.limit ?? 20, readable);
    return { ...found, interpretedAs: `按${describeTerms(parsed.terms)}查找` };
  },

  async 'residents.get'(input, ctx) {
    const resident = await loadResident(ctx.db, input.id);
    if (!resident) fail('NOT_FOUND', '没有这位居民（可能已作废）');
    return resident;
  },

  async 'residents.register'(input, ctx) {
    const id = uuidv7();
    await ctx.write(async ({ tx, at, actor, change }) => {
      const fields = await checkResident(tx, input, ctx.today, null, ctx.requireUser());
      // The search tokens are the record's index, written under its entry.
      await change({ entity: 'resident', id, op: 'create' }, async (write) => {
        await write
          .insertInto('residents')
          .values({
            id,
            ...fields,
            ...derivedColumns(fields.id_number, fields.phone),
            created_at: at,
            created_by: actor.id,
            updated_at: at,
            version: 1,
            voided_at: null,
            void_reason: null,
          })
          .execute()
          .catch(duplicateRace);
        await replaceSearchTokens(write, id, fields.name);
        return fields;
      });
    });
    return (await loadResident(ctx.db, id))!;
  },

  async 'residents.update'(input, ctx) {
    const { id, version, ...editable } = input;
    await ctx.write(async ({ tx, at, change }) => {
      const current = await tx
        .selectFrom('residents')
        .selectAll()
        .where('id', '=', id)
        .where('voided_at', 'is', null)
        .executeTakeFirst();
      if (!current) fail('NOT_FOUND', '没有这位居民（可能已作废）');
      if (current.version !== version) {
        fail('STALE', '这位居民的信息刚被别人修改过。为免覆盖，请重新打开后再改（您填写的内容仍在本页）', {
          details: { currentVersion: current.version },
        });
      }
      const fields = await checkResident(tx, editable, ctx.today, id, ctx.requireUser());
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => current[key as keyof typeof current] !== value),
      );
      if (Object.keys(changed).length === 0) return;
      await change({ entity: 'resident', id, op: 'update' }, async (write) => {
        await write
          .updateTable('residents')
          .set({ ...fields, ...derivedColumns(fields.id_number, fields.phone), updated_at: at, version: version + 1 })
          .where('id', '=', id)
          .execute()
          .catch(duplicateRace);
        if (changed.name !== undefined) await replaceSearchTokens(write, id, fields.name);
        return changed;
      });
    });
    return (await loadResident(ctx.db, id))!;
  },
};

/**
 * The checks that need more than the schema: the ID number by its type (checksum, birth
 * date not after today), sex and birth date read off it, the village and group, and that no
 * other living record holds the same document. Returns the columns to store.
 */
async function checkResident(tx: Tx, input: ResidentFields, today: string, selfId: string | null, reader: Reader) {
  const errors: Record<string, string> = {};
  const outOfScope = accessRefusal(residentAccess, reader, { villageId: input.villageId }, '登记');
  if (outOfScope) errors.villageId = `村（社区）：${outOfScope}`;
  const idCheck = checkIdNumber(input.idType, input.idNumber, today);
  let sex = input.sex ?? null;
  let birthDate = input.birthDate ?? null;
  if (!idCheck.ok) {
    errors.idNumber = `证件号码：${idCheck.message}`;
  } else if (derivesPersonalData(input.idType)) {
    sex = idCheck.sex ?? sex;
    birthDate = idCheck.birthDate ?? birthDate;
  } else {
    if (!sex) errors.sex = '性别：必须填写';
    if (!birthDate) errors.birthDate = '出生日期：必须填写';
  }
  if (birthDate && birthDate > today) errors.birthDate = `出生日期：${birthDate} 晚于今天`;

  const village = await tx.selectFrom('villages').select('id').where('id', '=', input.villageId).executeTakeFirst();
  if (!village) errors.villageId = '村（社区）：没有这个村（社区），请从列表中选择';
  const groupId = input.groupId ?? null;
  if (groupId) {
    const group = await tx
      .selectFrom('village_groups')
      .select('village_id')
      .where('id', '=', groupId)
      .executeTakeFirst();
    if (!group || group.village_id !== input.villageId) errors.groupId = '村民小组：不属于所选的村（社区）';
  }
  if (Object.keys(errors).length > 0) failFields(errors);

  const idNumber = idCheck.ok ? idCheck.normalized : input.idNumber;
  const holder = await tx
    .selectFrom('residents')
    .select(['id', 'name'])
    .where('id_type', '=', input.idType)
    .where('id_number', '=', idNumber)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (holder && holder.id !== selfId) {
    const message = `该${ID_TYPE_LABELS[input.idType]}号码已登记为居民“${holder.name}”，不能重复登记`;
    fail('DUPLICATE', message, {
      fieldErrors: { idNumber: `证件号码：${message}` },
      details: { existingResidentId: holder.id, existingName: holder.name },
    });
  }
  return {
    name: input.name,
    id_type: input.idType,
    id_number: idNumber,
    sex,
    birth_date: birthDate,
    phone: input.phone,
    ethnicity: input.ethnicity,
    village_id: input.villageId,
    group_id: groupId,
    address: input.address,
    note: input.note,
  };
}

/** Two windows registering the same number at once: the unique index answers for the loser. */
function duplicateRace(error: unknown): never {
  if (error instanceof Error && /UNIQUE constraint failed: residents/.test(error.message)) {
    throw new ApiFailure({
      code: 'DUPLICATE',
      message: '该证件号码刚刚已被登记，请重新查找',
      fieldErrors: { idNumber: '证件号码：刚刚已被登记，请重新查找' },
    });
  }
  throw error;
}
