// The walk over the personal-data folders (encrypt plain files, make everything private) reads
// every paper and attachment, so it runs only when the folder's recorded state calls for it: a
// folder from before the record, or a first start with a key after runs without one. Measured on
// the bench's data set (37,000 papers) it took 3.2 s of every start; ten years of papers would
// take minutes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FILES_STATE_FILE, isEncryptedFile, openDataFiles } from '../../electron/backend/db/dataFiles';

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('the walk over the data folder’s papers and attachments', () => {
  let dataDir: string;
  const paper = () => path.join(dataDir, 'documents', '2026', '12', 'old-receipt.pdf');
  const key = randomBytes(32);

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-files-state-'));
    // A folder from before the record: a plain paper, readable by others.
    await mkdir(path.dirname(paper()), { recursive: true });
    await writeFile(paper(), '%PDF-1.4 plain receipt of 张三\n');
    await chmod(paper(), 0o644);
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('a folder without the record is walked once: made private, and the record kept', async () => {
    await openDataFiles(dataDir, null, () => {});
    assert.equal(await mode(paper()), 0o600);
    assert.deepEqual(JSON.parse(await readFile(path.join(dataDir, FILES_STATE_FILE), 'utf8')), { sealed: false });
    assert.equal(await mode(path.join(dataDir, FILES_STATE_FILE)), 0o600);
  });

  test('later starts in the same state do not walk the files again', async () => {
    await chmod(paper(), 0o644);
    await openDataFiles(dataDir, null, () => {});
    assert.equal(await mode(paper()), 0o644, 'not touched: the start did not walk the folder');
  });

  test('the first start with a key walks again and seals the plain files; the next one does not', async () => {
    const logged: string[] = [];
    const files = await openDataFiles(dataDir, key, (line) => logged.push(line));
    assert.ok(isEncryptedFile(await readFile(paper())));
    assert.equal(await mode(paper()), 0o600);
    assert.match(logged.join('\n'), /1 个明文文件/);
    assert.equal(
      (await files.read('documents/2026/12/old-receipt.pdf')).toString('utf8'),
      '%PDF-1.4 plain receipt of 张三\n',
    );
    assert.deepEqual(JSON.parse(await readFile(path.join(dataDir, FILES_STATE_FILE), 'utf8')), { sealed: true });

    const later = path.join(dataDir, 'attachments', 'copied-in-by-hand.png');
    await mkdir(path.dirname(later), { recursive: true });
    await writeFile(later, 'plain');
    await openDataFiles(dataDir, key, () => {});
    assert.equal(await readFile(later, 'utf8'), 'plain', 'no walk: the state already says sealed');
  });
});
