// The preload's `updates` (electron/preload/desktopUpdates.ts): status events to the page, the
// page's answer to "any unsaved input?", and the main process's refusals as Chinese sentences.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDesktopBridge } from '../../electron/preload/desktopBridge';
import { createDesktopUpdates } from '../../electron/preload/desktopUpdates';
import type { UpdateStatus } from '../../shared/updates/bridge';

function wired() {
  const invoked: [string, unknown][] = [];
  let deliver: (payload: unknown) => void = () => {};
  const updates = createDesktopUpdates(
    async (operation, argument) => {
      invoked.push([operation, argument]);
      if (operation === 'install')
        throw new Error(
          "Error invoking remote method 'township-desk:updates': Error: 只有系统管理员可以管理软件更新，请用系统管理员账号登录。",
        );
      if (operation === 'check') throw new Error('An object could not be cloned.');
      return null;
    },
    (listener) => {
      deliver = listener;
    },
  );
  return { updates, invoked, deliver: (payload: unknown) => deliver(payload) };
}

test('status events reach the listeners until they unsubscribe', () => {
  const { updates, deliver } = wired();
  const seen: string[] = [];
  const stop = updates.onStatus((status) => seen.push(status.phase));
  deliver({ kind: 'status', status: { phase: 'ready' } as UpdateStatus });
  stop();
  deliver({ kind: 'status', status: { phase: 'installing' } as UpdateStatus });
  deliver(null);
  deliver('nonsense');
  assert.deepEqual(seen, ['ready']);
});

test('the page answers with its form guard; a guard that throws counts as unsaved input; no guard, no answer', async () => {
  const { updates, invoked, deliver } = wired();
  deliver({ kind: 'askForms', id: 1 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(invoked, [], 'no guard registered: silence (the main process then waits)');
  updates.answerFormQuestions(() => true);
  deliver({ kind: 'askForms', id: 2 });
  updates.answerFormQuestions(() => {
    throw new Error('form unmounted');
  });
  deliver({ kind: 'askForms', id: 3 });
  updates.answerFormQuestions(() => false);
  deliver({ kind: 'askForms', id: 4 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(invoked, [
    ['answerForms', { id: 2, dirty: true }],
    ['answerForms', { id: 3, dirty: true }],
    ['answerForms', { id: 4, dirty: false }],
  ]);
});

test('a refusal keeps its Chinese sentence; anything else becomes the general one', async () => {
  const { updates } = wired();
  await assert.rejects(updates.install(), { message: '只有系统管理员可以管理软件更新，请用系统管理员账号登录。' });
  await assert.rejects(updates.check(), { message: '无法与本机后台通信，请重新启动程序后再试。' });
  assert.equal(Object.isFrozen(updates), true);
});

test('the bridge carries `updates` when the preload gives it', () => {
  const { updates } = wired();
  const never = () => Promise.reject(new Error('not expected'));
  const bridge = createDesktopBridge(never, never, never, updates);
  assert.deepEqual(Object.keys(bridge), ['call', 'printing', 'upload', 'updates']);
  assert.equal(bridge.updates, updates);
});
