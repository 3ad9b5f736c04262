// The township's record a county instruction is about (`instruction.about`: a kind and a number,
// shared/sync/instructionAbout.ts). The county knows a record by its number, never by the
// township's id, so the township finds it by the number in its own tables — each lookup by a
// unique index (a matter's and a petition's year and sequence, a case's number, a dispute's
// sequence) — and reads a record's own number the same way to find the instructions about it.
import type { Db } from '../db/database';
import {
  readRecordNumber,
  type InstructionAbout,
  type InstructionRecordKind,
  type RecordNumberKey,
} from '../../../shared/sync/instructionAbout';

/** The number of a record of this township as the pointer compares it; null: none yet (a case before 受理). */
export async function numberKeyOf(db: Db, kind: InstructionRecordKind, id: string): Promise<RecordNumberKey | null> {
  const number = await recordNumber(db, kind, id);
  if (!number) return null;
  const read = readRecordNumber(kind, number);
  return read.ok ? read.key : null;
}

async function recordNumber(db: Db, kind: InstructionRecordKind, id: string): Promise<string | null> {
  switch (kind) {
    case 'matter':
      return (await db.selectFrom('matters').select('number').where('id', '=', id).executeTakeFirst())?.number ?? null;
    case 'petition':
      return (
        (await db.selectFrom('petitions').select('number').where('id', '=', id).executeTakeFirst())?.number ?? null
      );
    case 'dispute':
      return (
        (await db.selectFrom('disputes').select('case_number').where('id', '=', id).executeTakeFirst())?.case_number ??
        null
      );
    case 'counterCase':
      return (
        (await db.selectFrom('counter_cases').select('case_number').where('id', '=', id).executeTakeFirst())
          ?.case_number ?? null
      );
  }
}

/**
 * The id of the record `about` names here; null when no record has that number (a number typed
 * wrong at the county) or — a dispute number without its committee's prefix in a township with
 * two committees — when more than one has.
 */
export async function recordIdOf(db: Db, about: InstructionAbout): Promise<string | null> {
  const read = readRecordNumber(about.kind, about.number);
  if (!read.ok) return null;
  const { key, number } = read;
  let candidates: { id: string; number: string | null }[];
  switch (about.kind) {
    case 'matter':
      candidates = await db
        .selectFrom('matters')
        .select(['id', 'number'])
        .where('year', '=', key.year)
        .where('sequence', '=', key.sequence)
        .execute();
      break;
    case 'petition':
      candidates = await db
        .selectFrom('petitions')
        .select(['id', 'number'])
        .where('year', '=', key.year)
        .where('sequence', '=', key.sequence)
        .execute();
      break;
    case 'dispute':
      candidates = await db
        .selectFrom('disputes')
        .select(['id', 'case_number as number'])
        .where('case_sequence', '=', key.sequence)
        .where('case_year', '=', key.year)
        .execute();
      break;
    case 'counterCase':
      candidates = await db
        .selectFrom('counter_cases')
        .select(['id', 'case_number as number'])
        .where('case_number', '=', number)
        .execute();
      break;
  }
  // The prefix, where the pointer names one, must be the record's own.
  const matching = candidates.filter((c) => {
    const own = c.number ? readRecordNumber(about.kind, c.number) : null;
    return own?.ok && (key.prefix === null || own.key.prefix === null || own.key.prefix === key.prefix);
  });
  return matching.length === 1 ? matching[0]!.id : null;
}
