import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { VillageRecord } from '../../shared/places/api';
import { residentId } from '../support/ids';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('residents over HTTP', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let village: VillageRecord;
  const base = () => ({
    name: '张三丰',
    idType: 'residentId',
    idNumber: residentId('19800101', 1),
    phone: '13812345678',
    ethnicity: '汉族',
    villageId: village.id,
    groupId: village.groups[0]!.id,
    address: '青石镇东岗村第一组 8 号',
  });

  before(async () => {
    ({ hall, admin, village } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
  });
  after(() => hall.close());

  test('registering reads sex and birth date off the ID number and logs the change in the same write', async () => {
    const before = await admin.ok('audit.changes', { entity: 'resident' });
    const resident = await clerk.ok('residents.register', { ...base(), sex: 'female', birthDate: '2000-01-01' });
    assert.equal(resident.sex, 'male', 'the number decides, not the form');
    assert.equal(resident.birthDate, '1980-01-01');
    assert.equal(resident.villageName, '东岗村');
    assert.equal(resident.groupName, '第一村民小组');
    const changes = await admin.ok('audit.changes', { entityId: resident.id });
    assert.equal(changes.items.length, 1);
    assert.equal(changes.items[0]!.op, 'create');
    assert.equal(changes.items[0]!.actorName, 'clerk同志');
    assert.equal((await admin.ok('audit.changes', { entity: 'resident' })).items.length, before.items.length + 1);
  });

  test('a second registration of the same number is refused and points at the first', async () => {
    const answer = await clerk.call('residents.register', { ...base(), name: '张三' });
    assert.equal(answer.status, 409);
    assert.ok(!answer.body.ok);
    assert.equal(answer.body.error.code, 'DUPLICATE');
    assert.match(answer.body.error.fieldErrors!.idNumber!, /已登记为居民“张三丰”/);
    const existing = await clerk.ok('residents.search', { query: base().idNumber });
    assert.equal(answer.body.error.details!.existingResidentId, existing.items[0]!.id);
  });

  test('lists mask the ID number and phone; opening the record shows them and is audited', async () => {
    const found = await clerk.ok('residents.search', { query: 'zsf' });
    assert.equal(found.items.length, 1);
    const summary = found.items[0]!;
    assert.equal(summary.idNumberMasked, `4102**********${base().idNumber.slice(-4)}`);
    assert.equal(summary.phoneMasked, '138****5678');
    assert.ok(!JSON.stringify(found).includes(base().idNumber), 'the full number never appears in a list');
    const record = await clerk.ok('residents.get', { id: summary.id });
    assert.equal(record.idNumber, base().idNumber);
    const audit = await admin.ok('audit.events', { action: 'readPersonalData', entityId: summary.id });
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0]!.actorName, 'clerk同志');
  });

  test('search by name fragment, initials, ID tail, full ID, phone tail, and two terms at once', async () => {
    await clerk.ok('residents.register', {
      ...base(),
      name: '张小凤',
      idNumber: residentId('19920315', 22),
      phone: '13900001234',
    });
    await clerk.ok('residents.register', { ...base(), name: '李四', idNumber: residentId('19750607', 35), phone: '' });
    const names = async (query: string) =>
      (await clerk.ok('residents.search', { query })).items.map((r) => r.name).sort();
    assert.deepEqual(await names('张'), ['张三丰', '张小凤']);
    assert.deepEqual(await names('小凤'), ['张小凤']);
    assert.deepEqual(await names('zx'), ['张小凤']);
    assert.deepEqual(await names('ls'), ['李四']);
    assert.deepEqual(await names(residentId('19750607', 35).slice(-6)), ['李四']);
    assert.deepEqual(await names(residentId('19920315', 22)), ['张小凤']);
    assert.deepEqual(await names('00001234'), ['张小凤']);
    assert.deepEqual(await names(`张 ${residentId('19800101', 1).slice(-4)}`), ['张三丰']);
    assert.deepEqual(await names('王'), []);
    const interpreted = await clerk.ok('residents.search', { query: 'zsf' });
    assert.match(interpreted.interpretedAs, /拼音首字母/);
  });

  test('names with rare characters are stored, searched and returned intact', async () => {
    for (const [name, birth] of [
      ['𠮷祥', '19880808'],
      ['刘䶮', '19900101'],
      ['王堃', '19910202'],
      ['犇燚', '19930303'],
    ] as const) {
      await clerk.ok('residents.register', { ...base(), name, idNumber: residentId(birth, 11) });
    }
    const byChar = await clerk.ok('residents.search', { query: '𠮷' });
    assert.deepEqual(
      byChar.items.map((r) => r.name),
      ['𠮷祥'],
    );
    assert.deepEqual(
      (await clerk.ok('residents.search', { query: 'jx' })).items.map((r) => r.name),
      ['𠮷祥'],
    );
    assert.deepEqual(
      (await clerk.ok('residents.search', { query: '䶮' })).items.map((r) => r.name),
      ['刘䶮'],
    );
    const record = await clerk.ok('residents.get', { id: byChar.items[0]!.id });
    assert.equal(record.name, '𠮷祥');
  });

  test('an edit needs the version it started from; a stale save is refused', async () => {
    const [summary] = (await clerk.ok('residents.search', { query: '李四' })).items;
    const record = await clerk.ok('residents.get', { id: summary!.id });
    const { id, version } = record;
    const edit = { ...base(), id, version, name: '李四', idNumber: record.idNumber, phone: '13700000001' };
    const saved = await clerk.ok('residents.update', edit);
    assert.equal(saved.version, version + 1);
    assert.equal(saved.phone, '13700000001');
    const stale = await clerk.call('residents.update', { ...edit, phone: '13700000002' });
    assert.equal(stale.status, 409);
    assert.ok(!stale.body.ok && stale.body.error.code === 'STALE');
    const changes = await admin.ok('audit.changes', { entityId: id });
    // The change log lists the phone masked, like every other list.
    assert.deepEqual(changes.items[0]!.data, { phone: '137****0001' }, 'an update logs only what changed');
  });

  test('other ID types need sex and birth date entered', async () => {
    const missing = await clerk.call('residents.register', { ...base(), idType: 'passport', idNumber: 'E12345678' });
    assert.equal(missing.status, 400);
    assert.ok(!missing.body.ok);
    assert.equal(missing.body.error.fieldErrors!.sex, '性别：必须填写');
    assert.equal(missing.body.error.fieldErrors!.birthDate, '出生日期：必须填写');
    const saved = await clerk.ok('residents.register', {
      ...base(),
      name: 'JOHN SMITH',
      idType: 'passport',
      idNumber: 'e12345678',
      sex: 'male',
      birthDate: '1970-05-05',
      ethnicity: '外国血统中国籍人士',
    });
    assert.equal(saved.idNumber, 'E12345678');
  });
});
