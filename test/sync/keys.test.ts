import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromBase64Url, fromHex, sha256Hex, toBase64Url, toHex, utf8 } from '../../shared/sync/bytes';
import {
  boxPublicKey,
  generateBoxKeyPair,
  generateSigningKeyPair,
  keyId,
  protectWithPassphrase,
  sign,
  signingPublicKey,
  unprotectWithPassphrase,
  verify,
  WrongPassphraseError,
} from '../../shared/sync/keys';

describe('keys', () => {
  test('Ed25519 matches RFC 8032 §7.1 TEST 1 (empty message)', () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const pub = signingPublicKey(seed);
    assert.equal(toHex(pub), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = sign(seed, new Uint8Array(0));
    assert.equal(
      toHex(sig),
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    assert.equal(verify(pub, new Uint8Array(0), sig), true);
  });

  test('sign and verify; a changed message, signature or key fails without throwing', () => {
    const pair = generateSigningKeyPair();
    assert.equal(pair.privateKey.length, 32);
    assert.equal(pair.publicKey.length, 32);
    assert.deepEqual(signingPublicKey(pair.privateKey), pair.publicKey);
    const message = utf8('第 1–300 条变更');
    const sig = sign(pair.privateKey, message);
    assert.equal(sig.length, 64);
    assert.equal(verify(pair.publicKey, message, sig), true);
    assert.equal(verify(pair.publicKey, utf8('第 1–301 条变更'), sig), false);
    const badSig = sig.slice();
    badSig[10] = badSig[10]! ^ 1;
    assert.equal(verify(pair.publicKey, message, badSig), false);
    assert.equal(verify(generateSigningKeyPair().publicKey, message, sig), false);
    assert.equal(verify(pair.publicKey, message, sig.subarray(0, 63)), false);
    assert.equal(verify(new Uint8Array(31), message, sig), false);
  });

  test('box key pairs are X25519', () => {
    const pair = generateBoxKeyPair();
    assert.equal(pair.privateKey.length, 32);
    assert.deepEqual(boxPublicKey(pair.privateKey), pair.publicKey);
  });

  test('keyId is the first 16 hex characters of SHA-256 of the public key', () => {
    const pub = generateSigningKeyPair().publicKey;
    assert.equal(keyId(pub), sha256Hex(pub).slice(0, 16));
    assert.match(keyId(pub), /^[0-9a-f]{16}$/);
  });

  test('passphrase protection round-trips and says what it used', () => {
    const secret = generateSigningKeyPair().privateKey;
    const stored = protectWithPassphrase(secret, '大厅主机 口令 2026');
    const json = JSON.parse(stored) as Record<string, unknown>;
    assert.deepEqual(
      { v: json.v, kdf: json.kdf, N: json.N, r: json.r, p: json.p },
      { v: 1, kdf: 'scrypt', N: 32768, r: 8, p: 1 },
    );
    assert.equal(fromBase64Url(String(json.salt)).length, 16);
    assert.equal(fromBase64Url(String(json.nonce)).length, 12);
    assert.ok(!stored.includes(toBase64Url(secret)), 'the secret is not in the clear');
    assert.deepEqual(unprotectWithPassphrase(stored, '大厅主机 口令 2026'), secret);
    // Fresh salt and nonce each time.
    assert.notEqual(protectWithPassphrase(secret, 'x'), protectWithPassphrase(secret, 'x'));
  });

  test('a wrong passphrase, or an altered ciphertext, is WrongPassphraseError', () => {
    const stored = protectWithPassphrase(utf8('secret key bytes'), 'right');
    assert.throws(() => unprotectWithPassphrase(stored, 'wrong'), WrongPassphraseError);
    assert.throws(() => unprotectWithPassphrase(stored, ''), WrongPassphraseError);
    const json = JSON.parse(stored) as { ct: string };
    const ct = fromBase64Url(json.ct);
    ct[0] = ct[0]! ^ 1;
    assert.throws(
      () => unprotectWithPassphrase(JSON.stringify({ ...json, ct: toBase64Url(ct) }), 'right'),
      WrongPassphraseError,
    );
  });

  test('stored text that is not a protected key is refused without trying the passphrase', () => {
    const stored = JSON.parse(protectWithPassphrase(utf8('k'), 'p')) as Record<string, unknown>;
    for (const bad of [
      'not json',
      '{}',
      JSON.stringify({ ...stored, kdf: 'pbkdf2' }),
      JSON.stringify({ ...stored, N: 2 ** 30 }),
      JSON.stringify({ ...stored, N: 40000 }),
      JSON.stringify({ ...stored, nonce: 'AAAA' }),
    ]) {
      assert.throws(
        () => unprotectWithPassphrase(bad, 'p'),
        (error: unknown) => error instanceof Error && !(error instanceof WrongPassphraseError),
        bad,
      );
    }
  });

  test('base64url is unpadded, URL-safe and strict', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x01]);
    assert.equal(toBase64Url(bytes), '-_-_AAE');
    assert.deepEqual(fromBase64Url('-_-_AAE'), bytes);
    for (let n = 0; n < 7; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
      assert.deepEqual(fromBase64Url(toBase64Url(b)), b);
    }
    assert.throws(() => fromBase64Url('AAE='));
    assert.throws(() => fromBase64Url('+/+/'));
    assert.throws(() => fromBase64Url('A'));
    assert.throws(() => fromBase64Url('AAF'), 'non-zero trailing bits');
  });
});
