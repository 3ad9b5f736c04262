import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { toBase64Url } from '../../shared/sync/bytes';
import { enrollmentFile } from '../../shared/sync/protocol';
import { generateSigningKeyPair } from '../../shared/sync/keys';
import { DEFAULT_ENROLLMENT_DAYS } from '../../hub/nodes';
import { makeTestNode } from '../support/syncNode';
import { eachDatabase, refused, TEST_CERTIFICATE_PEM, TEST_FINGERPRINT } from '../support/testHub';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

eachDatabase((fixture) => {
  test('creating a node gives a valid one-time enrollment file; only the token hash is stored', async () => {
    const t = await fixture.hub();
    const { nodeId, enrollment } = await t.hub.createNode({
      townshipName: ' 青石镇 ',
      hubUrl: 'https://hub.example.test:8443',
      certificatePem: TEST_CERTIFICATE_PEM,
      certificateFingerprint: TEST_FINGERPRINT,
      validDays: 7,
    });
    assert.equal(enrollmentFile.parse(enrollment).nodeId, nodeId);
    assert.equal(enrollment.townshipName, '青石镇');
    assert.equal(enrollment.hubBoxPublicKey, toBase64Url(t.hub.identity.boxPublicKey));
    assert.equal(enrollment.hubSigningPublicKey, toBase64Url(t.hub.identity.signingPublicKey));
    assert.equal(enrollment.expiresAt, '2026-11-30T02:00:00.000Z');
    const row = await t.hub.db.selectFrom('hub_nodes').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.notEqual(row.token_hash, enrollment.token);
    assert.match(row.token_hash, /^[0-9a-f]{64}$/);
    const [summary] = await t.hub.townships();
    assert.equal(summary?.status, 'pending');
    assert.equal(summary?.enrolledAt, null);
  });

  test('an enrollment file is good for 7 days unless the county says otherwise, as docs/sync.md says', async () => {
    const t = await fixture.hub();
    assert.equal(DEFAULT_ENROLLMENT_DAYS, 7);
    const docs = await readFile(path.join(ROOT, 'docs/sync.md'), 'utf8');
    assert.match(docs, new RegExp(`token kept at the hub only as a hash, ${DEFAULT_ENROLLMENT_DAYS} days\\)`));
    const created = t.clock.now().getTime();
    const { node: onTime, enrollment } = await t.enroll('按期乡');
    const { node: late } = await t.enroll('逾期乡');
    assert.equal(Date.parse(enrollment.expiresAt) - created, 7 * 86_400_000);
    t.clock.advanceMinutes(7 * 24 * 60 - 1);
    await t.hub.register(onTime.registration(), 'link');
    t.clock.advanceMinutes(2);
    const expired = await refused(t.hub.register(late.registration(), 'link'), 'bad-token');
    assert.match(expired.message, /过期/);
  });

  test('the hub keys are made once, kept with mode 0600, and the same after a restart', async () => {
    const t = await fixture.hub();
    const file = path.join(t.dataDir, 'hub-keys.json');
    if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
    const before = t.hub.identity;
    const again = await t.reopen();
    assert.equal(again.identity.boxKeyId, before.boxKeyId);
    assert.equal(again.identity.signingKeyId, before.signingKeyId);
  });

  test('registration with the token activates the node; a second use with other keys is refused', async () => {
    const t = await fixture.hub();
    const { node, enrollment } = await t.enroll();
    const answer = await t.hub.register(node.registration(), 'link');
    assert.deepEqual(answer, { nodeId: node.nodeId, townshipName: '青石镇' });
    const keys = await t.hub.db.selectFrom('hub_node_keys').selectAll().where('node_id', '=', node.nodeId).execute();
    assert.deepEqual(keys.map((k) => `${k.purpose}:${k.key_id}:${k.state}`).sort(), [
      `box:${node.boxKeyId}:active`,
      `signing:${node.signingKeyId}:active`,
    ]);
    const [summary] = await t.hub.townships();
    assert.equal(summary?.status, 'active');
    assert.equal(summary?.enrolledAt, t.clock.current.toISOString());

    // The same registration again (its answer was lost): answered again, nothing changes.
    const rejectionsBefore = (await t.counts()).rejections;
    assert.deepEqual(await t.hub.register(node.registration(), 'link'), answer);
    assert.equal((await t.counts()).rejections, rejectionsBefore);

    // Someone else with a copy of the file: the token is spent.
    const intruder = makeTestNode(enrollment);
    const refusal = await refused(t.hub.register(intruder.registration(), 'link'), 'bad-token');
    assert.match(refusal.message, /已于 .* 使用过/);
    const [logged] = await t.hub.rejections(1);
    assert.equal(logged?.code, 'bad-token');
    assert.equal(logged?.nodeId, node.nodeId);
    assert.equal(logged?.kind, 'registration');
  });

  test('a wrong or expired token is refused, and an unknown node too', async () => {
    const t = await fixture.hub();
    const { node } = await t.enroll('白石乡', 3);
    await refused(t.hub.register(node.registration({ token: 'x'.repeat(43) }), 'link'), 'bad-token');
    t.clock.advanceMinutes(3 * 24 * 60 + 1);
    const expired = await refused(t.hub.register(node.registration(), 'link'), 'bad-token');
    assert.match(expired.message, /过期/);
    const stranger = makeTestNode({ ...node.enrollment, nodeId: 'no-such-node' });
    await refused(t.hub.register(stranger.registration(), 'link'), 'unknown-node');
    const logged = await t.hub.rejections();
    assert.deepEqual(
      logged.map((r) => r.code),
      ['unknown-node', 'bad-token', 'bad-token'],
    );
    const row = await t.hub.db
      .selectFrom('hub_nodes')
      .select('status')
      .where('id', '=', node.nodeId)
      .executeTakeFirst();
    assert.equal(row?.status, 'pending');
  });

  test('a registration signed by another key than it announces is refused', async () => {
    const t = await fixture.hub();
    const { node } = await t.enroll();
    const announced = node.signing;
    node.signing = generateSigningKeyPair();
    const forged = node.registration({ signingPublicKey: toBase64Url(announced.publicKey) });
    await refused(t.hub.register(forged, 'link'), 'bad-signature');
  });

  test('rotation: the new key signs from then on; the old key still vouches for batches sealed before', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const oldSigning = node.signing;
    const oldKeyId = node.signingKeyId;
    // Sealed before the rotation, sent after it (a batch waiting for the link).
    const early = node.batch(node.entries(2), { created: '2026-11-23T01:00:00.000Z' });
    const rotation = node.rotation({ rotatedAt: '2026-11-23T01:30:00.000Z' });
    const answer = await t.hub.rotate(rotation, 'link');
    assert.deepEqual(answer, { nodeId: node.nodeId, keyIds: [node.signingKeyId, node.boxKeyId] });
    // The same rotation again (answer lost): the same answer, nothing changes.
    assert.deepEqual(await t.hub.rotate(rotation, 'link'), answer);

    assert.equal((await t.hub.applyBatch(early, 'link')).appliedThrough, 2);
    const late = node.batch(node.entries(1), {
      signer: oldSigning,
      created: '2026-11-23T01:45:00.000Z',
      detached: true,
    });
    const refusal = await refused(t.hub.applyBatch(late, 'link'), 'unknown-key');
    assert.match(refusal.message, new RegExp(oldKeyId));
    node.nextSeq = 3;
    assert.equal((await t.hub.applyBatch(node.batch(node.entries(1)), 'link')).appliedThrough, 3);

    const keys = await t.hub.db
      .selectFrom('hub_node_keys')
      .select(['key_id', 'state'])
      .where('node_id', '=', node.nodeId)
      .execute();
    assert.equal(keys.find((k) => k.key_id === oldKeyId)?.state, 'retired');
    assert.equal(keys.filter((k) => k.state === 'active').length, 2);
    // A rotation signed with the retired key that announces other keys is refused.
    const stale = makeTestNode(node.enrollment);
    stale.signing = oldSigning;
    await refused(t.hub.rotate(stale.rotation(), 'link'), 'unknown-key');
  });

  test('a revoked node is refused everything it sends, and its state is not served', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    await t.hub.applyBatch(node.batch(node.entries(3)), 'link');
    await t.hub.revokeNode(node.nodeId, '设备丢失');
    await refused(t.hub.applyBatch(node.batch(node.entries(1), { detached: true }), 'link'), 'revoked');
    await refused(t.hub.register(node.registration(), 'link'), 'revoked');
    await refused(t.hub.rotate(node.rotation(), 'link'), 'revoked');
    await refused(t.hub.storeFile(node.file(new Uint8Array([1, 2, 3])), 'link'), 'revoked');
    const state = await refused(t.hub.nodeState(node.nodeId), 'revoked');
    assert.match(state.message, /设备丢失/);
    const [summary] = await t.hub.townships();
    assert.equal(summary?.status, 'revoked');
    await refused(t.hub.revokeNode('no-such-node', 'x'), 'unknown-node');
  });
});
