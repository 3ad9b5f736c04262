// A `/files/<ticket>/<name>` link opens only for the session that asked for it, and only while
// that session lives: a link copied to another browser, or kept after signing out, opens nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueTestDocument } from '../support/documents';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('file links belong to the session that asked for them', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let clerk2: TestClient;
  before(async () => {
    ({ hall, admin } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    clerk2 = await signedInAs(hall, admin, 'clerk2', ['counterClerk']);
  });
  after(() => hall.close());

  /** A receipt slip's preview link, asked for by `client`. */
  async function linkFor(client: TestClient): Promise<string> {
    const doc = await issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir }, { at: hall.clock.now() });
    return (await client.ok('documents.preview', { id: doc.id })).fileUrl;
  }
  /** A second browser signed in as `username` (the password its `signedInAs` set). */
  async function signIn(username: string): Promise<TestClient> {
    const client = hall.client();
    await client.ok('auth.login', { username, password: 'Counter2026' });
    return client;
  }
  /** The answer to a link nobody was given: every refusal must look exactly like it. */
  async function refusal(response: Response) {
    return { status: response.status, text: await response.text() };
  }
  let madeUp: { status: number; text: string };
  before(async () => {
    madeUp = await refusal(await clerk.fetchFile(`/files/${'A'.repeat(32)}/sampleReceiptSlip.pdf`));
    assert.equal(madeUp.status, 404);
    assert.match(madeUp.text, /链接已失效/);
  });

  test('the session that asked opens its link as often as it needs', async () => {
    const fileUrl = await linkFor(clerk);
    for (let i = 0; i < 3; i++) {
      const response = await clerk.fetchFile(fileUrl);
      assert.equal(response.status, 200);
      assert.equal(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
    }
    assert.equal((await clerk.fetchFile(fileUrl, { method: 'HEAD' })).status, 200);
  });

  test('without a session, with another user’s, or with another sign-in of the same user: 404', async () => {
    const fileUrl = await linkFor(clerk);
    assert.deepEqual(await refusal(await fetch(new URL(fileUrl, hall.url))), madeUp, 'no cookie');
    assert.deepEqual(await refusal(await clerk2.fetchFile(fileUrl)), madeUp, 'another clerk');
    assert.deepEqual(await refusal(await admin.fetchFile(fileUrl)), madeUp, 'the administrator');
    const sameUserElsewhere = await signIn('clerk');
    assert.deepEqual(
      await refusal(await sameUserElsewhere.fetchFile(fileUrl)),
      madeUp,
      'the same user, another browser',
    );
    // Refused to others, the link still works for its own session.
    assert.equal((await clerk.fetchFile(fileUrl)).status, 200);
  });

  test('signing out ends the session’s links at once, for the browser and in the backend’s store', async () => {
    const browser = await signIn('clerk');
    const fileUrl = await linkFor(browser);
    const cookie = browser.cookie!;
    assert.equal((await browser.fetchFile(fileUrl)).status, 200);
    // The desktop's app:// scheme asks the store without a cookie: the ticket is there…
    assert.ok(await hall.backend.openFile(fileUrl, 'desktopApp'));
    await browser.ok('auth.logout', {});
    // …and gone with the session, though its ten minutes are not over.
    assert.equal(await hall.backend.openFile(fileUrl, 'desktopApp'), null);
    const kept = await fetch(new URL(fileUrl, hall.url), { headers: { Cookie: cookie } });
    assert.deepEqual(await refusal(kept), madeUp);
  });

  test('a locked screen opens no link until it is unlocked', async () => {
    const browser = await signIn('clerk');
    const fileUrl = await linkFor(browser);
    await browser.ok('auth.lock', {});
    assert.deepEqual(await refusal(await browser.fetchFile(fileUrl)), madeUp);
    await browser.ok('auth.unlock', { password: 'Counter2026' });
    assert.equal((await browser.fetchFile(fileUrl)).status, 200);
  });

  test('a session the administrator ends opens its links no more', async () => {
    const fileUrl = await linkFor(clerk2);
    assert.equal((await clerk2.fetchFile(fileUrl)).status, 200);
    const { items } = await admin.ok('users.list', {});
    const user = items.find((u) => u.username === 'clerk2')!;
    // Changing a user's roles or status ends the user's sessions.
    await admin.ok('users.update', {
      id: user.id,
      version: user.version,
      displayName: user.displayName,
      roles: ['counterClerk', 'leader'],
      active: true,
    });
    assert.deepEqual(await refusal(await clerk2.fetchFile(fileUrl)), madeUp);
  });
});
