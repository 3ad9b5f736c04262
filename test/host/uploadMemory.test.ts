// Signed-in uploads, against the hall command in a process of its own with a database key (so
// every byte is encrypted on its way to disk): several large files at once — four of 30 MiB that
// are kept, two of 63 MB sent chunked that are cut off at the 36 MiB limit — and the host's
// resident memory at its peak (VmHWM, reset just before) stays within 100 MB of what it was idle.
// Held whole, as the JSON bodies of the file procedures once were, they would take 190 MB.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { UPLOADS_PATH } from '../../shared/api/bridge';
import { disposeAll, stopChild } from '../support/dispose';
import { memoryOf } from '../support/processMemory';
import { postStreaming } from '../support/rawHttp';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MB = 1_000_000;
const MiB = 1024 * 1024;
const cleanup: (() => unknown)[] = [];
after(() => disposeAll(cleanup.reverse()));

test(
  'six large signed-in uploads at once are streamed to disk: the host stays within 100 MB of idle',
  { timeout: 300_000, skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'township-upload-memory-'));
    cleanup.push(() => rm(workDir, { recursive: true, force: true }));
    const dataDir = path.join(workDir, 'data');
    // The key file lies outside the data folder and is readable by this account only, as the host demands.
    const keyFile = path.join(workDir, 'db.key');
    await writeFile(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/hall/hall.ts',
        '--data',
        dataDir,
        '--port',
        '0',
        '--sync-interval',
        '0',
        '--db-key-file',
        keyFile,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanup.push(() => stopChild(child));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the hall exited with ${code}: ${output}`)));
    });
    const pid = child.pid!;

    const setup = await fetch(new URL('/api/system.setupAdministrator', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ townshipName: '青石镇', username: 'admin', displayName: '王管理', password: 'Admin2026' }),
    });
    assert.equal(setup.status, 200, await setup.text());
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

    const upload = (body: { total: number; declaredLength?: number }) =>
      postStreaming(
        new URL(UPLOADS_PATH, url),
        { Cookie: cookie, 'Content-Type': 'application/octet-stream' },
        { ...body, method: 'PUT' },
      );
    // Warm: the first uploads compile code and open the data files; idle is measured after them.
    for (let i = 0; i < 3; i++) {
      const warm = await upload({ total: 2 * MiB, declaredLength: 2 * MiB });
      assert.equal(warm.status, 200, warm.text);
    }
    const idle = await memoryOf(pid);
    // Writing 5 to clear_refs resets the peak (VmHWM) to the present size (Linux 4.0+).
    await writeFile(`/proc/${pid}/clear_refs`, '5');

    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => upload({ total: 30 * MiB, declaredLength: 30 * MiB })),
      ...Array.from({ length: 2 }, () => upload({ total: 63 * MB })),
    ]);

    const busy = await memoryOf(pid);
    for (const kept of answers.slice(0, 4)) {
      assert.equal(kept.status, 200, kept.text);
      assert.equal((JSON.parse(kept.text) as { result: { sizeBytes: number } }).result.sizeBytes, 30 * MiB);
    }
    for (const cut of answers.slice(4)) {
      assert.equal(cut.status, 413, cut.text);
      assert.match(cut.text, /文件超过 36 MB/);
    }
    const growth = busy.peak - idle.rss;
    assert.ok(
      growth < 100 * MB,
      `idle ${Math.round(idle.rss / MB)} MB, peak ${Math.round(busy.peak / MB)} MB while taking six uploads`,
    );
  },
);
