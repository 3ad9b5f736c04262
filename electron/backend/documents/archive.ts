import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { IssuedDocument } from '../../../shared/documents/api';
import type { PaperSpec } from '../../../shared/documents/printing';
import { makeVerificationCode } from '../../../shared/documents/verificationCode';
import { STAGED_SUFFIX, type DataFiles } from '../db/dataFiles';
import type { WriteScope } from '../db/writeScope';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { POINTS_PER_MM } from './pageSizes';

/** Folder of archived PDFs inside the data folder: `documents/2026/11/<id>.pdf`. */
export const ARCHIVE_FOLDER = 'documents';

export function newVerificationCode(): string {
  return makeVerificationCode(randomBytes(11));
}

export interface DocumentToArchive {
  type: string;
  title: string;
  recordEntity: string;
  recordId: string;
  /** Printed on the document and in its QR code before it was rendered. */
  verificationCode: string;
  pdf: Uint8Array;
  /** Page size name of the document type, and the page in points. */
  pageSize: string;
  pageWidth: number;
  pageHeight: number;
  pageCount: number;
  archival: boolean;
  /** The record as issued (JSON), from which a 补打 copy is drawn again. */
  recordJson: string | null;
  /** What the QR code carries (a 补打 copy carries the same). */
  verificationLink?: string | null;
  /** The earlier document this one replaces (a corrected receipt, say). */
  supersedes?: string;
  /** The file written before the transaction (`stagePaper`): only put in place here. */
  staged?: StagedPaper;
}

/** A paper's file written ahead of its transaction under a staging name, with its id and digest. */
export interface StagedPaper {
  id: string;
  path: string;
  sha256: string;
  /** The write (encryption, fsync) under way or done; a failure surfaces when the paper is archived. */
  written: Promise<void>;
}

export function archivePath(at: string, id: string): string {
  return path.posix.join(ARCHIVE_FOLDER, at.slice(0, 4), at.slice(5, 7), `${id}.pdf`);
}

/**
 * Starts writing a rendered paper's file before its transaction: hashing, encryption and the
 * fsync — milliseconds the one writer would otherwise hold every other window up for — happen
 * now; inside the transaction only a rename puts it in place (`archiveDocument`). A paper that
 * will not be archived is discarded (`discardStaged`); one left by a request that failed on its
 * way is removed by the next sweep of its month's folder.
 */
export function stagePaper(files: DataFiles, pdf: Uint8Array, issuedAt: Date): StagedPaper {
  const id = uuidv7();
  const relative = archivePath(issuedAt.toISOString(), id);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const written = files.writeStaged(relative, pdf);
  // Awaited when archived (or discarded); never left as an unhandled rejection meanwhile.
  written.catch(() => {});
  sweepStaleStaged(files, issuedAt);
  return { id, path: relative, sha256, written };
}

export async function discardStaged(files: DataFiles, staged: StagedPaper): Promise<void> {
  await staged.written.catch(() => {});
  await files.discardStaged(staged.path);
}

/** A staged file this old belongs to no request still running. */
const STALE_STAGED_MS = 10 * 60_000;
const swept = new WeakMap<DataFiles, string>();

/**
 * Once per data folder and month in a run: removes staged files left in this and last month's
 * folders by requests that failed between drawing their paper and their transaction.
 */
function sweepStaleStaged(files: DataFiles, at: Date): void {
  const month = at.toISOString().slice(0, 7);
  if (swept.get(files) === month) return;
  swept.set(files, month);
  const previous = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
  void Promise.all(
    [month, previous].map(async (yearMonth) => {
      const folder = files.absolute(path.posix.join(ARCHIVE_FOLDER, yearMonth.slice(0, 4), yearMonth.slice(5, 7)));
      const names = await readdir(folder).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith(STAGED_SUFFIX))) {
        const file = path.join(folder, name);
        const info = await stat(file).catch(() => null);
        if (info && Date.now() - info.mtimeMs > STALE_STAGED_MS) await rm(file, { force: true });
      }
    }),
  ).catch(() => {});
}

/**
 * Stores an issued document inside the caller's write: the file first (encrypted where the host
 * has a key; written whole before it takes its real name — or, staged before the transaction,
 * only renamed to it), then its row and a change-log entry. If the row cannot be written, the
 * file is removed again.
 */
export async function archiveDocument(
  scope: WriteScope,
  files: DataFiles,
  doc: DocumentToArchive,
): Promise<IssuedDocument> {
  const id = doc.staged?.id ?? uuidv7();
  const sha256 = doc.staged?.sha256 ?? createHash('sha256').update(doc.pdf).digest('hex');
  const relative = doc.staged?.path ?? archivePath(scope.at, id);
  if (doc.staged) {
    await doc.staged.written;
    await files.placeStaged(relative);
  } else {
    await files.write(relative, doc.pdf);
  }
  try {
    await scope.change({ entity: 'document', id, op: 'issue' }, async (tx) => {
      await tx
        .insertInto('issued_documents')
        .values({
          id,
          type: doc.type,
          title: doc.title,
          record_entity: doc.recordEntity,
          record_id: doc.recordId,
          verification_code: doc.verificationCode,
          sha256,
          size_bytes: doc.pdf.byteLength,
          file_path: relative,
          issued_by: scope.actor.id,
          issued_by_name: scope.actor.name,
          issued_at: scope.at,
          superseded_by: null,
          superseded_at: null,
          page_size: doc.pageSize,
          page_width_pt: doc.pageWidth,
          page_height_pt: doc.pageHeight,
          page_count: doc.pageCount,
          archival: doc.archival ? 1 : 0,
          record_json: doc.recordJson,
          verification_link: doc.verificationLink ?? null,
        })
        .execute();
      if (doc.supersedes) {
        await tx
          .updateTable('issued_documents')
          .set({ superseded_by: id, superseded_at: scope.at })
          .where('id', '=', doc.supersedes)
          .execute();
      }
      return {
        type: doc.type,
        recordEntity: doc.recordEntity,
        recordId: doc.recordId,
        verificationCode: doc.verificationCode,
        sha256,
        supersedes: doc.supersedes ?? null,
      };
    });
  } catch (error) {
    await files.remove(relative);
    throw error;
  }
  return {
    id,
    type: doc.type,
    title: doc.title,
    recordEntity: doc.recordEntity,
    recordId: doc.recordId,
    verificationCode: doc.verificationCode,
    sha256,
    issuedAt: scope.at,
    issuedByName: scope.actor.name,
    printCount: 0,
    supersededAt: null,
    paper: paperOf(doc.pageSize, doc.pageWidth, doc.pageHeight),
    pageCount: doc.pageCount,
    archival: doc.archival,
    verificationLink: doc.verificationLink ?? null,
    rerenderedAt: null,
  };
}

/** The paper of a page in millimetres, to a tenth (what a printer driver is given). */
export function paperOf(pageSize: string, width: number, height: number): PaperSpec {
  const toMm = (points: number) => Math.round((points / POINTS_PER_MM) * 10) / 10;
  return { pageSize, widthMm: toMm(width), heightMm: toMm(height) };
}

export type IssuedDocumentRow = Selectable<Database['issued_documents']>;

/** Copies counted as printed: confirmed, not pending, cancelled or failed. */
export function printedCopies(db: Db | Tx, documentIds: readonly string[]) {
  return db
    .selectFrom('document_prints')
    .select((eb) => ['document_id', eb.fn.sum<number>('copies').as('copies')])
    .where('document_id', 'in', documentIds)
    .where('outcome', '=', 'printed')
    .groupBy('document_id')
    .execute()
    .then((rows) => new Map(rows.map((row) => [row.document_id, Number(row.copies)])));
}

export async function findIssuedDocumentRow(
  db: Db,
  by: { code: string } | { sha256: string } | { rerenderedSha256: string } | { id: string },
): Promise<IssuedDocumentRow | null> {
  let query = db.selectFrom('issued_documents').selectAll();
  if ('code' in by) query = query.where('verification_code', '=', by.code);
  else if ('sha256' in by) query = query.where('sha256', '=', by.sha256);
  else if ('rerenderedSha256' in by) query = query.where('rerendered_sha256', '=', by.rerenderedSha256);
  else query = query.where('id', '=', by.id);
  return (await query.orderBy('issued_at', 'desc').executeTakeFirst()) ?? null;
}

export async function findIssuedDocument(
  db: Db,
  by: { code: string } | { sha256: string } | { id: string },
): Promise<IssuedDocument | null> {
  const row = await findIssuedDocumentRow(db, by);
  if (!row) return null;
  return (await toIssuedDocuments(db, [row]))[0]!;
}

export async function toIssuedDocuments(db: Db, rows: readonly IssuedDocumentRow[]): Promise<IssuedDocument[]> {
  if (rows.length === 0) return [];
  const copies = await printedCopies(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    recordEntity: row.record_entity,
    recordId: row.record_id,
    verificationCode: row.verification_code,
    sha256: row.sha256,
    issuedAt: row.issued_at,
    issuedByName: row.issued_by_name,
    printCount: copies.get(row.id) ?? 0,
    supersededAt: row.superseded_at,
    paper: paperOf(row.page_size, row.page_width_pt, row.page_height_pt),
    pageCount: row.page_count,
    archival: row.archival === 1,
    verificationLink: row.verification_link,
    rerenderedAt: row.rerendered_at,
  }));
}

/** The documents issued for one record, oldest first, as the record's page lists them. */
export async function issuedDocumentsOf(db: Db, recordEntity: string, recordId: string): Promise<IssuedDocument[]> {
  const rows = await db
    .selectFrom('issued_documents')
    .selectAll()
    .where('record_entity', '=', recordEntity)
    .where('record_id', '=', recordId)
    .orderBy('issued_at')
    .execute();
  return toIssuedDocuments(db, rows);
}
