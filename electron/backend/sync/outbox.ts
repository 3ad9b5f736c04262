// The outbox: the change log cut into batches, each sealed once and stored before anything is
// sent. A stored batch never changes, so sending it again (after a dropped answer, a restart, a
// USB copy) gives the hub the very same bytes, which it recognises as a replay. Batches chain:
// each names the hash of the previous one's envelope (SHA-256, or SM3 under the 国密 suite), so
// the hub notices a lost or forged one.
//
// Sizes are for a slow link: a batch ends at ~400 KiB of entries as JSON or 2,000 entries,
// which deflates to roughly 48 KiB, a couple of seconds at 256 kbit/s — small enough that a
// dropped connection costs little, large enough that per-request overhead does not dominate.
import { sql, type Selectable } from 'kysely';
import { utf8 } from '../../../shared/sync/bytes';
import { sealEnvelope } from '../../../shared/sync/envelope';
import { suiteOf } from '../../../shared/sync/suites';
import { changeEntryOfRow, type ChangeEntry } from '../../../shared/sync/protocol';
import type { Db } from '../db/database';
import type { Database, SyncVia } from '../db/schema';
import type { KeySet } from './keyStore';
import { SYNC_SETTINGS, raiseNumber, writeNumber } from './syncState';
import { nodeDeflateRaw } from './nodeDeflate';

export const DEFAULT_BATCH_MAX_ENTRIES = 2_000;
export const DEFAULT_BATCH_MAX_RAW_BYTES = 400 * 1024;

export interface BatchLimits {
  maxEntries: number;
  maxRawBytes: number;
}

export type BatchRow = Selectable<Database['sync_batches']>;

export interface SealContext {
  nodeId: string;
  keys: KeySet;
  hubBoxPublicKey: Uint8Array;
  downApplied: number;
  now: () => Date;
}

/** The change-log entries after `after`, as they travel, up to the limits (at least one). */
async function nextEntries(
  db: Db,
  after: number,
  limits: BatchLimits,
): Promise<{ entries: ChangeEntry[]; raw: number }> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limits.maxEntries)
    .execute();
  const entries: ChangeEntry[] = [];
  let raw = 0;
  for (const row of rows) {
    // data is stored as JSON text; its length plus the fixed fields is the entry's JSON size
    // (ASCII-exact, and close enough for Chinese text to size a batch).
    const size =
      row.data.length +
      (row.row_images?.length ?? 0) +
      row.entity.length +
      row.entity_id.length +
      row.actor_name.length +
      160;
    if (entries.length > 0 && raw + size > limits.maxRawBytes) break;
    // The log must be contiguous: a batch never spans a hole (there are none in an AUTOINCREMENT
    // log that is never deleted from, but a batch with one would be refused forever).
    if (entries.length > 0 && row.seq !== entries[entries.length - 1]!.seq + 1) break;
    entries.push(changeEntryOfRow(row));
    raw += size;
  }
  return { entries, raw };
}

export async function lastBatch(db: Db): Promise<BatchRow | undefined> {
  return db.selectFrom('sync_batches').selectAll().orderBy('first', 'desc').limit(1).executeTakeFirst();
}

/**
 * Seals and stores batches until every change-log entry is in one. Callers serialise this (the
 * engine's lock): two builders would chain two batches to the same predecessor.
 * @returns how many batches were made.
 */
export async function buildBatches(db: Db, context: SealContext, limits: BatchLimits): Promise<number> {
  let made = 0;
  for (;;) {
    const previous = await lastBatch(db);
    const { entries, raw } = await nextEntries(db, previous?.last ?? 0, limits);
    if (entries.length === 0) return made;
    const first = entries[0]!.seq;
    const last = entries[entries.length - 1]!.seq;
    const envelope = sealEnvelope({
      suite: context.keys.suite,
      header: {
        kind: 'batch',
        node: context.nodeId,
        first,
        last,
        prev: previous?.hash ?? '',
        downApplied: context.downApplied,
        created: context.now().toISOString(),
      },
      plaintext: utf8(JSON.stringify({ entries })),
      recipientPublicKey: context.hubBoxPublicKey,
      deflateRaw: nodeDeflateRaw,
      signer: context.keys.signing,
    });
    await db
      .insertInto('sync_batches')
      .values({
        first,
        last,
        node_id: context.nodeId,
        entries: entries.length,
        raw_bytes: raw,
        bytes: envelope.byteLength,
        hash: suiteOf(context.keys.suite).hashHex(envelope),
        prev: previous?.hash ?? '',
        envelope: Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength),
        created_at: context.now().toISOString(),
      })
      .execute();
    made++;
  }
}

/** Stored batches the hub has not acknowledged, oldest first. */
export async function unacknowledgedBatches(db: Db): Promise<BatchRow[]> {
  return db.selectFrom('sync_batches').selectAll().where('acknowledged_at', 'is', null).orderBy('first').execute();
}

/**
 * Marks every batch up to `through` acknowledged: only the hub's appliedThrough does this.
 * @returns how many batches became acknowledged now.
 */
export async function acknowledgeThrough(db: Db, through: number, via: SyncVia, at: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('sync_batches')
      .set({ acknowledged_at: at, via })
      .where('last', '<=', through)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    await raiseNumber(tx, SYNC_SETTINGS.ackThrough, through);
    return Number(result.numUpdatedRows);
  });
}

/**
 * The hub has less than we were told (restored from a backup): the batches after its
 * appliedThrough are not acknowledged after all and go again.
 * @returns how many batches were reopened.
 */
export async function reopenAfter(db: Db, through: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('sync_batches')
      .set({ acknowledged_at: null, via: null })
      .where('last', '>', through)
      .where('acknowledged_at', 'is not', null)
      .executeTakeFirst();
    await writeNumber(tx, SYNC_SETTINGS.ackThrough, through);
    return Number(result.numUpdatedRows);
  });
}

export async function markSent(db: Db, first: number, at: string): Promise<void> {
  await db
    .updateTable('sync_batches')
    .set({ sent_at: at })
    .where('first', '=', first)
    .where('sent_at', 'is', null)
    .execute();
}

/** Entries not yet acknowledged (batched or not) and the bytes of the batches waiting. */
/**
 * What is still to go up: entries past the hub's acknowledgement, and their bytes on the wire —
 * exact for sealed batches, estimated for entries not yet in one (their JSON at the compression
 * the sealed batches achieved, or 1:5 before the first), so the screen never says "0 bytes" for
 * a backlog of entries.
 */
export async function pendingEntries(db: Db, ackThrough: number): Promise<{ entries: number; bytes: number }> {
  const [log, sealed] = await Promise.all([
    db
      .selectFrom('change_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', ackThrough)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sync_batches')
      .select([
        sql<number>`coalesce(sum(case when acknowledged_at is null then bytes else 0 end), 0)`.as('unacknowledged'),
        sql<number>`coalesce(sum(bytes), 0)`.as('bytes'),
        sql<number>`coalesce(sum(raw_bytes), 0)`.as('raw'),
        sql<number>`coalesce(max(last), 0)`.as('last'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const unsealed = await db
    .selectFrom('change_log')
    .select(
      sql<number>`coalesce(sum(length(cast(data as blob)) + coalesce(length(cast(row_images as blob)), 0) + length(cast(entity_id as blob)) + length(cast(actor_name as blob)) + 120), 0)`.as(
        'raw',
      ),
    )
    .where('seq', '>', Math.max(ackThrough, Number(sealed.last)))
    .executeTakeFirstOrThrow();
  const ratio = Number(sealed.raw) > 0 ? Number(sealed.bytes) / Number(sealed.raw) : 0.2;
  return {
    entries: Number(log.n),
    bytes: Number(sealed.unacknowledged) + Math.round(Number(unsealed.raw) * ratio),
  };
}

/** The latest batches for the screen, newest first. */
export async function batchHistory(db: Db, limit = 50) {
  const rows = await db
    .selectFrom('sync_batches')
    .select(['first', 'last', 'entries', 'bytes', 'hash', 'created_at', 'sent_at', 'acknowledged_at', 'via'])
    .orderBy('first', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    first: row.first,
    last: row.last,
    entries: row.entries,
    bytes: row.bytes,
    hash: row.hash,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    acknowledgedAt: row.acknowledged_at,
    via: row.via,
  }));
}

/** A stored envelope as bytes (sqlite3 hands BLOBs back as Buffers). */
export function envelopeOf(row: Pick<BatchRow, 'envelope'>): Uint8Array {
  const value = row.envelope;
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
