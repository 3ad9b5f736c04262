import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HubInputError } from '../../hub/hub';
import type { CatalogFile } from '../../shared/catalog/catalog';
import { parseEnvelope } from '../../shared/sync/envelope';
import { eachDatabase, refused, SAMPLE_CALENDAR, SAMPLE_CATALOG } from '../support/testHub';

const ASSIGN = {
  kind: 'assign' as const,
  title: '冬季安全生产检查',
  body: '请组织开展辖区冬季安全生产大检查，12 月 10 日前报送检查情况。',
  dueOn: '2026-12-10',
  responsibleRole: 'leader' as const,
  issuedBy: '县应急管理局',
  refersTo: null,
};

eachDatabase((fixture) => {
  test('packages come down sealed to the node, numbered per node, only those after N', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    assert.equal(await t.hub.downFor(node.nodeId, 0), null, 'nothing published yet');

    assert.deepEqual(await t.hub.publishCatalog(SAMPLE_CATALOG, 'all'), { delivered: 1 });
    const other = await t.registered('白石乡'); // created after the catalog: gets it too (seq 1)
    assert.deepEqual(await t.hub.publishCalendar(SAMPLE_CALENDAR, '2026.1', [node.nodeId]), { delivered: 1 });
    const instruction = await t.hub.issueInstruction(ASSIGN, 'all');

    const envelope = await t.hub.downFor(node.nodeId, 0);
    assert.ok(envelope);
    const parsed = parseEnvelope(envelope);
    assert.equal(parsed.header.kind, 'down');
    assert.equal(parsed.header.recipient, node.boxKeyId);
    assert.equal(parsed.header.signer, t.hub.identity.signingKeyId);
    const down = node.openDown(envelope);
    assert.equal(down.nodeId, node.nodeId);
    assert.equal(down.revoked, false);
    assert.deepEqual(
      down.packages.map((p) => `${p.seq}:${p.kind}`),
      ['1:catalog', '2:calendar', '3:instruction'],
    );
    const [catalog, calendar, sent] = down.packages;
    assert.deepEqual(catalog?.kind === 'catalog' && catalog.file, SAMPLE_CATALOG);
    assert.equal(calendar?.kind === 'calendar' && calendar.version, '2026.1');
    assert.deepEqual(sent?.kind === 'instruction' && sent.instruction, instruction);

    const rest = node.openDown((await t.hub.downFor(node.nodeId, 2))!);
    assert.deepEqual(
      rest.packages.map((p) => p.seq),
      [3],
    );
    assert.equal(await t.hub.downFor(node.nodeId, 3), null);

    // The other township has its own numbering and did not get the calendar.
    const theirs = other.openDown((await t.hub.downFor(other.nodeId, 0))!);
    assert.deepEqual(
      theirs.packages.map((p) => `${p.seq}:${p.kind}`),
      ['1:catalog', '2:instruction'],
    );
    // Sealed to the node: another node's key cannot open it.
    assert.throws(() => other.openDown(envelope));
  });

  test('the acknowledgement rides along: appliedThrough and lastBatchHash of the node', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await t.hub.applyBatch(node.batch(node.entries(4)), 'link');
    await t.hub.issueInstruction(ASSIGN, [node.nodeId]);
    const down = node.openDown((await t.hub.downFor(node.nodeId, 0))!);
    assert.equal(down.appliedThrough, 4);
    assert.equal(down.lastBatchHash, node.lastBatchHash);
    assert.equal(down.issuedAt, t.clock.current.toISOString());
  });

  test('a pending node gets nothing yet, a revoked node only the notice', async () => {
    const t = await fixture.hub();
    const { node: pending } = await t.enroll('待入网乡');
    await t.hub.publishCatalog(SAMPLE_CATALOG, 'all');
    assert.equal(await t.hub.downFor(pending.nodeId, 0), null);
    await t.hub.register(pending.registration(), 'link');
    assert.equal(pending.openDown((await t.hub.downFor(pending.nodeId, 0))!).packages.length, 1);

    await t.hub.revokeNode(pending.nodeId, '测试吊销');
    const notice = pending.openDown((await t.hub.downFor(pending.nodeId, 0))!);
    assert.equal(notice.revoked, true);
    assert.deepEqual(notice.packages, []);
    await refused(t.hub.downFor('no-such-node', 0), 'unknown-node');
  });

  test('publishing refuses what it cannot deliver as asked', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await assert.rejects(t.hub.publishCatalog({ ...SAMPLE_CATALOG, items: [] } as CatalogFile, 'all'), (error) => {
      assert.ok(error instanceof HubInputError);
      assert.match(error.message, /事项目录文件不正确（items）/);
      return true;
    });
    await assert.rejects(t.hub.issueInstruction(ASSIGN, ['no-such-node']), HubInputError);
    await assert.rejects(
      t.hub.issueInstruction({ ...ASSIGN, kind: 'supervise', refersTo: crypto.randomUUID() }, 'all'),
      /督办所指的交办/,
    );
    await t.hub.revokeNode(node.nodeId, '撤并');
    await assert.rejects(t.hub.publishCalendar(SAMPLE_CALENDAR, '2026.1', [node.nodeId]), /已被吊销/);
    assert.deepEqual(await t.hub.publishCalendar(SAMPLE_CALENDAR, '2026.1', 'all'), { delivered: 0 });
    const packages = await t.hub.db.selectFrom('hub_deliveries').selectAll().execute();
    assert.equal(packages.length, 0);
  });

  test('a supervision chases an assignment; both show in the status per township', async () => {
    const t = await fixture.hub();
    const a = await t.registered('青石镇');
    const b = await t.registered('白石乡');
    const assign = await t.hub.issueInstruction(ASSIGN, 'all');
    const chase = await t.hub.issueInstruction(
      { ...ASSIGN, kind: 'supervise', title: '督办：冬季安全生产检查', refersTo: assign.id },
      [b.nodeId],
    );
    const status = await t.hub.instructionStatus();
    assert.deepEqual(
      status.map((s) => `${s.instruction.title}@${s.townshipName}`).sort(),
      ['冬季安全生产检查@白石乡', '冬季安全生产检查@青石镇', '督办：冬季安全生产检查@白石乡'].sort(),
    );
    assert.equal(status.find((s) => s.instruction.id === chase.id)?.instruction.refersTo, assign.id);
    assert.equal(a.openDown((await t.hub.downFor(a.nodeId, 0))!).packages.length, 1);
    assert.equal(b.openDown((await t.hub.downFor(b.nodeId, 0))!).packages.length, 2);
  });
});
