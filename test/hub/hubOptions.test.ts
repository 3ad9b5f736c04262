import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HUB_PORT, HUB_USAGE, hostForUrl, parseHubArgs } from '../../hub/options';

const defaults = { cwd: '/srv/county', env: {}, uiDir: '/srv/ui' };

test('defaults: loopback, port 4790, ./hub-data, SQLite, HTTPS with a generated certificate', () => {
  const parsed = parseHubArgs([], defaults);
  assert.ok(parsed.ok === true);
  assert.deepEqual(parsed.options, {
    dataDir: '/srv/county/hub-data',
    host: '127.0.0.1',
    port: DEFAULT_HUB_PORT,
    postgres: null,
    dbKeyFile: null,
    tlsCertFile: null,
    tlsKeyFile: null,
    publicUrl: null,
    insecureHttp: false,
    uiDir: '/srv/ui',
  });
});

test('options are read', () => {
  const parsed = parseHubArgs(
    [
      '--data',
      'county',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--postgres',
      'postgres://hub:secret@db:5432/hub',
      '--tls-cert',
      'c.pem',
      '--tls-key',
      '/etc/k.pem',
      '--public-url',
      'https://hub.example.cn:4790/',
    ],
    defaults,
  );
  assert.ok(parsed.ok === true);
  assert.equal(parsed.options.dataDir, '/srv/county/county');
  assert.equal(parsed.options.port, 0);
  assert.equal(parsed.options.host, '0.0.0.0');
  assert.equal(parsed.options.postgres, 'postgres://hub:secret@db:5432/hub');
  assert.equal(parsed.options.tlsCertFile, '/srv/county/c.pem');
  assert.equal(parsed.options.tlsKeyFile, '/etc/k.pem');
  // A bare origin: townships append /sync/v1/… to it.
  assert.equal(parsed.options.publicUrl, 'https://hub.example.cn:4790');
});

test('HUB_POSTGRES is the default connection string; --postgres overrides it', () => {
  const env = { HUB_POSTGRES: 'postgresql://a@b/c' };
  const fromEnv = parseHubArgs([], { ...defaults, env });
  assert.ok(fromEnv.ok === true);
  assert.equal(fromEnv.options.postgres, 'postgresql://a@b/c');
  const given = parseHubArgs(['--postgres', 'postgres://x@y/z'], { ...defaults, env });
  assert.ok(given.ok === true);
  assert.equal(given.options.postgres, 'postgres://x@y/z');
  const blank = parseHubArgs([], { ...defaults, env: { HUB_POSTGRES: '  ' } });
  assert.ok(blank.ok === true);
  assert.equal(blank.options.postgres, null);
});

test('plain HTTP only when asked for explicitly, and then an http public URL is allowed', () => {
  const parsed = parseHubArgs(['--insecure-http', '--public-url', 'http://127.0.0.1:9000'], defaults);
  assert.ok(parsed.ok === true);
  assert.equal(parsed.options.insecureHttp, true);
  assert.equal(parsed.options.publicUrl, 'http://127.0.0.1:9000');
  const refused = parseHubArgs(['--public-url', 'http://127.0.0.1:9000'], defaults);
  assert.ok(refused.ok === false);
  assert.match(refused.message, /https:\/\//);
});

test('--help', () => {
  assert.equal(parseHubArgs(['--port', '1', '--help'], defaults).ok, 'help');
  assert.match(HUB_USAGE, /--public-url/);
  assert.match(HUB_USAGE, /--insecure-http/);
});

test('bad values and unknown options are refused, in Chinese', () => {
  for (const argv of [
    ['--port', '99999'],
    ['--port', 'abc'],
    ['--port'],
    ['--data', '--port'],
    ['--frobnicate'],
    ['--tls-cert', 'c.pem'],
    ['--tls-key', 'k.pem'],
    ['--insecure-http', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'],
    ['--postgres', 'mysql://x'],
    ['--public-url', 'not a url'],
    ['--public-url', 'https://hub.example.cn/sync'],
    ['--public-url', 'https://user:pw@hub.example.cn'],
  ]) {
    const parsed = parseHubArgs(argv, defaults);
    assert.ok(parsed.ok === false, argv.join(' '));
    assert.match(parsed.message, /[\u4e00-\u9fff]/, argv.join(' '));
  }
});

test('IPv6 hosts are bracketed in URLs', () => {
  assert.equal(hostForUrl('::1'), '[::1]');
  assert.equal(hostForUrl('[::1]'), '[::1]');
  assert.equal(hostForUrl('127.0.0.1'), '127.0.0.1');
});
