// The hall's screens through real HTTP: pairing once with a code, the screen's own cookie, what
// each kind may call, revoking; and the rating pad taking the resident's own rating of the case
// presented to it — once, as 群众评价 — while a clerk can no longer record one in their name.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { HallScreenKind } from '../../shared/hallScreens/screens';
import { residentId } from '../support/ids';
import { morningOf, refused, signedInAs, startSetUpHall, TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const immediate = demoCatalog.items.find((item) => item.handlingType === 'immediate' && item.activeTo === null)!;
const promised = demoCatalog.items.find((item) => item.code === 'NY-005')!;
const required = (item: typeof promised) => item.materials.filter((m) => m.required).map((m) => m.name);

const NOT_PAIRED = /^本屏幕尚未配对或已被停用，请联系系统管理员$/;

describe('hall screens', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let resident: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-09-29');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    await admin.ok('catalog.importFile', demoCatalog);
    resident = (
      await clerk.ok('residents.register', {
        name: '张建三',
        idType: 'residentId',
        idNumber: residentId('19680312', 302),
        ethnicity: '汉族',
        villageId: started.village.id,
        phone: '13903721234',
      })
    ).id;
  });
  after(() => hall.close());

  /** A screen's browser: its own cookie jar, paired with a fresh code. */
  async function pairedScreen(kind: HallScreenKind, name: string, windowName?: string) {
    const added = await admin.ok('hallScreens.add', { kind, name, ...(windowName ? { windowName } : {}) });
    const browser = hall.client();
    const identity = await browser.ok('hallScreens.pair', { code: added.pairing.code });
    assert.equal(identity.name, name);
    assert.match(browser.cookie ?? '', /^td_screen=/);
    return { browser, screen: added.screen };
  }

  test('a pairing code pairs once; an expired one and a wrong one are refused, guesses are braked', async () => {
    const added = await admin.ok('hallScreens.add', { kind: 'callingScreen', name: '大厅电视' });
    assert.match(added.pairing.code, /^\d{6}$/);
    assert.equal(added.screen.status, 'awaitingPairing');

    const tv = hall.client();
    refused(await tv.call('hallScreens.whoAmI', {}), 401, NOT_PAIRED);
    const paired = await tv.call('hallScreens.pair', { code: added.pairing.code });
    assert.equal(paired.status, 200, JSON.stringify(paired.body));
    const cookieHeader = await rawSetCookie(hall, added.pairing.code);
    assert.equal(cookieHeader, null, 'a used code sets no cookie');
    assert.equal((await tv.ok('hallScreens.whoAmI', {})).kind, 'callingScreen');

    // The same code again, from another browser: used up.
    refused(
      await hall.client().call('hallScreens.pair', { code: added.pairing.code }),
      400,
      /配对码：不正确或已过期/,
      'code',
    );

    // A code not used within ten minutes.
    const late = await admin.ok('hallScreens.add', { kind: 'ticketKiosk', name: '迟到的取号机' });
    hall.clock.advanceMinutes(11);
    refused(await hall.client().call('hallScreens.pair', { code: late.pairing.code }), 400, /配对码/, 'code');

    // Wrong codes from one address: after the sign-in brake's count, even a right code is refused.
    const fresh = await admin.ok('hallScreens.newPairingCode', { id: late.screen.id, version: late.screen.version });
    const guesser = hall.client();
    let answer;
    for (let i = 0; i < 25; i++) {
      answer = await guesser.call('hallScreens.pair', {
        code: String((Number(fresh.pairing.code) + 1 + i) % 1_000_000).padStart(6, '0'),
      });
      if (answer.status === 403) break;
    }
    refused(answer!, 403, /配对码错误次数过多/);
    refused(await guesser.call('hallScreens.pair', { code: fresh.pairing.code }), 403, /配对码错误次数过多/);
    hall.clock.advanceMinutes(16);
  });

  test('the list shows kind, window, pairing and last seen; changes are in the change log under their actors', async () => {
    const { browser, screen } = await pairedScreen('ratingPad', '9号窗口评价器', '9号窗口');
    hall.clock.advanceMinutes(2);
    await browser.ok('hallScreens.padState', {});
    const listed = (await admin.ok('hallScreens.list', {})).screens.find((s) => s.id === screen.id)!;
    assert.equal(listed.status, 'paired');
    assert.equal(listed.windowName, '9号窗口');
    assert.equal(listed.lastSeenAt, hall.clock.now().toISOString());
    const entries = await hall.backend.db
      .selectFrom('change_log')
      .select(['op', 'actor_name'])
      .where('entity', '=', 'hallScreen')
      .where('entity_id', '=', screen.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(entries, [
      { op: 'add', actor_name: '王管理' },
      { op: 'pair', actor_name: '9号窗口评价器' },
    ]);
    // A second live pad at one window would leave the clerk's 请群众评价 without one address.
    refused(
      await admin.call('hallScreens.add', { kind: 'ratingPad', name: '又一个', windowName: '9号窗口' }),
      400,
      /9号窗口已有评价器/,
      'windowName',
    );
    refused(
      await admin.call('hallScreens.add', { kind: 'ratingPad', name: '没有窗口' }),
      400,
      /所在窗口|评价器须填写/,
      'windowName',
    );
  });

  test('a revoked screen is refused at its next call, in one sentence', async () => {
    const { browser, screen } = await pairedScreen('callingScreen', '二楼电视');
    await browser.ok('hallScreens.whoAmI', {});
    await admin.ok('hallScreens.revoke', { id: screen.id, version: await currentVersion(screen.id) });
    const answer = await browser.call('hallScreens.whoAmI', {});
    refused(answer, 401, NOT_PAIRED);
  });

  test('each kind calls only its own procedures; a user session none of them; a screen no user procedure', async () => {
    const kiosk = await pairedScreen('ticketKiosk', '入口取号机');
    const pad = await pairedScreen('ratingPad', '5号窗口评价器', '5号窗口');
    refused(await kiosk.browser.call('hallScreens.padState', {}), 403, /本屏幕是取号机，不能进行此操作/);
    refused(await pad.browser.call('queue.kiosk', {}), 403, /本屏幕是评价器，不能进行此操作/);
    // The clerk's and the administrator's sessions open no screen procedure.
    refused(await clerk.call('hallScreens.padState', {}), 401, NOT_PAIRED);
    refused(await admin.call('hallScreens.whoAmI', {}), 401, NOT_PAIRED);
    // A screen's cookie opens no user procedure, not even alongside nothing else.
    refused(await pad.browser.call('counter.worklist', {}), 401, /尚未登录/);
    refused(await kiosk.browser.call('hallScreens.list', {}), 401, /尚未登录/);
    // Both cookies in one browser (the administrator tried the pad page on their own PC): each
    // procedure is answered for its own credential only.
    const both = new TestClient(hall.url);
    both.cookie = `${admin.cookie}; ${pad.browser.cookie}`;
    assert.equal((await both.ok('hallScreens.padState', {})).windowName, '5号窗口');
    assert.ok((await both.ok('hallScreens.list', {})).screens.length > 0);
  });

  test('the pad shows the case accepted at its window, then the one presented; it rates only that one, once, as 群众评价', async () => {
    const { browser: pad } = await pairedScreen('ratingPad', '3号窗口评价器', '3号窗口');
    assert.equal((await pad.ok('hallScreens.padState', {})).shown, null);

    const accepted = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident,
      itemCode: immediate.code,
      receivedMaterials: required(immediate),
      window: '3号窗口',
      decision: 'accept',
    });
    let c = accepted.case;
    const atAcceptance = (await pad.ok('hallScreens.padState', {})).shown!;
    assert.equal(atAcceptance.stage, 'acceptance');
    assert.equal(atAcceptance.case.caseNumber, c.caseNumber);
    assert.equal(atAcceptance.case.applicantName, '张*三');
    // A case at another window is not this pad's.
    await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident,
      itemCode: promised.code,
      receivedMaterials: required(promised),
      window: '4号窗口',
      decision: 'accept',
    });
    assert.equal((await pad.ok('hallScreens.padState', {})).shown?.case.caseId, c.id);

    // Not rateable yet: the declaration says why (only 已送达 cases are rated).
    refused(await clerk.call('hallScreens.present', { caseId: c.id, windowName: '3号窗口' }), 409, /已送达/);
    refused(await pad.call('hallScreens.padRate', { caseId: c.id, level: 'satisfied' }), 409, /不在本评价器上/);

    if (c.status !== 'completed') {
      c = (await clerk.ok('counter.complete', { caseId: c.id, version: c.version, result: 'approved' })).case;
    }
    c = (
      await clerk.ok('counter.deliver', { caseId: c.id, version: c.version, method: 'collected', signedBy: '张建三' })
    ).case;

    // The clerk may not record the resident's own rating.
    refused(
      await clerk.call('counter.rate', { caseId: c.id, version: c.version, level: 'satisfied', channel: 'resident' }),
      400,
      /^评价渠道：群众本人的评价只能由群众在窗口评价器上点选/,
      'channel',
    );
    refused(
      await clerk.call('hallScreens.present', { caseId: c.id, windowName: '8号窗口' }),
      409,
      /8号窗口没有已配对的评价器/,
    );
    await clerk.ok('hallScreens.present', { caseId: c.id, windowName: '3号窗口' });
    const toRate = (await pad.ok('hallScreens.padState', {})).shown!;
    assert.equal(toRate.stage, 'rating');
    assert.equal(toRate.case.caseId, c.id);

    // Only the presented case: another id is refused.
    const other = (await clerk.ok('counter.worklist', {})).open[0]!;
    refused(await pad.call('hallScreens.padRate', { caseId: other.id, level: 'satisfied' }), 409, /不在本评价器上/);

    const rated = await pad.ok('hallScreens.padRate', { caseId: c.id, level: 'verySatisfied', comment: '很快' });
    assert.equal(rated.caseNumber, c.caseNumber);
    refused(await pad.call('hallScreens.padRate', { caseId: c.id, level: 'dissatisfied' }), 409, /不在本评价器上/);
    assert.equal((await pad.ok('hallScreens.padState', {})).shown, null);

    const detail = await clerk.ok('counter.get', { caseId: c.id });
    assert.equal(detail.case.status, 'rated');
    assert.equal(detail.case.rating?.channel, 'resident');
    assert.equal(detail.case.rating?.level, 'verySatisfied');
    const rateEntry = await hall.backend.db
      .selectFrom('change_log')
      .select(['actor_name', 'actor_id'])
      .where('entity', '=', 'counterCase')
      .where('entity_id', '=', c.id)
      .where('op', '=', 'rate')
      .executeTakeFirstOrThrow();
    assert.deepEqual(rateEntry, { actor_name: '3号窗口评价器', actor_id: null });
    assert.ok(detail.history.some((h) => h.op === 'presentToPad'));

    // Presented again after rating: the declaration refuses (已评价).
    refused(await clerk.call('hallScreens.present', { caseId: c.id, windowName: '3号窗口' }), 409, /已评价/);
  });

  async function currentVersion(id: string): Promise<number> {
    return (await admin.ok('hallScreens.list', {})).screens.find((s) => s.id === id)!.version;
  }
});

/** The Set-Cookie of a pairing answer, read raw (a refused pairing must set none). */
async function rawSetCookie(hall: TestHall, code: string): Promise<string | null> {
  const response = await fetch(new URL('/api/hallScreens.pair', hall.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  await response.body?.cancel();
  return response.headers.get('set-cookie');
}
