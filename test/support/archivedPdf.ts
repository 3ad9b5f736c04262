// The text of a document the hall archived, read back with pdftotext: what a resident would read
// on the paper the API issued. The archive is encrypted at rest, so the file is read through the
// backend's data files and handed to pdftotext as a plain copy of its own.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Backend } from '../../electron/backend/backend';

const run = promisify(execFile);

export interface PdftotextOptions {
  /** Limits the text to pages first…last (1-based). */
  pages?: { first: number; last: number };
  /** Keeps the physical layout (default true). */
  layout?: boolean;
}

/** The text of the archived file at `filePath` (relative to the data folder). */
export async function archivedFileText(
  backend: Pick<Backend, 'files'>,
  filePath: string,
  options: PdftotextOptions = {},
): Promise<string> {
  const { pages, layout = true } = options;
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const folder = await mkdtemp(path.join(os.tmpdir(), 'township-archived-'));
  try {
    const file = path.join(folder, 'document.pdf');
    await writeFile(file, await backend.files.read(filePath));
    const { stdout } = await run('pdftotext', [...(layout ? ['-layout'] : []), ...range, file, '-']);
    return stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The archived document's text; `pages` limits it to pages first…last (1-based). */
export async function archivedPdfText(
  hall: { backend: Backend },
  documentId: string,
  pages?: { first: number; last: number },
): Promise<string> {
  const row = await hall.backend.db
    .selectFrom('issued_documents')
    .select('file_path')
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();
  return archivedFileText(hall.backend, row.file_path, { pages });
}
