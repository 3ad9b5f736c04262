import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import {
  catalogFile,
  HANDLING_TYPES,
  SERVICE_CATEGORIES,
  type CatalogFile,
  type CatalogItem,
  type ServiceCategory,
} from '../../shared/catalog/catalog';
import { zodIssuesToFieldErrors } from '../../shared/validation/errors';

/** The code prefix of each category: `MZ-001` is a 民政 item. */
const PREFIXES: Record<ServiceCategory, string> = {
  民政: 'MZ',
  社保: 'SB',
  医保: 'YB',
  卫健: 'WJ',
  残联: 'CL',
  农业农村: 'NY',
  退役军人: 'TY',
  住建: 'ZJ',
  人社就业: 'RS',
  公安户籍: 'HJ',
  其他: 'QT',
};

const raw: unknown = JSON.parse(
  await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8'),
);

/** Every message of a refused file, in Chinese, joined; empty when the file is accepted. */
function problems(input: unknown): string {
  const parsed = catalogFile.safeParse(input, { reportInput: true });
  if (parsed.success) return '';
  return Object.entries(zodIssuesToFieldErrors(catalogFile, parsed.error.issues))
    .map(([path, message]) => `${path} ${message}`)
    .join('；\n');
}

function parseDemo(): CatalogFile {
  const parsed = catalogFile.safeParse(raw, { reportInput: true });
  if (!parsed.success) assert.fail(`演示事项目录未通过校验：\n${problems(raw)}`);
  return parsed.data;
}

const demo = parseDemo();

describe('the demo service catalog (青石镇)', () => {
  test('is a county catalog file with a version and an issuer', () => {
    assert.equal(demo.format, 'township-desk/service-catalog');
    assert.equal(demo.version, '2026.1');
    assert.equal(demo.issuedBy, '青石县政务服务管理局');
  });

  test('lists as many items as a real township hall, in every category', () => {
    assert.ok(demo.items.length >= 40, `only ${demo.items.length} items`);
    const categories = new Set(demo.items.map((item) => item.category));
    for (const category of SERVICE_CATEGORIES.filter((c) => c !== '其他')) {
      assert.ok(categories.has(category), `no item in ${category}`);
    }
  });

  test('has items of every handling type, mostly 承诺件', () => {
    const count = (type: CatalogItem['handlingType']) => demo.items.filter((i) => i.handlingType === type).length;
    for (const type of HANDLING_TYPES) assert.ok(count(type) > 0, `no ${type} item`);
    assert.ok(count('promised') > count('immediate') && count('promised') > count('forwarded'));
  });

  test('codes carry their category prefix and are numbered from 001 without gaps', () => {
    const byPrefix = new Map<string, number[]>();
    for (const item of demo.items) {
      const match = /^([A-Z]+)-(\d+)$/.exec(item.code);
      assert.ok(match, item.code);
      assert.equal(match[1], PREFIXES[item.category], `${item.code} ${item.name} is in ${item.category}`);
      byPrefix.set(match[1]!, [...(byPrefix.get(match[1]!) ?? []), Number(match[2])]);
    }
    for (const [prefix, numbers] of byPrefix) {
      assert.deepEqual(
        numbers.toSorted((a, b) => a - b),
        numbers.map((_, i) => i + 1),
        prefix,
      );
    }
  });

  test('forwarded items go to a county department; every item has materials and a legal basis', () => {
    for (const item of demo.items) {
      if (item.handlingType === 'forwarded') assert.match(item.forwardedTo ?? '', /^县/, item.code);
      else assert.equal(item.forwardedTo, null, item.code);
      assert.ok(item.materials.length > 0, `${item.code} lists no materials`);
      assert.ok(
        item.materials.some((material) => material.required),
        `${item.code} requires no material`,
      );
      assert.match(item.legalBasis, /《.+》/, item.code);
    }
  });

  test('some items need the resident in person, and one item is being retired', () => {
    assert.ok(demo.items.some((item) => !item.agentAllowed));
    assert.ok(demo.items.filter((item) => item.agentAllowed).length > demo.items.length / 2);
    const retired = demo.items.filter((item) => item.activeTo !== null);
    assert.equal(retired.length, 1);
    assert.equal(retired[0]!.activeTo, '2026-06-30');
  });
});

describe('the catalog schema refuses', () => {
  const item = (changes: Partial<CatalogItem> = {}): CatalogItem => ({
    code: 'MZ-001',
    name: '临时救助申请',
    category: '民政',
    department: '社会事务办公室',
    handlingType: 'promised',
    promisedWorkingDays: 10,
    forwardedTo: null,
    materials: [{ name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true, note: '查验原件后退还' }],
    legalBasis: '《社会救助暂行办法》',
    agentAllowed: true,
    activeFrom: null,
    activeTo: null,
    ...changes,
  });
  const file = (...items: CatalogItem[]): CatalogFile => ({
    format: 'township-desk/service-catalog',
    version: '2026.1',
    issuedBy: '青石县政务服务管理局',
    items,
  });

  test('a well-formed item (the baseline for the cases below)', () => {
    assert.equal(problems(file(item())), '');
  });

  test('a 承诺件 without promised days', () => {
    assert.match(problems(file(item({ promisedWorkingDays: null }))), /promisedWorkingDays .*承诺件须写明承诺时限/);
  });

  test('a 即办件 with promised days', () => {
    assert.match(
      problems(file(item({ handlingType: 'immediate', promisedWorkingDays: 3 }))),
      /即办件当场办结，不设承诺时限/,
    );
  });

  test('a 转报件 without the department it goes to', () => {
    const message = problems(file(item({ handlingType: 'forwarded', promisedWorkingDays: null, forwardedTo: null })));
    assert.match(message, /forwardedTo .*转报件须写明转报单位/);
    assert.equal(problems(file(item({ handlingType: 'forwarded', forwardedTo: '县民政局' }))), '');
  });

  test('two items with one code', () => {
    assert.match(problems(file(item(), item({ name: '高龄津贴申请' }))), /items\.1\.code .*事项编码 MZ-001 重复/);
  });

  test('a material listed twice in one item', () => {
    const idCard = item().materials[0]!;
    assert.match(
      problems(file(item({ materials: [idCard, { ...idCard, form: 'copy' }] }))),
      /materials\.1\.name .*材料“居民身份证”重复/,
    );
  });

  test('a code that is not upper-case letters, a dash and 3–4 digits', () => {
    for (const code of ['mz-1', 'MZ-1', 'MZ001', 'M-001', 'MZ-00001']) {
      assert.match(problems(file(item({ code }))), /事项编码应为 2–4 个大写字母/, code);
    }
  });

  test('an item retired before it starts', () => {
    assert.match(problems(file(item({ activeFrom: '2026-07-01', activeTo: '2026-06-30' }))), /停用日期早于启用日期/);
  });
});
