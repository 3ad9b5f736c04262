// The desk across the year end: on 2026-12-07 without 2027's arrangement the counter still
// accepts a 20-working-day case (暂定), everyone is told, and the official 2027 computes the open
// deadlines again, listing the moved ones for the desks that may read them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { CalendarYear } from '../../shared/calendar/workingCalendar';
import type { CaseCommandResult } from '../../shared/counter/casesApi';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const twentyDays = demoCatalog.items.find((item) => item.code === 'MZ-001')!;

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

describe('across the year end without next year’s arrangement', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let receptionist: TestClient;
  let caseId: string;
  let petitionId: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-12-07');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    receptionist = await signedInAs(hall, admin, 'reception', ['petitionReceptionist']);
    await admin.ok('catalog.importFile', demoCatalog);
    const resident = await clerk.ok('residents.register', {
      name: '李秀英',
      idType: 'residentId',
      idNumber: residentId('19680312', 302),
      ethnicity: '汉族',
      villageId: started.village.id,
      phone: '13903721234',
    });
    const answer = await clerk.call('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident.id,
      itemCode: twentyDays.code,
      receivedMaterials: twentyDays.materials.filter((m) => m.required).map((m) => m.name),
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const result = answer.body.ok ? (answer.body.result as CaseCommandResult) : null;
    caseId = result!.case.id;
    const text = await archivedPdfText(hall, result!.document!.id);
    assert.match(text.replace(/\s+/g, ''), /2027年1月5日.*暂定/);
  });

  test('a petition accepted on 2026-12-07: 60 days end on 除夕 2027-02-05, so on 02-09, 暂定 on its notice', async () => {
    const registered = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      peopleCount: 1,
      petitioners: [{ name: '郑小红', phone: '13600000003' }],
      category: 'labour',
      matter: '在镇内砖厂务工被拖欠工资8600元。',
    });
    const accepted = await receptionist.ok('petitions.accept', {
      id: registered.petition.id,
      version: registered.petition.version,
      handlingUnit: '镇劳动保障所',
    });
    petitionId = accepted.petition.id;
    assert.equal(accepted.petition.deadline?.dueOn, '2027-02-09');
    assert.equal(accepted.petition.deadline?.provisional, true);
    const notice = (await archivedPdfText(hall, accepted.document!.id)).replace(/\s+/g, '');
    assert.ok(notice.includes('2027年2月9日（暂定）前办结'), notice);
  });
  after(() => hall.close());

  test('the case is accepted with a provisional promise, marked 暂定', async () => {
    const record = (await clerk.ok('counter.get', { caseId })).case;
    assert.equal(record.promisedDate, '2027-01-05');
    assert.equal(record.deadline?.provisional, true);
  });

  test('desk staff and the administrator are told that 2027 is missing', async () => {
    for (const client of [clerk, admin]) {
      const status = await client.ok('calendar.status', {});
      assert.deepEqual(status.officialYears, [2026]);
      assert.equal(status.notice?.year, 2027);
      assert.equal(status.notice?.which, 'next');
      assert.equal(status.provisional?.holidays[0]?.from, '2027-01-01');
    }
  });

  test('the official 2027 computes the open deadlines again and lists each change for the desk that may read it', async () => {
    const saved = await admin.ok('calendar.saveYear', official2027);
    assert.deepEqual(saved.adjustments.map((a) => [a.entity, a.deadline, a.from, a.to]).sort(), [
      ['counterCase', '承诺办结日期', '2027-01-05', '2027-01-06'],
      // 春节 officially 02-05 to 02-13; 02-14 is a Sunday.
      ['petition', '办理期限', '2027-02-09', '2027-02-15'],
    ]);
    const petition = await receptionist.ok('petitions.get', { id: petitionId });
    assert.equal(petition.handlingDueOn, '2027-02-15');
    assert.equal(petition.deadline?.provisional, false);
    const record = (await clerk.ok('counter.get', { caseId })).case;
    assert.equal(record.promisedDate, '2027-01-06');
    assert.equal(record.deadline?.provisional, false);
    const listed = await clerk.ok('calendar.adjustments', {});
    assert.equal(listed.adjustments.length, 1);
    assert.match(listed.adjustments[0]!.label, /^办件SL-2026-\d{6}（最低生活保障申请）$/);
    assert.deepEqual(
      (await receptionist.ok('calendar.adjustments', {})).adjustments.map((a) => a.entity),
      ['petition'],
      'each desk sees the records it may read',
    );
    assert.equal((await clerk.ok('calendar.status', {})).notice, null);
    const history = await admin.ok('audit.changes', { entity: 'counterCase' });
    assert.ok(history.items.some((i) => i.op === 'recomputeDeadline'));
  });

  test('saving the same year again moves nothing', async () => {
    const again = await admin.ok('calendar.saveYear', official2027);
    assert.deepEqual(again.adjustments, []);
  });
});
