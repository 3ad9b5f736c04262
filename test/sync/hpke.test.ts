// HPKE against the published values of RFC 9180. A round trip only proves that the code agrees
// with itself, which a key schedule that is wrong the same way on both sides also does; matching
// every intermediate value the RFC prints rules that out.
//
// The A.1.1 values were transcribed from the RFC text (Appendix A.1.1, "DHKEM(X25519,
// HKDF-SHA256), HKDF-SHA256, AES-128-GCM", Base Setup Information) and cross-checked against an
// independent copy of the same table in another project's test suite.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gcm } from '@noble/ciphers/aes.js';
import { fromHex, toHex, utf8 } from '../../shared/sync/bytes';
import {
  deriveKeyPair,
  generateKeyPair,
  HpkeError,
  openBase,
  sealBase,
  setupBaseRecipient,
  setupBaseSender,
  SUITE_X25519_SHA256_AES128GCM,
  SUITE_X25519_SHA256_AES256GCM,
} from '../../shared/sync/hpke';

/** RFC 9180 Appendix A.1.1: mode 0, kem_id 32, kdf_id 1, aead_id 1. */
const A11 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  skEm: '52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  enc: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  sharedSecret: 'fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc',
  keyScheduleContext:
    '00725611c9d98c07c03f60095cd32d400d8347d45ed67097bbad50fc56da742d07' +
    'cb6cffde367bb0565ba28bb02c90744a20f5ef37f30523526106f637abb05449',
  secret: '12fff91991e93b48de37e7daddb52981084bd8aa64289c3788471d9a9712f397',
  key: '4531685d41d65f03dc48f6b8302c05b0',
  baseNonce: '56d890e5accaaf011cff4b7d',
  exporterSecret: '45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8',
  encryptions: [
    {
      seq: 0,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d30',
      nonce: '56d890e5accaaf011cff4b7d',
      ct: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
    },
    {
      seq: 1,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d31',
      nonce: '56d890e5accaaf011cff4b7c',
      ct: 'af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab251c03d0c22a56b8ca42c2063b84',
    },
    {
      seq: 2,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d32',
      nonce: '56d890e5accaaf011cff4b7f',
      ct: '498dfcabd92e8acedc281e85af1cb4e3e31c7dc394a1ca20e173cb72516491588d96a19ad4a683518973dcc180',
    },
    {
      seq: 4,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d34',
      nonce: '56d890e5accaaf011cff4b79',
      ct: '583bd32bc67a5994bb8ceaca813d369bca7b2a42408cddef5e22f880b631215a09fc0012bc69fccaa251c0246d',
    },
    {
      seq: 255,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d323535',
      nonce: '56d890e5accaaf011cff4b82',
      ct: '7175db9717964058640a3a11fb9007941a5d1757fda1a6935c805c21af32505bf106deefec4a49ac38d71c9e0a',
    },
    {
      seq: 256,
      pt: '4265617574792069732074727574682c20747275746820626561757479',
      aad: '436f756e742d323536',
      nonce: '56d890e5accaaf011cff4a7d',
      ct: '957f9800542b0b8891badb026d79cc54597cb2d225b54c00c5238c25d05c30e3fbeda97d2e0e1aba483a2df9f2',
    },
  ],
  exports: [
    { context: '', length: 32, value: '3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee' },
    { context: '00', length: 32, value: '2e8f0b54673c7029649d4eb9d5e33bf1872cf76d623ff164ac185da9e88c21a5' },
    {
      context: '54657374436f6e74657874',
      length: 32,
      value: 'e9e43065102c3836401bed8c3c3c75ae46be1639869391d62c61f1ec7af54931',
    },
  ],
};

const S128 = SUITE_X25519_SHA256_AES128GCM;
const S256 = SUITE_X25519_SHA256_AES256GCM;
const LAST_SEQ = Math.max(...A11.encryptions.map((e) => e.seq));

/** The RFC's aad at a sequence number: "Count-<seq>". */
const aadAt = (seq: number) => utf8(`Count-${seq}`);

describe('HPKE, RFC 9180 Appendix A.1.1 (X25519, HKDF-SHA256, AES-128-GCM, base mode)', () => {
  test('DeriveKeyPair gives the published ephemeral and recipient key pairs', () => {
    const e = deriveKeyPair(S128, fromHex(A11.ikmE));
    assert.equal(toHex(e.privateKey), A11.skEm);
    assert.equal(toHex(e.publicKey), A11.pkEm);
    const r = deriveKeyPair(S128, fromHex(A11.ikmR));
    assert.equal(toHex(r.privateKey), A11.skRm);
    assert.equal(toHex(r.publicKey), A11.pkRm);
  });

  test('the sender derives the published enc, shared secret and key schedule', () => {
    const { enc, context } = setupBaseSender(S128, fromHex(A11.pkRm), fromHex(A11.info), fromHex(A11.ikmE));
    assert.equal(toHex(enc), A11.enc);
    assert.equal(toHex(context.sharedSecret), A11.sharedSecret);
    assert.equal(toHex(context.keyScheduleContext), A11.keyScheduleContext);
    assert.equal(toHex(context.key), A11.key);
    assert.equal(toHex(context.baseNonce), A11.baseNonce);
    assert.equal(toHex(context.exporterSecret), A11.exporterSecret);
  });

  test('the recipient decapsulates to the same shared secret and key schedule', () => {
    const context = setupBaseRecipient(S128, fromHex(A11.enc), fromHex(A11.skRm), fromHex(A11.info));
    assert.equal(toHex(context.sharedSecret), A11.sharedSecret);
    assert.equal(toHex(context.keyScheduleContext), A11.keyScheduleContext);
    assert.equal(toHex(context.key), A11.key);
    assert.equal(toHex(context.baseNonce), A11.baseNonce);
    assert.equal(toHex(context.exporterSecret), A11.exporterSecret);
  });

  test('the published table is self-consistent: aad "Count-<seq>", ct = AES-GCM(key, nonce) with nonce = base_nonce XOR seq', () => {
    // Guards the transcription: a typo in a ct or nonce would otherwise read as an HPKE bug.
    for (const e of A11.encryptions) {
      assert.equal(toHex(aadAt(e.seq)), e.aad, `aad at ${e.seq}`);
      const ct = gcm(fromHex(A11.key), fromHex(e.nonce), fromHex(e.aad)).encrypt(fromHex(e.pt));
      assert.equal(toHex(ct), e.ct, `ct at ${e.seq}`);
    }
  });

  test('seal produces the published ciphertexts at sequence numbers 0, 1, 2, 4, 255 and 256', () => {
    const { context } = setupBaseSender(S128, fromHex(A11.pkRm), fromHex(A11.info), fromHex(A11.ikmE));
    const pt = fromHex(A11.encryptions[0]!.pt);
    const sealed = new Map<number, string>();
    // The sequence number advances once per message, so every number up to 256 is sealed in turn.
    for (let seq = 0; seq <= LAST_SEQ; seq++) sealed.set(seq, toHex(context.seal(aadAt(seq), pt)));
    for (const e of A11.encryptions) assert.equal(sealed.get(e.seq), e.ct, `seq ${e.seq}`);
  });

  test('open recovers the plaintext from the published ciphertexts in order', () => {
    const context = setupBaseRecipient(S128, fromHex(A11.enc), fromHex(A11.skRm), fromHex(A11.info));
    const published = new Map(A11.encryptions.map((e) => [e.seq, e]));
    const pt = fromHex(A11.encryptions[0]!.pt);
    // Sequence numbers without a published ciphertext are filled in by sealing with the known key
    // and nonce, so the recipient's counter passes through every value as the RFC's did.
    const baseNonce = fromHex(A11.baseNonce);
    for (let seq = 0; seq <= LAST_SEQ; seq++) {
      const e = published.get(seq);
      const nonce = baseNonce.slice();
      nonce[11] = nonce[11]! ^ (seq & 0xff);
      nonce[10] = nonce[10]! ^ ((seq >> 8) & 0xff);
      if (e) assert.equal(toHex(nonce), e.nonce, `nonce at ${seq}`);
      const ct = e ? fromHex(e.ct) : gcm(fromHex(A11.key), nonce, aadAt(seq)).encrypt(pt);
      assert.deepEqual(context.open(aadAt(seq), ct), pt, `seq ${seq}`);
    }
  });

  test('export gives the published exported values', () => {
    const { context } = setupBaseSender(S128, fromHex(A11.pkRm), fromHex(A11.info), fromHex(A11.ikmE));
    for (const x of A11.exports) {
      assert.equal(toHex(context.export(fromHex(x.context), x.length)), x.value, `context '${x.context}'`);
    }
    const recipient = setupBaseRecipient(S128, fromHex(A11.enc), fromHex(A11.skRm), fromHex(A11.info));
    assert.equal(toHex(recipient.export(new Uint8Array(0), 32)), A11.exports[0]!.value);
  });
});

describe('HPKE with AES-256-GCM (the suite the sync ships)', () => {
  // No published RFC 9180 vector for X25519 + AES-256-GCM was found in two independent sources;
  // what is checked instead: the KEM half is shared with A.1.1 (same shared secret from the same
  // inputs), the key schedule differs where the suite id enters it, and the key is 32 bytes.
  test('shares the KEM with A.1.1 but derives a different, 32-byte key', () => {
    const { enc, context } = setupBaseSender(S256, fromHex(A11.pkRm), fromHex(A11.info), fromHex(A11.ikmE));
    assert.equal(toHex(enc), A11.enc);
    assert.equal(toHex(context.sharedSecret), A11.sharedSecret);
    assert.equal(context.key.length, 32);
    assert.equal(context.baseNonce.length, 12);
    assert.notEqual(toHex(context.keyScheduleContext), A11.keyScheduleContext);
    assert.notEqual(toHex(context.key).slice(0, 32), A11.key);
    const r = setupBaseRecipient(S256, enc, fromHex(A11.skRm), fromHex(A11.info));
    assert.deepEqual(r.key, context.key);
    assert.deepEqual(r.baseNonce, context.baseNonce);
  });

  test('single-shot seal and open round-trip', () => {
    const r = generateKeyPair();
    const info = utf8('township-desk/v1/batch');
    const aad = utf8('header');
    const pt = utf8('乡镇一站通 · 上行同步');
    const { enc, ciphertext } = sealBase(S256, r.publicKey, info, aad, pt);
    assert.equal(ciphertext.length, pt.length + 16);
    assert.deepEqual(openBase(S256, enc, r.privateKey, info, aad, ciphertext), pt);
  });

  test('two seals of the same plaintext differ (fresh ephemeral key)', () => {
    const r = generateKeyPair();
    const a = sealBase(S256, r.publicKey, utf8('i'), utf8('a'), utf8('same'));
    const b = sealBase(S256, r.publicKey, utf8('i'), utf8('a'), utf8('same'));
    assert.notDeepEqual(a.enc, b.enc);
    assert.notDeepEqual(a.ciphertext, b.ciphertext);
  });

  describe('open refuses', () => {
    const r = generateKeyPair();
    const info = utf8('township-desk/v1/batch');
    const aad = utf8('header');
    const { enc, ciphertext } = sealBase(S256, r.publicKey, info, aad, utf8('payload'));

    test('a ciphertext with one bit flipped', () => {
      for (const i of [0, ciphertext.length - 1]) {
        const bad = ciphertext.slice();
        bad[i] = bad[i]! ^ 0x01;
        assert.throws(() => openBase(S256, enc, r.privateKey, info, aad, bad), HpkeError);
      }
    });

    test('the wrong associated data', () => {
      assert.throws(() => openBase(S256, enc, r.privateKey, info, utf8('Header'), ciphertext), HpkeError);
    });

    test('the wrong info', () => {
      assert.throws(() => openBase(S256, enc, r.privateKey, utf8('township-desk/v1/file'), aad, ciphertext), HpkeError);
    });

    test('the wrong private key', () => {
      assert.throws(() => openBase(S256, enc, generateKeyPair().privateKey, info, aad, ciphertext), HpkeError);
    });

    test('the wrong suite (AES-128 against an AES-256 ciphertext)', () => {
      assert.throws(() => openBase(S128, enc, r.privateKey, info, aad, ciphertext), HpkeError);
    });

    test('an altered enc, and a low-order (all-zero) enc', () => {
      const bad = enc.slice();
      bad[0] = bad[0]! ^ 0x01;
      assert.throws(() => openBase(S256, bad, r.privateKey, info, aad, ciphertext), HpkeError);
      assert.throws(() => openBase(S256, new Uint8Array(32), r.privateKey, info, aad, ciphertext), HpkeError);
    });

    test('a ciphertext shorter than the tag', () => {
      assert.throws(() => openBase(S256, enc, r.privateKey, info, aad, ciphertext.subarray(0, 15)), HpkeError);
    });
  });

  test('a sender context cannot open and a recipient context cannot seal', () => {
    const r = generateKeyPair();
    const { enc, context } = setupBaseSender(S256, r.publicKey, utf8('i'));
    assert.throws(() => context.open(utf8(''), new Uint8Array(32)), HpkeError);
    assert.throws(() => setupBaseRecipient(S256, enc, r.privateKey, utf8('i')).seal(utf8(''), utf8('x')), HpkeError);
  });

  test('an unknown suite is refused', () => {
    const r = generateKeyPair();
    const bogus = { kem: 0x0020, kdf: 0x0001, aead: 0x0003 } as unknown as typeof S256;
    assert.throws(() => sealBase(bogus, r.publicKey, utf8('i'), utf8('a'), utf8('x')), HpkeError);
  });
});
