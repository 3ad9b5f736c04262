import type { ResidentRecord, ResidentSummary } from '../../../shared/residents/api';
import type { IdType } from '../../../shared/residents/idTypes';
import { maskIdNumber, maskPhone } from '../../../shared/residents/masking';
import { residentSearchTokens, reverseString } from '../../../shared/residents/search';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';

export type ResidentRow = Database['residents'];
type JoinedRow = ResidentRow & { village_name: string; group_name: string | null };

/** The columns derived from the editable ones: reversed numbers for suffix search. */
export function derivedColumns(idNumber: string, phone: string) {
  return { id_number_reversed: reverseString(idNumber), phone_reversed: reverseString(phone.replace(/-/g, '')) };
}

export async function replaceSearchTokens(tx: Tx, residentId: string, name: string): Promise<void> {
  await tx.deleteFrom('resident_search_tokens').where('resident_id', '=', residentId).execute();
  const tokens = residentSearchTokens(name);
  if (tokens.length === 0) return;
  await tx
    .insertInto('resident_search_tokens')
    .values(tokens.map((token) => ({ token, resident_id: residentId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function selectResidentsWithPlaces(db: Db | Tx) {
  return db
    .selectFrom('residents as r')
    .innerJoin('villages as v', 'v.id', 'r.village_id')
    .leftJoin('village_groups as g', 'g.id', 'r.group_id')
    .selectAll('r')
    .select(['v.name as village_name', 'g.name as group_name']);
}

export async function loadResident(db: Db | Tx, id: string): Promise<ResidentRecord | null> {
  const row = await selectResidentsWithPlaces(db)
    .where('r.id', '=', id)
    .where('r.voided_at', 'is', null)
    .executeTakeFirst();
  return row ? toResidentRecord(row) : null;
}

export function toResidentRecord(row: JoinedRow): ResidentRecord {
  return {
    id: row.id,
    name: row.name,
    idType: row.id_type as IdType,
    idNumber: row.id_number,
    sex: row.sex as ResidentRecord['sex'],
    birthDate: row.birth_date,
    phone: row.phone,
    ethnicity: row.ethnicity,
    villageId: row.village_id,
    villageName: row.village_name,
    groupId: row.group_id,
    groupName: row.group_name,
    address: row.address,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toResidentSummary(row: JoinedRow): ResidentSummary {
  return {
    id: row.id,
    name: row.name,
    idType: row.id_type as IdType,
    idNumberMasked: maskIdNumber(row.id_number),
    phoneMasked: maskPhone(row.phone),
    sex: row.sex as ResidentSummary['sex'],
    birthDate: row.birth_date,
    villageName: row.village_name,
    groupName: row.group_name,
  };
}
