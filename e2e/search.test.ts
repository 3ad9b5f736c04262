// "我的件办到哪了" is one number or one scan away: the search in the header of every screen opens
// a case from its receipt number (typed, or "scanned" as a burst of keys and Enter), and a
// resident's page lists the person's case, errand, dispute and petition — all four for the
// leader, only what a counter clerk may see for the clerk.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { TestClient } from '../test/support/testHall';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

describe('one search for every number, and a resident’s whole history', () => {
  const setup = useHallAndBrowser({ demo: true });
  const made = { residentId: '', residentName: '', caseId: '', caseNumber: '', receiptCode: '', petitionNumber: '' };

  const client = async (username: string) => {
    const c = new TestClient(setup.hall.url);
    await c.ok('auth.login', { username, password: DEMO_PASSWORD });
    return c;
  };

  before(async () => {
    const db = setup.hall.backend.db;
    // A resident of the village the demo agent serves, with a case, an errand, a dispute and a
    // petition made for this test (the generated ones belong to others).
    const agentVillage = await db
      .selectFrom('agent_villages as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('a.village_id')
      .where('u.username', '=', 'demo-agent')
      .executeTakeFirstOrThrow();
    const resident = await db
      .selectFrom('residents')
      .select(['id', 'name', 'id_number'])
      .where('village_id', '=', agentVillage.village_id)
      .where('id_type', '=', 'residentId')
      .where('birth_date', '<', '1990-01-01')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    made.residentId = resident.id;
    made.residentName = resident.name;
    const items = await db.selectFrom('catalog_items').select('item').where('active_to', 'is', null).execute();
    const item = items
      .map(
        (row) =>
          JSON.parse(row.item) as {
            code: string;
            agentAllowed: boolean;
            handlingType: string;
            materials: { name: string; required: boolean }[];
          },
      )
      .find((i) => i.agentAllowed && i.handlingType === 'promised')!;
    const required = item.materials.filter((m) => m.required).map((m) => m.name);

    const clerk = await client('demo-clerk');
    const intake = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident.id,
      itemCode: item.code,
      receivedMaterials: required,
      window: '1号窗口',
      decision: 'accept',
    });
    made.caseId = intake.case.id;
    made.caseNumber = intake.case.caseNumber!;
    made.receiptCode = intake.document!.verificationCode;

    const agent = await client('demo-agent');
    await agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: resident.id,
      itemCode: item.code,
    });

    const committee = await db
      .selectFrom('mediation_committees')
      .select('id')
      .where('active', '=', 1)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const admin = await client('demo-admin');
    await admin.ok('mediation.registerDispute', {
      requestId: crypto.randomUUID(),
      committeeId: committee.id,
      source: 'oralApplication',
      category: 'neighbour',
      facts: '两家因宅基地边界的围墙发生争执。',
      villageId: agentVillage.village_id,
      placeDetail: '',
      amountYuan: null,
      peopleInvolved: 2,
      risky: false,
      riskNote: '',
      parties: [
        {
          side: 'applicant',
          kind: 'person',
          name: resident.name,
          residentId: resident.id,
          idNumber: resident.id_number,
          address: '青石社区',
          phone: '',
        },
        { side: 'respondent', kind: 'person', name: '司马光', address: '青石社区', phone: '' },
      ],
    });

    const receptionist = await client('demo-petition');
    const petition = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 1,
      petitioners: [
        {
          name: resident.name,
          idNumber: resident.id_number,
          phone: '13800000001',
          address: '青石社区',
          representative: false,
          residentId: resident.id,
        },
      ],
      category: 'expropriation',
      matter: '村道拓宽占用承包地，青苗补偿款至今未发放。',
      requests: '要求发放青苗补偿款。',
      place: '',
      departmentConcerned: '',
    });
    made.petitionNumber = petition.petition.number;
  });

  async function openedCase(page: Page) {
    await page.waitForURL((url) => url.hash === `#/counter/cases/${made.caseId}`);
    await page.getByRole('heading', { name: `办件 ${made.caseNumber}` }).waitFor();
  }

  test('a receipt number typed in the header opens the case, from any screen', async () => {
    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '居民' }).click();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: '一站查找' });
    // Ctrl+K puts the cursor in the box.
    await page.locator('input[aria-label="一站查找"]:focus').waitFor();
    assert.match((await box.getAttribute('placeholder')) ?? '', /Ctrl\+K/);
    // Typed as a clerk reads it off the receipt, lower-case and without the zeros.
    const typed = `sl-${made.caseNumber.slice(3, 7)}-${Number(made.caseNumber.slice(-6))}`;
    await box.pressSequentially(typed, { delay: 30 });
    // The results list it before Enter.
    await page.getByRole('option', { name: new RegExp(made.caseNumber) }).waitFor();
    await page.keyboard.press('Enter');
    await openedCase(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a number “scanned” into the box as a burst of keys and Enter opens the case at once', async () => {
    const page = await setup.browser.newPage();
    await signIn(page, setup.hall.url, 'demo-clerk');
    await page.keyboard.press('Control+k');
    // Enter comes before the typing pause has run any search: it searches itself.
    await page.keyboard.type(made.caseNumber, { delay: 0 });
    await page.keyboard.press('Enter');
    await openedCase(page);
    await page.close();
  });

  test('a receipt’s QR link scanned with no field focused opens the case', async () => {
    const page = await setup.browser.newPage();
    await signIn(page, setup.hall.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '窗口受理' }).click();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    const link = `https://county.example.cn/verify?c=${made.receiptCode.replace(/-/g, '')}`;
    await page.keyboard.type(link, { delay: 0 });
    await page.keyboard.press('Enter');
    await openedCase(page);
    assert.equal(
      await page.getByRole('combobox', { name: '一站查找' }).inputValue(),
      link,
      'what was scanned is shown',
    );
    await page.close();
  });

  test('the resident’s page: a case, an errand, a dispute and a petition for the leader; no dispute or petition for the clerk', async () => {
    const leader = await setup.browser.newPage();
    await signIn(leader, setup.hall.url, 'demo-leader');
    await leader.goto(new URL(`#/residents/${made.residentId}`, setup.hall.url).href);
    const history = leader.locator('[aria-label="办事记录"]');
    await history.getByRole('link', { name: made.caseNumber }).waitFor();
    await history.getByRole('link', { name: made.petitionNumber }).waitFor();
    const rows = history.locator('tbody tr');
    const kinds = (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
    for (const kind of ['受理件', '代办件', '纠纷', '信访'])
      assert.ok(kinds.includes(kind), `leader sees a ${kind}: ${kinds}`);
    // The case carries its deadline colour.
    assert.match(
      await history.getByRole('row', { name: new RegExp(made.caseNumber) }).innerText(),
      /剩余\d+个工作日|今日到期/,
    );
    await leader.close();

    const clerk = await setup.browser.newPage();
    await signIn(clerk, setup.hall.url, 'demo-clerk');
    await clerk.goto(new URL(`#/residents/${made.residentId}`, setup.hall.url).href);
    const clerkHistory = clerk.locator('[aria-label="办事记录"]');
    await clerkHistory.getByRole('link', { name: made.caseNumber }).waitFor();
    await clerkHistory.getByText('您的角色不能查看信访件').waitFor();
    const clerkKinds = (await clerkHistory.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());
    assert.ok(clerkKinds.includes('代办件'), `the clerk sees the errand: ${clerkKinds}`);
    assert.ok(
      !clerkKinds.includes('信访') && !clerkKinds.includes('纠纷'),
      `the clerk sees no petition or dispute: ${clerkKinds}`,
    );
    assert.ok(
      !(await clerk.content()).includes(made.petitionNumber),
      'the petition number is nowhere on the clerk’s page',
    );

    // The clerk opens the case from the history.
    await clerkHistory.getByRole('link', { name: made.caseNumber }).click();
    await openedCase(clerk);
    await clerk.close();
  });
});
