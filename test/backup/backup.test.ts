// Backups of a township's data folder, and restoring them: the same content comes back, a backup
// stopped with kill -9 leaves the earlier one intact, a flipped byte is noticed, a restore never
// touches the folder in its way, and old generations are pruned.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runBackup } from '../../electron/backend/backup/backupRun';
import { generationFolder, listGenerations, storedFile } from '../../electron/backend/backup/backupFolder';
import { BACKUP_DATABASE_FILE } from '../../electron/backend/backup/manifest';
import { restoreBackup } from '../../electron/backend/backup/restore';
import { verifyGeneration } from '../../electron/backend/backup/verifyBackup';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { townshipAtWork } from '../support/townshipAtWork';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function tempFolder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-backup-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A digest of every row of every table (in rowid order) and of every paper and attachment as read. */
async function contentDigest(backend: Backend): Promise<{ digest: string; tables: number; files: number }> {
  const hash = createHash('sha256');
  const tables = (await backend.db
    .selectFrom('sqlite_schema' as never)
    .select('name' as never)
    .where('type' as never, '=', 'table' as never)
    .where('name' as never, 'not like', 'sqlite_%' as never)
    .orderBy('name' as never)
    .execute()) as { name: string }[];
  for (const { name } of tables) {
    const rows = await backend.db
      .selectFrom(name as never)
      .selectAll()
      .execute();
    hash.update(`${name}:${JSON.stringify(rows)}\n`);
  }
  const files = [
    ...(await backend.db.selectFrom('issued_documents').select('file_path').orderBy('file_path').execute()),
    ...(await backend.db.selectFrom('petition_attachments').select('file_path').orderBy('file_path').execute()),
  ];
  for (const { file_path } of files) hash.update(`${file_path}:`).update(await backend.files.read(file_path));
  return { digest: hash.digest('hex'), tables: tables.length, files: files.length };
}

async function keyFileIn(dir: string): Promise<{ file: string; key: Buffer }> {
  const key = randomBytes(32);
  const file = path.join(dir, 'township.key');
  await writeFile(file, key.toString('hex'), { mode: 0o600 });
  return { file, key };
}

let second = 0;
/** A clock a second further on each call: each backup is its own generation. */
const ticking = () => new Date(Date.UTC(2026, 11, 7, 3, 0, second++));

describe('backups of the data folder', () => {
  test('a backup of the demo township at work restores to the same content (every table, every file); encrypted as the data is', async (t) => {
    const dir = await tempFolder(t);
    const { file, key } = await keyFileIn(dir);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, file);
    const before = await contentDigest(work.hall.backend);
    const phases = new Set<string>();
    const result = await runBackup({
      dataDir,
      key,
      nodeId: work.hall.backend.nodeId,
      folder: path.join(dir, 'backups'),
      keep: 7,
      now: ticking,
      onProgress: (p) => phases.add(p.phase),
    });
    await work.hall.close();
    assert.deepEqual([...phases], ['database', 'files', 'verify', 'prune']);
    assert.equal(result.files, 2);
    assert.equal(result.newFiles, 2);
    assert.ok(result.changeLogLast > 0);
    // The copy is no more readable than the data: no resident in clear in any backup file.
    for (const name of (await readdir(path.join(dir, 'backups'), { recursive: true })).map(String)) {
      const full = path.join(dir, 'backups', name);
      if (!(await stat(full)).isFile()) continue;
      const bytes = await readFile(full);
      for (const secret of work.secrets) assert.ok(!bytes.includes(Buffer.from(secret)), `${name} holds ${secret}`);
    }

    const restored = path.join(dir, 'restored');
    const answer = await restoreBackup({ folder: path.join(dir, 'backups'), dataDir: restored, key, now: ticking });
    assert.equal(answer.movedAside, null);
    const backend = await openBackend({ dataDir: restored, databaseKey: key, logError: () => {} });
    try {
      const after = await contentDigest(backend);
      assert.equal(after.files, 2);
      assert.ok(after.tables > 20);
      assert.equal(after.digest, before.digest);
    } finally {
      await backend.close();
    }
  });

  test('a flipped byte in the database copy or in a stored file is found by verification and refused by restore', async (t) => {
    const dir = await tempFolder(t);
    const { file, key } = await keyFileIn(dir);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, file);
    const folder = path.join(dir, 'backups');
    const { generation } = await runBackup({ dataDir, key, nodeId: 'n', folder, keep: 7, now: ticking });
    await work.hall.close();
    const copy = path.join(generationFolder(folder, generation), BACKUP_DATABASE_FILE);
    const original = await readFile(copy);
    const flipped = Buffer.from(original);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    await writeFile(copy, flipped);
    await assert.rejects(
      verifyGeneration(generationFolder(folder, generation), folder, key),
      /数据库副本的内容与清单不符/,
    );
    await assert.rejects(
      restoreBackup({ folder, dataDir: path.join(dir, 'restored'), key, now: ticking }),
      /备份校验未通过/,
    );
    await writeFile(copy, original);
    await verifyGeneration(generationFolder(folder, generation), folder, key);

    const paper = storedFile(folder, work.receiptPath);
    const bytes = await readFile(paper);
    bytes[100]! ^= 0x80;
    await writeFile(paper, bytes);
    await assert.rejects(
      verifyGeneration(generationFolder(folder, generation), folder, key),
      new RegExp(`文件 ${work.receiptPath} 内容已改变`),
    );
    await assert.rejects(
      restoreBackup({ folder, dataDir: path.join(dir, 'restored'), key, now: ticking }),
      /内容已改变/,
    );
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.startsWith('restored')),
      [],
      'nothing is left of a refused restore',
    );
    // Another key does not open the manifest.
    await assert.rejects(verifyGeneration(generationFolder(folder, generation), folder, randomBytes(32)), /密钥不对/);
  });

  test('a restore over an existing data folder moves it aside untouched; generations are pruned to the number kept', async (t) => {
    const dir = await tempFolder(t);
    const { file, key } = await keyFileIn(dir);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, file);
    const folder = path.join(dir, 'backups');
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push((await runBackup({ dataDir, key, nodeId: 'n', folder, keep: 2, now: ticking })).generation);
    await work.hall.close();
    assert.deepEqual(await listGenerations(folder), made.slice(1));
    // Files are kept once for all generations.
    assert.equal(
      (await readdir(path.join(folder, 'files'), { recursive: true })).filter((n) => /\.(pdf|png)$/.test(String(n)))
        .length,
      2,
    );

    const current = path.join(dir, 'current');
    await restoreBackup({ folder, dataDir: current, key, now: ticking });
    const beforeBytes = await readFile(path.join(current, 'township.sqlite'));
    const again = await restoreBackup({ folder, generation: made[1], dataDir: current, key, now: ticking });
    assert.ok(again.movedAside?.startsWith(`${current}.before-restore-`));
    assert.deepEqual(await readFile(path.join(again.movedAside!, 'township.sqlite')), beforeBytes);
    await assert.rejects(
      restoreBackup({ folder, generation: made[0], dataDir: current, key, now: ticking }),
      /没有 .* 这一份备份/,
    );
  });

  test('kill -9 in the middle of a backup leaves the earlier backup intact, and the next run succeeds', async (t) => {
    const dir = await tempFolder(t);
    const { file, key } = await keyFileIn(dir);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, file, 3000);
    const nodeId = work.hall.backend.nodeId;
    await work.hall.close();
    const folder = path.join(dir, 'backups');
    const first = await runBackup({ dataDir, key, nodeId, folder, keep: 7, now: ticking });

    // A second backup in a process of its own, killed once its generation is being written.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'test/support/backupChild.ts'), dataDir, folder, key.toString('hex')],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('phase:database-copied')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the child ended before it was killed (${code}): ${output}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const names = await readdir(path.join(folder, 'generations'));
    assert.ok(
      names.some((name) => name.endsWith('.partial')),
      `a half-written generation is left: ${names.join(', ')}`,
    );

    await verifyGeneration(generationFolder(folder, first.generation), folder, key);
    const next = await runBackup({ dataDir, key, nodeId, folder, keep: 7, now: ticking });
    assert.deepEqual(await listGenerations(folder), [first.generation, next.generation]);
    assert.ok(!(await readdir(path.join(folder, 'generations'))).some((name) => name.endsWith('.partial')));
    assert.equal(next.newFiles, 0, 'nothing new to copy: the papers were kept by the first run');
  });
});
