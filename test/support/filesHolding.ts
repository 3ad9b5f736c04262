// Which files of a folder let anyone read a resident without the key: in their bytes, or — papers
// keep their text in compressed, font-encoded streams — in what pdftotext reads from them.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text pdftotext reads from `file` when it is a PDF; '' when it is not one it can read. */
export async function pdfText(file: string): Promise<string> {
  try {
    return (await run('pdftotext', [file, '-'])).stdout;
  } catch {
    return '';
  }
}

/**
 * Every file under `dir` (relative names) from which any of `secrets` can be read without a key:
 * in its bytes as UTF-8, or — papers keep their text in compressed, font-encoded streams — in what
 * pdftotext reads from it.
 */
export async function filesHolding(dir: string, secrets: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).map(String).sort()) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    const bytes = await readFile(file);
    const readable = bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? await pdfText(file) : '';
    if (secrets.some((secret) => bytes.includes(Buffer.from(secret, 'utf8')) || readable.includes(secret)))
      found.push(name.split(path.sep).join('/'));
  }
  return found;
}
