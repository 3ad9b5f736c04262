// The finding of the data-protection review, replayed against the hall command in a process of
// its own: six 63 MB uploads without a session once took the host from 223 MB to 834 MB before
// each got its 401. Now each is refused from its headers, and the host's resident memory at its
// peak (VmHWM, reset just before) stays within 100 MB of what it was idle.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { disposeAll, stopChild } from '../support/dispose';
import { UPLOADS_PATH } from '../../shared/api/bridge';
import { memoryOf } from '../support/processMemory';
import { postStreaming } from '../support/rawHttp';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MB = 1_000_000;
const cleanup: (() => unknown)[] = [];
after(() => disposeAll(cleanup.reverse()));

test(
  'six unauthenticated 63 MB uploads are refused before being read; the host stays within 100 MB of idle',
  { timeout: 180_000, skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-uploads-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    // The hall command itself (`npm run hall` runs its bundle), on a fresh data folder.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/hall/hall.ts', '--data', dataDir, '--port', '0', '--sync-interval', '0'],
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

    // Half of them as a file inside the JSON body of a procedure, half as the raw upload that comes before one.
    let sent = 0;
    const upload = () =>
      sent++ % 2 === 0
        ? postStreaming(
            new URL('/api/mediation.addAttachment', url),
            {},
            {
              declaredLength: 63 * MB,
              total: 63 * MB,
              head: '{"disputeId":"0192f000-0000-7000-8000-000000000000","fileName":"scan.jpg","mimeType":"image/jpeg","contentBase64":"',
              tail: '"}',
            },
          )
        : postStreaming(
            new URL(UPLOADS_PATH, url),
            { 'Content-Type': 'application/octet-stream' },
            { declaredLength: 63 * MB, total: 63 * MB, method: 'PUT' },
          );
    // Warm: the first answers compile code and open the database; idle is measured after them.
    for (let i = 0; i < 3; i++) {
      const status = await fetch(new URL('/api/system.status', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(status.status, 200);
      assert.equal((await upload()).status, 401);
    }
    const idle = await memoryOf(pid);
    // Writing 5 to clear_refs resets the peak (VmHWM) to the present size (Linux 4.0+).
    await writeFile(`/proc/${pid}/clear_refs`, '5');

    const answers = await Promise.all(Array.from({ length: 6 }, upload));

    const busy = await memoryOf(pid);
    for (const answer of answers) {
      assert.equal(answer.status, 401, answer.text);
      assert.match(answer.text, /尚未登录/);
      // What the kernel's buffers took before the close, not the 63 MB.
      assert.ok(answer.bytesSent < 32 * MB, `${answer.bytesSent} bytes went out`);
    }
    const growth = busy.peak - idle.rss;
    assert.ok(
      growth < 100 * MB,
      `idle ${Math.round(idle.rss / MB)} MB, peak ${Math.round(busy.peak / MB)} MB while refusing six uploads`,
    );
  },
);
