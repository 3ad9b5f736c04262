import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeVerificationCode } from '../../shared/documents/verificationCode';
import {
  contentDigest,
  factsLine,
  maskHolderName,
  parseVerificationInput,
  readVerificationToken,
  signDocumentFacts,
  verificationBaseUrl,
  verificationLink,
  type DocumentFacts,
  type FactsSigner,
} from '../../shared/documents/verificationLink';
import { fromBase64Url, sha256Bytes, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { generateSigningKeyPair, keyId, sign } from '../../shared/sync/keys';
import { qrModules } from '../../electron/backend/documents/qrCode';

const township = generateSigningKeyPair();
const signer: FactsSigner = {
  keyId: keyId(township.publicKey),
  sign: (message) => sign(township.privateKey, message),
};
const facts: DocumentFacts = {
  code: makeVerificationCode(Uint8Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])),
  kind: '受理回执',
  number: 'SL-2026-000306',
  issuedOn: '2026-09-29',
  holder: maskHolderName('张小三'),
  digest: contentDigest(sha256Bytes(utf8('{"caseNumber":"SL-2026-000306"}'))),
};

test('signed facts round-trip: the link names them and the township’s public key confirms them', () => {
  const token = signDocumentFacts(facts, signer);
  const link = verificationLink('https://county.example.gov.cn:4790/verify', { token });
  assert.equal(link, `https://county.example.gov.cn:4790/verify?v=${token}`);
  const parsed = parseVerificationInput(link);
  assert.deepEqual(parsed, { token });
  const read = readVerificationToken(token);
  assert.ok(read.ok);
  assert.deepEqual(read.token.facts, facts);
  assert.equal(read.token.keyId, signer.keyId);
  assert.equal(read.token.signedBy(township.publicKey), true);
  assert.equal(read.token.signedBy(generateSigningKeyPair().publicKey), false, 'another township’s key');
  assert.equal(factsLine(read.token.facts), '受理回执 SL-2026-000306 2026-09-29 张*三');
});

test('any changed fact, digest or key id is refused by the signature check', () => {
  const bytes = fromBase64Url(signDocumentFacts(facts, signer));
  const tamperedFacts: Array<[string, DocumentFacts]> = [
    ['number', { ...facts, number: 'SL-2026-000307' }],
    ['holder', { ...facts, holder: '李*四' }],
    ['date', { ...facts, issuedOn: '2026-09-30' }],
    ['kind', { ...facts, kind: '办结通知书' }],
    ['digest', { ...facts, digest: contentDigest(sha256Bytes(utf8('other record'))) }],
  ];
  // The same signature over other facts: as a forger who edits the link would have it.
  const signature = bytes.slice(9, 73);
  for (const [what, changed] of tamperedFacts) {
    const forged = signDocumentFacts(changed, { keyId: signer.keyId, sign: () => signature });
    const read = readVerificationToken(forged);
    assert.ok(read.ok, what);
    assert.equal(read.token.signedBy(township.publicKey), false, what);
  }
  // One flipped byte anywhere after the version byte.
  for (const at of [1, 20, 80, 100, bytes.length - 1]) {
    const flipped = bytes.slice();
    flipped[at] = flipped[at]! ^ 0x01;
    const read = readVerificationToken(toBase64Url(flipped));
    assert.ok(!read.ok || !read.token.signedBy(township.publicKey), `byte ${at}`);
  }
  assert.ok(!readVerificationToken('not a token').ok);
  assert.ok(!readVerificationToken(toBase64Url(bytes.slice(0, 60))).ok);
});

test('the link fits a 20 mm QR code: a few hundred characters, a QR version a phone reads at that size', () => {
  const link = verificationLink('https://county-hub.example.gov.cn:4790/verify', {
    token: signDocumentFacts(
      { ...facts, kind: '信访事项不予受理告知书', number: '青信〔2026〕1234号', holder: '欧**娜' },
      signer,
    ),
  });
  assert.ok(link.length < 300, `${link.length} characters`);
  const modules = qrModules(link).length;
  // Version 13 is 69 modules: 0.27 mm a module on 20 mm with the quiet zone, as phones read.
  assert.ok(modules <= 69, `${modules} modules`);
});

test('names are masked but for their first and last character', () => {
  assert.equal(maskHolderName('张三'), '张*');
  assert.equal(maskHolderName('张小三'), '张*三');
  assert.equal(maskHolderName('欧阳娜娜'), '欧**娜');
  assert.equal(maskHolderName('𠮷'), '𠮷');
  assert.equal(maskHolderName('𠮷野家'), '𠮷*家', 'a rare character is one character');
  assert.equal(maskHolderName(''), '');
});

test('what a verify box is given: a whole link, a bare token, a code-only link or a code', () => {
  const token = signDocumentFacts(facts, signer);
  assert.deepEqual(parseVerificationInput(`  https://hub/verify?x=1&v=${token}\n`), { token });
  assert.deepEqual(parseVerificationInput(token), { token });
  assert.deepEqual(parseVerificationInput('https://hub/verify?c=7K3M-9QX2-HT4C'), { code: '7K3M-9QX2-HT4C' });
  assert.deepEqual(parseVerificationInput('７Ｋ３Ｍ－９ＱＸ２'), { code: '７Ｋ３Ｍ－９ＱＸ２' });
  assert.equal(parseVerificationInput('  '), null);
  assert.equal(verificationLink('https://hub/verify?lang=zh', { code: 'AB' }), 'https://hub/verify?lang=zh&c=AB');
});

test('the base address is an http(s) address without a fragment, or nothing', () => {
  assert.equal(verificationBaseUrl.parse(' https://hub.example:4790/verify '), 'https://hub.example:4790/verify');
  assert.equal(verificationBaseUrl.parse(''), '');
  for (const wrong of ['hub.example/verify', 'ftp://hub/verify', 'javascript:alert(1)', 'https://hub/verify#x']) {
    const result = verificationBaseUrl.safeParse(wrong);
    assert.ok(!result.success, wrong);
    // Named with its field by the API's error mapping: 核验网址：应为以 http:// …
    assert.match(result.error.issues[0]!.message, /^(应为以 http|不能含有)/);
  }
  assert.ok(!verificationBaseUrl.safeParse(`https://hub/${'a'.repeat(130)}`).success);
});
