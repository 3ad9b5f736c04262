// A county instruction that points at one of the township's records (issue 21): the county names
// the record by kind and number; the township finds it by that number in its own tables and
// shows the instruction on the record — over the real sync path (a hub on SQLite, a township
// backend in a temp folder, HTTPS between them) and the township's typed API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IssueInstructionInput } from '../../hub/hub';
import { readRecordNumber } from '../../shared/sync/instructionAbout';
import { residentId } from '../support/ids';
import { disposeAll } from '../support/dispose';
import { TestClock, type TestClient } from '../support/testHall';
import {
  PASSPHRASE,
  startNodeHall,
  startTestHub,
  userClient,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

const ASSIGNMENT: IssueInstructionInput = {
  kind: 'assign',
  title: '统筹办理村道塌方修复',
  body: '请会同县交通运输局办理，按期反馈。',
  dueOn: '2026-11-27',
  responsibleRole: 'administrator',
  issuedBy: '县级平台',
  refersTo: null,
};

describe('an instruction about a township’s record is shown on that record', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  let node: TestNodeHall;
  let nodeId: string;
  let clerk: TestClient;
  let receptionist: TestClient;
  const ids = { matter: '', otherMatter: '', petition: '' };
  let matterNumber = '';
  let petitionNumber = '';

  before(async () => {
    hub = await startTestHub(clock);
    node = await startNodeHall(clock);
    const enrollment = await hub.enrollment('青石镇');
    nodeId = enrollment.nodeId;
    await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
    clerk = await userClient(node, 'clerk', ['counterClerk']);
    receptionist = await userClient(node, 'reception', ['petitionReceptionist']);
    const village = await node.admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [] });
    const register = (description: string) =>
      clerk.ok('matters.register', {
        requestId: crypto.randomUUID(),
        source: 'meeting',
        villageId: village.id,
        residentName: '东岗村议事会',
        phone: '13900000000',
        type: 'problem',
        category: 'infrastructure',
        description,
      });
    const { matter } = await register('村道塌方，车辆无法通行');
    const { matter: other } = await register('路灯不亮');
    ids.matter = matter.id;
    ids.otherMatter = other.id;
    matterNumber = matter.number;
    const { petition } = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 1,
      petitioners: [
        {
          name: '赵德胜',
          idNumber: residentId('19650312', 31),
          phone: '13800000001',
          address: '东岗村一组',
          representative: false,
        },
      ],
      category: 'expropriation',
      matter: '村道拓宽占用承包地，青苗补偿款至今未发放。',
      requests: '要求发放青苗补偿款。',
      place: '',
      departmentConcerned: '',
    });
    ids.petition = petition.id;
    petitionNumber = petition.number;
    const up = await node.backend.sync.runOnce();
    assert.equal(up.ok, true, up.message);
  });
  after(() => disposeAll([() => node?.close(), () => hub?.close()]));

  test('found by its number, on the record’s page and in the list; none on another record', async () => {
    // The county types the numbers its own way: lower case, no leading zeros, no prefix.
    const matterKey = readRecordNumber('matter', matterNumber);
    assert.ok(matterKey.ok);
    const typedMatter = `sq${matterKey.key.year}-${matterKey.key.sequence}`;
    const petitionKey = readRecordNumber('petition', petitionNumber);
    assert.ok(petitionKey.ok);
    const aboutMatter = await hub.hub.issueInstruction(
      { ...ASSIGNMENT, about: { kind: 'matter', number: typedMatter } },
      [nodeId],
    );
    assert.equal(aboutMatter.about?.number, matterNumber, 'sent in the township’s own form');
    const aboutPetition = await hub.hub.issueInstruction(
      {
        ...ASSIGNMENT,
        title: '督促发放青苗补偿款',
        responsibleRole: 'petitionReceptionist',
        about: { kind: 'petition', number: `〔${petitionKey.key.year}〕第${petitionKey.key.sequence}号` },
      },
      [nodeId],
    );
    const nowhere = await hub.hub.issueInstruction(
      { ...ASSIGNMENT, title: '核查不存在的诉求', about: { kind: 'matter', number: 'SQ-2026-000099' } },
      [nodeId],
    );
    const plain = await hub.hub.issueInstruction({ ...ASSIGNMENT, title: '报送冬季防火预案' }, [nodeId]);
    clock.advanceMinutes(1);
    const down = await node.backend.sync.runOnce();
    assert.equal(down.ok, true, down.message);

    const onMatter = await clerk.ok('instructions.aboutMatter', { id: ids.matter });
    assert.deepEqual(
      onMatter.instructions.map((r) => [r.instruction.id, r.instruction.kind, r.state, r.aboutRecordId]),
      [[aboutMatter.id, 'assign', 'new', ids.matter]],
    );
    assert.deepEqual(onMatter.instructions[0]!.instruction.about, { kind: 'matter', number: matterNumber });
    assert.equal(onMatter.instructions[0]!.instruction.dueOn, '2026-11-27');
    assert.deepEqual((await clerk.ok('instructions.aboutMatter', { id: ids.otherMatter })).instructions, []);
    const onPetition = await receptionist.ok('instructions.aboutPetition', { id: ids.petition });
    assert.deepEqual(
      onPetition.instructions.map((r) => r.instruction.id),
      [aboutPetition.id],
    );

    // The list links each to its record: found, not found here, about none.
    const listed = await node.admin.ok('instructions.list', {});
    const linked = Object.fromEntries(listed.instructions.map((r) => [r.instruction.id, r.aboutRecordId ?? null]));
    assert.deepEqual(linked, {
      [aboutMatter.id]: ids.matter,
      [aboutPetition.id]: ids.petition,
      [nowhere.id]: null,
      [plain.id]: null,
    });

    // Seen by whoever may read the record — not by a desk that may not.
    const refused = await clerk.call('instructions.aboutPetition', { id: ids.petition });
    assert.equal(refused.status, 403);
    assert.ok(!refused.body.ok && refused.body.error.code === 'FORBIDDEN');
  });

  test('the 交办 acknowledged, then the county’s automatic 督办: both on the record with their states', async () => {
    const [assignment] = (await clerk.ok('instructions.aboutMatter', { id: ids.matter })).instructions;
    await node.admin.ok('instructions.acknowledge', { id: assignment!.instruction.id });
    // The deadline passes in the county without a reply; the hub's minute sends the 督办.
    clock.current = new Date('2026-11-28T01:00:00Z');
    const sent = await hub.hub.superviseOverdue();
    const chasing = sent.find((s) => s.refersTo === assignment!.instruction.id);
    assert.ok(chasing, 'the 交办 about the matter is chased');
    assert.deepEqual(chasing.about, { kind: 'matter', number: matterNumber });
    const run = await node.backend.sync.runOnce();
    assert.equal(run.ok, true, run.message);

    // Days later: the clerk signs in again.
    await clerk.ok('auth.login', { username: 'clerk', password: 'Counter2026' });
    const onMatter = await clerk.ok('instructions.aboutMatter', { id: ids.matter });
    assert.deepEqual(
      onMatter.instructions.map((r) => [r.instruction.kind, r.instruction.issuedBy, r.state]),
      [
        ['supervise', '县级平台（自动督办）', 'new'],
        ['assign', '县级平台', 'acknowledged'],
      ],
      'newest first',
    );
    // The county sees the acknowledgement that went up with the same run.
    const receipt = (await hub.hub.instructionStatus()).find((s) => s.instruction.id === assignment!.instruction.id)!;
    assert.equal(receipt.acknowledgedBy, '王管理');
    assert.equal(receipt.autoSupervision?.id, chasing.id);
  });
});
