import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommitteeInput } from '../../shared/mediation/committees';
import { residentId } from '../support/ids';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('mediation committees and mediators through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let head: TestClient;
  let mediator: TestClient;
  let villageId: string;

  before(async () => {
    const started = await startSetUpHall();
    ({ hall, admin } = started);
    villageId = started.village.id;
    head = await signedInAs(hall, admin, 'head', ['committeeHead']);
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
  });
  after(() => hall.close());

  const township: CommitteeInput = {
    name: '青石镇人民调解委员会',
    kind: 'township',
    villageId: null,
    speciality: null,
    sealName: '青石镇人民调解委员会',
    casePrefix: '青调',
    phone: '0371-62345600',
    active: true,
  };

  test('committees of each kind, with the fields their kind needs; prefixes and names are unique', async () => {
    const saved = await head.ok('mediation.saveCommittee', township);
    assert.equal(saved.casePrefix, '青调');
    assert.equal(saved.version, 1);
    const village = await head.ok('mediation.saveCommittee', {
      ...township,
      name: '东岗村人民调解委员会',
      sealName: '东岗村人民调解委员会',
      kind: 'village',
      villageId,
      casePrefix: '东岗调',
      phone: '',
    });
    assert.equal(village.villageName, '东岗村');

    const refuse = async (input: Record<string, unknown>, field: string, pattern: RegExp) => {
      const answer = await head.call('mediation.saveCommittee', input);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.ok(!answer.body.ok);
      assert.match(answer.body.error.fieldErrors?.[field] ?? '', pattern, JSON.stringify(answer.body.error));
    };
    await refuse({ ...township, name: '另一个', sealName: '另一个' }, 'casePrefix', /已被另一个调委会使用/);
    await refuse({ ...township, casePrefix: '新调' }, 'name', /已有/);
    await refuse({ ...township, name: '甲', casePrefix: 'AB' }, 'casePrefix', /以“调”结尾/);
    await refuse({ ...township, name: '乙', casePrefix: '乙调', kind: 'village' }, 'villageId', /须选择所在村/);
    await refuse({ ...township, name: '丙', casePrefix: '丙调', kind: 'specialised' }, 'speciality', /须选择专业领域/);

    const traffic = await head.ok('mediation.saveCommittee', {
      ...township,
      name: '青石镇道路交通事故人民调解委员会',
      sealName: '青石镇道路交通事故人民调解委员会',
      kind: 'specialised',
      speciality: '交通事故',
      casePrefix: '交调',
    });
    const stale = await head.call('mediation.saveCommittee', { ...township, id: traffic.id, version: 7 });
    assert.equal(stale.status, 409);
    const renamed = await head.ok('mediation.saveCommittee', {
      ...township,
      id: traffic.id,
      version: traffic.version,
      name: traffic.name,
      sealName: traffic.sealName,
      kind: 'specialised',
      speciality: '交通事故',
      casePrefix: '交调',
      active: false,
    });
    assert.equal(renamed.version, 2);
    const listed = await mediator.ok('mediation.committees', {});
    assert.deepEqual(
      listed.committees.map((c) => c.name),
      ['青石镇人民调解委员会', '东岗村人民调解委员会'],
      'township first; a retired committee only on request',
    );
    assert.equal((await mediator.ok('mediation.committees', { includeInactive: true })).committees.length, 3);
    assert.equal((await mediator.call('mediation.saveCommittee', township)).status, 403);
  });

  test('a mediator serves several committees; a wrong ID number is refused; the ID is shown masked', async () => {
    const { committees } = await head.ok('mediation.committees', {});
    const [town, village] = committees;
    const users = await admin.ok('users.list', {});
    const mediatorUser = users.items.find((u) => u.username === 'mediator')!;
    const clerkLike = await admin.ok('users.create', {
      username: 'clerkx',
      displayName: '窗口',
      roles: ['counterClerk'],
      password: 'Initial123',
    });
    const input = {
      name: '刘德明',
      idNumber: residentId('19700101', 31),
      phone: '13903720001',
      committeeIds: [town!.id, village!.id],
      specialities: ['婚姻家庭', '邻里纠纷'],
      fullTime: true,
      lawyer: false,
      userId: mediatorUser.id,
      active: true,
    };
    const bad = await head.call('mediation.saveMediator', { ...input, idNumber: '410223197001010310' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /身份证号码/);
    const wrongUser = await head.call('mediation.saveMediator', { ...input, userId: clerkLike.id });
    assert.match(JSON.stringify(wrongUser.body), /没有“人民调解员”/);
    const saved = await head.ok('mediation.saveMediator', input);
    assert.deepEqual(saved.committees.map((c) => c.name).sort(), [town!.name, village!.name].sort());
    assert.match(saved.idNumberMasked, /^\d{4}\*+\d{3}[\dX]$/);
    assert.equal(saved.userName, 'mediator同志');
    const twice = await head.call('mediation.saveMediator', { ...input, name: '另一人', idNumber: '' });
    assert.match(JSON.stringify(twice.body), /已对应另一位调解员/);

    const moved = await head.ok('mediation.saveMediator', {
      ...input,
      id: saved.id,
      version: saved.version,
      committeeIds: [village!.id],
    });
    assert.deepEqual(
      moved.committees.map((c) => c.name),
      [village!.name],
    );
    // Lists know the ID number only masked: an edit that leaves it out keeps it.
    const { idNumber: _kept, ...withoutId } = input;
    const phoneChanged = await head.ok('mediation.saveMediator', {
      ...withoutId,
      id: moved.id,
      version: moved.version,
      committeeIds: [village!.id],
      phone: '13903720002',
    });
    assert.equal(phoneChanged.idNumberMasked, saved.idNumberMasked);
    const stored = await hall.backend.db
      .selectFrom('mediators')
      .select('id_number')
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.id_number, input.idNumber);
    const ofTown = await mediator.ok('mediation.mediators', { committeeId: town!.id });
    assert.ok(!ofTown.mediators.some((m) => m.id === saved.id));
    const after = (await mediator.ok('mediation.committees', {})).committees.find((c) => c.id === village!.id)!;
    assert.equal(after.mediatorCount, 1);
    const log = await hall.backend.db
      .selectFrom('change_log')
      .select('data')
      .where('entity', '=', 'mediator')
      .where('entity_id', '=', saved.id)
      .execute();
    assert.equal(log.length, 3);
    assert.ok(
      log.every((entry) => !entry.data.includes(input.idNumber)),
      'the log never holds the full ID number',
    );
  });
});
