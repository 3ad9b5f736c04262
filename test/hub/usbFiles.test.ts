import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { sha256Hex, utf8 } from '../../shared/sync/bytes';
import { packContainer, unpackContainer } from '../../shared/sync/container';
import { eachDatabase, refused, SAMPLE_CATALOG } from '../support/testHub';

eachDatabase((fixture) => {
  test('a USB file with registration, batches and an attachment: imported once, the second time changes nothing', async () => {
    const t = await fixture.hub();
    const { node } = await t.enroll('远山乡');
    await t.hub.publishCatalog(SAMPLE_CATALOG, 'all');
    const attachment = utf8('扫描件：调解协议书'.repeat(200));
    const file = packContainer([
      node.registration(),
      node.batch(node.entries(50)),
      node.batch(node.entries(30)),
      node.file(attachment),
    ]);

    const first = await t.hub.importFile(file);
    assert.deepEqual(
      first.outcomes.map((o) => [o.index, o.kind, o.result, o.first, o.last]),
      [
        [1, 'registration', 'accepted', null, null],
        [2, 'batch', 'accepted', 1, 50],
        [3, 'batch', 'accepted', 51, 80],
        [4, 'file', 'accepted', null, null],
      ],
    );
    assert.ok(first.outcomes.every((o) => o.nodeId === node.nodeId && o.code === null));
    assert.equal(first.replies.length, 1);
    assert.equal(first.replies[0]?.townshipName, '远山乡');
    const [down] = unpackContainer(first.replies[0]!.file);
    const reply = node.openDown(down!);
    assert.equal(reply.appliedThrough, 80);
    assert.equal(reply.lastBatchHash, node.lastBatchHash);
    assert.deepEqual(
      reply.packages.map((p) => p.kind),
      ['catalog'],
    );
    assert.deepEqual(reply.storedFiles, [sha256Hex(attachment)]);
    assert.deepEqual(new Uint8Array(await readFile(t.hub.filePath(node.nodeId, sha256Hex(attachment)))), attachment);

    const before = await t.counts();
    const stateBefore = await t.hub.nodeState(node.nodeId);
    t.clock.advanceMinutes(60);
    const second = await t.hub.importFile(file);
    assert.deepEqual(
      second.outcomes.map((o) => o.result),
      ['accepted', 'replay', 'replay', 'accepted'],
    );
    assert.deepEqual(await t.counts(), before, 'the second import writes nothing, not even a refusal');
    assert.deepEqual(await t.hub.nodeState(node.nodeId), stateBefore);
    const rows = await t.hub.db.selectFrom('hub_batches').select('via').execute();
    assert.deepEqual(
      rows.map((r) => r.via),
      ['file', 'file'],
    );
  });

  test('the reply file carries the packages after what the node last said it applied', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await t.hub.publishCatalog(SAMPLE_CATALOG, 'all');
    const pending = node.openDown(unpackContainer(await t.hub.replyFile(node.nodeId))[0]!);
    assert.deepEqual(
      pending.packages.map((p) => p.seq),
      [1],
    );
    // The node applied package 1 and says so in its next batch header.
    node.downApplied = 1;
    await t.hub.importFile(packContainer([node.batch(node.entries(3))]));
    const acknowledged = node.openDown(unpackContainer(await t.hub.replyFile(node.nodeId))[0]!);
    assert.deepEqual(acknowledged.packages, []);
    assert.equal(acknowledged.appliedThrough, 3);

    await refused(t.hub.replyFile('no-such-node'), 'unknown-node');
    const { node: notYet } = await t.enroll('未登记乡');
    await refused(t.hub.replyFile(notYet.nodeId), 'unknown-key');
  });

  test('a damaged file is refused whole; a damaged envelope inside is refused alone', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const broken = await refused(t.hub.importFile(utf8('not a sync file')), 'malformed');
    assert.match(broken.message, /同步文件/);
    const [logged] = await t.hub.rejections(1);
    assert.deepEqual([logged?.kind, logged?.via, logged?.nodeId], ['container', 'file', null]);

    const down = unpackContainer(await t.hub.replyFile(node.nodeId))[0]!;
    const result = await t.hub.importFile(packContainer([utf8('garbage'), down, node.batch(node.entries(2))]));
    assert.deepEqual(
      result.outcomes.map((o) => [o.result, o.code]),
      [
        ['rejected', 'malformed'],
        ['rejected', 'malformed'],
        ['accepted', null],
      ],
    );
    assert.match(result.outcomes[1]!.message, /回执数据包/);
    assert.equal((await t.counts()).entries, 2);
  });
});
