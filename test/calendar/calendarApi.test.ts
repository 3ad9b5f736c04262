import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CalendarYear } from '../../shared/calendar/workingCalendar';
import { loadWorkingCalendar } from '../../electron/backend/calendar/calendarStore';
import { useClerkHall } from '../support/testHall';

const year2027: CalendarYear = {
  year: 2027,
  source: '测试用安排',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  makeUpWorkdays: [{ date: '2027-01-09', for: '元旦' }],
};

describe('the working-day calendar through the API', () => {
  const t = useClerkHall();

  test('a new node starts with the 2026 arrangement shipped with the program', async () => {
    const { years } = await t.clerk.ok('calendar.get', {});
    assert.deepEqual(
      years.map((y) => [y.arrangement.year, y.updatedByName]),
      [[2026, '随程序发布']],
    );
    assert.equal((await loadWorkingCalendar(t.hall.backend.db)).addWorkingDays('2026-09-29', 5), '2026-10-12');
  });

  test('only the administrator edits it; a mistake is named by field', async () => {
    assert.equal((await t.clerk.call('calendar.saveYear', year2027)).status, 403);
    const wrong = await t.admin.call('calendar.saveYear', {
      ...year2027,
      makeUpWorkdays: [{ date: '2027-01-04' }],
    });
    assert.equal(wrong.status, 400);
    assert.ok(!wrong.body.ok);
    assert.match(Object.values(wrong.body.error.fieldErrors!).join(), /2027-01-04 不是周末/);
    const saved = await t.admin.ok('calendar.saveYear', year2027);
    assert.equal(saved.updatedByName, '王管理');
    const calendar = await loadWorkingCalendar(t.hall.backend.db);
    assert.equal(calendar.addWorkingDays('2026-12-30', 3), '2027-01-05');
    const changes = await t.admin.ok('audit.changes', { entity: 'calendarYear' });
    assert.equal(changes.items[0]!.entityId, '2027');
  });

  test('a whole file replaces the calendar; export gives the same file back', async () => {
    const exported = await t.clerk.ok('calendar.exportFile', {});
    assert.deepEqual(
      exported.years.map((y) => y.year),
      [2026, 2027],
    );
    const answer = await t.admin.ok('calendar.importFile', { ...exported, years: [exported.years[1]!] });
    assert.deepEqual(answer, { years: [2027], replacedYears: [2027], adjustments: [] });
    assert.deepEqual(
      (await t.clerk.ok('calendar.get', {})).years.map((y) => y.arrangement.year),
      [2027],
    );
    const restored = await t.admin.ok('calendar.importFile', exported);
    assert.deepEqual(restored.years, [2026, 2027]);
    assert.deepEqual(await t.clerk.ok('calendar.exportFile', {}), exported);
    const notACalendar = await t.admin.call('calendar.importFile', { ...exported, format: 'other' });
    assert.equal(notACalendar.status, 400);
  });
});
