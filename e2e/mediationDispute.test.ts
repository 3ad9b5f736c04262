import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Locator } from 'playwright-core';
import { residentId } from '../test/support/ids';
import { morningOf } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { pollUntil, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';
import { printedFile, printedText } from './support/printedPdf';

const run = promisify(execFile);

const COMMITTEE = '青石镇人民调解委员会';
const MEDIATOR = '刘德明';
const RESPONDENT = '赵大勇';
const COMPANY = '青石镇兴旺建筑工程队';
const COMPANY_HEAD = '钱志强';
const TERMS = [
  '被申请人赵大勇于2026年3月20日前拆除越界围墙0.5米，恢复通道原宽度',
  '被申请人兴旺建筑工程队一次性赔偿申请人损失人民币3000元',
];

/** Picks the option of the antd select labelled `label` inside `scope` whose text contains `option`. */
async function choose(scope: Locator, label: string, option: string): Promise<void> {
  await pickOption(scope.getByLabel(label, { exact: true }), option);
}

/** Types a date into the antd date picker labelled `label` and confirms it. */
async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Waits until the input `locator` shows `value` (a field filled in by the page, not typed). */
function valueOf(locator: Locator, value: string): Promise<string> {
  return pollUntil(
    () => locator.inputValue(),
    (current) => current === value,
  );
}

/** The form row of the field labelled `label`: its messages sit beside the field. */
function fieldRow(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item', { has: scope.page().getByLabel(label, { exact: true }) });
}

/** The text of each page of a PDF (pdftotext per page), 1-based. */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'case-file-'));
  const file = path.join(dir, 'file.pdf');
  try {
    await writeFile(file, pdf);
    const info = (await run('pdfinfo', [file])).stdout;
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const pages: string[] = [''];
    for (let page = 1; page <= count; page++)
      pages.push((await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])).stdout);
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext may break a long line or space out a word: compare without whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('a mediator takes a neighbour dispute from registration to the case file', () => {
  // The court-confirmation window counts from the agreement's day: the hall runs on a test clock.
  const clock = { current: morningOf('2026-03-02') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });

  test('three parties (one an organisation), two sessions, the agreement, the day-20 reminder, a follow-up and the case file', async () => {
    const { hall, browser } = setup;
    // The applicant comes from the registry, with the address and phone the agreement needs.
    const applicant = await hall.backend.db
      .selectFrom('residents')
      .select(['name', 'id_number', 'phone', 'address'])
      .where('id_type', '=', 'residentId')
      .where('voided_at', 'is', null)
      .orderBy('name')
      .limit(1)
      .executeTakeFirstOrThrow();
    const village = await hall.backend.db
      .selectFrom('villages')
      .select('name')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-mediator');

    // 人民调解 → 纠纷台账 → 登记纠纷.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '人民调解' }).click();
    await page.getByRole('tab', { name: '纠纷台账' }).waitFor();
    await page.getByRole('link', { name: /登记纠纷/ }).click();
    await page.getByRole('heading', { name: '登记纠纷' }).waitFor();

    await choose(page.locator('body'), '调委会', COMMITTEE);
    await choose(page.locator('body'), '纠纷类别', '邻里纠纷');
    await choose(page.locator('body'), '发生地村（社区）', village.name);
    await page.getByLabel('发生地点').fill('一组赵家与邻居宅基地交界处');
    await page
      .getByLabel('简要案情')
      .fill('被申请人赵大勇翻建院墙越界约0.5米，施工方兴旺建筑工程队施工时损坏申请人家排水沟，双方多次争吵。');
    await page.getByLabel('涉及金额（元）').fill('3000');
    await page.getByLabel('涉及人数').fill('3');

    // 甲方: from the resident registry; the occupation is not kept there.
    const first = page.getByRole('group', { name: '当事人1' });
    await first.getByRole('button', { name: /从居民库选择/ }).click();
    const picker = await opened(page.getByRole('dialog', { name: '从居民库选择当事人' }));
    // By the ID number: a name may be shared.
    await picker.getByLabel('查找居民').fill(applicant.id_number);
    await picker
      .getByRole('row', { name: new RegExp(applicant.name) })
      .first()
      .click();
    await first.getByText(`取自居民库：${applicant.name}`).waitFor();
    assert.equal(await valueOf(first.getByLabel('姓名'), applicant.name), applicant.name);
    assert.equal(
      await first.getByLabel('身份证号码').inputValue(),
      applicant.id_number,
      'the full ID number comes along',
    );
    await first.getByLabel('职业').fill('农民');
    if (!applicant.phone) await first.getByLabel('联系电话').fill('13907871234');
    if (!applicant.address) await first.getByLabel('住址').fill('青石镇东岗村一组8号');

    // 乙方: a person entered by hand; the ID number gives sex and birth date.
    const second = page.getByRole('group', { name: '当事人2' });
    await second.getByLabel('姓名').fill(RESPONDENT);
    await second.getByLabel('身份证号码').fill(residentId('19700312', 135));
    await second.getByLabel('职业').click();
    assert.equal(await valueOf(second.getByLabel('出生日期'), '1970-03-12'), '1970-03-12', 'read off the ID number');
    await choose(second, '民族', '汉族');
    await second.getByLabel('职业').fill('个体工商户');
    await second.getByLabel('住址').fill('青石镇东岗村一组10号');
    await second.getByLabel('联系电话').fill('13808712345');

    // 丙方: the building team, an organisation on the respondent's side.
    await page.getByRole('button', { name: /添加被申请方当事人/ }).click();
    const third = page.getByRole('group', { name: '当事人3' });
    await third.getByText('法人或其他组织', { exact: true }).click();
    await third.getByLabel('名称').fill(COMPANY);
    await third.getByLabel('法定代表人（负责人）').fill(COMPANY_HEAD);
    await third.getByLabel('职务').fill('负责人');
    await third.getByLabel('住所地').fill('青石镇西河社区商贸街16号');
    await third.getByLabel('联系电话').fill('0871-65123456');

    await page.getByRole('button', { name: /^(file-done\s+)?登\s*记$/ }).click();

    // The dispute's page: the application form to print and sign, then acceptance.
    await page.getByRole('heading', { name: /纠纷 （待受理，尚无案号）/ }).waitFor();
    await page.getByText('已登记纠纷：已出具《').waitFor();
    const application = squeeze(await printedText(page, page.getByRole('button', { name: /打印人民调解申请书/ })));
    for (const name of [applicant.name, RESPONDENT, COMPANY])
      assert.ok(application.includes(name), `申请书 names ${name}`);

    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    let dialog = await opened(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: /受理并出具告知书/ }).click();
    await page.getByText(/受理：已出具《人民调解权利义务告知书》/).waitFor();
    const heading = await page.getByRole('heading', { name: /青调字第\d+号/ }).textContent();
    const caseNumber = /（\d{4}）青调字第\d+号/.exec(heading ?? '')?.[0];
    assert.ok(caseNumber, `the case number is in the heading: ${heading}`);
    await page
      .getByText(/剩余\d+天/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: /指派调解员/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await choose(dialog, '调解员', MEDIATOR);
    await dialog.locator('.ant-modal-title').click();
    await dialog.getByRole('button', { name: /^指\s*派$/ }).click();
    await page.getByText(`${MEDIATOR}（主调）`).waitFor();

    // Two sessions, three days apart.
    const holdSession = async (place: string, statements: string[], result: string) => {
      await page.getByRole('button', { name: /^调解记录$/ }).click();
      const form = await opened(page.getByRole('dialog'));
      await form.getByLabel('调解地点').fill(place);
      for (const [i, label] of [`甲方 ${applicant.name}`, `乙方 ${RESPONDENT}`, `丙方 ${COMPANY}`].entries())
        await form.getByLabel(label).fill(statements[i]!);
      await form.getByLabel('调解结果').fill(result);
      await form.getByLabel('记录人').fill('王芳');
      await form.getByRole('button', { name: /保存并出具记录/ }).click();
      await page.getByText(/调解记录：已出具《/).waitFor();
    };
    await holdSession(
      '东岗村村委会调解室',
      ['要求拆除越界围墙并赔偿排水沟损失', '围墙是按老地基砌的', '施工按房主要求进行'],
      '双方各执己见，约定三日后再次调解',
    );
    clock.current = morningOf('2026-03-05');
    await page.reload();
    await holdSession(
      '青石镇人民调解委员会调解室',
      ['同意对方在月底前拆除', '同意拆除越界部分', '同意赔偿3000元'],
      '达成一致意见',
    );
    await page.getByText('调查与调解记录（2）').waitFor();

    // The agreement: refused while its 履行期限 is missing, naming it.
    const agreement = page.locator('.ant-card', { has: page.getByText('调解协议（书面）') });
    await agreement.getByLabel('争议事项').fill('围墙越界占用通道约0.5米；施工损坏排水沟的赔偿');
    await agreement.getByLabel('各方责任').fill('乙方越界砌墙负主要责任；丙方施工不当损坏排水沟，负赔偿责任');
    await agreement.getByLabel('协议条款1').fill(TERMS[0]!);
    await agreement.getByRole('button', { name: /添加一条/ }).click();
    await agreement.getByLabel('协议条款2').fill(TERMS[1]!);
    await agreement.getByLabel('履行方式').fill('拆除由乙方自行完成；赔偿款现金当面交付，调解员见证');
    await agreement.getByLabel('记录人').fill('王芳');
    await agreement.getByRole('button', { name: /出具协议书/ }).click();
    await agreement
      .getByRole('alert')
      .getByText(/履行期限/)
      .first()
      .waitFor();
    await fieldRow(agreement, '履行期限').locator('.ant-form-item-explain-error').waitFor();
    assert.equal(await agreement.getByLabel('协议条款2').inputValue(), TERMS[1], 'nothing typed is lost');

    await pickDate(agreement, '履行期限', '2026-03-31');
    await agreement.getByRole('button', { name: /出具协议书/ }).click();
    await page.getByText(/出具协议书：已出具《人民调解协议书》/).waitFor();
    await page
      .getByText(/达成书面调解协议/)
      .first()
      .waitFor();

    const paper = await printedText(page, page.getByRole('button', { name: /打印人民调解协议书/ }));
    const text = squeeze(paper);
    assert.ok(text.includes(squeeze(caseNumber)), 'the agreement carries the case number');
    for (const name of [applicant.name, RESPONDENT, COMPANY, COMPANY_HEAD])
      assert.ok(text.includes(name), `the agreement names ${name}`);
    for (const term of TERMS) assert.ok(text.includes(squeeze(term)), `the agreement states: ${term}`);
    assert.ok(text.includes('本协议一式四份'), 'one copy per party plus the committee’s: four');
    assert.ok(text.includes(`甲方${applicant.name}（签名或按指印）`), 'the applicant signs and fingerprints');
    assert.ok(text.includes(`乙方${RESPONDENT}（签名或按指印）`), 'the respondent signs and fingerprints');
    assert.ok(text.includes(`丙方${COMPANY}（盖章）`), 'the organisation seals');
    assert.ok(text.includes(`法定代表人${COMPANY_HEAD}（签名）`), 'its legal representative signs');
    assert.match(text, /调解员.*（签名）/, 'the mediator signs');
    assert.match(text, /记录人.*（签名）/, 'the recorder signs');

    // Day 19 of the window: nothing yet; day 20: the reminder.
    assert.equal(await page.getByText(/司法确认申请期限将于/).count(), 0);
    clock.current = morningOf('2026-03-24');
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(caseNumber.replace(/[（）]/g, '.')) }).waitFor();
    assert.equal(await page.getByText(/司法确认申请期限将于/).count(), 0, 'no reminder on day 19');
    clock.current = morningOf('2026-03-25');
    await page.reload();
    // 03-05 + 30 days = 04-04, 清明节 (04-04 to 04-06): the window ends on the next working day.
    await page.getByText('司法确认申请期限将于2026年4月7日届满（协议生效第 20 天）').waitFor();

    // The follow-up: performed in full.
    await page.getByRole('button', { name: /^登记回访$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('回访情况').fill('围墙已拆除，赔偿款已当面付清，双方无异议');
    await dialog.getByRole('button', { name: /登记回访/ }).click();
    await page
      .getByRole('row', { name: /围墙已拆除/ })
      .first()
      .waitFor();

    // Closing: then only annotations.
    await page.getByRole('button', { name: /^结\s*案$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('结案情况').fill('协议已全部履行，双方关系恢复正常，予以结案');
    await dialog.getByRole('button', { name: /结案并出具结案登记表/ }).click();
    await page.getByText(/已于2026年3月25日结案/).waitFor();
    assert.equal(await page.getByRole('button', { name: /^调解记录$|^登记回访$|修改登记/ }).count(), 0, 'read-only');
    await page.getByRole('button', { name: /^批\s*注$/ }).waitFor();

    // The case file: each section starts on the page its index gives.
    await page.getByRole('button', { name: /生成卷宗/ }).click();
    await page.getByText(/生成卷宗：已出具《人民调解卷宗》/).waitFor();
    const pages = await pagesOf(await printedFile(page, page.getByRole('button', { name: /打印人民调解卷宗/ })));
    assert.ok(squeeze(pages[1]!).includes(squeeze(caseNumber)), 'the cover carries the case number');
    const indexPage = pages.findIndex((p) => p.includes('卷内目录'));
    assert.ok(indexPage > 0, 'there is an index');
    const entries = [...pages[indexPage]!.matchAll(/^\s*(\d+)\s+(\S.*?)\s{2,}(\d+)(?:-(\d+))?\s*$/gm)].map((m) => ({
      number: Number(m[1]),
      title: m[2]!.trim(),
      first: Number(m[3]),
      last: Number(m[4] ?? m[3]),
    }));
    assert.ok(entries.length >= 7, `the index lists the sections: ${JSON.stringify(entries)}`);
    assert.deepEqual(
      entries.map((e) => e.number),
      entries.map((_, i) => i + 1),
    );
    for (const [i, entry] of entries.entries()) {
      const start = squeeze(pages[entry.first] ?? '');
      assert.ok(
        start.includes(squeeze(`卷内材料 ${entry.number}\u3000${entry.title}`)),
        `section ${entry.number} “${entry.title}” starts on page ${entry.first}`,
      );
      const next = entries[i + 1];
      if (next) assert.equal(next.first, entry.last + 1, 'sections follow each other');
      else assert.equal(entry.last, pages.length - 1, 'the last section ends the file');
    }
    const titles = entries.map((e) => e.title).join('|');
    for (const expected of [
      '人民调解申请书',
      '人民调解权利义务告知书',
      '调解记录',
      '人民调解协议书',
      '回访记录',
      '结案登记表',
    ])
      assert.ok(titles.includes(expected), `the index lists ${expected}: ${titles}`);
    assert.equal(entries.filter((e) => e.title.startsWith('调解记录')).length, 2, 'both sessions are filed');

    assert.deepEqual(errors, []);
    await page.close();
  });
});
