// Attachments (the scans and photos of every kind of record that declares some) go up beside
// the batches that name them, each sealed once as a 'file' envelope kept under
// <data>/sync/outgoing/<sha256>.tde, and sent
// with the hub's subset of tus 1.0.0 (resumable uploads): create the upload, PATCH 256 KiB at a
// time, and after an interruption ask the hub (HEAD) how much it has and continue from there.
// The upload address is stored before the first byte is sent, so even a restarted node resumes.
import { readFile, mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Selectable } from 'kysely';
import { sha256Hex } from '../../../shared/sync/bytes';
import { sealEnvelope } from '../../../shared/sync/envelope';
import { SYNC_PATHS } from '../../../shared/sync/protocol';
import type { DataFiles } from '../db/dataFiles';
import { declaredAttachmentTables, type RecordTables } from '../workflow/recordTables';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { expectStatus } from './hubApi';
import type { KeySet } from './keyStore';
import { LinkError, type HubClient, type HubResponse } from './transport';
import { nodeDeflateRaw } from './nodeDeflate';

export const DEFAULT_CHUNK_BYTES = 256 * 1024;
export const OUTGOING_FOLDER = path.join('sync', 'outgoing');
const TUS = { 'Tus-Resumable': '1.0.0' };

export type FileRow = Selectable<Database['sync_files']>;

export interface FileSealContext {
  db: Db;
  dataDir: string;
  /** The attachments, as stored (decrypted here, sealed again to the hub). */
  files: DataFiles;
  /** The kinds of record, whose declared attachment tables name the files to send. */
  records: RecordTables;
  nodeId: string;
  keys: KeySet;
  hubBoxPublicKey: Uint8Array;
  now: () => Date;
  log: (line: string) => void;
}

/** An attachment file as its rows name it: the content's hash and where it lies in the data folder. */
export interface NamedFile {
  sha256: string;
  file_path: string;
}

/**
 * The attachments of every kind that declares some (RecordTable `attachments`) as one query:
 * each file once, by its hash, with one of the paths it is filed under.
 */
export function attachmentFiles(records: RecordTables) {
  const selects = declaredAttachmentTables(records).map(
    ({ table }) => sql`SELECT sha256, file_path FROM ${sql.table(table)}`,
  );
  return selects.length ? sql.join(selects, sql` UNION ALL `) : sql`SELECT '' AS sha256, '' AS file_path WHERE 0`;
}

/** Attachments of every kind whose file has no envelope yet, each file once. */
export async function unsealedAttachments(db: Db, records: RecordTables): Promise<NamedFile[]> {
  const { rows } = await sql<NamedFile>`
    SELECT a.sha256, min(a.file_path) AS file_path FROM (${attachmentFiles(records)}) a
    WHERE NOT EXISTS (SELECT 1 FROM sync_files f WHERE f.sha256 = a.sha256)
    GROUP BY a.sha256 ORDER BY a.sha256`.execute(db);
  return rows;
}

/** Seals every attachment that has no envelope yet. @returns how many were sealed. */
export async function sealPendingFiles(context: FileSealContext): Promise<number> {
  const { db, dataDir } = context;
  const waiting = await unsealedAttachments(db, context.records);
  let sealed = 0;
  for (const attachment of waiting) {
    let bytes: Uint8Array;
    try {
      bytes = await context.files.read(attachment.file_path);
    } catch {
      context.log(`附件文件缺失，未能上报：${attachment.file_path}`);
      continue;
    }
    if (sha256Hex(bytes) !== attachment.sha256) {
      context.log(`附件文件与登记的摘要不符，未能上报：${attachment.file_path}`);
      continue;
    }
    const envelope = sealEnvelope({
      suite: context.keys.suite,
      header: { kind: 'file', node: context.nodeId, sha256: attachment.sha256, created: context.now().toISOString() },
      plaintext: bytes,
      recipientPublicKey: context.hubBoxPublicKey,
      deflateRaw: nodeDeflateRaw,
      signer: context.keys.signing,
    });
    const relative = path.join(OUTGOING_FOLDER, `${attachment.sha256}.tde`);
    const absolute = path.join(dataDir, relative);
    await mkdir(path.dirname(absolute), { recursive: true });
    // Written whole, then renamed: a file under its final name is always complete.
    await writeFile(`${absolute}.partial`, envelope);
    await rename(`${absolute}.partial`, absolute);
    await db
      .insertInto('sync_files')
      .values({
        sha256: attachment.sha256,
        size_bytes: bytes.byteLength,
        envelope_path: relative,
        envelope_bytes: envelope.byteLength,
        created_at: context.now().toISOString(),
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    sealed++;
  }
  return sealed;
}

export async function unacknowledgedFiles(db: Db): Promise<FileRow[]> {
  return db.selectFrom('sync_files').selectAll().where('acknowledged_at', 'is', null).orderBy('created_at').execute();
}

export async function readFileEnvelope(dataDir: string, row: FileRow): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(dataDir, row.envelope_path)));
}

/** Frees the disk space of envelopes the hub holds (the row stays, with an empty path). */
export async function removeAcknowledgedEnvelopes(db: Db, dataDir: string): Promise<void> {
  const rows = await db
    .selectFrom('sync_files')
    .select(['sha256', 'envelope_path'])
    .where('acknowledged_at', 'is not', null)
    .where('envelope_path', '!=', '')
    .execute();
  for (const row of rows) {
    await rm(path.join(dataDir, row.envelope_path), { force: true });
    await db.updateTable('sync_files').set({ envelope_path: '' }).where('sha256', '=', row.sha256).execute();
  }
}

export interface UploadContext {
  db: Db;
  dataDir: string;
  nodeId: string;
  chunkBytes: number;
  now: () => Date;
  signal: AbortSignal;
  /** Bytes the hub has newly confirmed having. */
  onBytes(bytes: number): void;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function headerNumber(value: string | string[] | undefined): number | null {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The path part of the hub's Location (the pinned client only talks to the enrolled hub anyway). */
function pathOf(location: string, hubUrl: string): string {
  const url = new URL(location, hubUrl);
  return `${url.pathname}${url.search}`;
}

async function createUpload(client: HubClient, context: UploadContext, row: FileRow, hubUrl: string): Promise<string> {
  const response = expectStatus(
    await client.request('POST', SYNC_PATHS.files, {
      headers: {
        ...TUS,
        'Upload-Length': String(row.envelope_bytes),
        'Upload-Metadata': `node ${base64(context.nodeId)},sha256 ${base64(row.sha256)}`,
      },
      signal: context.signal,
    }),
    201,
  );
  const location = response.headers.location;
  if (!location) throw new LinkError('server', '县级平台未给出附件的上传地址');
  const uploadPath = pathOf(location, hubUrl);
  await context.db.updateTable('sync_files').set({ upload_url: uploadPath }).where('sha256', '=', row.sha256).execute();
  return uploadPath;
}

interface UploadPosition {
  offset: number;
  /** The hub has verified and stored the whole envelope. */
  stored: boolean;
}

function isStored(response: HubResponse): boolean {
  return String(response.headers['upload-complete'] ?? '') === 'stored';
}

/** How much of the upload the hub holds, or null when it no longer knows the upload. */
async function uploadPosition(
  client: HubClient,
  context: UploadContext,
  uploadPath: string,
): Promise<UploadPosition | null> {
  const response = await client.request('HEAD', uploadPath, { headers: TUS, signal: context.signal });
  if (response.status === 404 || response.status === 410) return null;
  expectStatus(response, 200, 204);
  const offset = headerNumber(response.headers['upload-offset']);
  if (offset === null) throw new LinkError('server', '县级平台没有给出附件的已接收字节数');
  return { offset, stored: isStored(response) };
}

async function markStored(context: UploadContext, sha256: string): Promise<void> {
  const at = context.now().toISOString();
  await context.db
    .updateTable('sync_files')
    .set({ uploaded_at: at, acknowledged_at: at, via: 'link' })
    .where('sha256', '=', sha256)
    .where('acknowledged_at', 'is', null)
    .execute();
}

/**
 * Sends one file envelope, resuming where the hub's copy ends. Returns when the hub has stored
 * it. A network failure propagates (the engine retries, and the next try resumes).
 */
export async function uploadFile(
  client: HubClient,
  context: UploadContext,
  row: FileRow,
  hubUrl: string,
): Promise<void> {
  let envelope: Uint8Array;
  try {
    envelope = await readFileEnvelope(context.dataDir, row);
  } catch {
    // The sealed copy is gone (the folder was cleaned): forget it, so the next run seals it again.
    await context.db.deleteFrom('sync_files').where('sha256', '=', row.sha256).execute();
    return;
  }
  let uploadPath = row.upload_url;
  let position = uploadPath ? await uploadPosition(client, context, uploadPath) : null;
  if (uploadPath === null || position === null) {
    uploadPath = await createUpload(client, context, row, hubUrl);
    position = { offset: 0, stored: false };
  }
  let { offset, stored } = position;
  context.onBytes(offset);
  while (!stored) {
    // At the end but not stored (the hub stopped between the last byte and storing it): an
    // empty PATCH at the end makes it verify and store what it has.
    const chunk = envelope.subarray(offset, Math.min(offset + context.chunkBytes, envelope.byteLength));
    const response = await client.request('PATCH', uploadPath, {
      body: chunk,
      headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
      signal: context.signal,
    });
    if (response.status === 409) {
      // Our idea of the offset is stale (an earlier PATCH arrived after all): ask again.
      const actual = await uploadPosition(client, context, uploadPath);
      if (actual === null) throw new LinkError('server', '县级平台丢失了附件的上传记录，将重新上传');
      context.onBytes(actual.offset - offset);
      ({ offset, stored } = actual);
      continue;
    }
    expectStatus(response, 204);
    const next: number = headerNumber(response.headers['upload-offset']) ?? offset + chunk.byteLength;
    context.onBytes(next - offset);
    offset = next;
    stored = isStored(response);
    if (!stored && chunk.byteLength === 0) throw new LinkError('server', '县级平台收齐了附件却没有保存，稍后重试');
  }
  await markStored(context, row.sha256);
}
