// Instructions followed to the end (issue 21), on SQLite and PostgreSQL with a clock the tests
// move: the automatic 督办 when a 交办's deadline (a day of the county's calendar, Asia/Shanghai)
// passes without a reply — to each township that has not replied, once, across restarts; the 5-
// and 30-minute marks of acknowledgement; an instruction pointing at a township's record.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openHub, type Hub, type InstructionStatus } from '../../hub/hub';
import { startHubServer } from '../../hub/server';
import { AUTO_SUPERVISION_ISSUER, COUNTY_API_PREFIX, COUNTY_PATHS } from '../../shared/sync/countyApi';
import { INSTRUCTION_ENTITY, type Instruction } from '../../shared/sync/protocol';
import { disposeAll } from '../support/dispose';
import { escalate, matterEntry, matterRow, villageEntry } from '../support/matterEntries';
import { makeTestNode, type TestNode } from '../support/syncNode';
import { eachDatabase, HubClock, TEST_CERTIFICATE_PEM, TEST_FINGERPRINT } from '../support/testHub';

const ASSIGNMENT = {
  kind: 'assign' as const,
  title: '核查汛后水毁道路',
  body: '请于期限前核查辖区水毁道路并反馈修复计划。',
  dueOn: '2026-11-24',
  responsibleRole: 'administrator' as const,
  issuedBy: '县交通运输局',
  refersTo: null,
};

/** The receipts of one instruction, by township name. */
async function receipts(hub: Hub, instructionId: string): Promise<Map<string, InstructionStatus>> {
  const rows = (await hub.instructionStatus()).filter((s) => s.instruction.id === instructionId);
  return new Map(rows.map((s) => [s.townshipName, s]));
}

function reply(node: TestNode, instructionId: string, at: string) {
  return node.batch([
    node.entry(INSTRUCTION_ENTITY, instructionId, 'arrive', { arrivedAt: at }),
    node.entry(INSTRUCTION_ENTITY, instructionId, 'reply', {
      reply: '已核查，修复计划随后报送。',
      repliedAt: at,
      repliedBy: '王站长',
    }),
  ]);
}

eachDatabase((fixture) => {
  test('a deadline passed without a reply: one 督办 to each township that has not replied, never twice', async () => {
    const t = await fixture.hub();
    const qingshan = await t.registered('青山镇');
    const baishui = await t.registered('白水乡');
    const replied = await t.registered('石桥镇');
    const revoked = await t.registered('旧城镇');
    const assignment = await t.hub.issueInstruction(ASSIGNMENT, 'all');
    // A 督办 the county sent by hand, and a 交办 still in time: neither is chased.
    await t.hub.issueInstruction(
      { ...ASSIGNMENT, kind: 'supervise', title: '督办：报送秋粮收购进度', dueOn: '2026-11-20' },
      [qingshan.nodeId],
    );
    const inTime = await t.hub.issueInstruction({ ...ASSIGNMENT, title: '报送冬季防火预案', dueOn: '2026-12-31' }, [
      qingshan.nodeId,
    ]);
    await t.hub.applyBatch(reply(replied, assignment.id, '2026-11-24T09:00:00.000Z'), 'link');
    await t.hub.revokeNode(revoked.nodeId, '乡镇撤并');

    // 23:59 on the deadline day in the county (15:59 UTC): still in time.
    t.clock.current = new Date('2026-11-24T15:59:00Z');
    assert.deepEqual(await t.hub.superviseOverdue(), []);
    assert.equal((await receipts(t.hub, assignment.id)).get('青山镇')!.replyOverdue, false);

    // 00:01 the day after in the county — still the 24th in UTC: overdue.
    t.clock.current = new Date('2026-11-24T16:01:00Z');
    const sent = await t.hub.superviseOverdue();
    assert.equal(sent.length, 1, 'one 督办 for the one overdue 交办');
    const supervision = sent[0]!;
    assert.deepEqual(
      {
        kind: supervision.kind,
        issuedBy: supervision.issuedBy,
        refersTo: supervision.refersTo,
        dueOn: supervision.dueOn,
        responsibleRole: supervision.responsibleRole,
        title: supervision.title,
      },
      {
        kind: 'supervise',
        issuedBy: AUTO_SUPERVISION_ISSUER,
        refersTo: assignment.id,
        dueOn: '2026-11-24',
        responsibleRole: 'administrator',
        title: '督办：核查汛后水毁道路',
      },
    );
    assert.match(supervision.body, /期限为 2026-11-24，期限已过/);
    const reached = await receipts(t.hub, supervision.id);
    assert.deepEqual(
      [...reached.keys()].sort(),
      ['白水乡', '青山镇'].sort(),
      'not the one that replied, not the revoked one',
    );

    const followed = await receipts(t.hub, assignment.id);
    for (const name of ['青山镇', '白水乡']) {
      const row = followed.get(name)!;
      assert.equal(row.replyOverdue, true, name);
      assert.deepEqual(row.autoSupervision, { id: supervision.id, issuedAt: '2026-11-24T16:01:00.000Z' }, name);
    }
    assert.deepEqual(
      [followed.get('石桥镇')!.replyOverdue, followed.get('石桥镇')!.autoSupervision],
      [false, null],
      'the township that replied is neither late nor chased',
    );
    assert.equal((await receipts(t.hub, inTime.id)).get('青山镇')!.replyOverdue, false);

    // The 督办 goes down to the township with the 交办 it chases.
    const down = qingshan.openDown((await t.hub.downFor(qingshan.nodeId, 0))!);
    const instructions = down.packages.flatMap((p) => (p.kind === 'instruction' ? [p.instruction] : []));
    assert.deepEqual(
      instructions.map((i) => i.title),
      ['核查汛后水毁道路', '督办：报送秋粮收购进度', '报送冬季防火预案', '督办：核查汛后水毁道路'],
    );

    // The next minute, the next day, after a restart: nothing more.
    t.clock.advanceMinutes(1);
    assert.deepEqual(await t.hub.superviseOverdue(), []);
    t.clock.current = new Date('2026-11-26T02:00:00Z');
    assert.deepEqual(await t.hub.superviseOverdue(), []);
    const reopened = await t.reopen();
    assert.deepEqual(await reopened.superviseOverdue(), []);
    const supervisions = (await reopened.instructionStatus()).filter((s) => s.instruction.refersTo === assignment.id);
    assert.equal(supervisions.length, 2, 'still one 督办, to two townships');

    // A reply after the 督办 ends the lateness; the 督办 stays on record.
    await reopened.applyBatch(reply(baishui, assignment.id, '2026-11-26T03:00:00.000Z'), 'link');
    const after = (await receipts(reopened, assignment.id)).get('白水乡')!;
    assert.deepEqual([after.replyOverdue, after.autoSupervision?.id], [false, supervision.id]);
  });

  test('runs at the same moment send one 督办, not two', async () => {
    const t = await fixture.hub();
    await t.registered('青山镇');
    await t.registered('白水乡');
    await t.hub.issueInstruction(ASSIGNMENT, 'all');
    await t.hub.issueInstruction({ ...ASSIGNMENT, title: '报送冬季防火预案', dueOn: '2026-11-23' }, 'all');
    t.clock.current = new Date('2026-11-25T01:00:00Z');
    const runs = await Promise.all([t.hub.superviseOverdue(), t.hub.superviseOverdue(), t.hub.superviseOverdue()]);
    assert.deepEqual(
      runs.map((r) => r.length),
      [2, 0, 0],
    );
    const supervisions = (await t.hub.instructionStatus()).filter((s) => s.instruction.kind === 'supervise');
    assert.equal(supervisions.length, 4, 'two 督办, each to both townships');
  });

  test('who has not acknowledged within 5 and within 30 minutes: from arrival, or from delivery when it never arrived', async () => {
    const t = await fixture.hub();
    const names = ['按时镇', '迟签镇', '未签镇', '未到镇'];
    const nodes = new Map<string, TestNode>();
    for (const name of names) nodes.set(name, await t.registered(name));
    const issuedAt = t.clock.current.getTime();
    const at = (minutes: number) => new Date(issuedAt + minutes * 60_000).toISOString();
    const instruction = await t.hub.issueInstruction(ASSIGNMENT, 'all');
    const township = async (name: string, entries: (node: TestNode) => ReturnType<TestNode['entry']>[]) => {
      const node = nodes.get(name)!;
      await t.hub.applyBatch(node.batch(entries(node)), 'link');
    };
    const arrive = (node: TestNode) => node.entry(INSTRUCTION_ENTITY, instruction.id, 'arrive', { arrivedAt: at(1) });
    const ack = (node: TestNode, minutes: number) =>
      node.entry(INSTRUCTION_ENTITY, instruction.id, 'acknowledge', {
        acknowledgedAt: at(minutes),
        acknowledgedBy: '值班员',
      });
    await township('按时镇', (n) => [arrive(n), ack(n, 4)]);
    await township('迟签镇', (n) => [arrive(n), ack(n, 13)]);
    await township('未签镇', (n) => [arrive(n)]);

    const marks = async () => {
      const rows = await receipts(t.hub, instruction.id);
      return Object.fromEntries(
        names.map((name) => [name, [rows.get(name)!.ackWithin5Min, rows.get(name)!.unacknowledgedAfter30Min]]),
      );
    };
    t.clock.current = new Date(issuedAt + 20 * 60_000);
    assert.deepEqual(await marks(), {
      按时镇: [true, false],
      迟签镇: [false, false],
      未签镇: [false, false],
      未到镇: [null, false],
    });
    t.clock.current = new Date(issuedAt + 32 * 60_000);
    assert.deepEqual(await marks(), {
      按时镇: [true, false],
      迟签镇: [false, false],
      未签镇: [false, true],
      // Never arrived: half an hour after delivery it is named too.
      未到镇: [null, true],
    });
    // Acknowledged at last, 40 minutes after arrival: late on both marks, for good.
    await township('未签镇', (n) => [ack(n, 41)]);
    t.clock.current = new Date(issuedAt + 90 * 60_000);
    assert.deepEqual((await marks())['未签镇'], [false, true]);
  });

  test('an instruction points at one record of the one township it goes to', async () => {
    const t = await fixture.hub();
    const qingshan = await t.registered('青山镇');
    const baishui = await t.registered('白水乡');
    const about = (kind: 'matter' | 'petition' | 'dispute' | 'counterCase', number: string) =>
      t.hub.issueInstruction({ ...ASSIGNMENT, about: { kind, number } }, [qingshan.nodeId]);
    // Numbers as typed are sent in the township's own form.
    const forms: [Parameters<typeof about>[0], string, string][] = [
      ['matter', 'sq-2026-7', 'SQ-2026-000007'],
      ['counterCase', '2026-306', 'SL-2026-000306'],
      ['petition', '青信[2026]12', '青信〔2026〕12号'],
      ['dispute', '(2026)青调字第3号', '（2026）青调字第3号'],
    ];
    for (const [kind, typed, sent] of forms) {
      const issued = await about(kind, typed);
      assert.deepEqual(issued.about, { kind, number: sent });
      const down = qingshan.openDown((await t.hub.downFor(qingshan.nodeId, 0))!);
      const carried = down.packages.flatMap((p) => (p.kind === 'instruction' ? [p.instruction] : []));
      assert.deepEqual(carried.find((i) => i.id === issued.id)?.about, { kind, number: sent });
    }
    await assert.rejects(about('matter', 'SL-2026-000001'), /记录编号：不是有效的诉求编号（应如 SQ-2026-000123）/);
    await assert.rejects(
      t.hub.issueInstruction({ ...ASSIGNMENT, about: { kind: 'matter', number: 'SQ-2026-000001' } }, 'all'),
      /只能发给该记录所在的一个乡镇/,
    );
    await assert.rejects(
      t.hub.issueInstruction({ ...ASSIGNMENT, about: { kind: 'matter', number: 'SQ-2026-000001' } }, [
        qingshan.nodeId,
        baishui.nodeId,
      ]),
      /只能发给该记录所在的一个乡镇/,
    );
    // An instruction without a pointer has no `about` key at all: what an older township reads.
    const plain = await t.hub.issueInstruction(ASSIGNMENT, [baishui.nodeId]);
    const down = baishui.openDown((await t.hub.downFor(baishui.nodeId, 0))!);
    const carried = down.packages.flatMap((p) => (p.kind === 'instruction' ? [p.instruction] : []));
    assert.equal(carried.length, 1);
    assert.ok(!('about' in carried[0]!) && !('about' in plain));

    // The automatic 督办 of a pointing 交办 points at the same record; the 提交统筹 list shows both
    // on that matter, and not on another township's matter of the same number.
    const m1 = matterRow('m-1', 'SQ-2026-000007', 'v-1');
    await t.hub.applyBatch(
      qingshan.batch([
        villageEntry(qingshan, 'v-1', '石桥村'),
        matterEntry(qingshan, 'register', m1, {}),
        escalate(qingshan, m1).entry,
      ]),
      'link',
    );
    const b1 = matterRow('b-1', 'SQ-2026-000007', 'w-1');
    await t.hub.applyBatch(
      baishui.batch([
        villageEntry(baishui, 'w-1', '清泉村'),
        matterEntry(baishui, 'register', b1, {}),
        escalate(baishui, b1).entry,
      ]),
      'link',
    );
    t.clock.current = new Date('2026-11-25T01:00:00Z');
    const sent = await t.hub.superviseOverdue();
    assert.equal(sent.length, forms.length + 1, 'each 交办 to 青山镇 and the plain one to 白水乡');
    const matterSupervision = sent.find((s) => s.about?.kind === 'matter')!;
    assert.deepEqual(matterSupervision.about, { kind: 'matter', number: 'SQ-2026-000007' });
    const list = await t.hub.escalatedMatters();
    const ours = list.find((m) => m.nodeId === qingshan.nodeId)!;
    assert.deepEqual(
      ours.instructions.map((i) => [i.kind, i.title]),
      [
        ['assign', ASSIGNMENT.title],
        ['supervise', `督办：${ASSIGNMENT.title}`],
      ],
    );
    const theirs = list.find((m) => m.nodeId === baishui.nodeId)!;
    assert.deepEqual(theirs.instructions, [], 'another township’s matter of the same number');
  });
});

test('the county’s server sends the overdue 督办 when it starts, and answers the pointer’s refusals naming the field', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-follow-up-'));
  const clock = new HubClock();
  const token = 'county-token-for-follow-up-0123456789';
  let hub: Hub | null = await openHub({ dataDir, now: clock.now, log: () => {} });
  let server: Awaited<ReturnType<typeof startHubServer>> | null = null;
  try {
    const { enrollment } = await hub.createNode({
      townshipName: '青山镇',
      hubUrl: 'https://hub.example.test',
      certificatePem: TEST_CERTIFICATE_PEM,
      certificateFingerprint: TEST_FINGERPRINT,
    });
    const node = makeTestNode(enrollment);
    await hub.register(node.registration(), 'link');
    const assignment: Instruction = await hub.issueInstruction(ASSIGNMENT, 'all');
    await hub.close();
    // The hub was down over the deadline: its start sends what the minute timer would have.
    clock.current = new Date('2026-11-26T01:00:00Z');
    hub = await openHub({ dataDir, now: clock.now, log: () => {} });
    server = await startHubServer({ hub, host: '127.0.0.1', port: 0, tls: null, countyToken: token, uiDir: null });
    const chased = (await hub.instructionStatus()).filter((s) => s.instruction.refersTo === assignment.id);
    assert.deepEqual(
      chased.map((s) => [s.townshipName, s.instruction.issuedBy]),
      [['青山镇', AUTO_SUPERVISION_ISSUER]],
    );

    const post = (body: unknown) =>
      fetch(`${server!.url}${COUNTY_API_PREFIX}${COUNTY_PATHS.instructions}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const request = {
      kind: 'assign',
      title: '关于诉求 SQ-2026-000007 的统筹办理',
      body: '请会同县交通运输局办理。',
      dueOn: '2026-12-15',
      responsibleRole: 'administrator',
      nodeIds: [node.nodeId],
    };
    const badNumber = await post({ ...request, about: { kind: 'matter', number: '第七号' } });
    assert.equal(badNumber.status, 400);
    const refusal = ((await badNumber.json()) as { error: { message: string; field?: string } }).error;
    assert.equal(refusal.field, 'about.number');
    assert.equal(refusal.message, '记录编号：不是有效的诉求编号（应如 SQ-2026-000123）');
    const toAll = await post({ ...request, nodeIds: null, about: { kind: 'matter', number: 'SQ-2026-000007' } });
    assert.equal(toAll.status, 400);
    assert.equal(((await toAll.json()) as { error: { field?: string } }).error.field, 'nodeIds');
    const sent = await post({ ...request, about: { kind: 'matter', number: 'sq2026-7' } });
    assert.equal(sent.status, 201);
    assert.deepEqual(((await sent.json()) as Instruction).about, { kind: 'matter', number: 'SQ-2026-000007' });
  } finally {
    await disposeAll([() => server?.close(), () => hub?.close(), () => rm(dataDir, { recursive: true, force: true })]);
  }
});
