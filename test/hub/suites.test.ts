// The hub with a township on the 国密 suite beside one on the international suite: the county's
// choice at creation decides the keys in the enrollment file, what the hub accepts from the
// township (refusing the other suite as `unsupported-suite`), how it seals and signs what goes
// down, the signed state request and the papers' verification links. The hub's SM2 keys are
// made with its other keys, and added to a key file from before the 国密 suite.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { makeVerificationCode } from '../../shared/documents/verificationCode';
import { contentDigest, signDocumentFacts, verificationLink } from '../../shared/documents/verificationLink';
import { fromBase64Url, sha256Bytes, sha256Hex, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { parseEnvelope } from '../../shared/sync/envelope';
import { sm3Hex } from '../../shared/sync/guomi';
import { generateBoxKeyPair, generateSigningKeyPair, keyId } from '../../shared/sync/keys';
import { signNodeRequest } from '../../shared/sync/nodeRequest';
import { SYNC_PATHS } from '../../shared/sync/protocol';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, suiteOf } from '../../shared/sync/suites';
import { Kysely, Migrator } from 'kysely';
import { Sqlite3Dialect } from '../../electron/backend/db/sqlite3Dialect';
import { HUB_DATABASE_FILE } from '../../hub/db/open';
import { hubMigrationProvider } from '../../hub/db/migrations';
import { HUB_KEYS_FILE } from '../../hub/identity';
import { openHub } from '../../hub/hub';
import { makeTestNode } from '../support/syncNode';
import { eachDatabase, refused, SAMPLE_CATALOG } from '../support/testHub';

const gm = suiteOf(SUITE_GUOMI);

eachDatabase((fixture) => {
  test('a 国密 node: the file names the suite and the hub’s SM2 keys; the node row keeps the choice', async () => {
    const t = await fixture.hub();
    const { enrollment, node } = await t.enroll('国密镇', undefined, SUITE_GUOMI);
    assert.equal(enrollment.suite, SUITE_GUOMI);
    const hubBox = fromBase64Url(enrollment.hubBoxPublicKey);
    const hubSigning = fromBase64Url(enrollment.hubSigningPublicKey);
    assert.equal(hubBox.length, 65);
    assert.equal(gm.isPublicKey(hubBox) && gm.isPublicKey(hubSigning), true);
    assert.deepEqual(hubBox, t.hub.identity.suites[SUITE_GUOMI].boxPublicKey);
    const row = await t.hub.db
      .selectFrom('hub_nodes')
      .select('suite')
      .where('id', '=', node.nodeId)
      .executeTakeFirstOrThrow();
    assert.equal(row.suite, SUITE_GUOMI);
    const { enrollment: plain } = await t.enroll('国际镇');
    assert.equal(plain.suite, SUITE_INTERNATIONAL);
    assert.deepEqual(fromBase64Url(plain.hubBoxPublicKey), t.hub.identity.boxPublicKey);
    assert.deepEqual(
      (await t.hub.townships()).map((r) => [r.townshipName, r.suite]).sort(),
      [
        ['国际镇', SUITE_INTERNATIONAL],
        ['国密镇', SUITE_GUOMI],
      ].sort(),
    );
  });

  test('a 国密 node registers SM2 keys, its batches chain by SM3, its file is kept by SHA-256, down comes back in SM2/SM4', async () => {
    const t = await fixture.hub();
    const node = await t.registered('国密镇', SUITE_GUOMI);
    const keys = await t.hub.db.selectFrom('hub_node_keys').selectAll().where('node_id', '=', node.nodeId).execute();
    assert.deepEqual(keys.map((k) => `${k.purpose}:${k.key_id}`).sort(), [
      `box:${sm3Hex(node.box.publicKey).slice(0, 16)}`,
      `signing:${sm3Hex(node.signing.publicKey).slice(0, 16)}`,
    ]);
    assert.ok(keys.every((k) => fromBase64Url(k.public_key).length === 65));

    const first = node.batch(node.entries(5));
    assert.equal(node.lastBatchHash, sm3Hex(first));
    const second = node.batch(node.entries(3));
    assert.equal(parseEnvelope(second).header.prev, sm3Hex(first));
    await t.hub.applyBatch(first, 'link');
    const answer = await t.hub.applyBatch(second, 'link');
    assert.deepEqual(answer, { appliedThrough: 8, lastBatchHash: sm3Hex(second), replay: false });
    assert.deepEqual(await t.hub.applyBatch(second, 'file'), { ...answer, replay: true });
    // A batch whose prev is the SHA-256 of the first (what an international node would chain) is broken.
    const wrongChain = node.batch(node.entries(1), { prev: sha256Hex(second), detached: true });
    await refused(t.hub.applyBatch(wrongChain, 'link'), 'broken-chain');
    node.nextSeq = 9; // the refused batch is not kept: its entry goes again

    const scan = randomBytes(50_000);
    const stored = await t.hub.storeFile(node.file(scan), 'link');
    assert.equal(stored.sha256, sha256Hex(scan), 'the attachment keeps its SHA-256 identity');
    assert.deepEqual(await readFile(t.hub.filePath(node.nodeId, stored.sha256)), scan);

    await t.hub.publishCatalog({ ...SAMPLE_CATALOG, version: '2026.9' }, [node.nodeId]);
    const down = await t.hub.downFor(node.nodeId, 0);
    assert.ok(down);
    const parsed = parseEnvelope(down);
    assert.equal(parsed.header.suite, SUITE_GUOMI);
    assert.equal(parsed.header.signer, t.hub.identity.suites[SUITE_GUOMI].signingKeyId);
    assert.equal(parsed.header.recipient, node.boxKeyId);
    const payload = node.openDown(down); // verifies the hub's SM2 signature, opens with the node's SM2 key
    assert.equal(payload.appliedThrough, 8);
    assert.deepEqual(payload.storedFiles, [stored.sha256]);
    assert.equal(payload.packages[0]?.kind, 'catalog');

    const rotation = node.rotation();
    const rotated = await t.hub.rotate(rotation, 'link');
    assert.deepEqual(rotated.keyIds, [node.signingKeyId, node.boxKeyId]);
    assert.equal(rotated.keyIds[0], sm3Hex(node.signing.publicKey).slice(0, 16));
    await t.hub.applyBatch(node.batch(node.entries(2)), 'link');
    assert.equal((await t.hub.nodeState(node.nodeId)).appliedThrough, 10);
  });

  test('an envelope in the other suite is refused as unsupported-suite, both ways round, and logged', async () => {
    const t = await fixture.hub();
    const { enrollment } = await t.enroll('国密镇', undefined, SUITE_GUOMI);
    // The same node id and token, but international keys sealing to the hub's X25519 key.
    const impostor = makeTestNode({
      ...enrollment,
      suite: SUITE_INTERNATIONAL,
      hubBoxPublicKey: toBase64Url(t.hub.identity.boxPublicKey),
      hubSigningPublicKey: toBase64Url(t.hub.identity.signingPublicKey),
    });
    const registration = await refused(t.hub.register(impostor.registration(), 'link'), 'unsupported-suite');
    assert.match(registration.message, /国密算法/);
    const [logged] = await t.hub.rejections(1);
    assert.equal(logged?.code, 'unsupported-suite');
    assert.equal(logged?.nodeId, enrollment.nodeId);
    // The real 国密 registration still works: the token was not spent by the refused one.
    const node = makeTestNode(enrollment);
    await t.hub.register(node.registration(), 'link');
    await refused(t.hub.applyBatch(impostor.batch(impostor.entries(1)), 'link'), 'unsupported-suite');
    await refused(t.hub.storeFile(impostor.file(utf8('scan')), 'link'), 'unsupported-suite');
    await refused(t.hub.rotate(impostor.rotation(), 'link'), 'unsupported-suite');

    // And an international node does not take 国密 envelopes.
    const plain = await t.registered('国际镇');
    const sm2Impostor = makeTestNode({
      ...plain.enrollment,
      suite: SUITE_GUOMI,
      hubBoxPublicKey: toBase64Url(t.hub.identity.suites[SUITE_GUOMI].boxPublicKey),
      hubSigningPublicKey: toBase64Url(t.hub.identity.suites[SUITE_GUOMI].signingPublicKey),
    });
    await refused(t.hub.applyBatch(sm2Impostor.batch(sm2Impostor.entries(1)), 'link'), 'unsupported-suite');
    assert.equal((await t.hub.nodeState(plain.nodeId)).appliedThrough, 0);
  });

  test('a 国密 registration announcing keys that are not SM2 keys is refused as malformed', async () => {
    const t = await fixture.hub();
    const { node } = await t.enroll('国密镇', undefined, SUITE_GUOMI);
    const envelope = node.registration({ boxPublicKey: toBase64Url(generateBoxKeyPair().publicKey) });
    const refusal = await refused(t.hub.register(envelope, 'link'), 'malformed');
    assert.match(refusal.message, /boxPublicKey 应为 65 字节/);
  });

  test('the state request of a 国密 node is signed with SM2 (TDE1-SM2); an Ed25519-scheme header is refused', async () => {
    const t = await fixture.hub();
    const node = await t.registered('国密镇', SUITE_GUOMI);
    const path = SYNC_PATHS.state(node.nodeId);
    const signer = { nodeId: node.nodeId, signingKeyId: node.signingKeyId, signingPrivateKey: node.signing.privateKey };
    const authorization = signNodeRequest({ ...signer, suite: SUITE_GUOMI }, 'GET', path, t.clock.now());
    assert.match(authorization, /^TDE1-SM2 /);
    await t.hub.authenticateNodeRequest(node.nodeId, { method: 'GET', path, authorization });
    const ed25519 = generateSigningKeyPair();
    const wrongScheme = signNodeRequest(
      {
        suite: SUITE_INTERNATIONAL,
        nodeId: node.nodeId,
        signingKeyId: keyId(ed25519.publicKey),
        signingPrivateKey: ed25519.privateKey,
      },
      'GET',
      path,
      t.clock.now(),
    );
    await refused(
      t.hub.authenticateNodeRequest(node.nodeId, { method: 'GET', path, authorization: wrongScheme }),
      'unsupported-suite',
    );
  });

  test('a paper signed with a 国密 township’s SM2 key is confirmed with its registered key', async () => {
    const t = await fixture.hub();
    const node = await t.registered('国密镇', SUITE_GUOMI);
    const facts = {
      code: makeVerificationCode(randomBytes(11)),
      kind: '受理回执',
      number: 'SL-2026-000307',
      issuedOn: '2026-09-29',
      holder: '李*四',
      digest: contentDigest(sha256Bytes(utf8('{"caseNumber":"SL-2026-000307"}'))),
    };
    const token = signDocumentFacts(facts, {
      keyId: node.signingKeyId,
      sign: (message) => gm.sign(node.signing.privateKey, message),
    });
    const answer = await t.hub.verifyDocument(verificationLink('https://county.example/verify', { token }));
    assert.equal(answer.status, 'genuine', answer.message);
    assert.equal(answer.township, '国密镇');
    const forged = signDocumentFacts(
      { ...facts, holder: '王*五' },
      { keyId: node.signingKeyId, sign: () => new Uint8Array(64).fill(7) },
    );
    assert.equal(
      (await t.hub.verifyDocument(verificationLink('https://county.example/verify', { token: forged }))).status,
      'forged',
    );
  });
});

test('a key file from before the 国密 suite gets SM2 pairs added; its X25519 and Ed25519 keys stay', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-keys-v1-'));
  try {
    const box = generateBoxKeyPair();
    const signing = generateSigningKeyPair();
    const pair = (keys: { privateKey: Uint8Array; publicKey: Uint8Array }) => ({
      privateKey: toBase64Url(keys.privateKey),
      publicKey: toBase64Url(keys.publicKey),
    });
    const file = path.join(dataDir, HUB_KEYS_FILE);
    await writeFile(
      file,
      JSON.stringify({
        format: 'township-desk/hub-keys',
        version: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        box: pair(box),
        signing: pair(signing),
      }),
      { mode: 0o600 },
    );
    const logs: string[] = [];
    const hub = await openHub({ dataDir, log: (line) => void logs.push(line) });
    const sm2 = hub.identity.suites[SUITE_GUOMI];
    try {
      assert.deepEqual(hub.identity.boxPublicKey, box.publicKey);
      assert.deepEqual(hub.identity.signingPublicKey, signing.publicKey);
      assert.equal(gm.isPublicKey(sm2.boxPublicKey) && gm.isPublicKey(sm2.signingPublicKey), true);
      assert.ok(
        logs.some((line) => /已为县级平台补充国密密钥/.test(line)),
        logs.join('\n'),
      );
    } finally {
      await hub.close();
    }
    const stored = JSON.parse(await readFile(file, 'utf8')) as {
      version: number;
      box: unknown;
      sm2: { box: { publicKey: string } };
    };
    assert.equal(stored.version, 2);
    assert.deepEqual(stored.box, pair(box));
    assert.equal(stored.sm2.box.publicKey, toBase64Url(sm2.boxPublicKey));
    if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
    // The next start reads the same SM2 keys (a township enrolled for 国密 stays valid).
    const again = await openHub({ dataDir, log: () => {} });
    try {
      assert.equal(again.identity.suites[SUITE_GUOMI].boxKeyId, sm2.boxKeyId);
      assert.equal(again.identity.suites[SUITE_GUOMI].signingKeyId, sm2.signingKeyId);
      assert.equal(again.identity.boxKeyId, keyId(box.publicKey));
    } finally {
      await again.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a key file whose SM2 halves do not belong together is refused at start', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-keys-bad-'));
  try {
    const first = await openHub({ dataDir, log: () => {} });
    await first.close();
    const file = path.join(dataDir, HUB_KEYS_FILE);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { sm2: { signing: { publicKey: string } } };
    stored.sm2.signing.publicKey = toBase64Url(gm.generateSigningKeyPair().publicKey);
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
    await assert.rejects(openHub({ dataDir, log: () => {} }), /国密签名密钥不成对/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a hub database from before the choice: its townships are on the international suite and go on syncing', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-db-0001-'));
  try {
    // The hub as it was: keys, and a database migrated only as far as 0001, with an active node.
    const before = await openHub({ dataDir, log: () => {} });
    await before.close();
    await rm(path.join(dataDir, HUB_DATABASE_FILE), { force: true });
    const old = new Kysely<unknown>({
      dialect: new Sqlite3Dialect({ filename: path.join(dataDir, HUB_DATABASE_FILE) }),
    });
    const migrated = await new Migrator({ db: old, provider: hubMigrationProvider }).migrateTo('0001_hub');
    assert.equal(migrated.error, undefined);
    await (old as Kysely<{ hub_nodes: Record<string, unknown> }>)
      .insertInto('hub_nodes')
      .values({
        id: 'node-from-before',
        township_name: '旧乡镇',
        status: 'pending',
        token_hash: '0'.repeat(64),
        token_expires_at: '2099-01-01T00:00:00.000Z',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await old.destroy();

    const hub = await openHub({ dataDir, log: () => {} });
    try {
      const { enrollment } = await hub.createNode({
        townshipName: '老乡镇',
        hubUrl: 'https://hub.example.test:8443',
        certificatePem: `-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(40)}\n-----END CERTIFICATE-----\n`,
        certificateFingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
      });
      assert.equal(enrollment.suite, SUITE_INTERNATIONAL);
      const node = makeTestNode(enrollment);
      await hub.register(node.registration(), 'link');
      await hub.applyBatch(node.batch(node.entries(2)), 'link');
      const rows = await hub.townships();
      assert.equal(rows.find((t) => t.nodeId === 'node-from-before')?.suite, SUITE_INTERNATIONAL);
      assert.equal(rows.find((t) => t.nodeId === enrollment.nodeId)?.suite, SUITE_INTERNATIONAL);
      assert.equal((await hub.nodeState(enrollment.nodeId)).appliedThrough, 2);
    } finally {
      await hub.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('sealed under the database key (a township receiving its villages): no private key on disk in clear; reopened; a plain file sealed', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-keys-sealed-'));
  const key = new Uint8Array(32).fill(7);
  try {
    // A plain file from before, then opened with sealing: the same keys, now sealed.
    const plain = await openHub({ dataDir, log: () => {} });
    const identity = plain.identity;
    await plain.close();
    const file = path.join(dataDir, HUB_KEYS_FILE);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { box: { privateKey: string } };
    const sealed = await openHub({ dataDir, databaseKey: key, sealKeysFile: true, log: () => {} });
    assert.deepEqual(sealed.identity.boxPublicKey, identity.boxPublicKey);
    await sealed.close();
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes(stored.box.privateKey), 'the private key is no longer on disk in clear');
    assert.match(text, /hub-keys-sealed/);
    const again = await openHub({ dataDir, databaseKey: key, sealKeysFile: true, log: () => {} });
    assert.deepEqual(again.identity.signingPublicKey, identity.signingPublicKey);
    await again.close();
    // Another key cannot open it.
    await assert.rejects(
      openHub({ dataDir, databaseKey: new Uint8Array(32).fill(8), sealKeysFile: true, log: () => {} }),
      /无法用数据库密钥打开/,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
