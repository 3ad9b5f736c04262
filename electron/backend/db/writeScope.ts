// One write: its rows and their change-log entries commit together or not at all, and no row is
// written without its entry — the scope's writes take the entry as an argument. The change log
// is at once the trail of every change and what goes up to the county.
import type { Insertable, Updateable } from 'kysely';
import { fail } from '../api/failure';
import type { Db } from './database';
import type { Database } from './schema';
import { appendChange, type Actor, type Tx } from './writes';

export type { Actor, Tx } from './writes';

/** What a change-log entry says: which record, what happened to it (`op`), and what it wrote. */
export interface ChangeEntry {
  entity: string;
  id: string;
  op: string;
  /** For people reading the history, `summary` among them; for the county, everything else. */
  data: unknown;
}

/** Tables of records that carry a version (a command on a record changed since is refused). */
export type VersionedTable = {
  [T in keyof Database]: 'id' | 'version' extends keyof Database[T] ? T : never;
}[keyof Database];

export interface WriteScope {
  /** Reads inside the transaction; writes go through the methods below. */
  readonly tx: Tx;
  readonly at: string;
  readonly actor: Actor;
  /** Inserts a row and appends its entry. */
  insert<T extends keyof Database>(table: T, values: Insertable<Database[T]>, entry: ChangeEntry): Promise<void>;
  /**
   * Changes a versioned row still at `key.version`: the version goes up by one and the entry is
   * appended. Refused with `stale` (STALE) when someone changed the row since it was read.
   */
  update<T extends VersionedTable>(
    table: T,
    key: { id: string; version: number },
    set: Updateable<Database[T]>,
    entry: ChangeEntry,
    stale: string,
  ): Promise<void>;
  /**
   * Rows that one entry covers — a village and its groups, a setting, a document — written by
   * `write`, which answers the entry's data (what it wrote); the entry is appended after it.
   */
  change(entry: Omit<ChangeEntry, 'data'>, write: (tx: Tx) => Promise<unknown>): Promise<void>;
}

function append(tx: Tx, actor: Actor, at: string, entry: ChangeEntry) {
  return appendChange(tx, { entity: entry.entity, entityId: entry.id, op: entry.op, data: entry.data, actor, at });
}

export function writeScope(tx: Tx, actor: Actor, at: string): WriteScope {
  return {
    tx,
    at,
    actor,
    async insert(table, values, entry) {
      await tx
        .insertInto(table)
        .values(values as never)
        .execute();
      await append(tx, actor, at, entry);
    },
    async update(table, key, set, entry, stale) {
      const result = await tx
        .updateTable(table as VersionedTable)
        .set((eb) => ({ ...(set as object), version: eb('version', '+', 1) }) as never)
        .where('id', '=', key.id)
        .where('version', '=', key.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) fail('STALE', stale);
      await append(tx, actor, at, entry);
    },
    async change(entry, write) {
      const data = await write(tx);
      await append(tx, actor, at, { ...entry, data });
    },
  };
}

/** One transaction whose entries carry `actor` and `at`: the only way anything writes. */
export function runWrite<T>(db: Db, actor: Actor, at: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return db.transaction().execute((tx) => work(writeScope(tx, actor, at)));
}
