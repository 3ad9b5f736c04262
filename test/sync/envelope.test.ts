// The envelope in both suites: every round trip, tampering and refusal below runs once with the
// international suite and once with the 国密 suite, with keys of that suite. What differs between
// them — the hash (SHA-256 or SM3), the key ids, the size of `enc`, the refusal of a suite other
// than the node's — is checked at the end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { randomBytes } from '@noble/hashes/utils.js';
import { deflateSync } from 'fflate';
import { concatBytes, fromBase64Url, fromUtf8, sha256Hex, toBase64Url, u32be, utf8 } from '../../shared/sync/bytes';
import { packContainer, unpackContainer } from '../../shared/sync/container';
import {
  EnvelopeError,
  MAX_ENVELOPE_BYTES,
  openEnvelope,
  parseEnvelope,
  requireSuite,
  sealEnvelope,
  SUITE_ID,
  verifyEnvelope,
  type EnvelopeErrorCode,
  type EnvelopeHeader,
  type EnvelopeHeaderInput,
} from '../../shared/sync/envelope';
import { sm3Hex } from '../../shared/sync/guomi';
import {
  SUITE_GUOMI,
  SUITE_IDS,
  SUITE_INTERNATIONAL,
  SUITE_LABELS,
  suiteOf,
  type SuiteId,
} from '../../shared/sync/suites';

const HEADERS: Record<EnvelopeHeader['kind'], EnvelopeHeaderInput> = {
  batch: { kind: 'batch', node: 'node-1', first: 1, last: 3, prev: '', downApplied: 0 },
  file: { kind: 'file', node: 'node-1', sha256: sha256Hex(utf8('scan')) },
  registration: { kind: 'registration', node: 'node-1' },
  rotation: { kind: 'rotation', node: 'node-1' },
  down: { kind: 'down', node: 'node-1' },
  rebuild: { kind: 'rebuild', node: 'node-1' },
};

function rejects(code: EnvelopeErrorCode, fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof EnvelopeError, `expected EnvelopeError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, /[\u4e00-\u9fff]/, 'the message is in Chinese');
    return true;
  });
}

function flip(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const out = bytes.slice();
  out[index] = out[index]! ^ mask;
  return out;
}

/** Keys of a suite and envelopes made with them. */
function suiteKit(suiteId: SuiteId) {
  const suite = suiteOf(suiteId);
  const hub = suite.generateBoxKeyPair();
  const node = suite.generateSigningKeyPair();
  const seal = (header: EnvelopeHeaderInput = HEADERS.batch, plaintext = utf8('{"entries":[]}')): Uint8Array =>
    sealEnvelope({ suite: suiteId, header, plaintext, recipientPublicKey: hub.publicKey, signer: node });
  /**
   * An envelope built by hand around an arbitrary header object and an arbitrary "compressed"
   * payload, correctly sealed and signed, for the inputs sealEnvelope refuses to produce.
   */
  const handmade = (headerFields: Record<string, unknown>, compressed: Uint8Array, ciphertextLength?: number) => {
    const kind = String(headerFields.kind);
    const { enc, seal: sealWith } = suite.encapsulate(hub.publicKey, utf8('township-desk/v1/' + kind));
    const header = {
      v: 1,
      suite: suiteId,
      node: 'node-1',
      recipient: suite.keyId(hub.publicKey),
      signer: suite.keyId(node.publicKey),
      enc: toBase64Url(enc),
      created: new Date().toISOString(),
      ...headerFields,
    };
    const headerBytes = utf8(JSON.stringify(header));
    const ciphertext = sealWith(headerBytes, compressed);
    const signed = concatBytes(
      utf8('TDE1'),
      u32be(headerBytes.length),
      headerBytes,
      u32be(ciphertextLength ?? ciphertext.length),
      ciphertext,
    );
    return concatBytes(signed, suite.sign(node.privateKey, signed));
  };
  return { suite, hub, node, seal, handmade };
}

for (const suiteId of SUITE_IDS) {
  describe(`envelope — ${SUITE_LABELS[suiteId]}`, () => {
    const { suite, hub, node, seal, handmade } = suiteKit(suiteId);
    const generateSigningKeyPair = () => suite.generateSigningKeyPair();
    const generateBoxKeyPair = () => suite.generateBoxKeyPair();

    for (const [kind, header] of Object.entries(HEADERS)) {
      test(`a '${kind}' envelope round-trips: parse, verify, open`, () => {
        const plaintext = utf8(JSON.stringify({ kind, text: '调解登记'.repeat(100) }));
        const bytes = seal(header, plaintext);
        const parsed = parseEnvelope(bytes);
        assert.equal(parsed.header.v, 1);
        assert.equal(parsed.header.suite, suiteId);
        assert.equal(parsed.header.kind, kind);
        assert.equal(parsed.header.node, 'node-1');
        assert.equal(parsed.header.recipient, suite.keyId(hub.publicKey));
        assert.equal(parsed.header.signer, suite.keyId(node.publicKey));
        assert.ok(!Number.isNaN(Date.parse(parsed.header.created)));
        for (const [field, value] of Object.entries(header)) {
          assert.deepEqual(parsed.header[field as keyof EnvelopeHeader], value, field);
        }
        assert.equal(parsed.hash, suite.hashHex(bytes));
        assert.equal(parsed.signature.length, 64);
        verifyEnvelope(parsed, node.publicKey);
        assert.deepEqual(openEnvelope(parsed, hub.privateKey), plaintext);
        // Compression happened: repetitive text comes out smaller than it went in.
        assert.ok(parsed.ciphertext.length < plaintext.length);
      });
    }

    test('the frame is MAGIC | u32 header length | header JSON | u32 ciphertext length | ciphertext | signature', () => {
      const bytes = seal();
      assert.equal(fromUtf8(bytes.subarray(0, 4)), 'TDE1');
      const parsed = parseEnvelope(bytes);
      const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4);
      assert.deepEqual(JSON.parse(fromUtf8(bytes.subarray(8, 8 + headerLength))), parsed.header);
      const ctLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8 + headerLength);
      assert.equal(ctLength, parsed.ciphertext.length);
      assert.equal(bytes.length, 8 + headerLength + 4 + ctLength + 64);
      assert.deepEqual(parsed.signedPart, bytes.subarray(0, bytes.length - 64));
    });

    test('an empty plaintext round-trips', () => {
      const parsed = parseEnvelope(seal(HEADERS.down, new Uint8Array(0)));
      verifyEnvelope(parsed, node.publicKey);
      assert.equal(openEnvelope(parsed, hub.privateKey).length, 0);
    });

    test('an explicit created time is kept', () => {
      const parsed = parseEnvelope(seal({ ...HEADERS.down, created: '2026-03-01T08:00:00.000Z' }));
      assert.equal(parsed.header.created, '2026-03-01T08:00:00.000Z');
    });

    test('the same plaintext sealed twice gives different bytes (fresh enc), and both open', () => {
      const plaintext = utf8('same');
      const a = seal(HEADERS.batch, plaintext);
      const b = seal({ ...HEADERS.batch }, plaintext);
      assert.notDeepEqual(a, b);
      const pa = parseEnvelope(a);
      const pb = parseEnvelope(b);
      assert.notEqual(pa.header.enc, pb.header.enc);
      assert.notEqual(pa.hash, pb.hash);
      assert.deepEqual(openEnvelope(pa, hub.privateKey), plaintext);
      assert.deepEqual(openEnvelope(pb, hub.privateKey), plaintext);
    });

    describe('tampering', () => {
      const bytes = seal();
      const parsed = parseEnvelope(bytes);
      const headerStart = 8;
      const ctStart = headerStart + parsed.headerBytes.length + 4;

      test('a flipped bit in the header: bad signature, and undecryptable (the header is the aad)', () => {
        // 'node-1' → 'node-0' keeps the JSON valid, so it gets past parsing.
        const at = headerStart + fromUtf8(parsed.headerBytes).indexOf('node-1') + 5;
        const tampered = parseEnvelope(flip(bytes, at));
        assert.equal(tampered.header.node, 'node-0');
        rejects('bad-signature', () => verifyEnvelope(tampered, node.publicKey));
        rejects('undecryptable', () => openEnvelope(tampered, hub.privateKey));
      });

      test('a flipped bit in the ciphertext: bad signature, and undecryptable', () => {
        for (const at of [ctStart, bytes.length - 65]) {
          const tampered = parseEnvelope(flip(bytes, at));
          rejects('bad-signature', () => verifyEnvelope(tampered, node.publicKey));
          rejects('undecryptable', () => openEnvelope(tampered, hub.privateKey));
        }
      });

      test('a flipped bit in the signature: bad signature (the content still opens)', () => {
        for (const at of [bytes.length - 64, bytes.length - 1]) {
          const tampered = parseEnvelope(flip(bytes, at));
          rejects('bad-signature', () => verifyEnvelope(tampered, node.publicKey));
          assert.ok(openEnvelope(tampered, hub.privateKey).length > 0);
        }
      });

      test('verified against another key: bad signature', () => {
        rejects('bad-signature', () => verifyEnvelope(parsed, generateSigningKeyPair().publicKey));
      });

      test('the header signer names a key other than the one that signed: bad signature', () => {
        const other = generateSigningKeyPair();
        const forged = parseEnvelope(
          sealEnvelope({
            suite: suiteId,
            header: HEADERS.batch,
            plaintext: utf8('x'),
            recipientPublicKey: hub.publicKey,
            signer: other,
          }),
        );
        // A signature by `other` that is genuinely valid, checked against the right key, passes…
        verifyEnvelope(forged, other.publicKey);
        // …and the node's key, which the header does not name, is refused before any maths.
        rejects('bad-signature', () => verifyEnvelope(forged, node.publicKey));
      });

      test('opened with the wrong recipient key: undecryptable', () => {
        rejects('undecryptable', () => openEnvelope(parsed, generateBoxKeyPair().privateKey));
        rejects('undecryptable', () => openEnvelope(parsed, new Uint8Array(5)));
      });

      test('a file ciphertext cannot be passed off as a batch (info binds the kind)', () => {
        const file = handmade({ kind: 'file', sha256: sha256Hex(utf8('x')) }, deflateSync(utf8('x')));
        const p = parseEnvelope(file);
        const relabelled = { ...p, header: { ...p.header, kind: 'batch' as const } };
        rejects('undecryptable', () => openEnvelope(relabelled, hub.privateKey));
      });
    });

    describe('parse refuses', () => {
      const bytes = seal();

      test('truncated bytes, at every kind of boundary: malformed', () => {
        for (const length of [0, 3, 7, 8, 20, bytes.length - 65, bytes.length - 64, bytes.length - 1]) {
          rejects('malformed', () => parseEnvelope(bytes.subarray(0, length)));
        }
      });

      test('trailing bytes: malformed', () => {
        rejects('malformed', () => parseEnvelope(concatBytes(bytes, new Uint8Array([0]))));
      });

      test('a wrong magic: malformed', () => {
        rejects('malformed', () => parseEnvelope(flip(bytes, 0)));
      });

      test('a header that is not JSON, or not an object: malformed', () => {
        const junk = (header: Uint8Array) => concatBytes(utf8('TDE1'), u32be(header.length), header, u32be(0));
        rejects('malformed', () => parseEnvelope(junk(utf8('{not json'))));
        rejects('malformed', () => parseEnvelope(junk(utf8('[1]'))));
        rejects('malformed', () => parseEnvelope(junk(new Uint8Array([0xff, 0xfe]))));
      });

      test('a declared header length beyond the bytes: malformed', () => {
        const bad = bytes.slice();
        bad.set(u32be(0xffff), 4);
        rejects('malformed', () => parseEnvelope(bad));
      });

      test('an oversized declared ciphertext length: too-large, before anything else is read', () => {
        // Only the frame up to the length field is present: the size alone condemns it.
        const huge = handmade({ kind: 'registration' }, deflateSync(utf8('x')), MAX_ENVELOPE_BYTES.registration);
        rejects('too-large', () => parseEnvelope(huge));
        const batch = handmade({ kind: 'batch', first: 1, last: 1, prev: '' }, deflateSync(utf8('x')), 0xfffffff0);
        rejects('too-large', () => parseEnvelope(batch));
      });

      test('bytes longer than any envelope may be: too-large', () => {
        rejects('too-large', () => parseEnvelope(new Uint8Array(MAX_ENVELOPE_BYTES.file + 1)));
      });

      test('an unknown suite: unsupported-suite', () => {
        const other = handmade(
          { kind: 'batch', first: 1, last: 1, prev: '', suite: 'SM2-SM3-SM4' },
          deflateSync(utf8('x')),
        );
        rejects('unsupported-suite', () => parseEnvelope(other));
      });

      test('another version: unsupported-version', () => {
        const v2 = handmade({ kind: 'batch', first: 1, last: 1, prev: '', v: 2 }, deflateSync(utf8('x')));
        rejects('unsupported-version', () => parseEnvelope(v2));
      });

      test('header fields that are wrong: malformed, naming the field', () => {
        const x = deflateSync(utf8('x'));
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ kind: 'telegram' }, /kind/],
          [{ kind: 'batch', first: 1, last: 1, prev: '', extra: 1 }, /extra|无效/],
          [{ kind: 'batch', first: -1, last: 1, prev: '' }, /first/],
          [{ kind: 'batch', first: 1.5, last: 2, prev: '' }, /first/],
          [{ kind: 'batch', first: 3, last: 2, prev: '' }, /last/],
          [{ kind: 'batch', first: 1, last: 2 }, /prev/],
          [{ kind: 'batch', first: 1, last: 2, prev: 'abc' }, /prev/],
          [{ kind: 'file' }, /sha256/],
          [{ kind: 'down', recipient: 'XYZ' }, /recipient/],
          [{ kind: 'down', enc: 'AAAA' }, /enc/],
          [{ kind: 'down', created: 'yesterday' }, /created/],
          [{ kind: 'down', node: '' }, /node/],
        ];
        for (const [fields, field] of cases) {
          assert.throws(
            () => parseEnvelope(handmade(fields, x)),
            (error: unknown) =>
              error instanceof EnvelopeError && error.code === 'malformed' && field.test(error.message),
            JSON.stringify(fields),
          );
        }
      });
    });

    describe('open refuses', () => {
      test('a payload that is not a deflate stream: malformed', () => {
        const p = parseEnvelope(handmade({ kind: 'down' }, utf8('this is not deflate data at all')));
        verifyEnvelope(p, node.publicKey);
        rejects('malformed', () => openEnvelope(p, hub.privateKey));
      });

      test('a truncated deflate stream: malformed', () => {
        const full = deflateSync(new Uint8Array(100_000).map((_, i) => (i * 7919) & 0xff));
        const p = parseEnvelope(handmade({ kind: 'down' }, full.subarray(0, full.length >> 1)));
        rejects('malformed', () => openEnvelope(p, hub.privateKey));
      });

      test('a deflate bomb beyond 64 MiB: too-large', () => {
        const bomb = deflateSync(new Uint8Array(65 * 1024 * 1024), { level: 9 });
        assert.ok(bomb.length < 128 * 1024, 'the bomb itself is small');
        const p = parseEnvelope(handmade({ kind: 'down' }, bomb));
        verifyEnvelope(p, node.publicKey);
        rejects('too-large', () => openEnvelope(p, hub.privateKey));
      });
    });

    describe('seal refuses', () => {
      test('a header missing what its kind needs: malformed', () => {
        rejects('malformed', () => seal({ kind: 'batch', node: 'node-1', first: 1, last: 2 }));
        rejects('malformed', () => seal({ kind: 'file', node: 'node-1' }));
      });

      test('a result larger than its kind allows: too-large', () => {
        // Random bytes do not compress, so 70 KiB of them cannot fit a 64 KiB registration.
        const noise = concatBytes(randomBytes(35 * 1024), randomBytes(35 * 1024));
        rejects('too-large', () => seal(HEADERS.registration, noise));
      });
    });
  });
}

describe('container', () => {
  const { hub, seal } = suiteKit(SUITE_INTERNATIONAL);
  test('packs and unpacks envelopes in order', () => {
    const envelopes = [seal(), seal(HEADERS.file, utf8('scan')), seal(HEADERS.down)];
    const file = packContainer(envelopes);
    assert.equal(fromUtf8(file.subarray(0, 4)), 'TDF1');
    const back = unpackContainer(file);
    assert.equal(back.length, 3);
    back.forEach((e, i) => assert.deepEqual(e, envelopes[i]));
    assert.deepEqual(openEnvelope(parseEnvelope(back[1]!), hub.privateKey), utf8('scan'));
  });

  test('an empty container', () => {
    const file = packContainer([]);
    assert.equal(file.length, 8);
    assert.deepEqual(unpackContainer(file), []);
  });

  test('a truncated container: malformed', () => {
    const file = packContainer([seal(), seal()]);
    for (const length of [0, 3, 7, 9, 12, file.length - 1]) {
      rejects('malformed', () => unpackContainer(file.subarray(0, length)));
    }
  });

  test('trailing bytes, a wrong magic, an impossible count: malformed', () => {
    const file = packContainer([seal()]);
    rejects('malformed', () => unpackContainer(concatBytes(file, new Uint8Array([1]))));
    rejects('malformed', () => unpackContainer(flip(file, 0)));
    const lying = file.slice();
    lying.set(u32be(0xffffffff), 4);
    rejects('malformed', () => unpackContainer(lying));
  });
});

describe('what the suite decides', () => {
  const intl = suiteKit(SUITE_INTERNATIONAL);
  const gm = suiteKit(SUITE_GUOMI);

  test('国密: the envelope hash (the next batch’s prev) is SM3, key ids are SM3 of the 65-byte SM2 key', () => {
    const bytes = gm.seal();
    const parsed = parseEnvelope(bytes);
    assert.equal(parsed.hash, sm3Hex(bytes));
    assert.notEqual(parsed.hash, sha256Hex(bytes));
    assert.equal(gm.hub.publicKey.length, 65);
    assert.equal(gm.hub.publicKey[0], 0x04);
    assert.equal(parsed.header.recipient, sm3Hex(gm.hub.publicKey).slice(0, 16));
    assert.equal(parsed.header.signer, sm3Hex(gm.node.publicKey).slice(0, 16));
    // enc: the SM2 ciphertext C1 (65) ‖ C3 (32) ‖ C2 of the 16-byte SM4 key and 12-byte nonce.
    const enc = fromBase64Url(parsed.header.enc);
    assert.equal(enc.length, 125);
    assert.equal(enc[0], 0x04);
    assert.equal(parsed.signature.length, 64);
  });

  test('international: SHA-256 and 32-byte HPKE enc, as before the 国密 suite', () => {
    const bytes = intl.seal();
    const parsed = parseEnvelope(bytes);
    assert.equal(parsed.header.suite, SUITE_ID);
    assert.equal(parsed.hash, sha256Hex(bytes));
    assert.equal(parsed.header.signer, sha256Hex(intl.node.publicKey).slice(0, 16));
    assert.equal(fromBase64Url(parsed.header.enc).length, 32);
  });

  test('an envelope of the other suite is refused for a node of this one: unsupported-suite', () => {
    rejects('unsupported-suite', () => requireSuite(parseEnvelope(intl.seal()), SUITE_GUOMI));
    rejects('unsupported-suite', () => requireSuite(parseEnvelope(gm.seal()), SUITE_INTERNATIONAL));
    requireSuite(parseEnvelope(gm.seal()), SUITE_GUOMI);
  });

  test('a header that claims the other suite: refused at parse (enc does not fit) or by signature', () => {
    // A 国密 envelope relabelled as international: its 125-byte enc is not an HPKE enc.
    const relabelled = gm.handmade({ kind: 'down', suite: SUITE_INTERNATIONAL }, deflateSync(utf8('x')));
    assert.throws(
      () => parseEnvelope(relabelled),
      (error: unknown) => error instanceof EnvelopeError && error.code === 'malformed' && /enc/.test(error.message),
    );
    // The other way round the enc is 32 bytes where 125 are due.
    const back = intl.handmade({ kind: 'down', suite: SUITE_GUOMI }, deflateSync(utf8('x')));
    rejects('malformed', () => parseEnvelope(back));
  });

  test('keys of the other suite: an SM2 signature does not verify as Ed25519 and the seal refuses a foreign key', () => {
    const parsed = parseEnvelope(gm.seal());
    rejects('bad-signature', () => verifyEnvelope(parsed, intl.node.publicKey));
    rejects('undecryptable', () => openEnvelope(parsed, intl.hub.privateKey));
    rejects('malformed', () =>
      sealEnvelope({
        suite: SUITE_GUOMI,
        header: HEADERS.down,
        plaintext: utf8('x'),
        recipientPublicKey: intl.hub.publicKey,
        signer: gm.node,
      }),
    );
    rejects('malformed', () =>
      sealEnvelope({
        suite: SUITE_INTERNATIONAL,
        header: HEADERS.down,
        plaintext: utf8('x'),
        recipientPublicKey: gm.hub.publicKey,
        signer: intl.node,
      }),
    );
  });

  test('国密: an SM2 public key off the curve is refused as a recipient', () => {
    const offCurve = gm.hub.publicKey.slice();
    offCurve[64] = offCurve[64]! ^ 1;
    rejects('malformed', () =>
      sealEnvelope({
        suite: SUITE_GUOMI,
        header: HEADERS.down,
        plaintext: utf8('x'),
        recipientPublicKey: offCurve,
        signer: gm.node,
      }),
    );
  });
});
