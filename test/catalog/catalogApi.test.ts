import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { catalogFile, type CatalogFile, type CatalogItem } from '../../shared/catalog/catalog';
import { useClerkHall } from '../support/testHall';

const demoFile = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);

const localItem: CatalogItem = {
  code: 'QT-900',
  name: '老年人乘车卡代办',
  category: '其他',
  department: '社会事务办公室',
  handlingType: 'promised',
  promisedWorkingDays: 5,
  forwardedTo: null,
  materials: [{ name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true }],
  legalBasis: '青石镇便民服务事项（本地）',
  agentAllowed: true,
  activeFrom: null,
  activeTo: null,
};

describe('the service catalog through the API', () => {
  const t = useClerkHall();

  test('the county’s file is imported; the t.clerk lists what is in force today', async () => {
    assert.equal((await t.clerk.call('catalog.importFile', demoFile)).status, 403);
    const answer = await t.admin.ok('catalog.importFile', demoFile);
    assert.equal(answer.added.length, demoFile.items.length);
    assert.equal(answer.version, '2026.1');
    const listed = await t.clerk.ok('catalog.list', {});
    const retired = demoFile.items.filter((item) => item.activeTo !== null && item.activeTo < '2026-11-23');
    assert.ok(retired.length >= 1);
    assert.equal(listed.entries.length, demoFile.items.length - retired.length);
    assert.equal(listed.info.version, '2026.1');
    const all = await t.clerk.ok('catalog.list', { includeInactive: true });
    assert.equal(all.entries.length, demoFile.items.length);
    assert.ok(all.entries.every((entry) => entry.origin === 'county'));
  });

  test('an item is found by a name fragment, its code, or pinyin initials', async () => {
    const names = async (query: string) =>
      (await t.clerk.ok('catalog.list', { query })).entries.map((entry) => entry.item.name);
    const subsistence = demoFile.items.find((item) => item.name.includes('最低生活保障'))!;
    assert.ok((await names('最低生活')).includes(subsistence.name));
    assert.ok((await names(subsistence.code.toLowerCase().replace('-', ''))).includes(subsistence.name));
    assert.ok((await names('zdshbz')).includes(subsistence.name));
    assert.deepEqual(await names('不存在的事项'), []);
    const forAgents = await t.clerk.ok('catalog.list', { agentAllowedOnly: true });
    assert.ok(forAgents.entries.length > 0 && forAgents.entries.every((entry) => entry.item.agentAllowed));
  });

  test('the administrator adds a local item; mistakes are named; concurrent edits are caught', async () => {
    const saved = await t.admin.ok('catalog.save', { item: localItem });
    assert.equal(saved.origin, 'local');
    assert.equal(saved.version, 1);
    const again = await t.admin.call('catalog.save', { item: localItem });
    assert.equal(again.status, 400);
    assert.ok(!again.body.ok && /已被“老年人乘车卡代办”使用/.test(again.body.error.fieldErrors!['item.code']!));
    const noDays = await t.admin.call('catalog.save', {
      item: { ...localItem, code: 'QT-901', promisedWorkingDays: null },
    });
    assert.equal(noDays.status, 400);
    assert.ok(!noDays.body.ok && /承诺件须写明承诺时限/.test(noDays.body.error.message));
    const edited = await t.admin.ok('catalog.save', { item: { ...localItem, promisedWorkingDays: 3 }, version: 1 });
    assert.equal(edited.version, 2);
    const stale = await t.admin.call('catalog.save', { item: { ...localItem, promisedWorkingDays: 4 }, version: 1 });
    assert.equal(stale.status, 409);
    assert.equal((await t.clerk.call('catalog.save', { item: { ...localItem, code: 'QT-902' } })).status, 403);
  });

  test('a new county version updates, adds and retires county items and leaves local ones alone', async () => {
    const [first, second, ...rest] = demoFile.items;
    const next: CatalogFile = {
      ...demoFile,
      version: '2026.2',
      items: [
        {
          ...first!,
          promisedWorkingDays: first!.handlingType === 'promised' ? 3 : first!.promisedWorkingDays,
          legalBasis: `${first!.legalBasis}（修订）`,
        },
        ...rest,
        { ...localItem, code: 'QT-950', name: '县级新增事项' },
      ],
    };
    const answer = await t.admin.ok('catalog.importFile', next);
    assert.deepEqual(answer, {
      version: '2026.2',
      added: ['QT-950'],
      updated: [first!.code],
      retired: [second!.code],
      replacedLocal: [],
    });
    const all = await t.clerk.ok('catalog.list', { includeInactive: true });
    const byCode = new Map(all.entries.map((entry) => [entry.item.code, entry]));
    assert.equal(byCode.get(second!.code)!.item.activeTo, '2026-11-22', 'retired from yesterday, kept for its cases');
    assert.equal(byCode.get('QT-900')!.origin, 'local');
    assert.equal(byCode.get('QT-900')!.item.promisedWorkingDays, 3);
    assert.ok(!(await t.clerk.ok('catalog.list', {})).entries.some((entry) => entry.item.code === second!.code));

    const exported = await t.clerk.ok('catalog.exportFile', {});
    assert.equal(exported.version, '2026.2');
    const reimport = await t.admin.ok('catalog.importFile', {
      ...exported,
      items: exported.items.filter((i) => i.code !== 'QT-900'),
    });
    assert.deepEqual([reimport.added, reimport.updated, reimport.retired], [[], [], []]);
    const taken = await t.admin.ok('catalog.importFile', exported);
    assert.deepEqual(taken.replacedLocal, ['QT-900']);
  });
});
