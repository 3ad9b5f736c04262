// A 限期解决 deadline across the year end, before next year's arrangement is published: counted
// on the provisional calendar (暂定, from the law's holidays), and counted again on the official
// one when it arrives — as the counter's promises are — with the move in the matter's history.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CalendarYear } from '../../shared/calendar/workingCalendar';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

/** A test arrangement for 2027 whose 元旦 runs to Monday the 4th (the real one is published later). */
const official2027: CalendarYear = {
  year: 2027,
  source: '测试用安排',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-04' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  makeUpWorkdays: [{ date: '2027-02-20', for: '春节' }],
};

describe('a matter’s deadline across the year end', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let matterId: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-12-28');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    const registered = await clerk.ok('matters.register', {
      requestId: crypto.randomUUID(),
      source: 'counter',
      villageId: started.village.id,
      residentName: '李秀英',
      type: 'request',
      category: 'livelihood',
      description: '申请修缮危房，冬季漏雨。',
    });
    matterId = registered.matter.id;
  });
  after(() => hall.close());

  test('five working days from Monday 28 December end on 5 January, provisionally (元旦 by the law alone)', async () => {
    const triaged = await clerk.ok('matters.triage', {
      id: matterId,
      version: 1,
      triage: 'major',
      handling: 'deadline',
      ownerKind: 'township',
      owner: '镇村镇建设服务中心',
      workingDays: 5,
    });
    assert.equal(triaged.matter.dueOn, '2027-01-05');
    assert.equal(triaged.matter.deadline?.provisional, true);
  });

  test('the official 2027 arrangement moves it to 6 January, in the matter’s history', async () => {
    await admin.ok('calendar.saveYear', official2027);
    const matter = await clerk.ok('matters.get', { id: matterId });
    assert.equal(matter.dueOn, '2027-01-06');
    assert.equal(matter.deadline?.provisional, false);
    const moved = matter.history.find((h) => h.op === 'recomputeDeadline');
    assert.equal(moved?.summary, '正式节假日安排导入，办理期限由 2027-01-05 重算为 2027-01-06');
    // The version moved with it: a step on the one read before is refused as stale.
    assert.equal(matter.version, 3);
  });
});
