// The county's signature on an update, as `npm run sign-update` makes it and the installed
// program checks it (electron/main/updateSignature.ts): what it binds (file, version, key) and
// what the signing command writes.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createUpdateKey, descriptionVersion, signRelease, withSignature } from '../../build/signUpdate';
import {
  SIGNATURES_FIELD,
  parseTrustedKeys,
  sha512OfFile,
  signUpdateFile,
  verifyUpdateFile,
  type TrustedUpdateKey,
} from '../../electron/main/updateSignature';
import { toBase64Url } from '../../shared/sync/bytes';
import { generateSigningKeyPair, keyId } from '../../shared/sync/keys';
import { releaseFolder, type ReleaseFolder } from './updateRelease';

let release: ReleaseFolder;
before(async () => {
  release = await releaseFolder('0.2.0');
});
after(() => release?.remove());

/** latest.yml as electron-updater hands it over: its fields, the signatures among them. */
function infoOf(version: string, signatures: unknown) {
  return { version, [SIGNATURES_FIELD]: signatures };
}

describe('verifying an update file', () => {
  let trusted: TrustedUpdateKey[];
  let sha512: string;
  const pair = generateSigningKeyPair();

  before(async () => {
    trusted = [{ keyId: keyId(pair.publicKey), publicKey: pair.publicKey, name: '测试' }];
    sha512 = await sha512OfFile(release.installer);
  });

  test('a file signed for this version by a trusted key passes', async () => {
    const entry = signUpdateFile(pair.privateKey, '0.2.0', release.installerName, sha512);
    const verdict = await verifyUpdateFile(release.installer, infoOf('0.2.0', [entry]), trusted);
    assert.deepEqual(verdict, { ok: true, keyId: trusted[0]!.keyId, file: release.installerName });
  });

  test('refused: unsigned, another file, relabelled version, edited digest, unknown key, malformed', async () => {
    const entry = signUpdateFile(pair.privateKey, '0.2.0', release.installerName, sha512);
    const reason = async (info: Record<string, unknown> | null, keys = trusted) => {
      const verdict = await verifyUpdateFile(release.installer, info as never, keys);
      assert.equal(verdict.ok, false);
      return verdict.ok ? '' : verdict.reason;
    };
    assert.match(await reason(infoOf('0.2.0', undefined)), /没有县级更新签名/);
    assert.match(await reason(infoOf('0.2.0', [])), /没有县级更新签名/);
    assert.match(await reason(null), /没有收到这次更新的说明/);
    // The signature of another file (the digest differs from the downloaded file's).
    const other = signUpdateFile(pair.privateKey, '0.2.0', release.installerName, `${'A'.repeat(86)}==`);
    assert.match(await reason(infoOf('0.2.0', [other])), /SHA-512 摘要不符/);
    // An old signed installer offered as a newer version.
    assert.match(await reason(infoOf('9.9.9', [entry])), /县级更新签名无效（版本 9\.9\.9/);
    // The file name in the entry changed (signed under another name).
    assert.match(await reason(infoOf('0.2.0', [{ ...entry, file: 'other.exe' }])), /县级更新签名无效/);
    // A key this program does not trust, even a well-formed one.
    const stranger = generateSigningKeyPair();
    const foreign = signUpdateFile(stranger.privateKey, '0.2.0', release.installerName, sha512);
    assert.match(await reason(infoOf('0.2.0', [foreign])), /不是本程序信任的县级更新密钥/);
    assert.match(await reason(infoOf('0.2.0', [entry]), []), /不是本程序信任的/);
    assert.match(await reason(infoOf('0.2.0', 'signed, honestly')), /格式不正确/);
    assert.match(await reason(infoOf('0.2.0', [{ ...entry, signature: 'x' }])), /格式不正确/);
  });
});

describe('npm run sign-update', () => {
  test('--new-key writes a private key only its owner reads and adds the public key to the trusted list', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'update-key-'));
    try {
      const keysFile = path.join(folder, 'update-keys.json');
      await writeFile(keysFile, JSON.stringify({ '//': '说明', keys: [] }));
      const keyFile = path.join(folder, 'county-update.key');
      const created = await createUpdateKey(keyFile, { keysFile, name: '某县信息中心 2026' });
      assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
      const list = JSON.parse(await readFile(keysFile, 'utf8')) as Record<string, unknown>;
      assert.equal(list['//'], '说明', 'the rest of the list is kept');
      const [key] = parseTrustedKeys(list);
      assert.deepEqual(
        [key?.keyId, toBase64Url(key!.publicKey), key?.name],
        [created.keyId, created.publicKey, '某县信息中心 2026'],
      );
      assert.doesNotMatch(await readFile(keysFile, 'utf8'), /privateKey/);
      await assert.rejects(createUpdateKey(keyFile, { keysFile }), /已存在，不会覆盖/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('signing writes one line into the latest.yml that lists the installer; signing again replaces it', async () => {
    const signed = await signRelease({
      installer: release.installer,
      keyFile: release.keyFile,
      keysFile: release.keysFile,
    });
    assert.deepEqual(signed.descriptions, [release.description]);
    assert.equal(signed.trusted, true);
    const text = await readFile(release.description, 'utf8');
    assert.ok(text.startsWith(release.unsignedDescription), 'electron-builder’s lines are left as they were');
    assert.equal(text.split('\n').filter((line) => line.startsWith(`${SIGNATURES_FIELD}:`)).length, 1);
    const verdict = await verifyUpdateFile(
      release.installer,
      infoOf('0.2.0', [signed.entry]),
      parseTrustedKeys(JSON.parse(await readFile(release.keysFile, 'utf8'))),
    );
    assert.equal(verdict.ok, true);

    await signRelease({ installer: release.installer, keyFile: release.keyFile, keysFile: release.keysFile });
    assert.equal(await readFile(release.description, 'utf8'), text, 'the same signature, not a second line');
  });

  test('refused: a description that records another digest, a file listed nowhere, a key file that is not one', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'update-sign-'));
    try {
      const stray = path.join(folder, 'township-desk-setup-0.3.0.exe');
      await writeFile(stray, 'not the installer the description speaks of');
      await assert.rejects(
        signRelease({ installer: stray, keyFile: release.keyFile, keysFile: release.keysFile }),
        /没有列出 township-desk-setup-0\.3\.0\.exe 的 latest\*\.yml/,
      );
      await assert.rejects(
        signRelease({
          installer: stray,
          keyFile: release.keyFile,
          keysFile: release.keysFile,
          descriptions: [release.description],
        }),
        /SHA-512 与 township-desk-setup-0\.3\.0\.exe 不符/,
      );
      await assert.rejects(
        signRelease({ installer: release.installer, keyFile: stray, keysFile: release.keysFile }),
        /不是 npm run sign-update -- --new-key 生成的私钥文件/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('the description helpers read the version and keep other files’ signatures', () => {
    assert.equal(descriptionVersion("version: 1.2.3\nfiles: []\nreleaseDate: '2026-12-01'\n"), '1.2.3');
    assert.equal(descriptionVersion("version: '1.2.3-beta.1'\n"), '1.2.3-beta.1');
    const pair = generateSigningKeyPair();
    const a = signUpdateFile(pair.privateKey, '1.2.3', 'a.AppImage', `${'A'.repeat(86)}==`);
    const b = signUpdateFile(pair.privateKey, '1.2.3', 'b.deb', `${'B'.repeat(86)}==`);
    const once = withSignature('version: 1.2.3\n', a);
    const twice = withSignature(once, b);
    const again = withSignature(twice, { ...a, signature: b.signature });
    const line = again.split('\n').find((l) => l.startsWith(SIGNATURES_FIELD))!;
    const entries = JSON.parse(line.slice(SIGNATURES_FIELD.length + 1)) as { file: string; signature: string }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.signature === b.signature]),
      [
        ['b.deb', true],
        ['a.AppImage', true],
      ],
    );
  });
});
