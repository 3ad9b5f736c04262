// `npm run hub -- --demo` as a newcomer runs it: the built hub (dist/hub/hub.js, made by the
// build step before the tests) in a child process, on a temp data folder and a free port. The
// demo's townships must reach the hub the way real ones do — enrolled, synced over HTTPS — so
// the county API (with the county token from the data folder) lists them with their entries
// and their monthly reports; a second start keeps the same three.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, localDate } from '../../electron/backend/api/settings';
import { parseHubArgs } from '../../hub/options';
import { DEMO_READY } from '../../hub/demo/countyDemo';
import { DEMO_TOWNSHIPS } from '../../hub/demo/demoTownships';
import type { RecordRow, TownshipSummary } from '../../hub/hub';
import { SUITE_GUOMI } from '../../shared/sync/suiteIds';
import { disposeAll, stopChild } from '../support/dispose';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Generating three townships and syncing them takes ~30 s on a loaded 2-core machine; this is the ceiling. */
const DEMO_TEST = { timeout: 300_000 };

type HubProcess = ChildProcessByStdio<null, Readable, Readable>;
const running = new Set<HubProcess>();
after(() => disposeAll([...running].map((child) => () => stopChild(child))));

/**
 * Starts the built hub on `dataDir` with `args` and resolves with its address and output once a
 * line matches `until` (by default: the demo is ready); a demo that gives up, or an exit, fails.
 */
async function startHub(
  dataDir: string,
  args: string[] = ['--demo'],
  until: RegExp = new RegExp(DEMO_READY),
): Promise<{ child: HubProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['dist/hub/hub.js', '--data', dataDir, '--port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    let address: string | null = null;
    const look = () => {
      address ??= /县级平台已启动：(https:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? null;
      if (output.includes('县级演示未能完成')) reject(new Error(`演示未能完成：\n${output}`));
      else if (address && until.test(output)) resolve(address);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      look();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`县级平台退出（${code}）：\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** A request to the county API with the county token, trusting only the hub's own certificate. */
async function county<T>(dataDir: string, url: string, pathAndQuery: string, body?: unknown): Promise<T> {
  const [token, ca] = await Promise.all([
    readFile(path.join(dataDir, 'county-token'), 'utf8'),
    readFile(path.join(dataDir, 'tls', 'hub-cert.pem'), 'utf8'),
  ]);
  return new Promise<T>((resolve, reject) => {
    const request = https.request(
      new URL(pathAndQuery, url),
      {
        method: body === undefined ? 'GET' : 'POST',
        ca,
        agent: false,
        headers: { Authorization: `Bearer ${token.trim()}`, 'Content-Type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) reject(new Error(`${pathAndQuery}：HTTP ${status} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test('--demo is an option of the hub command line', () => {
  const parsed = parseHubArgs(['--demo'], { cwd: '/tmp', env: {}, uiDir: null });
  assert.equal(parsed.ok, true);
  assert.equal(parsed.ok === true && parsed.options.demo, true);
});

test(
  'npm run hub -- --demo: three townships synced up through enrollment and HTTPS, the same three on the next start',
  DEMO_TEST,
  async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-county-demo-'));
    try {
      const first = await startHub(dataDir);
      const townships = await county<TownshipSummary[]>(dataDir, first.url, '/county/api/townships');
      assert.deepEqual(townships.map((t) => t.townshipName).sort(), DEMO_TOWNSHIPS.map((t) => t.townshipName).sort());
      const month = localDate(new Date(), DEFAULT_SETTINGS.timeZone).slice(0, 7);
      for (const township of townships) {
        // Enrolled (registered keys) and synced: entries applied, nothing refused.
        assert.equal(township.status, 'active', township.townshipName);
        assert.ok(township.entries > 0, `${township.townshipName} 没有记录`);
        assert.equal(township.lastError, null, township.townshipName);
        // The day's 有事报事 report arrived as a synced entry (hub_figures), about this month.
        assert.equal(township.figures?.month, month, `${township.townshipName} 没有月度汇报`);
        // The residents' matters and errands entered through the township's API are the county's records of them.
        const demo = DEMO_TOWNSHIPS.find((t) => t.townshipName === township.townshipName)!;
        const matters = await county<RecordRow[]>(
          dataDir,
          first.url,
          `/county/api/nodes/${township.nodeId}/records?entity=matter&limit=10000`,
        );
        assert.equal(matters.length, demo.matters, township.townshipName);
        const errands = await county<RecordRow[]>(
          dataDir,
          first.url,
          `/county/api/nodes/${township.nodeId}/records?entity=errand&limit=10000`,
        );
        assert.equal(errands.length, demo.errands, township.townshipName);
      }
      assert.equal(townships.filter((t) => t.suite === SUITE_GUOMI).length, 1, '其中一个乡镇用国密算法');
      assert.match(first.output(), /同步完成，县级平台新收到 \d+ 条记录/);
      await stopChild(first.child);

      // Again on the same folder (and another port): the same nodes, none added, synced once more.
      const second = await startHub(dataDir);
      const again = await county<TownshipSummary[]>(dataDir, second.url, '/county/api/townships');
      assert.deepEqual(again.map((t) => t.nodeId).sort(), townships.map((t) => t.nodeId).sort());
      for (const township of again) {
        const before = townships.find((t) => t.nodeId === township.nodeId)!;
        assert.ok(township.entries >= before.entries, township.townshipName);
        assert.equal(township.lastError, null, township.townshipName);
      }
      assert.doesNotMatch(second.output(), /正在生成演示数据|创建节点/);
      assert.match(second.output(), /演示乡镇改用 https:\/\/127\.0\.0\.1:\d+/);
      await stopChild(second.child);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);

test('--demo adds no demo township to a hub that already serves a township', DEMO_TEST, async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-county-demo-'));
  try {
    const plain = await startHub(dataDir, [], /数据目录：/);
    await county(dataDir, plain.url, '/county/api/nodes', { townshipName: '城关镇' });
    await stopChild(plain.child);

    const demo = await startHub(dataDir, ['--demo'], /不再新建演示乡镇/);
    const townships = await county<TownshipSummary[]>(dataDir, demo.url, '/county/api/townships');
    assert.deepEqual(
      townships.map((t) => t.townshipName),
      ['城关镇'],
    );
    assert.deepEqual(await readdir(path.join(dataDir, 'demo-townships')), []);
    assert.doesNotMatch(demo.output(), new RegExp(DEMO_READY));
    await stopChild(demo.child);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
