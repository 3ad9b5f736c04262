// A paper whose archived file is gone is drawn again from the record it was issued from. A
// township PC rebuilt from the county hub gets every row back — `issued_documents` among them —
// but no file (the county never receives papers), so after a rebuild a paper's row exists while
// its file does not. Every read of an archived file goes through here (preview, print, file
// links): a missing file is re-rendered with the paper's own definition, paper and verification
// code and link, stamped on every page as re-rendered with the original's SHA-256
// (render.ts, `rerendered`), written encrypted under a name of its own, and its row marked in
// the change log (`rerendered_at`, `rerendered_sha256`). The row's `sha256` stays the
// original's: it is what codes, links and the county verify.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { DataFiles } from '../db/dataFiles';
import { findIssuedDocumentRow, type IssuedDocumentRow } from './archive';
import { documentTypes } from './registry';
import { renderPaper } from './issue';

/** The answer when a missing paper has nothing to be drawn from: issued before `record_json` (0003), or of a retired type. */
export const CANNOT_RERENDER = '原件已丢失且无存档记录，无法重新生成';

/** What re-rendering needs of a request: the database, its time, the files and fonts, and its one write path. */
export type PaperContext = Pick<RequestContext, 'db' | 'now' | 'documents' | 'write'>;

/**
 * Renders in progress, per data folder (one backend's `DataFiles`) and paper: two requests for
 * the same missing paper — the document page asks for its preview while the print button is
 * pressed — draw it once and both get it.
 */
const inFlight = new WeakMap<DataFiles, Map<string, Promise<IssuedDocumentRow>>>();

/**
 * Makes sure the paper's archived file is there, re-rendering it if it is gone; returns the row
 * as it now is (`rerendered_at` set when it was drawn again). Refuses with CONFLICT and
 * `CANNOT_RERENDER` when the file is gone and the paper cannot be drawn again.
 */
export async function ensureArchivedPaper(ctx: PaperContext, row: IssuedDocumentRow): Promise<IssuedDocumentRow> {
  if (await ctx.documents.files.exists(row.file_path)) return row;
  return rerenderOnce(ctx, row);
}

/** The plain bytes of the paper's archived file, re-rendered first if it is gone. */
export async function readArchivedPaper(ctx: PaperContext, row: IssuedDocumentRow): Promise<Buffer> {
  try {
    return await ctx.documents.files.read(row.file_path);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  const current = await rerenderOnce(ctx, row);
  return ctx.documents.files.read(current.file_path);
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function rerenderOnce(ctx: PaperContext, row: IssuedDocumentRow): Promise<IssuedDocumentRow> {
  const files = ctx.documents.files;
  let running = inFlight.get(files);
  if (!running) inFlight.set(files, (running = new Map()));
  const pending = running.get(row.id);
  if (pending) return pending;
  const work = rerender(ctx, row).finally(() => running.delete(row.id));
  running.set(row.id, work);
  return work;
}

async function rerender(ctx: PaperContext, given: IssuedDocumentRow): Promise<IssuedDocumentRow> {
  const files = ctx.documents.files;
  // Read again: a render that finished between the caller's look and this one's turn has
  // written the file and marked the row.
  const row = (await findIssuedDocumentRow(ctx.db, { id: given.id })) ?? given;
  if (await files.exists(row.file_path)) return row;
  const definition = documentTypes.get(row.type);
  if (!definition || row.record_json === null) fail('CONFLICT', `《${row.title}》${CANNOT_RERENDER}`);
  const rendered = await renderPaper(ctx.documents, definition, JSON.parse(row.record_json) as unknown, {
    issuedAt: new Date(row.issued_at),
    verificationCode: row.verification_code,
    verificationLink: row.verification_link,
    archival: row.archival === 1,
    rerendered: { at: ctx.now, originalSha256: row.sha256 },
  });
  const sha256 = createHash('sha256').update(rendered.pdf).digest('hex');
  const marked = {
    // A name of its own: backups keep each file once by name, on the rule that a file never
    // changes once written — the original may still be in one under the old name.
    file_path: rerenderedPath(row.file_path),
    rerendered_at: ctx.now.toISOString(),
    rerendered_sha256: sha256,
    rerendered_size_bytes: rendered.pdf.byteLength,
    // What a printer is given describes the file on file: a re-rendered slip is longer by its note.
    page_width_pt: rendered.width,
    page_height_pt: rendered.height,
    page_count: rendered.pageCount,
  };
  // The file first, whole under its name (as archiving does), then its row; if the row's write
  // fails, the file goes again, and the next read tries anew.
  await files.write(marked.file_path, rendered.pdf);
  try {
    await ctx.write((scope) =>
      scope.change({ entity: 'document', id: row.id, op: 'rerender' }, async (tx) => {
        await tx.updateTable('issued_documents').set(marked).where('id', '=', row.id).execute();
        // The document's facts as issuing wrote them, with the re-render: the county keeps each
        // record's last entry as its current state.
        return {
          summary: `《${row.title}》的存档文件缺失，已依存档记录重新生成`,
          type: row.type,
          recordEntity: row.record_entity,
          recordId: row.record_id,
          verificationCode: row.verification_code,
          sha256: row.sha256,
          rerenderedAt: marked.rerendered_at,
          rerenderedSha256: sha256,
        };
      }),
    );
  } catch (error) {
    await files.remove(marked.file_path);
    throw error;
  }
  return { ...row, ...marked };
}

function rerenderedPath(original: string): string {
  return `${original.replace(/\.pdf$/i, '')}.rerendered.pdf`;
}
