// What `npm run hub` does on start: the county token and the certificate are made once and
// kept, so a restart changes neither (every enrolled township pins the certificate); the token
// is shown on the first start only, then on request (--show-token).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { COUNTY_API_PREFIX, type CreateNodeResponse } from '../../shared/sync/countyApi';
import { databaseFileState } from '../../electron/backend/db/encryptInPlace';
import { COUNTY_TOKEN_FILE } from '../../hub/countyToken';
import { HUB_DATABASE_FILE } from '../../hub/db/open';
import { parseHubArgs, type HubCliOptions } from '../../hub/options';
import { showCountyToken, startHub } from '../../hub/startHub';

let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-start-'));
});
after(() => rm(dataDir, { recursive: true, force: true }));

const options = (overrides: Partial<HubCliOptions> = {}): HubCliOptions => ({
  dataDir,
  host: '127.0.0.1',
  port: 0,
  postgres: null,
  tlsCertFile: null,
  tlsKeyFile: null,
  publicUrl: null,
  insecureHttp: false,
  uiDir: null,
  ...overrides,
});

test('the token and the certificate are made on first start and kept on the next', async () => {
  const lines: string[] = [];
  const first = await startHub(options(), (line) => lines.push(line));
  await first.close();
  assert.ok(first.tls.generated);
  assert.match(first.countyToken, /^[A-Za-z0-9_-]{43}$/);
  assert.match(first.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(
    lines.some((line) => line.includes(first.countyToken)),
    'the token is printed',
  );
  assert.ok(
    lines.some((line) => line.includes(first.url)),
    'the page address is printed',
  );
  assert.equal((await stat(path.join(dataDir, COUNTY_TOKEN_FILE))).mode & 0o777, 0o600);
  assert.equal((await stat(path.join(dataDir, 'tls/hub-key.pem'))).mode & 0o777, 0o600);

  const again: string[] = [];
  const second = await startHub(options(), (line) => again.push(line));
  await second.close();
  assert.equal(second.tls.generated, false);
  assert.equal(second.countyToken, first.countyToken);
  assert.equal(second.tls.fingerprint, first.tls.fingerprint);
  // Shown once, when made: a normal start says where it is and how to ask for it, not what it is.
  assert.ok(!again.some((line) => line.includes(first.countyToken)), again.join('\n'));
  assert.ok(again.some((line) => line.includes('--show-token') && line.includes(COUNTY_TOKEN_FILE)));
});

test('--show-token prints the token of the data folder and starts nothing', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'hub-token-'));
  try {
    const made: string[] = [];
    const running = await startHub(options({ dataDir: folder }), (line) => made.push(line));
    await running.close();
    assert.ok(made.some((line) => line.includes(running.countyToken) && line.includes('只在首次启动时显示这一次')));
    assert.ok(
      made.some((line) => line.includes(`--show-token --data ${folder}`)),
      'the command names the folder',
    );

    const shown: string[] = [];
    assert.equal(await showCountyToken(folder, (line) => shown.push(line)), running.countyToken);
    assert.ok(shown.some((line) => line.includes(running.countyToken)));
    assert.deepEqual(parseHubArgs(['--show-token', '--data', folder], { cwd: '/', env: {}, uiDir: null }), {
      ok: true,
      options: { ...parseDefaults(folder), showToken: true },
    });

    // A token file whose mode was widened (copied back by hand) is made private again.
    await chmod(path.join(folder, COUNTY_TOKEN_FILE), 0o644);
    await showCountyToken(folder, () => {});
    assert.equal((await stat(path.join(folder, COUNTY_TOKEN_FILE))).mode & 0o777, 0o600);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

function parseDefaults(dataDir: string) {
  const parsed = parseHubArgs(['--data', dataDir], { cwd: '/', env: {}, uiDir: null });
  assert.ok(parsed.ok === true);
  return parsed.options;
}

test('--insecure-http serves plain HTTP with a warning, and enrollment files still pin the certificate', async () => {
  const lines: string[] = [];
  const running = await startHub(options({ insecureHttp: true, publicUrl: 'http://127.0.0.1:9' }), (line) =>
    lines.push(line),
  );
  try {
    assert.match(running.url, /^http:\/\//);
    assert.ok(lines.some((line) => line.startsWith('警告：--insecure-http')));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        new URL(`${COUNTY_API_PREFIX}nodes`, running.url),
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${running.countyToken}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ townshipName: '青山镇' }));
    });
    assert.equal(answer.status, 201, answer.body);
    const created = JSON.parse(answer.body) as CreateNodeResponse;
    assert.equal(created.enrollment.hubUrl, 'http://127.0.0.1:9');
    assert.equal(created.enrollment.certificateFingerprint, running.tls.fingerprint);
  } finally {
    await running.close();
  }
});

test('a busy port is refused in Chinese, and nothing stays open', async () => {
  const blocker = http.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as { port: number };
  try {
    await assert.rejects(startHub(options({ port })), /端口 \d+ 已被占用/);
  } finally {
    blocker.close();
  }
});

test('--db-key-file: the hub’s SQLite is encrypted (a plain one in place, backup kept), opens only with the key; refused with PostgreSQL; without it a warning', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'hub-key-'));
  try {
    const hubData = path.join(folder, 'hub-data');
    const plainLines: string[] = [];
    const plain = await startHub(options({ dataDir: hubData }), (line) => plainLines.push(line));
    await plain.close();
    assert.ok(
      plainLines.some((line) => /警告：未配置数据库密钥.*hub-data 中的数据库以明文保存.*HUB_DB_KEY_FILE/.test(line)),
    );
    assert.equal(await databaseFileState(path.join(hubData, HUB_DATABASE_FILE)), 'plain');

    const keyFile = path.join(folder, 'hub.key');
    await writeFile(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const lines: string[] = [];
    const keyed = await startHub(options({ dataDir: hubData, dbKeyFile: keyFile }), (line) => lines.push(line));
    await keyed.close();
    assert.equal(await databaseFileState(path.join(hubData, HUB_DATABASE_FILE)), 'encrypted');
    assert.ok(
      lines.some((line) => /已将明文数据库 .*hub\.sqlite 就地加密/.test(line)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((line) => line.includes('未配置数据库密钥')));
    if (process.platform !== 'win32') {
      assert.equal((await stat(hubData)).mode & 0o777, 0o700);
      assert.equal((await stat(path.join(hubData, HUB_DATABASE_FILE))).mode & 0o777, 0o600);
    }
    await assert.rejects(
      startHub(options({ dataDir: hubData })),
      /hub\.sqlite 已加密，未提供数据库密钥，无法打开：请用 --db-key-file 或环境变量 HUB_DB_KEY_FILE/,
    );
    const reopened = await startHub(options({ dataDir: hubData, dbKeyFile: keyFile }));
    await reopened.close();

    const parsed = parseHubArgs(['--postgres', 'postgres://u:p@db:5432/hub', '--db-key-file', keyFile], {
      cwd: folder,
      env: {},
      uiDir: null,
    });
    assert.ok(parsed.ok === false && /只用于 SQLite/.test(parsed.message));
    const fromEnv = parseHubArgs([], { cwd: folder, env: { HUB_DB_KEY_FILE: 'hub.key' }, uiDir: null });
    assert.ok(fromEnv.ok === true && fromEnv.options.dbKeyFile === keyFile);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
