import assert from 'node:assert/strict';
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { disposeAll, stopChild } from '../test/support/dispose';
import { REPO_ROOT } from './support/browser';

/**
 * A hall that never prints its address, or never exits when it should, would hold the run
 * forever: the test fails after this long instead (seeding 300 residents takes seconds even on
 * a busy machine), and `after` stops whatever is still running.
 */
const HALL_TEST = { timeout: 120_000 };
const running = new Set<ChildProcess>();
after(() => disposeAll([...running].map((child) => () => stopChild(child))));

/** `node dist/hall/hall.js …`, stopped by `after` if a test leaves it running. */
function startHallProcess(args: string[]): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(process.execPath, ['dist/hall/hall.js', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The README's run command, as a township admin would start it: the built bundle with --demo. */
test('node dist/hall/hall.js --demo serves the UI and the API on loopback', HALL_TEST, async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-hall-'));
  const child = startHallProcess(['--data', dataDir, '--port', '0', '--demo', '--demo-residents', '300']);
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`hall exited with ${code}: ${output}`)));
    });
    assert.match(output, /演示账号/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>乡镇一站通<\/title>/);
    const status = await fetch(new URL('/api/system.status', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await status.json()) as { ok: boolean; result: { needsSetup: boolean; townshipName: string } };
    assert.equal(body.ok, true);
    assert.equal(body.result.needsSetup, false);
    assert.ok(body.result.townshipName.length > 0);
  } finally {
    // Also when the hall already exited: waiting for an 'exit' that has been would never end.
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the hall refuses a LAN address without TLS, in words an admin can act on', HALL_TEST, async () => {
  const child = startHallProcess(['--host', '0.0.0.0']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': at 'exit' the last of stderr may still be unread.
  const [code] = (await once(child, 'close')) as [number | null];
  assert.equal(code, 2);
  assert.match(stderr, /须使用 TLS/);
});
