// A mediator ends two disputes without an agreement, in the browser: refuses one that was only
// registered and terminates one under mediation, each with its reason (required) and a
// referral out (三调联动 移出) that the notice names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { archivedFileText } from '../test/support/archivedPdf';
import { zhang, li } from '../test/support/mediationParties';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { morningOf, TestClient } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors, type E2eHall } from './support/browser';

/** A neighbour dispute registered over the API (accepted too when asked); its id. */
async function dispute(hall: E2eHall, mediator: TestClient, accept: boolean): Promise<string> {
  // One of the committees the mediator serves on: those are the disputes a mediator handles.
  const committee = { id: (await mediator.ok('auth.session', {}))!.user.committeeIds[0]! };
  const village = await hall.backend.db.selectFrom('villages').select('id').orderBy('name').executeTakeFirstOrThrow();
  const { dispute: registered } = await mediator.ok('mediation.registerDispute', {
    requestId: crypto.randomUUID(),
    committeeId: committee.id,
    source: 'oralApplication',
    category: 'neighbour',
    facts: '李桂芬家翻建房屋时占用张𠮷祥家门前通道，排水沟被堵，双方多次争吵。',
    villageId: village.id,
    placeDetail: '第一村民小组',
    peopleInvolved: 2,
    risky: false,
    riskNote: '',
    amountYuan: null,
    parties: [zhang, li],
  });
  if (!accept) return registered.id;
  const { dispute: accepted } = await mediator.ok('mediation.acceptDispute', {
    id: registered.id,
    version: registered.version,
  });
  return accepted.id;
}

/** The text of the last paper of `type` issued for the dispute. */
async function noticeText(hall: E2eHall, disputeId: string, type: string): Promise<string> {
  const row = await hall.backend.db
    .selectFrom('issued_documents')
    .select('file_path')
    .where('record_id', '=', disputeId)
    .where('type', '=', type)
    .orderBy('issued_at', 'desc')
    .executeTakeFirstOrThrow();
  return (await archivedFileText(hall.backend, row.file_path, { layout: false })).replace(/\s+/g, '');
}

async function endDispute(
  page: Page,
  step: { button: string; ok: string; reasonLabel: string; required: string; reason: string; to: string },
) {
  await page.getByRole('button', { name: step.button, exact: true }).click();
  const dialog = await opened(page.getByRole('dialog', { name: step.button }));
  await dialog.getByRole('button', { name: step.ok }).click();
  await dialog.getByText(step.required).waitFor();
  await dialog.getByLabel(step.reasonLabel).fill(step.reason);
  await pickOption(dialog.getByLabel('移送（三调联动）'), '引导至人民法院');
  // Sending on needs the receiving body: the form says so before anything is sent.
  await dialog.getByRole('button', { name: step.ok }).click();
  await dialog.getByText('请填写接收单位').waitFor();
  await dialog.getByLabel('接收单位').fill(step.to);
  await dialog.getByRole('button', { name: step.ok }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('a mediator refuses one dispute and terminates another', () => {
  const clock = { current: morningOf('2026-11-20') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });

  test('不予受理 and 终止调解: the reason is required, the referral needs its receiving body, the notice names it', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-mediator');
    const mediator = new TestClient(hall.url);
    await mediator.ok('auth.login', { username: 'demo-mediator', password: DEMO_PASSWORD });

    const registered = await dispute(hall, mediator, false);
    await page.goto(`${hall.url}#/mediation/disputes/${registered}`);
    await endDispute(page, {
      button: '不予受理',
      ok: '出具不予受理告知书',
      reasonLabel: '不予受理理由',
      required: '请写明不予受理的理由',
      reason: '该纠纷已由人民法院立案受理',
      to: '楚雄市人民法院',
    });
    const refused = await hall.backend.db
      .selectFrom('disputes')
      .select(['status', 'referral_out_kind', 'referral_out_to'])
      .where('id', '=', registered)
      .executeTakeFirstOrThrow();
    assert.deepEqual(refused, { status: 'refused', referral_out_kind: 'court', referral_out_to: '楚雄市人民法院' });
    const refusal = await noticeText(hall, registered, 'mediationRefusalNotice');
    assert.ok(refusal.includes('该纠纷已由人民法院立案受理'), refusal);
    assert.ok(refusal.includes('楚雄市人民法院'), refusal);

    const accepted = await dispute(hall, mediator, true);
    await page.goto(`${hall.url}#/mediation/disputes/${accepted}`);
    await endDispute(page, {
      button: '终止调解',
      ok: '终止并出具告知书',
      reasonLabel: '终止理由',
      required: '请写明终止调解的理由',
      reason: '经三次调解双方分歧较大无法达成协议',
      to: '楚雄市人民法院',
    });
    const terminated = await hall.backend.db
      .selectFrom('disputes')
      .select(['status', 'referral_out_kind'])
      .where('id', '=', accepted)
      .executeTakeFirstOrThrow();
    assert.deepEqual(terminated, { status: 'terminated', referral_out_kind: 'court' });
    const termination = await noticeText(hall, accepted, 'mediationTerminationNotice');
    assert.ok(termination.includes('经三次调解双方分歧较大无法达成协议'), termination);
    assert.ok(termination.includes('楚雄市人民法院'), termination);
    assert.deepEqual(errors, []);
  });
});
