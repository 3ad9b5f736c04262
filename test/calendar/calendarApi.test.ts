import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { provisionalCalendarYear } from '../../shared/calendar/statutoryHolidays';
import { CALENDAR_FILE_FORMAT, CALENDAR_FILE_VERSION, type CalendarYear } from '../../shared/calendar/workingCalendar';
import { loadWorkingCalendar } from '../../electron/backend/calendar/calendarStore';
import { residentId } from '../support/ids';
import {
  morningOf,
  refused,
  signedInAs,
  startSetUpHall,
  useClerkHall,
  type TestClient,
  type TestHall,
} from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const twentyDays = demoCatalog.items.find((item) => item.code === 'MZ-001')!;

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
    // Leaving out 2026, the current year, needs the administrator's word.
    const asked = await t.admin.call('calendar.importFile', { ...exported, years: [exported.years[1]!] });
    refused(asked, 409, /^文件中没有 2026 年（本年度）：导入将删除 2026 年的节假日安排/);
    assert.ok(!asked.body.ok);
    assert.deepEqual(asked.body.error.details, { confirmWithdraw: [2026] });
    const answer = await t.admin.ok('calendar.importFile', {
      ...exported,
      years: [exported.years[1]!],
      confirmWithdraw: [2026],
    });
    assert.deepEqual(answer, { years: [2027], replacedYears: [2027], withdrawnYears: [2026], adjustments: [] });
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

describe('a file that leaves out a year in use withdraws it only when confirmed', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let villageId: string;

  /** Accepts a 20-working-day case for a new resident; answers its promised date. */
  async function acceptCase(birth: string, sequence: number): Promise<string> {
    const resident = await clerk.ok('residents.register', {
      name: '李秀英',
      idType: 'residentId',
      idNumber: residentId(birth, sequence),
      ethnicity: '汉族',
      villageId,
      phone: '13903721234',
    });
    const accepted = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident.id,
      itemCode: twentyDays.code,
      receivedMaterials: twentyDays.materials.filter((m) => m.required).map((m) => m.name),
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
    return accepted.case.promisedDate!;
  }

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    villageId = started.village.id;
    hall.clock.current = morningOf('2026-12-07');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    const receptionist = await signedInAs(hall, admin, 'reception', ['petitionReceptionist']);
    await admin.ok('catalog.importFile', demoCatalog);
    // 元旦 to Monday the 4th: a day more than the provisional 2027.
    await admin.ok('calendar.saveYear', {
      ...year2027,
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
    });
    // Open deadlines counted on 2026 and 2027: a case promised for January, a petition's 60 days.
    assert.equal(await acceptCase('19680312', 302), '2027-01-06');
    const registered = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      peopleCount: 1,
      petitioners: [{ name: '郑小红', phone: '13600000003' }],
      category: 'labour',
      matter: '在镇内砖厂务工被拖欠工资8600元。',
    });
    await receptionist.ok('petitions.accept', {
      id: registered.petition.id,
      version: registered.petition.version,
      handlingUnit: '镇劳动保障所',
    });
  });
  after(() => hall?.close());

  const year2000 = {
    format: CALENDAR_FILE_FORMAT,
    version: CALENDAR_FILE_VERSION,
    years: [provisionalCalendarYear(2000)],
  };
  const heldYears = async () => (await admin.ok('calendar.get', {})).years.map((y) => y.arrangement.year);

  test('a file holding only the year 2000 does not withdraw 2026 or 2027: it is refused, naming them and why', async () => {
    const answer = await admin.call('calendar.importFile', year2000);
    refused(
      answer,
      409,
      /^文件中没有 2026 年（本年度；2 件未办结事项的期限按该年计算：办件 1 件、信访件 1 件）、2027 年（2 件未办结事项的期限按该年计算：办件 1 件、信访件 1 件）：导入将删除 2026 年、2027 年的节假日安排，这些年份改按法定节假日暂定计算（不含调休）.*如确需删除，请确认。$/,
    );
    assert.ok(!answer.body.ok);
    assert.deepEqual(answer.body.error.details, { confirmWithdraw: [2026, 2027] });
    assert.deepEqual(await heldYears(), [2026, 2027], 'nothing was written');
    const withdrawals = await admin.ok('audit.changes', { entity: 'calendarYear' });
    assert.ok(!withdrawals.items.some((c) => c.op === 'withdraw'));

    // Agreeing to one of the two is not enough.
    const half = await admin.call('calendar.importFile', { ...year2000, confirmWithdraw: [2026] });
    refused(half, 409, /文件中没有 2026 年.*2027 年/);
    assert.deepEqual(await heldYears(), [2026, 2027]);
    // Clerks still accept on the official 2026.
    assert.equal(await acceptCase('19700101', 12), '2027-01-06');
  });

  test('confirmed, the years are withdrawn; they count on their provisional arrangements and acceptances go on', async () => {
    const answer = await admin.ok('calendar.importFile', { ...year2000, confirmWithdraw: [2026, 2027] });
    assert.deepEqual(answer.withdrawnYears, [2026, 2027]);
    assert.deepEqual(answer.years, [2000]);
    assert.deepEqual(await heldYears(), [2000]);
    // Provisionally 元旦 is one day: the promise goes back a day.
    assert.ok(
      answer.adjustments.some((a) => a.entity === 'counterCase' && a.from === '2027-01-06' && a.to === '2027-01-05'),
    );
    assert.equal(await acceptCase('19750505', 21), '2027-01-05');
    const status = await clerk.ok('calendar.status', {});
    assert.equal(status.notice?.year, 2026);
  });
});
