// The text of a document the hall archived, read back with pdftotext: what a resident would read
// on the paper the API issued.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestHall } from './testHall';

const run = promisify(execFile);

/** The archived file's text; `pages` limits it to pages first…last (1-based). */
export async function archivedPdfText(
  hall: TestHall,
  documentId: string,
  pages?: { first: number; last: number },
): Promise<string> {
  const row = await hall.backend.db
    .selectFrom('issued_documents')
    .select('file_path')
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const { stdout } = await run('pdftotext', ['-layout', ...range, path.join(hall.dataDir, row.file_path), '-']);
  return stdout;
}
