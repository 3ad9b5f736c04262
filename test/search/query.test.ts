// How the one search box reads what it was given, as a clerk types it or a scanner sends it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeVerificationCode } from '../../shared/documents/verificationCode';
import { signDocumentFacts, verificationLink } from '../../shared/documents/verificationLink';
import { toBase64Url } from '../../shared/sync/bytes';
import { codeFromLink, normalizeSearchText, parseSearchQuery, type SearchIntent } from '../../shared/search/query';

function intents(query: string): SearchIntent[] {
  const parsed = parseSearchQuery(query);
  assert.ok(parsed.ok, `${query}: ${parsed.ok ? '' : parsed.message}`);
  return parsed.intents;
}

const code = makeVerificationCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));

test('full-width input, every dash and ideographic spaces are made plain', () => {
  assert.equal(normalizeSearchText('　ＳＬ－２０２６—０００３０６　'), 'SL-2026-000306');
  assert.equal(normalizeSearchText('张  三'), '张 三');
  assert.equal(normalizeSearchText('（２０２６）青调字第１２号'), '(2026)青调字第12号');
});

test('a 受理编号 in any spelling is one exact number', () => {
  for (const typed of [
    'SL-2026-000306',
    'sl-2026-000306',
    'SL2026000306',
    'ＳＬ－２０２６－０００３０６',
    'SL-2026-306',
    '2026-306',
    'SL—2026—306',
  ]) {
    assert.deepEqual(intents(typed), [{ kind: 'caseNumber', number: 'SL-2026-000306' }], typed);
  }
});

test('a tail of up to six digits is a sequence; from four digits it is an ID or phone tail as well', () => {
  assert.deepEqual(intents('306'), [{ kind: 'tail', sequence: 306 }]);
  const six = intents('000306');
  assert.deepEqual(six[0], { kind: 'tail', sequence: 306 });
  assert.equal(six[1]?.kind, 'person');
  assert.deepEqual(
    intents('12345678901').map((i) => i.kind),
    ['person'],
    'a phone is no sequence',
  );
});

test('调解案号 and 信访编号 with either kind of brackets', () => {
  assert.deepEqual(intents('（2026）青调字第12号'), [
    { kind: 'disputeNumber', year: 2026, sequence: 12, prefix: '青调' },
  ]);
  assert.deepEqual(intents('(2026)青调12'), [{ kind: 'disputeNumber', year: 2026, sequence: 12, prefix: '青调' }]);
  assert.deepEqual(intents('（2026）第12号'), [{ kind: 'disputeNumber', year: 2026, sequence: 12, prefix: '' }]);
  for (const typed of ['青信〔2026〕12号', '青信[2026]12', '青信（2026）第12号']) {
    assert.deepEqual(intents(typed), [{ kind: 'petitionNumber', year: 2026, sequence: 12 }], typed);
  }
});

test('a verification code typed in any case, with or without dashes, full-width too', () => {
  for (const typed of [code, code.toLowerCase(), code.replace(/-/g, ''), toFullWidth(code)]) {
    assert.deepEqual(intents(typed), [{ kind: 'code', code }], typed);
  }
});

test('a scanned link: `code=`, the bare `c=` and the signed token `v=` all give the code', () => {
  assert.equal(codeFromLink(`https://county.example.cn/verify?code=${code}&sig=x`), code);
  assert.equal(
    codeFromLink(verificationLink('https://county.example.cn/verify', { code: code.replace(/-/g, '') })),
    code.replace(/-/g, ''),
  );
  // The facts of a signed token are read for the code only; the archive, not the signature, answers here.
  const token = signDocumentFacts(
    {
      code,
      kind: '受理回执',
      number: 'SL-2026-000306',
      issuedOn: '2026-11-02',
      holder: '欧*锋',
      digest: toBase64Url(new Uint8Array(16)),
    },
    { keyId: '0011223344556677', sign: () => new Uint8Array(64) },
  );
  assert.deepEqual(intents(verificationLink('https://county.example.cn/verify', { token })), [{ kind: 'code', code }]);
  assert.equal(codeFromLink('张三'), null, 'no link');
  assert.deepEqual(intents(`https://county.example.cn/verify?code=${encodeURIComponent(code)}`), [
    { kind: 'code', code },
  ]);
  const missing = parseSearchQuery('https://county.example.cn/verify?sig=x');
  assert.ok(!missing.ok);
  assert.match(missing.message, /链接中没有有效的核验码/);
});

test('names, initials and ID tails are a person, as the resident search reads them', () => {
  assert.deepEqual(intents('欧阳锋'), [{ kind: 'person', terms: [{ kind: 'name', text: '欧阳锋' }] }]);
  assert.deepEqual(intents('ＯＹＦ'), [{ kind: 'person', terms: [{ kind: 'letters', text: 'oyf' }] }]);
  assert.deepEqual(intents('张 1234'), [
    {
      kind: 'person',
      terms: [
        { kind: 'name', text: '张' },
        { kind: 'digits', text: '1234' },
      ],
    },
  ]);
  const empty = parseSearchQuery('  ');
  assert.ok(!empty.ok);
});

function toFullWidth(text: string): string {
  return [...text].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}
