import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { VillageRecord } from '../../shared/places/api';
import { residentId } from '../support/ids';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('bad input never reaches the database', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let village: VillageRecord;
  const valid = () => ({
    name: '陈静',
    idType: 'residentId',
    idNumber: residentId('19850505', 42),
    ethnicity: '汉族',
    villageId: village.id,
  });
  const residentCount = async () =>
    Number(
      (
        await hall.backend.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const changeCount = async () =>
    Number(
      (
        await hall.backend.db
          .selectFrom('change_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    ({ hall, admin, village } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
  });
  after(() => hall.close());

  async function refused(input: Record<string, unknown>, field: string, pattern: RegExp) {
    const [residents, changes] = [await residentCount(), await changeCount()];
    const answer = await clerk.call('residents.register', input);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.ok(!answer.body.ok);
    assert.equal(answer.body.error.code, 'VALIDATION');
    assert.match(answer.body.error.fieldErrors?.[field] ?? '(none)', pattern);
    assert.equal(await residentCount(), residents);
    assert.equal(await changeCount(), changes);
  }

  test('missing fields are named in Chinese', async () => {
    const answer = await clerk.call('residents.register', {});
    assert.ok(!answer.body.ok);
    const errors = answer.body.error.fieldErrors!;
    assert.equal(errors.name, '姓名：必须填写');
    assert.equal(errors.idNumber, '证件号码：必须填写');
    assert.equal(errors.villageId, '村（社区）：必须填写');
    assert.match(answer.body.error.message, /处填写有误/);
  });

  test('wrong types', async () => {
    await refused({ ...valid(), name: 12345 }, 'name', /^姓名：类型不对/);
    await refused({ ...valid(), idType: 'alien' }, 'idType', /^证件类型：不是可选的值/);
    await refused({ ...valid(), ethnicity: ['汉族'] }, 'ethnicity', /^民族：/);
    await refused(
      { ...valid(), birthDate: '2026-02-30', idType: 'passport', idNumber: 'E1234567', sex: 'male' },
      'birthDate',
      /没有这一天/,
    );
  });

  test('a 100 KB string is refused by length, not stored or truncated', async () => {
    await refused({ ...valid(), name: '长'.repeat(100_000) }, 'name', /^姓名：最多 50 个字符/);
    await refused({ ...valid(), address: 'x'.repeat(100_000) }, 'address', /^住址：最多 100 个字符/);
  });

  test('invalid ID numbers explain what is wrong', async () => {
    await refused({ ...valid(), idNumber: '41022319850505042' }, 'idNumber', /应为 18 位/);
    const wrongCheck = valid().idNumber.slice(0, 17) + (valid().idNumber.endsWith('0') ? '1' : '0');
    await refused({ ...valid(), idNumber: wrongCheck }, 'idNumber', /校验位不符/);
    await refused({ ...valid(), idNumber: residentId('20991231', 1) }, 'idNumber', /晚于今天/);
  });

  test('a phone that is no phone, an unknown village, a group of another village', async () => {
    await refused({ ...valid(), phone: '12345' }, 'phone', /^联系电话：应为 11 位手机号/);
    await refused({ ...valid(), villageId: '0190a0b0-0000-7000-8000-000000000000' }, 'villageId', /没有这个村/);
    await refused({ ...valid(), villageId: 'not-an-id' }, 'villageId', /编号无效/);
  });

  test('unknown fields are refused rather than silently dropped', async () => {
    await refused({ ...valid(), isAdmin: true }, 'isAdmin', /不认识的字段/);
  });

  test('SQL-looking text is stored as text', async () => {
    const name = "Robert'); DROP TABLE residents;--";
    const saved = await clerk.ok('residents.register', {
      ...valid(),
      idType: 'other',
      idNumber: 'ABC-1',
      name,
      sex: 'male',
      birthDate: '1990-01-01',
      address: "' OR 1=1 --",
    });
    assert.equal(saved.name, name);
    assert.equal(saved.address, "' OR 1=1 --");
    const found = await clerk.ok('residents.search', { query: "' OR '1'='1" });
    assert.equal(found.items.length, 0);
    assert.ok((await residentCount()) >= 1, 'the table is still there');
  });

  test('search input is bounded', async () => {
    const long = await clerk.call('residents.search', { query: 'x'.repeat(1000) });
    assert.equal(long.status, 400);
    assert.ok(!long.body.ok && long.body.error.fieldErrors!.query!.startsWith('查询内容：最多 60 个字符'));
    const short = await clerk.call('residents.search', { query: '12' });
    assert.equal(short.status, 400);
    const huge = await clerk.call('residents.search', { query: '张', limit: 100000 });
    assert.equal(huge.status, 400);
  });
});
