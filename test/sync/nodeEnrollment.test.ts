import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fromBase64Url, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { parseEnvelope } from '../../shared/sync/envelope';
import { sm3Hex } from '../../shared/sync/guomi';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, suiteOf } from '../../shared/sync/suites';
import { TestClock } from '../support/testHall';
import {
  PASSPHRASE,
  recordedSleeps,
  startNodeHall,
  startTestHub,
  testCertificates,
  type TestHubServer,
} from './nodeHarness';

describe('enrolling a township node with the county hub', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  before(async () => {
    hub = await startTestHub(clock);
  });
  after(() => hub.close());

  test('over the link: keys made, registered, the status says so; a second enrollment is refused', async () => {
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment();
      const before = await node.admin.ok('sync.status', {});
      assert.equal(before.enrolled, false);
      assert.equal(before.locked, false);

      const answer = await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      assert.equal(answer.registered, true, answer.message);
      assert.match(answer.message, /已入网并在县级平台登记/);

      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.enrolled, true);
      assert.equal(status.locked, false);
      assert.equal(status.enrollment?.nodeId, enrollment.nodeId);
      assert.equal(status.enrollment?.registered, true);
      assert.equal(status.enrollment?.certificateFingerprint, hub.certificate.fingerprint);
      assert.match(status.enrollment?.signingKeyId ?? '', /^[0-9a-f]{16}$/);
      assert.ok(status.lastContactAt);
      const township = (await hub.hub.townships()).find((t) => t.nodeId === enrollment.nodeId);
      assert.equal(township?.status, 'active');

      // The private keys are stored protected, never in clear.
      const stored = await node.backend.db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', 'sync.keys')
        .executeTakeFirstOrThrow();
      const keys = JSON.parse(stored.value) as { current: { passphrase: string; keychain: string | null } };
      assert.match(keys.current.passphrase, /"kdf":"scrypt"/);
      assert.equal(keys.current.keychain, null);

      const again = await node.admin.call('sync.enroll', { file: await hub.enrollment(), passphrase: PASSPHRASE });
      assert.equal(again.status, 409);
      assert.ok(!again.body.ok && /已作为“青石镇”/.test(again.body.error.message));
    } finally {
      await node.close();
    }
  });

  test('a bad or expired file is refused naming the field, and nothing is stored', async () => {
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment('白沙乡');
      const refuse = async (file: unknown, field: string, pattern: RegExp, passphrase = PASSPHRASE) => {
        const answer = await node.admin.call('sync.enroll', { file, passphrase });
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.ok(!answer.body.ok);
        const message = answer.body.error.fieldErrors?.[field] ?? '';
        assert.match(message, pattern, JSON.stringify(answer.body.error));
      };
      const { hubUrl: _dropped, ...withoutUrl } = enrollment;
      await refuse(withoutUrl, 'file.hubUrl', /缺少“平台地址”/);
      await refuse({ ...enrollment, hubUrl: 'hub.example.cn' }, 'file.hubUrl', /平台地址不是有效的网址/);
      await refuse({ ...enrollment, hubUrl: 'http://192.168.1.5:4790' }, 'file.hubUrl', /必须以 https:\/\/ 开头/);
      await refuse({ ...enrollment, format: 'something' }, 'file', /^入网文件：这不是县级平台发放的入网文件/);
      // Another kind of file is answered in one sentence, not a list of every field it lacks.
      const catalog = await node.admin.call('sync.enroll', {
        file: { format: 'township-desk/catalog', version: '2026.1' },
        passphrase: PASSPHRASE,
      });
      assert.ok(!catalog.body.ok);
      assert.deepEqual(Object.keys(catalog.body.error.fieldErrors ?? {}), ['file']);
      assert.match(catalog.body.error.message, /^入网文件：这不是县级平台发放的入网文件，[^；]*$/);
      await refuse({ ...enrollment, certificateFingerprint: 'AB' }, 'file.certificateFingerprint', /证书指纹格式不对/);
      const [, other] = await testCertificates();
      await refuse(
        { ...enrollment, certificateFingerprint: other.fingerprint },
        'file.certificateFingerprint',
        /证书指纹与所附平台证书不符/,
      );
      await refuse({ ...enrollment, hubBoxPublicKey: 'x'.repeat(43) }, 'file.hubBoxPublicKey', /不是有效的公钥/);
      await refuse('不是文件', 'file', /内容无法识别/);
      await refuse(enrollment, 'passphrase', /至少 8 个字符/, 'short');
      await refuse({ ...enrollment, expiresAt: '2026-11-01T00:00:00.000Z' }, 'file', /已于 2026-11-01 00:00 过期/);

      // The file pasted as text is the same file.
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.enrolled, false, 'nothing was stored by the refusals');
      const pasted = await node.admin.ok('sync.enroll', { file: JSON.stringify(enrollment), passphrase: PASSPHRASE });
      assert.equal(pasted.registered, true, pasted.message);
    } finally {
      await node.close();
    }
  });

  test('after a restart the keys are locked until the passphrase is given; a wrong one is refused on the field', async () => {
    const node = await startNodeHall(clock);
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('红旗镇'), passphrase: PASSPHRASE });
      await node.restart();
      assert.equal((await node.admin.ok('sync.status', {})).locked, true);
      const started = await node.admin.ok('sync.syncNow', {});
      assert.equal(started.started, false);
      assert.match(started.message, /私钥已锁定/);

      const wrong = await node.admin.call('sync.unlock', { passphrase: '不对的口令12345' });
      assert.equal(wrong.status, 400);
      assert.ok(!wrong.body.ok);
      assert.equal(wrong.body.error.fieldErrors?.passphrase, '密钥口令：口令不正确，无法解开本节点的私钥');
      assert.equal((await node.admin.ok('sync.status', {})).locked, true);

      assert.deepEqual(await node.admin.ok('sync.unlock', { passphrase: PASSPHRASE }), { unlocked: true });
      assert.equal((await node.admin.ok('sync.status', {})).locked, false);
      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);

      // The hall host's TOWNSHIP_SYNC_PASSPHRASE unlocks at start.
      await node.restart({ passphrase: PASSPHRASE });
      assert.equal((await node.admin.ok('sync.status', {})).locked, false);
    } finally {
      await node.close();
    }
  });

  test('a server with another certificate at the hub’s address is refused, and the screen says why', async () => {
    const node = await startNodeHall(clock, { retry: recordedSleeps().retry });
    const [, impostor] = await testCertificates();
    try {
      const enrollment = await hub.enrollment('石门乡');
      await hub.restart(impostor);
      const answer = await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      assert.equal(answer.registered, false);
      assert.match(answer.message, /县级平台的证书与入网文件中的不符/);
      const requestsBefore = hub.requests.length;

      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, false);
      assert.match(run.message, /证书与入网文件中的不符（可能连到了冒充的服务器），已拒绝连接/);
      assert.equal(hub.requests.length, requestsBefore, 'no request got through to the impostor');
      const status = await node.admin.ok('sync.status', {});
      assert.match(status.lastError ?? '', /证书/);
      assert.equal(status.enrollment?.registered, false);

      // The real hub back at its address: the next run registers and syncs.
      await hub.restart();
      const retried = await node.backend.sync.runOnce();
      assert.equal(retried.ok, true, retried.message);
      assert.equal((await node.admin.ok('sync.status', {})).enrollment?.registered, true);
    } finally {
      await hub.restart();
      await node.close();
    }
  });

  test('keys are rotated: the hub confirms, later batches carry the new signature', async () => {
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment('五龙镇');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      const before = await node.admin.ok('sync.status', {});
      assert.equal((await node.backend.sync.runOnce()).ok, true);

      const wrong = await node.admin.call('sync.rotateKeys', { passphrase: '另一个口令12345' });
      assert.equal(wrong.status, 400);
      assert.ok(!wrong.body.ok && /口令不正确/.test(wrong.body.error.fieldErrors?.passphrase ?? ''));

      clock.advanceMinutes(1);
      const rotated = await node.admin.ok('sync.rotateKeys', { passphrase: PASSPHRASE });
      assert.equal(rotated.registered, true);
      assert.notEqual(rotated.signingKeyId, before.enrollment?.signingKeyId);
      const after = await node.admin.ok('sync.status', {});
      assert.equal(after.enrollment?.signingKeyId, rotated.signingKeyId);

      clock.advanceMinutes(1);
      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);
      const state = await hub.hub.nodeState(enrollment.nodeId);
      const local = await node.admin.ok('sync.status', {});
      assert.equal(state.appliedThrough, local.acknowledgedThrough);
      assert.equal(local.pending.entries, 0);

      // After a restart the rotated keys open with the same passphrase.
      await node.restart();
      await node.admin.ok('sync.unlock', { passphrase: PASSPHRASE });
      assert.equal((await node.admin.ok('sync.status', {})).enrollment?.signingKeyId, rotated.signingKeyId);
    } finally {
      await node.close();
    }
  });

  test('the county chose 国密: SM2 keys made and registered, batches chained by SM3, rotation and restart in SM2', async () => {
    const node = await startNodeHall(clock);
    const gm = suiteOf(SUITE_GUOMI);
    try {
      const enrollment = await hub.enrollment('国密镇', SUITE_GUOMI);
      // A 国密 file whose hub keys are not SM2 keys is refused on the field before anything is made.
      const x25519 = toBase64Url(hub.hub.identity.boxPublicKey);
      const mixed = await node.admin.call('sync.enroll', {
        file: { ...enrollment, hubBoxPublicKey: x25519 },
        passphrase: PASSPHRASE,
      });
      assert.equal(mixed.status, 400);
      assert.ok(!mixed.body.ok && /国密算法/.test(mixed.body.error.fieldErrors?.['file.hubBoxPublicKey'] ?? ''));

      const answer = await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      assert.equal(answer.registered, true, answer.message);
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.enrollment?.suite, SUITE_GUOMI);
      const stored = await node.backend.db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', 'sync.keys')
        .executeTakeFirstOrThrow();
      const keys = JSON.parse(stored.value) as {
        current: { suite: string; signingPublicKey: string; boxPublicKey: string; passphrase: string };
      };
      assert.equal(keys.current.suite, SUITE_GUOMI);
      const signingKey = fromBase64Url(keys.current.signingPublicKey);
      assert.ok(gm.isPublicKey(signingKey) && gm.isPublicKey(fromBase64Url(keys.current.boxPublicKey)));
      assert.match(keys.current.passphrase, /"kdf":"scrypt"/, 'SM2 private keys are protected as the others are');
      assert.equal(status.enrollment?.signingKeyId, sm3Hex(signingKey).slice(0, 16));
      const atHub = await hub.hub.db
        .selectFrom('hub_node_keys')
        .select('key_id')
        .where('node_id', '=', enrollment.nodeId)
        .where('purpose', '=', 'signing')
        .executeTakeFirstOrThrow();
      assert.equal(atHub.key_id, status.enrollment?.signingKeyId);

      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);
      const batches = await node.backend.db.selectFrom('sync_batches').select(['envelope', 'hash']).execute();
      assert.ok(batches.length > 0);
      for (const batch of batches) {
        const envelope = new Uint8Array(batch.envelope);
        assert.equal(parseEnvelope(envelope).header.suite, SUITE_GUOMI);
        assert.equal(batch.hash, sm3Hex(envelope));
      }
      assert.equal((await hub.hub.nodeState(enrollment.nodeId)).lastBatchHash, batches.at(-1)!.hash);

      // Papers are signed with the SM2 key too.
      const linking = await node.backend.sync.documentSigner();
      assert.ok(linking.signer);
      const message = utf8('township-desk/document-facts/v1\n…');
      assert.equal(gm.verify(signingKey, message, linking.signer.sign(message)), true);

      clock.advanceMinutes(1);
      const rotated = await node.admin.ok('sync.rotateKeys', { passphrase: PASSPHRASE });
      assert.equal(rotated.registered, true);
      clock.advanceMinutes(1);
      await node.restart();
      await node.admin.ok('sync.unlock', { passphrase: PASSPHRASE });
      const after = await node.admin.ok('sync.status', {});
      assert.equal(after.enrollment?.signingKeyId, rotated.signingKeyId);
      assert.equal(after.enrollment?.suite, SUITE_GUOMI);
      const again = await node.backend.sync.runOnce();
      assert.equal(again.ok, true, again.message);
      const state = await hub.hub.nodeState(enrollment.nodeId);
      assert.equal(state.appliedThrough, (await node.admin.ok('sync.status', {})).acknowledgedThrough);
    } finally {
      await node.close();
    }
  });

  test('a township enrolled before the suite could be chosen (nothing stored names one) goes on in the international suite', async () => {
    const node = await startNodeHall(clock);
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('旧镇'), passphrase: PASSPHRASE });
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      // What an earlier version stored: the enrollment and the key sets without `suite`.
      for (const key of ['sync.enrollment', 'sync.keys']) {
        const row = await node.backend.db
          .selectFrom('node_settings')
          .select('value')
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        const value = JSON.parse(row.value) as Record<string, unknown> & { current?: Record<string, unknown> };
        delete value.suite;
        if (value.current) delete value.current.suite;
        await node.backend.db
          .updateTable('node_settings')
          .set({ value: JSON.stringify(value) })
          .where('key', '=', key)
          .execute();
      }
      await node.restart({ passphrase: PASSPHRASE });
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.locked, false);
      assert.equal(status.enrollment?.suite, SUITE_INTERNATIONAL);
      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);
    } finally {
      await node.close();
    }
  });
});
