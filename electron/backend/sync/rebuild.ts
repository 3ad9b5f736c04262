// Rebuilding this township from the county hub's copy (docs/rebuild.md). The replacement PC has
// registered new keys with the replacement enrollment file the county issued; now it downloads
// the township's own change log page by page (sealed to its new box key, signed by the hub),
// puts every entry back in the log under its own number and replays the rows each entry left
// behind (db/rowImages.ts), fetches the attachments the hub holds, and takes up the batch chain
// where the hub stands — so the next case number follows the last one issued and the next batch
// is the one the hub expects.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { fromUtf8 } from '../../../shared/sync/bytes';
import {
  SYNC_PATHS,
  rebuildPayload,
  rowOfChangeEntry,
  type ChangeEntry,
  type RebuildPayload,
} from '../../../shared/sync/protocol';
import { RowReplay, replicatedTables, LOCAL_SETTING_PREFIXES } from '../db/rowImages';
import type { Tx } from '../db/writes';
import { replaceSearchTokens } from '../residents/residentRows';
import { DownRefused, openFromHub } from './downward';
import { unpackContainer } from '../../../shared/sync/container';
import { EnvelopeError, parseEnvelope } from '../../../shared/sync/envelope';
import { failFields } from '../api/failure';
import { attachmentFiles, type NamedFile } from './fileOutbox';
import { HubRejected, getRebuild, postRebuildDone } from './hubApi';
import { requestSigner, type Ready, type SyncCore } from './syncCore';
import { SYNC_SETTINGS, clearSetting, writeNumber, writeText } from './syncState';
import type { HubClient } from './transport';

export type RebuildPhase = 'entries' | 'files' | 'finish';

export interface RebuildProgressSink {
  (progress: { phase: RebuildPhase; done: number; total: number }): void;
}

export interface RebuildSummary {
  /** The hub's last entry, now ours: the next entry continues after it. */
  appliedThrough: number;
  entries: number;
  rows: number;
  /** Row images this schema could not place (a newer township's tables or columns). */
  skippedImages: number;
  files: number;
  /** Attachments the old PC never sent up: their records are there, the files are not. */
  missingFiles: string[];
  residents: number;
}

/** The schema's replicated rows and the log are emptied: a fresh installation's seeds go. */
async function emptyReplicatedTables(tx: Tx): Promise<void> {
  for (const shape of await replicatedTables(tx)) {
    if (shape.name === 'node_settings') {
      const keepLocal = LOCAL_SETTING_PREFIXES.map((p) => sql`substr(key, 1, ${p.length}) <> ${p}`);
      await sql`DELETE FROM node_settings WHERE ${sql.join(keepLocal, sql` AND `)}`.execute(tx);
    } else {
      await sql`DELETE FROM ${sql.table(shape.name)}`.execute(tx);
    }
  }
  await sql`DELETE FROM resident_search_tokens`.execute(tx);
  // The log is append-only (a trigger says so). Its few entries here are this installation's own
  // seeds and enrollment, made minutes ago; the township's log takes their numbers. The trigger
  // is lifted for this one statement, in the same transaction, and put back as it was.
  const { rows } = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'change_log_no_delete'`.execute(tx);
  await sql`DROP TRIGGER IF EXISTS change_log_no_delete`.execute(tx);
  await sql`DELETE FROM change_log`.execute(tx);
  if (rows[0]) await sql.raw(rows[0].sql).execute(tx);
  await sql`DELETE FROM sqlite_sequence WHERE name = 'change_log'`.execute(tx);
}

async function insertEntries(tx: Tx, entries: readonly ChangeEntry[], replay: RowReplay): Promise<void> {
  for (const entry of entries) {
    await tx.insertInto('change_log').values(rowOfChangeEntry(entry)).execute();
    if (entry.rows) await replay.apply(tx, entry.rows);
  }
}

/** Where the township's copy comes from: the hub over the pinned link, or the county's USB file. */
export interface RebuildSource {
  /** The page of entries after `after`, opened and checked. */
  page(ready: Ready, after: number): Promise<RebuildPayload>;
  /** An attachment's content, checked against its digest; null when the hub never had it. */
  file(ready: Ready, sha256: string): Promise<Uint8Array | null>;
  /** Tells the hub the rebuild is complete (over the link; a file's rebuild is told by the next batch). */
  done(ready: Ready): Promise<void>;
}

function openPayload(bytes: Uint8Array, ready: Ready): RebuildPayload {
  const { plaintext } = openFromHub(bytes, 'rebuild', ready.enrollment, ready.keys);
  const parsed = rebuildPayload.safeParse(JSON.parse(fromUtf8(plaintext)));
  if (!parsed.success || parsed.data.nodeId !== ready.enrollment.nodeId) {
    throw new DownRefused('重建数据的内容格式不对，或不是本乡镇的，无法使用');
  }
  return parsed.data;
}

function openAttachment(bytes: Uint8Array, ready: Ready, sha256: string): Uint8Array {
  const { plaintext, parsed } = openFromHub(bytes, 'file', ready.enrollment, ready.keys);
  const digest = createHash('sha256').update(plaintext).digest('hex');
  if (digest !== sha256 || parsed.header.sha256 !== sha256) {
    throw new DownRefused(`附件（${sha256.slice(0, 12)}…）的内容与记录的摘要不符`);
  }
  return plaintext;
}

/** The pages must follow on from where they were asked: no entry missing, none twice. */
function checkPage(page: RebuildPayload, after: number): RebuildPayload {
  if (page.after !== after) throw new DownRefused('重建数据不是本次请求的那一页');
  page.entries.forEach((entry, index) => {
    if (entry.seq !== after + index + 1)
      throw new DownRefused(`重建数据第 ${after + index + 1} 号变更缺失，序号不连续`);
  });
  return page;
}

/** The hub over the pinned link: each page and attachment asked for with a signed request. */
export function linkSource(core: SyncCore, client: HubClient, signal?: AbortSignal): RebuildSource {
  const get = (ready: Ready, path: string) => getRebuild(client, requestSigner(ready), path, core.now(), signal);
  return {
    async page(ready, after) {
      return checkPage(openPayload(await get(ready, SYNC_PATHS.rebuild(ready.enrollment.nodeId, after)), ready), after);
    },
    async file(ready, sha256) {
      try {
        return openAttachment(await get(ready, SYNC_PATHS.rebuildFile(ready.enrollment.nodeId, sha256)), ready, sha256);
      } catch (error) {
        if (error instanceof HubRejected && error.code === 'not-found') return null;
        throw error;
      }
    },
    done: (ready) => postRebuildDone(client, requestSigner(ready), core.now(), signal),
  };
}

/**
 * The county's USB file (hub/rebuild.ts `rebuildPackage`): every page, then every attachment,
 * sealed to this PC's key; opened envelope by envelope as they are asked for, so a file of
 * another township or sealed to another key is refused at the first page.
 */
export function fileSource(bytes: Uint8Array): RebuildSource {
  let envelopes: Uint8Array[] = [];
  try {
    envelopes = unpackContainer(bytes);
  } catch (error) {
    failFields({
      rebuildFile: `重建文件：${error instanceof EnvelopeError ? error.message : '不是县级平台导出的重建文件'}`,
    });
  }
  const pages: Uint8Array[] = [];
  const files = new Map<string, Uint8Array>();
  for (const envelope of envelopes) {
    const header = parseEnvelope(envelope).header;
    if (header.kind === 'rebuild') pages.push(envelope);
    else if (header.kind === 'file' && header.sha256) files.set(header.sha256, envelope);
  }
  if (pages.length === 0) failFields({ rebuildFile: '重建文件：文件中没有重建数据，请县级平台重新导出' });
  let next = 0;
  return {
    async page(ready, after) {
      const bytes = pages[next++];
      if (!bytes) throw new DownRefused(`重建文件不完整：第 ${after} 号以后的变更缺失，请县级平台重新导出`);
      return checkPage(openPayload(bytes, ready), after);
    },
    async file(ready, sha256) {
      const bytes = files.get(sha256);
      return bytes ? openAttachment(bytes, ready, sha256) : null;
    },
    // Nothing to tell without a link: the township's first batch tells the hub.
    done: async () => {},
  };
}

/**
 * Downloads and replays the township's copy from the hub into this (fresh) database. Foreign
 * keys are checked once at the end: the entries come in the order they were written, but the
 * baseline filed at the upgrade that brought row images lists tables in name order.
 */
export async function rebuildFromHub(
  core: SyncCore,
  source: RebuildSource,
  progress: RebuildProgressSink,
): Promise<RebuildSummary> {
  const ready = await core.ready(true);
  const db = core.db;
  const replay = new RowReplay(await replicatedTables(db));
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute((tx) => emptyReplicatedTables(tx));
    let after = 0;
    let entries = 0;
    let last: RebuildPayload | null = null as RebuildPayload | null;
    const fetchPage = (from: number) => source.page(ready, from);
    // The next page is on its way while this one is put in: the link and the disk work at once.
    let coming: Promise<RebuildPayload> | null = fetchPage(after);
    while (coming) {
      const page: RebuildPayload = await coming;
      coming = null;
      last = page;
      progress({ phase: 'entries', done: after, total: page.appliedThrough });
      if (page.entries.length === 0) break;
      const through = page.entries[page.entries.length - 1]!.seq;
      if (through < page.appliedThrough) {
        coming = fetchPage(through);
        // Caught here so a failed prefetch does not go unhandled while this page is applied.
        coming.catch(() => undefined);
      }
      await db.transaction().execute((tx) => insertEntries(tx, page.entries, replay));
      entries += page.entries.length;
      after = through;
    }
    if (!last) throw new DownRefused('县级平台没有送来重建数据');
    if (after < last.appliedThrough) {
      throw new DownRefused(`县级平台已接收至第 ${last.appliedThrough} 号，却只送来了第 ${after} 号以前的变更`);
    }
    progress({ phase: 'entries', done: after, total: last.appliedThrough });

    const problems = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
    if (problems.rows.length > 0) {
      const tables = [...new Set(problems.rows.map((r) => r.table))].join('、');
      throw new Error(`重建后的数据引用不完整（${tables}），请联系县级平台`);
    }
    const { files, missingFiles } = await fetchAttachments(core, source, ready, progress);
    progress({ phase: 'finish', done: 0, total: 1 });
    const residents = await db.transaction().execute(async (tx) => {
      await continueChain(tx, last, core.now().toISOString());
      const rows = await tx.selectFrom('residents').select(['id', 'name']).execute();
      for (const resident of rows) await replaceSearchTokens(tx, resident.id, resident.name);
      return rows.length;
    });
    await source.done(ready);
    progress({ phase: 'finish', done: 1, total: 1 });
    return {
      appliedThrough: last.appliedThrough,
      entries,
      rows: replay.applied,
      skippedImages: replay.skipped,
      files,
      missingFiles,
      residents,
    };
  } catch (error) {
    // Nothing half-done stays: the installation is fresh again (its enrollment kept), and the
    // first-run screen can try again.
    await db
      .transaction()
      .execute((tx) => emptyReplicatedTables(tx))
      .catch(() => undefined);
    throw error;
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/**
 * The batch chain goes on from the hub's last batch: an acknowledged stand-in for everything the
 * hub holds (no envelope: nothing to send again), which the next batch names as its predecessor.
 */
async function continueChain(tx: Tx, page: RebuildPayload, at: string): Promise<void> {
  await tx.deleteFrom('sync_batches').execute();
  if (page.appliedThrough > 0) {
    await tx
      .insertInto('sync_batches')
      .values({
        first: page.appliedThrough,
        last: page.appliedThrough,
        node_id: page.nodeId,
        entries: 0,
        raw_bytes: 0,
        bytes: 0,
        hash: page.lastBatchHash,
        prev: '',
        envelope: new Uint8Array(0),
        created_at: at,
        sent_at: at,
        acknowledged_at: at,
        via: 'link',
      })
      .execute();
  }
  await writeNumber(tx, SYNC_SETTINGS.ackThrough, page.appliedThrough);
  await writeNumber(tx, SYNC_SETTINGS.downApplied, page.downApplied);
  await clearSetting(tx, SYNC_SETTINGS.rebuildPending);
  // Every row here came from an image: there is nothing a baseline would add.
  await writeText(tx, SYNC_SETTINGS.rowBaseline, at);
}

/** Attachments named by the rebuilt records, from the hub (over the link or in the file). */
async function fetchAttachments(
  core: SyncCore,
  source: RebuildSource,
  ready: Ready,
  progress: RebuildProgressSink,
): Promise<{ files: number; missingFiles: string[] }> {
  const db = core.db;
  // Every kind's declared attachment tables (RecordTable `attachments`), none named here.
  const attachments = attachmentFiles(core.options.records);
  const named = await sql<NamedFile>`
    SELECT sha256, min(file_path) AS file_path FROM (${attachments}) GROUP BY sha256 ORDER BY sha256`.execute(db);
  const missingFiles: string[] = [];
  let files = 0;
  for (const [index, attachment] of named.rows.entries()) {
    progress({ phase: 'files', done: index, total: named.rows.length });
    const plaintext = await source.file(ready, attachment.sha256);
    if (!plaintext) {
      missingFiles.push(attachment.file_path);
      continue;
    }
    // Every path an attachment is filed under (the same scan on two records shares one file).
    const paths = await sql<{ file_path: string }>`
      SELECT DISTINCT file_path FROM (${attachments}) WHERE sha256 = ${attachment.sha256}`.execute(db);
    for (const { file_path } of paths.rows) await core.options.files.write(file_path, plaintext);
    // The hub holds it already: it is not sealed and sent up again.
    const at = core.now().toISOString();
    await db
      .insertInto('sync_files')
      .values({
        sha256: attachment.sha256,
        size_bytes: plaintext.length,
        envelope_path: '',
        envelope_bytes: 0,
        upload_url: null,
        created_at: at,
        uploaded_at: at,
        acknowledged_at: at,
        via: 'link',
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    files++;
  }
  progress({ phase: 'files', done: named.rows.length, total: named.rows.length });
  return { files, missingFiles };
}
