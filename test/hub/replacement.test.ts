// The county's side of replacing a township's dead PC (hub/nodes.ts authorizeReplacement,
// hub/rebuild.ts): the old PC's keys are refused from then on, the new one registers with a new
// one-time token, only an authorised and unfinished rebuild may download, and the county's list
// shows how far it got. The whole rebuild over HTTPS is test/sync/rebuild.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { makeVerificationCode } from '../../shared/documents/verificationCode';
import { contentDigest, signDocumentFacts, verificationLink } from '../../shared/documents/verificationLink';
import { sha256Bytes, utf8 } from '../../shared/sync/bytes';
import { keyId, sign } from '../../shared/sync/keys';
import { makeTestNode, type TestNode } from '../support/syncNode';
import { eachDatabase, refused, TEST_CERTIFICATE_PEM, TEST_FINGERPRINT } from '../support/testHub';

const link = {
  hubUrl: 'https://hub.example.test:8443',
  certificatePem: TEST_CERTIFICATE_PEM,
  certificateFingerprint: TEST_FINGERPRINT,
};

/** A receipt's verification link as the township's PC signed it on `issuedOn`. */
const receiptLink = (node: TestNode, issuedOn: string) =>
  verificationLink('https://county.example.gov.cn:4790/verify', {
    token: signDocumentFacts(
      {
        code: makeVerificationCode(randomBytes(11)),
        kind: '受理回执',
        number: 'SL-2026-000306',
        issuedOn,
        holder: '张*三',
        digest: contentDigest(sha256Bytes(utf8(issuedOn))),
      },
      { keyId: keyId(node.signing.publicKey), sign: (message) => sign(node.signing.privateKey, message) },
    ),
  });

eachDatabase((fixture) => {
  test('papers the old PC signed before the replacement stay genuine at the county; after it, or from a revoked key, not', async () => {
    const t = await fixture.hub();
    const old = await t.registered('青石镇');
    await t.hub.applyBatch(old.batch(old.entries(2)), 'link');
    const before = receiptLink(old, '2026-11-20');
    assert.equal((await t.hub.verifyDocument(before)).status, 'genuine');
    await t.hub.authorizeReplacement(old.nodeId, { ...link, reason: '硬盘损坏' });
    assert.equal((await t.hub.verifyDocument(before)).status, 'genuine', 'a dead disk is not a forger');
    assert.equal((await t.hub.verifyDocument(receiptLink(old, '2026-11-24'))).status, 'forged');

    // A key revoked as compromised vouches for nothing, whenever the paper says it was issued.
    const stolen = await t.registered('东岗乡');
    const earlier = receiptLink(stolen, '2026-11-20');
    await t.hub.revokeKey(stolen.nodeId, keyId(stolen.signing.publicKey));
    assert.equal((await t.hub.verifyDocument(earlier)).status, 'revoked');
  });

  test('after a replacement is authorised the old PC is refused, the new one registers once and continues the chain', async () => {
    const t = await fixture.hub();
    const old = await t.registered('青石镇');
    const first = await t.hub.applyBatch(old.batch(old.entries(5)), 'link');
    assert.equal(first.appliedThrough, 5);

    await assert.rejects(t.hub.authorizeReplacement(old.nodeId, { ...link, reason: '  ' }), /更换原因/);
    const { enrollment } = await t.hub.authorizeReplacement(old.nodeId, { ...link, reason: '硬盘损坏' });
    assert.deepEqual(enrollment.replacement, { authorizedAt: t.clock.now().toISOString(), appliedThrough: 5 });
    assert.equal(enrollment.nodeId, old.nodeId);

    // The stolen or dead PC's key is refused, and nothing it sends is applied.
    await refused(t.hub.applyBatch(old.batch(old.entries(2)), 'link'), 'revoked');
    const [row] = await t.hub.townships();
    assert.equal(row!.status, 'pending');
    assert.deepEqual(row!.rebuild, {
      authorizedAt: enrollment.replacement!.authorizedAt,
      through: null,
      files: 0,
      finishedAt: null,
    });

    // Before the new PC registered, nothing can be downloaded: there is no key to seal to.
    await refused(t.hub.rebuildPage(old.nodeId, 0), 'unknown-key');
    const replacement = makeTestNode(enrollment);
    await t.hub.register(replacement.registration(), 'link');
    await refused(t.hub.register(makeTestNode(enrollment).registration(), 'link'), 'bad-token');

    const page = await t.hub.rebuildPage(old.nodeId, 0);
    assert.ok(page.length > 0);
    assert.equal((await t.hub.townships())[0]!.rebuild?.through, 0);
    await t.hub.finishRebuild(old.nodeId);
    const finished = (await t.hub.townships())[0]!;
    assert.equal(finished.status, 'active');
    assert.equal(finished.rebuild?.through, 5);
    assert.ok(finished.rebuild?.finishedAt);
    await refused(t.hub.rebuildPage(old.nodeId, 0), 'not-authorized');

    // The new PC goes on where the hub stands: entries 6.. chained on the last batch.
    const next = replacement.entries(3).map((entry, i) => ({ ...entry, seq: 6 + i }));
    const state = await t.hub.nodeState(old.nodeId);
    const accepted = await t.hub.applyBatch(replacement.batch(next, { prev: state.lastBatchHash }), 'link');
    assert.equal(accepted.appliedThrough, 8);
  });

  test('a township never authorised cannot download, and one never enrolled is not replaced', async () => {
    const t = await fixture.hub();
    const node = await t.registered('东岗乡');
    await refused(t.hub.rebuildPage(node.nodeId, 0), 'not-authorized');
    await refused(t.hub.rebuildFile(node.nodeId, 'a'.repeat(64)), 'not-authorized');
    const { enrollment } = await t.enroll('西河乡');
    await assert.rejects(t.hub.authorizeReplacement(enrollment.nodeId, { ...link, reason: '硬盘损坏' }), /尚未入网/);
    await assert.rejects(t.hub.authorizeReplacement('no-such-node', { ...link, reason: '硬盘损坏' }), /没有编号为/);
  });
});
