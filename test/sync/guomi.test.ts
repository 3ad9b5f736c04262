// The 国密 primitives against the example values published with the standards. A round trip only
// proves that the code agrees with itself; these values were computed by the standards' authors.
//
// Sources of the values:
//  - SM3: GB/T 32905-2016 附录 A (示例 1 "abc", 示例 2 "abcd" × 16).
//  - SM4: GB/T 32907-2016 附录 A (示例 1 one block, 示例 2 the same block encrypted 1,000,000 times).
//  - SM4-GCM: RFC 8998 Appendix A.1 (the AEAD of the 国密 TLS suites; GB/T 32907 has no GCM example).
//  - SM2: GB/T 32918.5-2017 附录 A (signature) and 附录 C (encryption) = GM/T 0003.5-2012, the
//    examples over the recommended curve, with private key 3945208F…, the default user id
//    1234567812345678, "message digest" / "encryption standard" and the fixed k 59276E27…; the
//    same values are in OpenSSL's test/sm2_internal_test.c, which the digits were checked against.
//    (GB/T 32918.2 附录 A's ALICE123@YAHOO.COM example is over a different, 示例 curve that the
//    library does not offer; part 5's examples are those of the curve the sync uses.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kdf, sm2, sm4 } from 'sm-crypto-v2';
import { concatBytes, fromHex, toHex, utf8 } from '../../shared/sync/bytes';
import {
  GuomiError,
  SM2_DEFAULT_USER_ID,
  isSm2PublicKey,
  sm2Decrypt,
  sm2Digest,
  sm2Encrypt,
  sm2KeyPair,
  sm2PublicKey,
  sm2Sign,
  sm2Verify,
  sm2Z,
  sm3,
  sm3Hex,
  sm4GcmOpen,
  sm4GcmSeal,
} from '../../shared/sync/guomi';

const hex = (spaced: string) => spaced.replace(/\s+/g, '').toLowerCase();

describe('SM3 (GB/T 32905-2016 附录 A)', () => {
  test('示例 1: "abc"', () => {
    assert.equal(sm3Hex(utf8('abc')), hex('66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0'));
    assert.equal(toHex(sm3(utf8('abc'))), sm3Hex(utf8('abc')));
  });

  test('示例 2: 512 bits, "abcd" × 16', () => {
    assert.equal(
      sm3Hex(utf8('abcd'.repeat(16))),
      hex('debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732'),
    );
  });
});

describe('SM4 (GB/T 32907-2016 附录 A)', () => {
  const key = fromHex('0123456789abcdeffedcba9876543210');
  const encryptBlock = (block: Uint8Array) => sm4.encrypt(block, key, { padding: 'none', output: 'array' });

  test('示例 1: key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    assert.equal(toHex(encryptBlock(key)), '681edf34d206965e86b3e94f536e4246');
    assert.deepEqual(
      sm4.decrypt(fromHex('681edf34d206965e86b3e94f536e4246'), key, { padding: 'none', output: 'array' }),
      key,
    );
  });

  // The long one: a million block encryptions (about 1.5 s here, the library re-expands the key
  // each call). It is the standard's own check that the round function is right in every bit.
  test('示例 2: the same block encrypted 1,000,000 times [slow: ~2 s]', { timeout: 120_000 }, () => {
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = encryptBlock(block);
    assert.equal(toHex(block), '595298c7c6fd271f0402f804c33d3f66');
  });

  test('SM4-GCM: RFC 8998 A.1, through sm4GcmSeal / sm4GcmOpen', () => {
    const gcmKey = fromHex('0123456789ABCDEFFEDCBA9876543210');
    const nonce = fromHex('00001234567800000000ABCD');
    const aad = fromHex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2');
    const plaintext = fromHex(
      'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD' +
        'EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
    );
    const expected = hex(
      '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735' +
        'D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D' +
        '83DE3541E4C2B58177E065A9BF7B62EC',
    );
    const sealed = sm4GcmSeal(gcmKey, nonce, aad, plaintext);
    assert.equal(toHex(sealed), expected);
    assert.deepEqual(sm4GcmOpen(gcmKey, nonce, aad, sealed), plaintext);
    // Every part is authenticated: a bit of the ciphertext, of the tag, of the associated data.
    for (const at of [0, 63, 64, 79]) {
      const damaged = sealed.slice();
      damaged[at] = damaged[at]! ^ 1;
      assert.throws(() => sm4GcmOpen(gcmKey, nonce, aad, damaged), GuomiError, `byte ${at}`);
    }
    assert.throws(() => sm4GcmOpen(gcmKey, nonce, concatBytes(aad, utf8('x')), sealed), GuomiError);
    // A missing tag is refused here (the library alone would decrypt without checking).
    assert.throws(() => sm4GcmOpen(gcmKey, nonce, aad, sealed.subarray(0, 10)), GuomiError);
    assert.throws(() => sm4GcmSeal(gcmKey.subarray(1), nonce, aad, plaintext), GuomiError);
    assert.throws(() => sm4GcmSeal(gcmKey, nonce.subarray(1), aad, plaintext), GuomiError);
  });
});

describe('SM2 over the recommended curve (GB/T 32918.5-2017 附录 A and C = GM/T 0003.5-2012)', () => {
  const d = fromHex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8');
  const publicKey = fromHex(
    '04' +
      '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
      'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  );
  const k = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';

  test('the public key of the example private key', () => {
    assert.deepEqual(sm2PublicKey(d), publicKey);
    assert.equal(isSm2PublicKey(publicKey), true);
  });

  test('附录 A signature: Z with the default id, e = SM3(Z ‖ M), and with fixed k the published r, s', () => {
    assert.equal(SM2_DEFAULT_USER_ID, '1234567812345678');
    const message = utf8('message digest');
    assert.equal(toHex(sm2Z(publicKey)), hex('B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3'));
    const e = sm2Digest(publicKey, message);
    assert.equal(toHex(e), hex('F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640'));
    // The library signs e with the example's k when handed the point kG (its "pointPool").
    const kG = sm2.getPublicKeyFromPrivateKey(k);
    const signature = sm2.doSignature(e, toHex(d), {
      hash: false,
      pointPool: [{ k: BigInt('0x' + k), x1: BigInt('0x' + kG.slice(2, 66)) }],
    });
    const published = hex(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' +
        'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
    );
    assert.equal(signature, published);
    // …and the published signature verifies through the suite's own check; anything else does not.
    assert.equal(sm2Verify(publicKey, message, fromHex(published)), true);
    assert.equal(sm2Verify(publicKey, utf8('message digesT'), fromHex(published)), false);
    const otherS = fromHex(published);
    otherS[63] = otherS[63]! ^ 1;
    assert.equal(sm2Verify(publicKey, message, otherS), false);
  });

  test('附录 C encryption: with fixed k the published C1 ‖ C3 ‖ C2; the published ciphertext decrypts', () => {
    const message = utf8('encryption standard');
    const C1 = hex(
      '04' +
        '04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73' +
        'E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0',
    );
    const C3 = hex('59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766');
    const C2 = hex('21886CA989CA9C7D58087307CA93092D651EFA');
    // sm2Encrypt draws its own k, so the encryption is rebuilt from the library's pieces with the
    // example's k (steps A2–A7 of GB/T 32918.4 §6.1): C1 = [k]G, (x2, y2) = [k]P_B,
    // C2 = M ⊕ KDF(x2 ‖ y2, klen), C3 = SM3(x2 ‖ M ‖ y2).
    assert.equal(sm2.getPublicKeyFromPrivateKey(k), C1);
    const point = sm2.ecdh(fromHex(k), toHex(publicKey), false);
    const x2 = point.subarray(1, 33);
    const y2 = point.subarray(33, 65);
    const t = kdf(concatBytes(x2, y2), message.length);
    assert.equal(toHex(message.map((byte, i) => byte ^ t[i]!)), C2);
    assert.equal(sm3Hex(concatBytes(x2, message, y2)), C3);
    // The published ciphertext, in GB/T 32918.4-2016's order C1 ‖ C3 ‖ C2, opens with dB.
    const published = fromHex(C1 + C3 + C2);
    assert.deepEqual(sm2Decrypt(d, published), message);
    const damaged = published.slice();
    damaged[published.length - 1] = damaged[published.length - 1]! ^ 1;
    assert.throws(() => sm2Decrypt(d, damaged), GuomiError);
  });

  test('fresh keys: sign and verify, encrypt and decrypt; malformed inputs are refused, not crashed on', () => {
    const pair = sm2KeyPair();
    assert.equal(pair.privateKey.length, 32);
    assert.equal(pair.publicKey.length, 65);
    assert.deepEqual(sm2PublicKey(pair.privateKey), pair.publicKey);
    const message = utf8('第 1–2000 条变更');
    const signature = sm2Sign(pair.privateKey, message);
    assert.equal(signature.length, 64);
    assert.equal(sm2Verify(pair.publicKey, message, signature), true);
    assert.equal(sm2Verify(publicKey, message, signature), false, 'another key');
    assert.equal(sm2Verify(pair.publicKey, message, signature.subarray(0, 63)), false);
    assert.equal(sm2Verify(pair.publicKey, message, new Uint8Array(64)), false, 'r = s = 0');
    assert.equal(sm2Verify(pair.publicKey, message, new Uint8Array(64).fill(0xff)), false, 'r, s ≥ n');
    assert.equal(sm2Verify(new Uint8Array(65), message, signature), false);

    const secret = utf8('0123456789abcdef0123456789ab');
    const sealed = sm2Encrypt(pair.publicKey, secret);
    assert.equal(sealed.length, 97 + secret.length);
    assert.deepEqual(sm2Decrypt(pair.privateKey, sealed), secret);
    assert.throws(() => sm2Decrypt(d, sealed), GuomiError, 'another private key');
    assert.throws(() => sm2Decrypt(pair.privateKey, sealed.subarray(1)), GuomiError, 'without the 04');
    const offCurve = sealed.slice();
    offCurve[40] = offCurve[40]! ^ 1;
    assert.throws(() => sm2Decrypt(pair.privateKey, offCurve), GuomiError, 'C1 off the curve');
    assert.throws(() => sm2Encrypt(new Uint8Array(65), secret), GuomiError);
    assert.throws(() => sm2PublicKey(new Uint8Array(32)), GuomiError, 'd = 0');
    assert.throws(() => sm2PublicKey(new Uint8Array(32).fill(0xff)), GuomiError, 'd ≥ n');
  });
});
