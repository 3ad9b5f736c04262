import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utf8 } from '../../shared/sync/bytes';
import { MAX_ENVELOPE_BYTES } from '../../shared/sync/envelope';
import { generateBoxKeyPair, generateSigningKeyPair } from '../../shared/sync/keys';
import { INSTRUCTION_ENTITY, REPORT_ENTITY, REPORT_OP, type MonthlyFiguresReport } from '../../shared/sync/protocol';
import { makeTestNode, type TestNode } from '../support/syncNode';
import { eachDatabase, refused, type TestHub } from '../support/testHub';

/** Runs a refused apply and checks: the code, the logged reason, and not one row written. */
async function refusedWithoutWrite(
  t: TestHub,
  node: TestNode | null,
  envelope: Uint8Array,
  code: string,
  reason?: RegExp,
) {
  const before = await t.counts();
  const stateBefore = node ? await t.hub.nodeState(node.nodeId) : null;
  const refusal = await refused(t.hub.applyBatch(envelope, 'link'), code);
  if (reason) assert.match(refusal.message, reason);
  const after = await t.counts();
  assert.deepEqual(after, { ...before, rejections: before.rejections + 1 }, '拒收不应写入任何批次内容');
  if (node) assert.deepEqual(await t.hub.nodeState(node.nodeId), stateBefore);
  const [logged] = await t.hub.rejections(1);
  assert.equal(logged?.code, code);
  assert.equal(logged?.reason, refusal.message);
  assert.equal(logged?.via, 'link');
  assert.equal(logged?.bytes, envelope.length);
  return { refusal, logged: logged! };
}

eachDatabase((fixture) => {
  test('batches apply in order: entries, current records, node state, county view', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const first = node.batch(node.entries(3));
    const a1 = await t.hub.applyBatch(first, 'link');
    assert.deepEqual(a1, { appliedThrough: 3, lastBatchHash: node.lastBatchHash, replay: false });
    // Record r-1 is updated twice in the next batch: the last entry is its current state.
    const update = (n: number, name: string) => ({ entityId: 'r-1', op: 'update', data: { name, n } });
    const second = node.batch([
      ...node.entries(1, () => update(1, '张三')),
      ...node.entries(1, () => update(2, '张三丰')),
      ...node.entries(2),
    ]);
    const a2 = await t.hub.applyBatch(second, 'link');
    assert.deepEqual(a2, { appliedThrough: 7, lastBatchHash: node.lastBatchHash, replay: false });
    assert.deepEqual(await t.hub.nodeState(node.nodeId), { appliedThrough: 7, lastBatchHash: node.lastBatchHash });

    const counts = await t.counts();
    assert.equal(counts.entries, 7);
    assert.equal(counts.batches, 2);
    assert.equal(counts.records, 5); // r-1, r-2, r-3, r-6, r-7
    const records = await t.hub.records(node.nodeId, 'resident');
    const r1 = records.find((r) => r.entityId === 'r-1');
    assert.deepEqual(r1, {
      entity: 'resident',
      entityId: 'r-1',
      op: 'update',
      data: { name: '张三丰', n: 2 },
      seq: 5,
      at: r1!.at,
    });
    assert.deepEqual(
      records.map((r) => r.seq),
      [7, 6, 5, 3, 2],
    );
    const [summary] = await t.hub.townships();
    assert.equal(summary?.appliedThrough, 7);
    assert.equal(summary?.entries, 7);
    assert.equal(summary?.lastContactAt, t.clock.current.toISOString());
    assert.equal(summary?.lastError, null);
  });

  test('a replay changes nothing and answers replay: true, also when sent twice at once', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const b1 = node.batch(node.entries(5));
    const b2 = node.batch(node.entries(5));
    const answers = await Promise.all([t.hub.applyBatch(b1, 'link'), t.hub.applyBatch(b1, 'link')]);
    assert.deepEqual(answers.map((a) => a.replay).sort(), [false, true]);
    await t.hub.applyBatch(b2, 'link');
    const before = await t.counts();
    t.clock.advanceMinutes(10);
    const again = await t.hub.applyBatch(b1, 'file');
    assert.deepEqual(again, { appliedThrough: 10, lastBatchHash: node.lastBatchHash, replay: true });
    assert.deepEqual(await t.counts(), before);
    const [summary] = await t.hub.townships();
    assert.notEqual(summary?.lastContactAt, t.clock.current.toISOString(), 'a replay is not a change');
  });

  test('a gap is refused until it is filled, then the later batch is accepted', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await t.hub.applyBatch(node.batch(node.entries(2)), 'link');
    const middle = node.batch(node.entries(3));
    const later = node.batch(node.entries(4));
    const { refusal, logged } = await refusedWithoutWrite(
      t,
      node,
      later,
      'gap',
      /^序号不连续：已接收至 2，本批从 6 开始$/,
    );
    assert.equal(refusal.appliedThrough, 2);
    assert.deepEqual([logged.first, logged.last, logged.nodeId], [6, 9, node.nodeId]);
    const [summary] = await t.hub.townships();
    assert.equal(summary?.lastError?.code, 'gap');

    t.clock.advanceMinutes(1);
    assert.equal((await t.hub.applyBatch(middle, 'link')).appliedThrough, 5);
    assert.equal((await t.hub.applyBatch(later, 'link')).appliedThrough, 9);
    const [after] = await t.hub.townships();
    assert.equal(after?.lastError, null, 'an error the node has got past is not shown');
  });

  test('every refusal is logged with its reason and writes nothing', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await t.hub.applyBatch(node.batch(node.entries(3)), 'link');
    const pending = node.entries(2); // seq 4..5, the next batch
    const next = (options: Parameters<TestNode['batch']>[1] = {}) =>
      node.batch(pending, { detached: true, ...options });

    // Bad signature: one byte of the ciphertext changed after signing.
    const tampered = next();
    tampered[tampered.length - 100]! ^= 0x01;
    await refusedWithoutWrite(t, node, tampered, 'bad-signature');

    await refusedWithoutWrite(t, node, next({ prev: 'a'.repeat(64) }), 'broken-chain', /哈希链断开/);
    await refusedWithoutWrite(t, node, next({ signer: generateSigningKeyPair() }), 'unknown-key', /未在县级平台登记/);
    await refusedWithoutWrite(
      t,
      node,
      next({ recipientPublicKey: generateBoxKeyPair().publicKey }),
      'undecryptable',
      /本平台的加密密钥/,
    );
    // A valid signature over a payload that fails the schema.
    await refusedWithoutWrite(
      t,
      node,
      next({ plaintext: utf8(JSON.stringify({ entries: [{ seq: 'four' }] })) }),
      'malformed',
      /数据包内容不符合格式/,
    );
    await refusedWithoutWrite(t, node, next({ plaintext: utf8('not json') }), 'malformed', /不是有效的 JSON/);
    // The header says 4..6, the payload holds 4..5.
    await refusedWithoutWrite(t, node, next({ last: 6 }), 'malformed', /共 3 条，实有 2 条/);
    // Malformed and oversized envelopes: nothing about them is known, not even the node.
    const { logged: garbage } = await refusedWithoutWrite(t, null, utf8('TDE1 this is not an envelope'), 'malformed');
    assert.equal(garbage.nodeId, null);
    await refusedWithoutWrite(t, null, next().subarray(0, 300), 'malformed');
    await refusedWithoutWrite(t, null, new Uint8Array(MAX_ENVELOPE_BYTES.batch + 1), 'too-large');
    // Another kind of envelope where a batch belongs.
    await refusedWithoutWrite(t, node, node.file(utf8('附件')), 'malformed', /只接收「数据批次」/);
    // A node the hub does not know.
    const stranger = makeTestNode({ ...node.enrollment, nodeId: 'no-such-node' });
    await refusedWithoutWrite(t, null, stranger.batch(stranger.entries(1)), 'unknown-node');

    // Conflict: a different batch with the same first sequence as one already applied.
    const other = makeTestNode(node.enrollment);
    other.signing = node.signing;
    const forkedFirst = other.batch(other.entries(3, () => ({ op: 'forked' })));
    const { refusal } = await refusedWithoutWrite(t, node, forkedFirst, 'conflict', /第 1–3 号已接收/);
    assert.equal(refusal.appliedThrough, 3);

    // And after all that the right batch still goes in.
    assert.equal((await t.hub.applyBatch(next(), 'link')).appliedThrough, 5);
    const codes = (await t.hub.rejections()).map((r) => r.code);
    assert.equal(codes.length, 13);
  });

  test('a revoked key and a revoked node are refused without a write', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const other = await t.registered('白石乡');
    await t.hub.applyBatch(node.batch(node.entries(2)), 'link');
    await t.hub.revokeKey(node.nodeId, node.signingKeyId);
    await refusedWithoutWrite(t, node, node.batch(node.entries(2), { detached: true }), 'revoked', /密钥.*吊销/);
    await t.hub.revokeNode(other.nodeId, '乡镇撤并');
    await refusedWithoutWrite(t, null, other.batch(other.entries(2)), 'revoked', /乡镇撤并/);
  });

  test('instruction feedback entries fill in the receipts; the county sees who is late', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const quiet = await t.registered('白石乡');
    const instruction = await t.hub.issueInstruction(
      {
        kind: 'assign',
        title: '核查低保对象名单',
        body: '请于本月底前完成辖区低保对象名单核查并反馈。',
        dueOn: '2026-11-30',
        responsibleRole: 'counterClerk',
        issuedBy: '县民政局',
        refersTo: null,
      },
      'all',
    );
    const status = async (nodeId: string) => (await t.hub.instructionStatus()).find((s) => s.nodeId === nodeId)!;
    assert.equal((await status(node.nodeId)).deliveredAt, t.clock.current.toISOString());
    assert.equal((await status(node.nodeId)).ackWithin5Min, null);

    const arrivedAt = '2026-11-23T02:01:00.000Z';
    await t.hub.applyBatch(
      node.batch([
        ...node.entries(2),
        node.entry(INSTRUCTION_ENTITY, instruction.id, 'arrive', { arrivedAt }),
        node.entry(INSTRUCTION_ENTITY, instruction.id, 'acknowledge', {
          acknowledgedAt: '2026-11-23T02:04:00.000Z',
          acknowledgedBy: '李窗口',
        }),
      ]),
      'link',
    );
    await t.hub.applyBatch(
      quiet.batch([quiet.entry(INSTRUCTION_ENTITY, instruction.id, 'arrive', { arrivedAt })]),
      'link',
    );
    t.clock.current = new Date('2026-11-23T02:40:00.000Z');
    const acked = await status(node.nodeId);
    assert.equal(acked.arrivedAt, arrivedAt);
    assert.equal(acked.acknowledgedAt, '2026-11-23T02:04:00.000Z');
    assert.equal(acked.acknowledgedBy, '李窗口');
    assert.equal(acked.ackWithin5Min, true);
    assert.equal(acked.unacknowledgedAfter30Min, false);
    const late = await status(quiet.nodeId);
    assert.equal(late.ackWithin5Min, false);
    assert.equal(late.unacknowledgedAfter30Min, true);

    await t.hub.applyBatch(
      node.batch([
        node.entry(INSTRUCTION_ENTITY, instruction.id, 'reply', {
          reply: '已核查 312 户，发现 3 户需调整，已上报。',
          repliedAt: '2026-11-25T08:00:00.000Z',
          repliedBy: '李窗口',
        }),
        // Data of the wrong shape is kept as an entry but changes no receipt.
        node.entry(INSTRUCTION_ENTITY, instruction.id, 'acknowledge', { acknowledgedAt: 5 }),
      ]),
      'link',
    );
    const answered = await status(node.nodeId);
    assert.equal(answered.reply, '已核查 312 户，发现 3 户需调整，已上报。');
    assert.equal(answered.repliedAt, '2026-11-25T08:00:00.000Z');
    assert.equal(answered.acknowledgedAt, '2026-11-23T02:04:00.000Z');
    assert.ok(t.logs.some((line) => line.includes('指令反馈未计入')));
  });

  test('report entries keep the latest monthly figures and backlog per township', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const report = (month: string, backlog: number, received: number): MonthlyFiguresReport => ({
      month,
      reportedAt: `${month}-28T10:00:00.000Z`,
      backlog,
      counter: { received, completed: received - 2, overdue: 0 },
      mediation: { accepted: 4, successful: 3, concluded: 4, successRate: 75 },
    });
    await t.hub.applyBatch(
      node.batch([
        node.entry(REPORT_ENTITY, '2026-10', REPORT_OP, report('2026-10', 40, 120)),
        node.entry(REPORT_ENTITY, '2026-11', REPORT_OP, report('2026-11', 12, 30)),
        node.entry(REPORT_ENTITY, '2026-11', REPORT_OP, report('2026-11', 5, 35)),
      ]),
      'link',
    );
    assert.equal((await t.counts()).figures, 2);
    const [summary] = await t.hub.townships();
    assert.equal(summary?.backlog, 5);
    assert.deepEqual(summary?.figures, report('2026-11', 5, 35));
  });
});
