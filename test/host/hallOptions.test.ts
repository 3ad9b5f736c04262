import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PORT, parseHallArgs } from '../../electron/hall/hallOptions';

const defaults = { cwd: '/srv/hall', staticDir: '/srv/ui' };

test('defaults: loopback, port 4780, ./data', () => {
  const parsed = parseHallArgs([], defaults);
  assert.ok(parsed.ok === true);
  assert.equal(parsed.options.host, '127.0.0.1');
  assert.equal(parsed.options.port, DEFAULT_PORT);
  assert.equal(parsed.options.dataDir, '/srv/hall/data');
  assert.equal(parsed.options.demo, false);
});

test('options are read', () => {
  const parsed = parseHallArgs(['--data', 'x', '--port', '5000', '--demo', '--demo-residents', '200000'], defaults);
  assert.ok(parsed.ok === true);
  assert.equal(parsed.options.dataDir, '/srv/hall/x');
  assert.equal(parsed.options.port, 5000);
  assert.equal(parsed.options.demoResidents, 200000);
});

test('a LAN address needs TLS; loopback does not', () => {
  const lan = parseHallArgs(['--host', '192.168.1.10'], defaults);
  assert.ok(lan.ok === false);
  assert.match(lan.message, /须使用 TLS/);
  assert.ok(
    parseHallArgs(['--host', '192.168.1.10', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], defaults).ok === true,
  );
  assert.ok(parseHallArgs(['--host', 'localhost'], defaults).ok === true);
  assert.ok(parseHallArgs(['--host', '::1'], defaults).ok === true);
});

test('bad values and unknown options are refused', () => {
  for (const argv of [
    ['--port', '99999'],
    ['--port'],
    ['--frobnicate'],
    ['--demo-residents', '-1'],
    ['--tls-cert', 'c.pem'],
  ]) {
    assert.equal(parseHallArgs(argv, defaults).ok, false, argv.join(' '));
  }
});

test('sync runs every 15 minutes unless told otherwise; 0 turns it off; a bad interval is named', () => {
  const plain = parseHallArgs([], defaults);
  assert.ok(plain.ok === true);
  assert.equal(plain.options.syncIntervalMinutes, 15);
  const off = parseHallArgs(['--sync-interval', '0'], defaults);
  assert.ok(off.ok === true);
  assert.equal(off.options.syncIntervalMinutes, 0);
  const bad = parseHallArgs(['--sync-interval', '2000'], defaults);
  assert.ok(bad.ok === false);
  assert.equal(bad.message, '--sync-interval 应为 0–1440 的整数（分钟）');
  const missing = parseHallArgs(['--sync-interval', '--demo'], defaults);
  assert.ok(missing.ok === false);
  assert.equal(missing.message, '--sync-interval 后面缺少取值');
});
