import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './support/browser';

/** The README's run command, as a township admin would start it: the built bundle with --demo. */
test('node dist/hall/hall.js --demo serves the UI and the API on loopback', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-hall-'));
  const child = spawn(
    process.execPath,
    ['dist/hall/hall.js', '--data', dataDir, '--port', '0', '--demo', '--demo-residents', '300'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the hall refuses a LAN address without TLS, in words an admin can act on', async () => {
  const child = spawn(process.execPath, ['dist/hall/hall.js', '--host', '0.0.0.0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(stderr, /须使用 TLS/);
});
