import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDesktopBridge, isProcedureNameShape } from '../../electron/preload/desktopBridge';

test('procedure names: domain.name, short, nothing else', () => {
  for (const name of ['residents.search', 'auth.changePassword', 'system.setupAdministrator', 'users.list']) {
    assert.equal(isProcedureNameShape(name), true, name);
  }
  for (const name of [
    '',
    'residents',
    'Residents.search',
    'residents.search.x',
    'residents.',
    '.search',
    'residents.search ',
    'residents.search\n',
    'residents/search',
    '__proto__.constructor',
    'residents.sea-rch',
    'a'.repeat(40) + '.' + 'b'.repeat(40),
    42,
    null,
    undefined,
    { toString: () => 'residents.search' },
  ]) {
    assert.equal(isProcedureNameShape(name), false, String(name));
  }
});

test('the bridge exposes call() and nothing else, frozen', () => {
  const bridge = createDesktopBridge(async () => ({ ok: true, result: null }));
  assert.deepEqual(Object.keys(bridge), ['call']);
  assert.equal(Object.isFrozen(bridge), true);
});

test('call() forwards procedure and input and returns the main process’s answer', async () => {
  const sent: unknown[] = [];
  const bridge = createDesktopBridge(async (procedure, input) => {
    sent.push([procedure, input]);
    return { ok: true, result: { echoed: input } };
  });
  const result = await bridge.call('residents.get', { id: 'abc' });
  assert.deepEqual(sent, [['residents.get', { id: 'abc' }]]);
  assert.deepEqual(result, { ok: true, result: { echoed: { id: 'abc' } } });
});

test('a malformed procedure never reaches the main process', async () => {
  let sent = 0;
  const bridge = createDesktopBridge(async () => {
    sent++;
    return { ok: true, result: null };
  });
  const result = await bridge.call('../../etc/passwd', {});
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'BAD_REQUEST');
  assert.equal(await bridge.call(123 as unknown as string, {}).then((r) => r.ok), false);
  assert.equal(sent, 0);
});

test('an IPC failure (rejected or thrown) becomes an ApiResult', async () => {
  const rejecting = createDesktopBridge(() => Promise.reject(new Error('An object could not be cloned.')));
  const r1 = await rejecting.call('residents.search', { fn: () => 1 });
  assert.equal(!r1.ok && r1.error.code, 'INTERNAL');
  const throwing = createDesktopBridge(() => {
    throw new Error('sync');
  });
  const r2 = await throwing.call('residents.search', {});
  assert.equal(!r2.ok && r2.error.code, 'INTERNAL');
});
