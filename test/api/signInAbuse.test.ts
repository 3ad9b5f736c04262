// Guessing passwords as an attacker would: bursts of parallel guesses at one account, at the
// lock screen, and from one address at many accounts. Every failed sign-in answers alike; the
// audit log keeps the real reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SIGN_IN_FAILED_MESSAGE } from '../../shared/auth/api';
import type { SessionCarrier } from '../../electron/backend/backend';
import { ADMIN, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const FAILED = { code: 'UNAUTHENTICATED', message: SIGN_IN_FAILED_MESSAGE };

/** Creates a clerk whose password is `Initial123`. */
async function clerk(admin: TestClient, username: string) {
  await admin.ok('users.create', {
    username,
    displayName: `${username}同志`,
    roles: ['counterClerk'],
    password: 'Initial123',
  });
}

async function lockedUntil(admin: TestClient, username: string) {
  return (await admin.ok('users.list', {})).items.find((u) => u.username === username)!.lockedUntil;
}

/** The audit summaries of one action, oldest first. */
async function audited(admin: TestClient, action: 'signInFailed' | 'accountLocked') {
  const { items } = await admin.ok('audit.events', { action, limit: 200 });
  return items.map((e) => e.summary).reverse();
}

/** A client at another address of the hall LAN, through the same backend. */
function otherAddress(hall: TestHall, origin: string) {
  const carrier: SessionCarrier = {
    token: null,
    origin,
    setToken(token) {
      carrier.token = token;
    },
  };
  return (procedure: string, input: unknown) => hall.backend.dispatch(procedure, input, carrier);
}

describe('guessing at one account', () => {
  test('29 parallel wrong passwords lock the account: the right one after them does not sign in', async () => {
    // No address throttle here: this is the account's own lockout, counted atomically.
    const { hall, admin } = await startSetUpHall({ signInThrottleFailures: 1000 });
    try {
      await clerk(admin, 'clerk1');
      const guesses = await Promise.all(
        Array.from({ length: 29 }, (_, i) =>
          hall.client().call('auth.login', { username: 'clerk1', password: `Guess${i}x` }),
        ),
      );
      const right = await hall.client().call('auth.login', { username: 'clerk1', password: 'Initial123' });
      assert.deepEqual([right.status, right.body], [401, { ok: false, error: FAILED }], 'the burst locked the account');
      assert.ok(await lockedUntil(admin, 'clerk1'));
      for (const guess of guesses) assert.deepEqual([guess.status, guess.body], [401, { ok: false, error: FAILED }]);

      // Only as many guesses as the lockout allows were checked at all; the rest were refused unchecked.
      const failed = await audited(admin, 'signInFailed');
      const locks = await audited(admin, 'accountLocked');
      assert.equal(locks.length, 1);
      assert.match(locks[0]!, /账号“clerk1”登录：密码错误，连续 5 次尝试机会已用完，账号锁定至 2026-11-23 10:1\d/);
      assert.equal(failed.filter((s) => s.includes('密码错误')).length + locks.length, 5);
      assert.equal(failed.filter((s) => s.includes('未核对密码')).length, 29 - 5 + 1);

      hall.clock.advanceMinutes(16);
      await hall.client().ok('auth.login', { username: 'clerk1', password: 'Initial123' });
      assert.equal(await lockedUntil(admin, 'clerk1'), null);
    } finally {
      await hall.close();
    }
  });

  test('a wrong password, an unknown user, a locked account and a paused address look alike; the audit says which', async () => {
    const { hall, admin } = await startSetUpHall({ signInThrottleFailures: 12 });
    try {
      await clerk(admin, 'clerk2');
      await clerk(admin, 'clerk3');
      const wrongPassword = await hall.client().call('auth.login', { username: 'clerk2', password: 'Wrong1234' });
      const unknownUser = await hall.client().call('auth.login', { username: 'nobody', password: 'Wrong1234' });
      for (let i = 0; i < 5; i++)
        await hall.client().call('auth.login', { username: 'clerk3', password: `Bad${i}pass` });
      const lockedRight = await hall.client().call('auth.login', { username: 'clerk3', password: 'Initial123' });
      const lockedWrong = await hall.client().call('auth.login', { username: 'clerk3', password: 'Wrong1234' });
      // 9 failures so far from 127.0.0.1; three more pause the address.
      for (const username of ['nobody2', 'nobody3', 'nobody4']) {
        await hall.client().call('auth.login', { username, password: 'Wrong1234' });
      }
      const paused = await hall.client().call('auth.login', { username: ADMIN.username, password: ADMIN.password });

      const answers = { wrongPassword, unknownUser, lockedRight, lockedWrong, paused };
      for (const [what, answer] of Object.entries(answers)) {
        assert.deepEqual(answer, { status: 401, body: { ok: false, error: FAILED } }, what);
      }
      assert.doesNotMatch(JSON.stringify(answers), /再错|次机会|锁定至|\d+ 次/);

      const failed = await audited(admin, 'signInFailed');
      assert.ok(failed.includes('账号“clerk2”登录：密码错误（连续第 1 次）'), failed.join('\n'));
      assert.ok(failed.includes('登录失败：用户名“nobody”不存在'));
      assert.equal(failed.filter((s) => /^账号“clerk3”登录：账号锁定至 .*，被拒绝（未核对密码）$/.test(s)).length, 2);
      assert.ok(failed.some((s) => /^来自 127\.0\.0\.1 的登录 15 分钟内失败 12 次，暂停受理该地址的登录至 /.test(s)));
      const locks = await audited(admin, 'accountLocked');
      assert.equal(locks.length, 1);
      assert.match(locks[0]!, /^账号“clerk3”登录：密码错误，连续 5 次尝试机会已用完/);
    } finally {
      await hall.close();
    }
  });

  test('parallel wrong passwords at the lock screen lock the account and end the session', async () => {
    const { hall, admin } = await startSetUpHall();
    try {
      await clerk(admin, 'clerk4');
      const client = hall.client();
      await client.ok('auth.login', { username: 'clerk4', password: 'Initial123' });
      await client.ok('auth.lock', {});
      const guesses = await Promise.all(
        Array.from({ length: 29 }, (_, i) => client.call('auth.unlock', { password: `Guess${i}x` })),
      );
      const ended = guesses.filter((g) => g.status === 401);
      assert.ok(ended.length > 0, 'the guesses used up the tries');
      assert.ok(guesses.every((g) => g.status === 400 || g.status === 401));
      assert.ok(guesses.filter((g) => g.status === 400).length <= 4, 'no more than the tries left were checked');
      assert.ok(ended.some((g) => !g.body.ok && /账号已被暂时锁定，本次登录已结束/.test(g.body.error.message)));

      const right = await client.call('auth.unlock', { password: 'Initial123' });
      assert.equal(right.status, 401, 'the session is over: the right password no longer unlocks it');
      assert.ok(await lockedUntil(admin, 'clerk4'));
      const again = await hall.client().call('auth.login', { username: 'clerk4', password: 'Initial123' });
      assert.equal(again.status, 401, 'and the account is locked for sign-in too');
      assert.match((await audited(admin, 'accountLocked'))[0]!, /^解锁屏幕：密码错误，连续 5 次尝试机会已用完/);
    } finally {
      await hall.close();
    }
  });

  test('wrong passwords at the lock screen count towards the lockout; a right one gives the tries back', async () => {
    const { hall, admin } = await startSetUpHall();
    try {
      await clerk(admin, 'clerk5');
      const client = hall.client();
      await client.ok('auth.login', { username: 'clerk5', password: 'Initial123' });
      await client.ok('auth.lock', {});
      for (let i = 0; i < 4; i++)
        assert.equal((await client.call('auth.unlock', { password: `Bad${i}pass` })).status, 400);
      await client.ok('auth.unlock', { password: 'Initial123' });
      // Four more wrong ones are again only four: the right password reset the count.
      for (let i = 0; i < 4; i++)
        assert.equal((await client.call('auth.unlock', { password: `Bad${i}pass` })).status, 400);
      assert.equal(await lockedUntil(admin, 'clerk5'), null);
      // The fifth in a row locks the account and ends the session.
      const fifth = await client.call('auth.unlock', { password: 'Bad4pass' });
      assert.equal(fifth.status, 401);
      assert.ok(await lockedUntil(admin, 'clerk5'));
      assert.equal(await client.ok('auth.session', {}), null);
    } finally {
      await hall.close();
    }
  });
});

describe('guessing from one address', () => {
  test('a burst from one address pauses sign-ins from it, and only from it', async () => {
    const { hall, admin } = await startSetUpHall();
    try {
      // Password spraying: one guess at each of many names, all from 127.0.0.1.
      const burst = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          hall.client().call('auth.login', { username: `user${i}`, password: 'Spring2026' }),
        ),
      );
      assert.ok(burst.every((answer) => answer.status === 401));
      const refused = await hall.client().call('auth.login', { username: ADMIN.username, password: ADMIN.password });
      assert.deepEqual(refused, { status: 401, body: { ok: false, error: FAILED } }, 'the address is paused');

      // Another window of the hall LAN signs in as usual.
      const elsewhere = await otherAddress(hall, '192.168.1.23')('auth.login', {
        username: ADMIN.username,
        password: ADMIN.password,
      });
      assert.ok(elsewhere.ok, JSON.stringify(elsewhere));

      const pauses = (await audited(admin, 'signInFailed')).filter((s) => s.startsWith('来自 127.0.0.1 的登录'));
      assert.equal(pauses.length, 1, 'the pause is audited once, not per refused attempt');
      assert.match(pauses[0]!, /15 分钟内失败 20 次，暂停受理该地址的登录至 2026-11-23 10:15/);

      hall.clock.advanceMinutes(16);
      await hall.client().ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    } finally {
      await hall.close();
    }
  });
});
