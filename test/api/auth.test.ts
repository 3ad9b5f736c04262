import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SIGN_IN_FAILED_MESSAGE } from '../../shared/auth/api';
import { ADMIN, signedInAs, startSetUpHall, startTestHall, type TestClient, type TestHall } from '../support/testHall';

describe('first run', () => {
  test('creates the administrator once; there is no default account', async () => {
    const hall = await startTestHall();
    try {
      const client = hall.client();
      assert.equal((await client.ok('system.status', {})).needsSetup, true);
      const noDefault = await client.call('auth.login', { username: 'admin', password: 'admin' });
      assert.equal(noDefault.status, 401);
      const weak = await client.call('system.setupAdministrator', { ...ADMIN, password: 'short' });
      assert.equal(weak.status, 400);
      assert.ok(!weak.body.ok && weak.body.error.fieldErrors?.password?.startsWith('密码：'));
      const session = await client.ok('system.setupAdministrator', ADMIN);
      assert.deepEqual(session.user.roles, ['administrator']);
      assert.equal(session.token, undefined, 'a browser never receives the token');
      const status = await client.ok('system.status', {});
      assert.equal(status.needsSetup, false);
      assert.equal(status.townshipName, '青石镇');
      const again = await hall.client().call('system.setupAdministrator', { ...ADMIN, username: 'intruder' });
      assert.equal(again.status, 409);
    } finally {
      await hall.close();
    }
  });
});

describe('sign-in, roles and sessions', () => {
  let hall: TestHall;
  let admin: TestClient;
  before(async () => {
    ({ hall, admin } = await startSetUpHall());
  });
  after(() => hall.close());

  test('five wrong passwords lock the account, with no count of tries left, and the lock is audited', async () => {
    await admin.ok('users.create', {
      username: 'clerk1',
      displayName: '李窗口',
      roles: ['counterClerk'],
      password: 'Initial123',
    });
    const client = hall.client();
    for (let i = 1; i <= 5; i++) {
      const wrong = await client.call('auth.login', { username: 'clerk1', password: 'nope' + i });
      assert.equal(wrong.status, 401);
      assert.ok(!wrong.body.ok);
      assert.deepEqual(wrong.body.error, { code: 'UNAUTHENTICATED', message: SIGN_IN_FAILED_MESSAGE }, `attempt ${i}`);
    }
    const stillLocked = await client.call('auth.login', { username: 'clerk1', password: 'Initial123' });
    assert.equal(stillLocked.status, 401, 'the right password does not open a locked account');
    assert.ok(!stillLocked.body.ok && stillLocked.body.error.message === SIGN_IN_FAILED_MESSAGE);
    const user = (await admin.ok('users.list', {})).items.find((u) => u.username === 'clerk1')!;
    assert.equal(user.lockedUntil, new Date(hall.clock.now().getTime() + 15 * 60_000).toISOString());
    hall.clock.advanceMinutes(16);
    await client.ok('auth.login', { username: 'clerk1', password: 'Initial123' });
    const events = await admin.ok('audit.events', { action: 'accountLocked' });
    assert.equal(events.items.length, 1);
    assert.match(events.items[0]!.summary, /密码错误，连续 5 次尝试机会已用完，账号锁定至/);
  });

  test('an unknown user gets the same answer as a wrong password', async () => {
    await admin.ok('users.create', {
      username: 'clerk6',
      displayName: '钱窗口',
      roles: ['counterClerk'],
      password: 'Initial123',
    });
    const unknown = await hall.client().call('auth.login', { username: 'ghost', password: 'whatever1' });
    const wrong = await hall.client().call('auth.login', { username: 'clerk6', password: 'whatever1' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown, wrong);
    assert.ok(!unknown.body.ok && unknown.body.error.message === SIGN_IN_FAILED_MESSAGE);
  });

  test('a new user must change the initial password before anything else', async () => {
    await admin.ok('users.create', {
      username: 'agent1',
      displayName: '赵代办',
      roles: ['villageAgent'],
      password: 'Initial123',
    });
    const agent = hall.client();
    const session = await agent.ok('auth.login', { username: 'agent1', password: 'Initial123' });
    assert.equal(session.user.mustChangePassword, true);
    const blocked = await agent.call('residents.search', { query: '张' });
    assert.equal(blocked.status, 403);
    await agent.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Village2026' });
    assert.equal((await agent.call('residents.search', { query: '张' })).status, 200);
  });

  test('a clerk may not call an administrator-only procedure', async () => {
    const clerk = await signedInAs(hall, admin, 'clerk2', ['counterClerk']);
    const answer = await clerk.call('users.create', {
      username: 'x1',
      displayName: '某',
      roles: ['administrator'],
      password: 'Initial123',
    });
    assert.equal(answer.status, 403);
    assert.ok(!answer.body.ok && answer.body.error.code === 'FORBIDDEN');
    assert.equal((await clerk.call('audit.events', {})).status, 403);
    const users = await admin.ok('users.list', {});
    assert.ok(!users.items.some((u) => u.username === 'x1'));
  });

  test('the leader reads but cannot register', async () => {
    const leader = await signedInAs(hall, admin, 'leader1', ['leader']);
    assert.equal((await leader.call('residents.search', { query: '张' })).status, 200);
    const write = await leader.call('residents.register', {});
    assert.equal(write.status, 403);
  });

  test('without a session every non-public procedure answers 401', async () => {
    const anonymous = hall.client();
    for (const procedure of ['residents.search', 'users.list', 'auth.logout'] as const) {
      assert.equal((await anonymous.call(procedure, {})).status, 401, procedure);
    }
    assert.equal(await anonymous.ok('auth.session', {}), null);
  });

  test('sessions end after idle time and at logout', async () => {
    const clerk = await signedInAs(hall, admin, 'clerk3', ['counterClerk']);
    assert.ok(await clerk.ok('auth.session', {}));
    hall.clock.advanceMinutes(61);
    assert.equal((await clerk.call('residents.search', { query: '张' })).status, 401);
    await clerk.ok('auth.login', { username: 'clerk3', password: 'Counter2026' });
    await clerk.ok('auth.logout', {});
    assert.equal(clerk.cookie, null, 'the cookie is cleared');
    assert.equal(await clerk.ok('auth.session', {}), null);
    // The administrator's session idled out too.
    assert.equal((await admin.call('users.list', {})).status, 401);
    await admin.ok('auth.login', { username: 'admin', password: ADMIN.password });
  });

  test('a script may ask for a bearer token', async () => {
    const session = await hall
      .client()
      .ok('auth.login', { username: 'admin', password: ADMIN.password, issueToken: true });
    assert.ok(session.token && session.token.length >= 40);
    const response = await fetch(new URL('/api/users.list', hall.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
      body: '{}',
    });
    assert.equal(response.status, 200);
  });

  test('disabling a user ends their sessions at once', async () => {
    const clerk = await signedInAs(hall, admin, 'clerk4', ['counterClerk']);
    const user = (await admin.ok('users.list', {})).items.find((u) => u.username === 'clerk4')!;
    await admin.ok('users.update', {
      id: user.id,
      version: user.version,
      displayName: user.displayName,
      roles: user.roles,
      active: false,
    });
    assert.equal((await clerk.call('residents.search', { query: '张' })).status, 401);
    const again = await hall.client().call('auth.login', { username: 'clerk4', password: 'Counter2026' });
    assert.equal(again.status, 403);
  });

  test('a locked screen is locked on the server: nothing but unlock or sign-out is answered', async () => {
    const clerk = await signedInAs(hall, admin, 'clerk5', ['counterClerk']);
    await clerk.ok('auth.lock', {});
    const refused = await clerk.call('residents.search', { query: '张' });
    assert.equal(refused.status, 423);
    assert.ok(!refused.body.ok && refused.body.error.code === 'SCREEN_LOCKED');
    assert.equal((await clerk.ok('auth.session', {}))?.locked, true, 'a reload opens on the lock screen');
    const wrong = await clerk.call('auth.unlock', { password: 'wrong-one1' });
    assert.equal(wrong.status, 400);
    assert.equal((await clerk.call('residents.search', { query: '张' })).status, 423);
    await clerk.ok('auth.unlock', { password: 'Counter2026' });
    assert.equal((await clerk.call('residents.search', { query: '张' })).status, 200);
    assert.equal((await clerk.ok('auth.session', {}))?.locked, false);
  });
});
