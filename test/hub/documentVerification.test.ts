// The county checks a paper's verification link with nothing but the public key the township
// registered: no township database, no private key of the township.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { HUB_VERIFY_PATH, hubVerification } from '../../shared/documents/hubVerification';
import { makeVerificationCode } from '../../shared/documents/verificationCode';
import {
  contentDigest,
  signDocumentFacts,
  verificationLink,
  type DocumentFacts,
} from '../../shared/documents/verificationLink';
import { fromBase64Url, sha256Bytes, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { keyId, sign, type SigningKeyPair } from '../../shared/sync/keys';
import { startHubServer } from '../../hub/server';
import type { TestNode } from '../support/syncNode';
import { eachDatabase } from '../support/testHub';

const BASE = 'https://county.example.gov.cn:4790/verify';

const receipt = (): DocumentFacts => ({
  code: makeVerificationCode(randomBytes(11)),
  kind: '受理回执',
  number: 'SL-2026-000306',
  issuedOn: '2026-09-29',
  holder: '张*三',
  digest: contentDigest(sha256Bytes(utf8('{"caseNumber":"SL-2026-000306"}'))),
});

const signedBy = (key: SigningKeyPair, facts: DocumentFacts) =>
  verificationLink(BASE, {
    token: signDocumentFacts(facts, { keyId: keyId(key.publicKey), sign: (message) => sign(key.privateKey, message) }),
  });
const linkOf = (node: TestNode, facts: DocumentFacts) => signedBy(node.signing, facts);

eachDatabase((fixture) => {
  test('a township’s signed link is confirmed with only its registered public key', async () => {
    const t = await fixture.hub();
    const node = await t.registered('青山镇');
    await t.registered('白水镇');
    // Everything the hub holds of the township is its public keys.
    const stored = await t.hub.db.selectFrom('hub_node_keys').select('public_key').execute();
    assert.ok(stored.some((key) => key.public_key === toBase64Url(node.signing.publicKey)));
    assert.ok(!stored.some((key) => key.public_key === toBase64Url(node.signing.privateKey)));

    const facts = receipt();
    const answer = hubVerification.parse(await t.hub.verifyDocument(linkOf(node, facts)));
    assert.equal(answer.status, 'genuine');
    assert.equal(answer.township, '青山镇');
    assert.equal(answer.message, '真实：青山镇 受理回执 SL-2026-000306 2026-09-29 张*三');
    assert.deepEqual(answer.facts, {
      code: facts.code,
      kind: '受理回执',
      number: 'SL-2026-000306',
      issuedOn: '2026-09-29',
      holder: '张*三',
    });
  });

  test('tampered facts, a stranger’s key, a revoked township and a code-only link are not confirmed', async () => {
    const t = await fixture.hub();
    const node = await t.registered('青山镇');
    const facts = receipt();
    const link = linkOf(node, facts);

    // The number changed in the link: the signature no longer matches.
    const token = new URL(link).searchParams.get('v')!;
    const forgedFacts = { ...facts, number: 'SL-2026-000999' };
    const signature = fromBase64Url(token).slice(9, 73);
    const forged = signDocumentFacts(forgedFacts, { keyId: node.signingKeyId, sign: () => signature });
    const tampered = await t.hub.verifyDocument(verificationLink(BASE, { token: forged }));
    assert.equal(tampered.status, 'forged');
    assert.equal(tampered.township, null);

    // Signed by a key the county never registered (a township that is not enrolled, a forger).
    const { node: pending } = await t.enroll('未入网镇');
    const unknown = await t.hub.verifyDocument(linkOf(pending, facts));
    assert.equal(unknown.status, 'unknownKey');
    assert.match(unknown.message, /未在县级平台登记/);

    const unsigned = await t.hub.verifyDocument(verificationLink(BASE, { code: facts.code }));
    assert.equal(unsigned.status, 'unsigned');
    assert.match(unsigned.message, /向出具文书的乡镇核验/);

    const broken = await t.hub.verifyDocument(`${BASE}?v=AAAA`);
    assert.equal(broken.status, 'malformed');

    await t.hub.revokeNode(node.nodeId, '设备丢失');
    const revoked = await t.hub.verifyDocument(link);
    assert.equal(revoked.status, 'revoked');
    assert.equal(revoked.township, '青山镇');
  });

  test('after a key rotation, papers signed with the old key before it still verify', async () => {
    const t = await fixture.hub();
    const node = await t.registered('青山镇');
    const oldKey = node.signing;
    await t.hub.rotate(node.rotation({ rotatedAt: '2026-10-15T02:00:00.000Z' }), 'link');
    const before = await t.hub.verifyDocument(signedBy(oldKey, { ...receipt(), issuedOn: '2026-10-01' }));
    assert.equal(before.status, 'genuine');
    const after = await t.hub.verifyDocument(signedBy(oldKey, { ...receipt(), issuedOn: '2026-11-01' }));
    assert.equal(after.status, 'forged');
    assert.match(after.message, /已于 2026-10-15 更换/);
    const withNewKey = await t.hub.verifyDocument(linkOf(node, { ...receipt(), issuedOn: '2026-11-01' }));
    assert.equal(withNewKey.status, 'genuine');
  });

  test('the public 核验 service answers over HTTP without any token', async () => {
    const t = await fixture.hub();
    const node = await t.registered('青山镇');
    const server = await startHubServer({
      hub: t.hub,
      host: '127.0.0.1',
      port: 0,
      tls: null,
      countyToken: randomBytes(24).toString('base64url'),
      uiDir: null,
    });
    try {
      const post = (body: unknown) =>
        fetch(server.url + HUB_VERIFY_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const answer = await post({ link: linkOf(node, receipt()) });
      assert.equal(answer.status, 200);
      assert.equal(hubVerification.parse(await answer.json()).status, 'genuine');
      const empty = await post({ link: ' ' });
      assert.equal(empty.status, 400);
      assert.match(((await empty.json()) as { error: { message: string } }).error.message, /^核验链接：/);
      const get = await fetch(server.url + HUB_VERIFY_PATH);
      assert.equal(get.status, 405);
      // The county's own API still wants its token.
      assert.equal((await fetch(`${server.url}/county/api/townships`)).status, 401);
    } finally {
      await server.close();
    }
  });
});
