import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { CaseCommandResult } from '../../shared/counter/casesApi';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import {
  morningOf,
  signedInAs,
  startSetUpHall,
  type Answer,
  type TestClient,
  type TestHall,
} from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const promised5 = demoCatalog.items.find((item) => item.code === 'NY-005')!;
const immediate = demoCatalog.items.find((item) => item.handlingType === 'immediate' && item.activeTo === null)!;
const required = (item: typeof promised5) => item.materials.filter((m) => m.required).map((m) => m.name);

function resultOf(answer: Answer<unknown>): CaseCommandResult {
  assert.ok(answer.body.ok, JSON.stringify(answer.body));
  return answer.body.result as CaseCommandResult;
}

describe('counter cases through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let residentIdValue: string;

  before(async () => {
    // Cases live for weeks: the sessions of this test must outlive the clock's jumps.
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-09-29');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    await admin.ok('catalog.importFile', demoCatalog);
    const resident = await clerk.ok('residents.register', {
      name: '李秀英',
      idType: 'residentId',
      idNumber: residentId('19680312', 302),
      ethnicity: '汉族',
      villageId: started.village.id,
      phone: '13903721234',
    });
    residentIdValue = resident.id;
  });
  after(() => hall.close());

  const intake = (overrides: Record<string, unknown> = {}) =>
    clerk.call('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: residentIdValue,
      itemCode: promised5.code,
      receivedMaterials: required(promised5),
      window: '3号窗口',
      decision: 'accept',
      ...overrides,
    });

  const pdfText = (documentId: string) => archivedPdfText(hall, documentId);

  test('a 承诺件 of 5 working days accepted on 2026-09-29 is due on 2026-10-12; the receipt says so', async () => {
    hall.clock.current = morningOf('2026-09-29');
    const answer = await intake({ receiptPaper: 'a5' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { case: accepted, document } = resultOf(answer);
    assert.match(accepted.caseNumber!, /^SL-2026-\d{6}$/);
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.acceptedOn, '2026-09-29');
    assert.equal(accepted.promisedDate, '2026-10-12');
    assert.equal(accepted.deadline?.colour, 'green');
    assert.equal(document?.type, 'counterAcceptanceReceipt');
    const text = await pdfText(document!.id);
    assert.match(text, /2026年10月12日/);
    assert.ok(text.includes(accepted.caseNumber!));
    assert.ok(!text.includes(residentId('19680312', 302)), 'the full ID number is never printed');
  });

  test('the administrator sets the query phone; the next receipt prints it', async () => {
    assert.equal((await clerk.call('counter.saveHallSettings', { queryPhone: '0371-62345678' })).status, 403);
    const bad = await admin.call('counter.saveHallSettings', { queryPhone: '12345' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /咨询电话/);
    const saved = await admin.ok('counter.saveHallSettings', { queryPhone: '0371-62345678' });
    assert.equal(saved.queryPhone, '0371-62345678');
    assert.equal(saved.hallName, '青石镇便民服务中心');
    const { document } = resultOf(await intake());
    assert.match(await pdfText(document!.id), /0371-62345678/);
  });

  test('case numbers run without gaps, and the same intake submitted twice makes one case', async () => {
    const requestId = crypto.randomUUID();
    const [first, second] = await Promise.all([intake({ requestId }), intake({ requestId })]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const a = resultOf(first).case;
    const b = resultOf(second).case;
    assert.equal(a.id, b.id);
    const rows = await hall.backend.db
      .selectFrom('counter_cases')
      .select('case_number')
      .where('case_number', 'is not', null)
      .execute();
    const numbers = rows.map((r) => Number(r.case_number!.slice(-6))).sort((x, y) => x - y);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
    );
    const slip = await intake({ receiptPaper: 'receipt80' });
    assert.equal(resultOf(slip).document?.type, 'counterAcceptanceSlip');
  });

  test('without the required materials a case is not accepted; the one-time notice lists every missing one and the case resumes', async () => {
    const [kept, ...missing] = required(promised5);
    const refused = await intake({ receivedMaterials: [kept] });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), /缺少必需材料/);

    const waiting = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: residentIdValue,
      itemCode: promised5.code,
      receivedMaterials: [kept!],
      window: '3号窗口',
      decision: 'awaitMaterials',
    });
    assert.equal(waiting.case.status, 'awaitingMaterials');
    assert.equal(waiting.case.caseNumber, null);
    assert.equal(waiting.document?.type, 'counterMissingMaterialsNotice');
    const notice = await pdfText(waiting.document!.id);
    for (const name of missing) assert.ok(notice.replace(/\s+/g, '').includes(name.replace(/\s+/g, '')), name);

    // Resumed later: only what was missing is ticked now; what was handed in at intake is kept.
    const accepted = await clerk.ok('counter.accept', {
      caseId: waiting.case.id,
      version: waiting.case.version,
      receivedMaterials: missing,
      window: '3号窗口',
    });
    assert.equal(accepted.case.status, 'accepted');
    assert.ok(accepted.case.materials.filter((m) => m.required).every((m) => m.received));
    assert.match(accepted.case.caseNumber!, /^SL-2026-/);
  });

  test('not ours: the notice of non-acceptance carries the reason and where to go', async () => {
    const answer = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: residentIdValue,
      itemCode: promised5.code,
      receivedMaterials: [],
      window: '3号窗口',
      decision: 'refuse',
      refusalReason: '申请人户籍不在本镇',
      redirectTo: '户籍所在地乡镇便民服务中心',
    });
    assert.equal(answer.case.status, 'notAccepted');
    const text = await pdfText(answer.document!.id);
    assert.match(text, /申请人户籍不在本镇/);
    assert.match(text, /户籍所在地乡镇便民服务中心/);
    const noReason = await intake({ decision: 'refuse', receivedMaterials: [] });
    assert.equal(noReason.status, 400);
    assert.match(JSON.stringify(noReason.body), /refusalReason/);
  });

  test('a 即办件 is accepted and completed in one step; a 承诺件 cannot be', async () => {
    const done = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: residentIdValue,
      itemCode: immediate.code,
      receivedMaterials: required(immediate),
      window: '1号窗口',
      decision: 'accept',
      completeNow: true,
    });
    assert.equal(done.case.status, 'completed');
    assert.equal(done.case.outcome?.result, 'approved');
    assert.equal(done.case.promisedDate, '2026-09-29');
    const wrong = await intake({ completeNow: true });
    assert.equal(wrong.status, 400);
    assert.match(JSON.stringify(wrong.body), /只有即办件/);
  });

  test('a pause for 补正 stops the clock and moves the promised date; the whole life to a rating', async () => {
    hall.clock.current = morningOf('2026-09-29');
    let c = (
      await clerk.ok('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIdValue,
        itemCode: promised5.code,
        receivedMaterials: required(promised5),
        window: '3号窗口',
        decision: 'accept',
      })
    ).case;
    c = (await clerk.ok('counter.startHandling', { caseId: c.id, version: c.version })).case;
    assert.equal(c.status, 'inProgress');

    // Illegal steps are refused in words.
    const early = await clerk.call('counter.deliver', {
      caseId: c.id,
      version: c.version,
      method: 'collected',
      signedBy: '李秀英',
    });
    assert.equal(early.status, 409);
    assert.match(JSON.stringify(early.body), /办理中.*不能送达/);
    const stale = await clerk.call('counter.pause', {
      caseId: c.id,
      version: c.version - 1,
      kind: 'materials',
      reason: 'x',
    });
    assert.equal(stale.status, 409);

    hall.clock.current = morningOf('2026-10-09');
    c = (
      await clerk.ok('counter.pause', {
        caseId: c.id,
        version: c.version,
        kind: 'materials',
        reason: '补充土地承包合同复印件',
      })
    ).case;
    assert.equal(c.status, 'paused');
    // 10-09 Fri paused; 10-10 (make-up Saturday) and 10-12 pass while it waits.
    hall.clock.current = morningOf('2026-10-13');
    const worklist = await clerk.ok('counter.worklist', { mine: true });
    const listed = worklist.open.find((o) => o.id === c.id)!;
    assert.notEqual(listed.deadline?.colour, 'red', 'a paused case does not turn red while it waits');

    const backwards = await clerk.call('counter.resume', { caseId: c.id, version: c.version, resumedOn: '2026-10-01' });
    assert.equal(backwards.status, 400);
    assert.match(JSON.stringify(backwards.body), /不能早于上一环节的日期/);
    const future = await clerk.call('counter.resume', { caseId: c.id, version: c.version, resumedOn: '2026-10-20' });
    assert.match(JSON.stringify(future.body), /不能晚于今天/);

    c = (await clerk.ok('counter.resume', { caseId: c.id, version: c.version })).case;
    // Working days 10-10, 10-12, 10-13 were stopped: 10-12 + 3 working days = 10-15.
    assert.equal(c.pausedWorkingDays, 3);
    assert.equal(c.promisedDate, '2026-10-15');
    assert.equal(c.originalPromisedDate, '2026-10-12');
    assert.equal(c.status, 'inProgress');

    const completed = await clerk.ok('counter.complete', {
      caseId: c.id,
      version: c.version,
      result: 'approved',
      note: '补贴资金将发放至社会保障卡',
    });
    assert.equal(completed.document?.type, 'counterResultNotice');
    assert.match(await pdfText(completed.document!.id), /准予办理/);
    c = completed.case;
    c = (
      await clerk.ok('counter.deliver', { caseId: c.id, version: c.version, method: 'collected', signedBy: '李秀英' })
    ).case;
    c = (
      await clerk.ok('counter.rate', {
        caseId: c.id,
        version: c.version,
        level: 'dissatisfied',
        channel: 'clerk',
        comment: '等待时间长',
      })
    ).case;
    assert.equal(c.status, 'rated');
    assert.equal(c.followUpOpen, true);
    assert.ok((await clerk.ok('counter.worklist', {})).followUps.some((f) => f.id === c.id));
    c = (
      await clerk.ok('counter.closeFollowUp', {
        caseId: c.id,
        version: c.version,
        actionTaken: '电话回访致歉，调整窗口排班',
      })
    ).case;
    assert.equal(c.followUpOpen, false);
    assert.equal(c.followUp?.actionTaken, '电话回访致歉，调整窗口排班');

    const detail = await clerk.ok('counter.get', { caseId: c.id });
    assert.deepEqual(
      detail.history.map((h) => h.op),
      ['intake', 'startHandling', 'pause', 'resume', 'complete', 'deliver', 'rate', 'closeFollowUp'],
    );
    assert.ok(detail.history.every((h) => h.actorName === 'clerk同志'));
    assert.equal(detail.documents.length, 2);
  });

  test('deadline colours: yellow on the last working day before, red after; red cases stay under any filter', async () => {
    hall.clock.current = morningOf('2026-09-29');
    const c = (
      await clerk.ok('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIdValue,
        itemCode: promised5.code,
        receivedMaterials: required(promised5),
        window: '3号窗口',
        decision: 'accept',
      })
    ).case;
    hall.clock.current = morningOf('2026-10-10');
    const colourOn = async () =>
      (await clerk.ok('counter.worklist', { mine: true })).open.find((o) => o.id === c.id)?.deadline;
    assert.equal((await colourOn())?.colour, 'yellow');
    hall.clock.current = morningOf('2026-10-13');
    const red = await colourOn();
    assert.equal(red?.colour, 'red');
    assert.equal(red?.workingDaysLeft, -1);
    const greenOnly = await clerk.ok('counter.worklist', { mine: true, colour: 'green' });
    assert.ok(
      greenOnly.open.some((o) => o.id === c.id),
      'overdue cases cannot be hidden',
    );
    assert.ok(greenOnly.counts.red >= 1);
  });

  test('a promised date in a year without its arrangement is 暂定, not refused; void keeps the case with its reason', async () => {
    hall.clock.current = morningOf('2026-12-28');
    const beyond = resultOf(await intake()).case;
    // 12-29, 12-30, 12-31, then 元旦 (statutory) and a weekend: 01-04, 01-05.
    assert.equal(beyond.promisedDate, '2027-01-05');
    assert.equal(beyond.deadline?.provisional, true);

    hall.clock.current = morningOf('2026-10-13');
    const c = (
      await clerk.ok('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIdValue,
        itemCode: promised5.code,
        receivedMaterials: required(promised5),
        window: '3号窗口',
        decision: 'accept',
      })
    ).case;
    const voided = await clerk.ok('counter.void', { caseId: c.id, version: c.version, reason: '重复录入' });
    assert.equal(voided.case.status, 'voided');
    assert.equal(voided.case.voided?.reason, '重复录入');
    const again = await clerk.call('counter.void', { caseId: c.id, version: voided.case.version, reason: '再次作废' });
    assert.equal(again.status, 409);
    assert.ok(await hall.backend.db.selectFrom('counter_cases').select('id').where('id', '=', c.id).executeTakeFirst());
  });
});
