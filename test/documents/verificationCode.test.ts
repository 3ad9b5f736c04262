import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  checkVerificationCode,
  makeVerificationCode,
  normalizeVerificationCode,
} from '../../shared/documents/verificationCode';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

test('a code is 12 letters and digits in three groups, the check character too, and checks out', () => {
  for (let i = 0; i < 2000; i++) {
    const code = makeVerificationCode(randomBytes(11));
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.deepEqual(checkVerificationCode(code), { ok: true, code, scheme: 'current' });
  }
});

test('every one of the 32 check characters occurs, and none is punctuation', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 3000 && seen.size < 32; i++) seen.add(makeVerificationCode(randomBytes(11)).at(-1)!);
  assert.deepEqual([...seen].sort().join(''), ALPHABET);
});

test('what people type from paper is forgiven: case, spaces, O for 0, I or L for 1', () => {
  const code = makeVerificationCode(Uint8Array.from([0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  assert.deepEqual(checkVerificationCode(typed), { ok: true, code, scheme: 'current' });
});

test('full-width input from a Chinese input method is the same code', () => {
  const code = makeVerificationCode(randomBytes(11));
  // ７Ｋ３Ｍ－９ＱＸ２－ＨＴ４Ｃ: every ASCII character moved to its full-width form (U+FF01…).
  const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  assert.notEqual(fullWidth, code);
  assert.equal(normalizeVerificationCode(fullWidth), code.replace(/-/g, ''));
  assert.deepEqual(checkVerificationCode(fullWidth), { ok: true, code, scheme: 'current' });
  // Lower-case full-width, an ideographic space and a long dash.
  const mixed = fullWidth.toLowerCase().replace(/－/g, (_, at: number) => (at < 6 ? '　' : '——'));
  assert.deepEqual(checkVerificationCode(mixed), { ok: true, code, scheme: 'current' });
});

test('every single wrong character and every swap of neighbours is caught by the new check character', () => {
  for (let round = 0; round < 20; round++) {
    const code = makeVerificationCode(randomBytes(11)).replace(/-/g, '');
    for (let i = 0; i < 12; i++) {
      for (const c of ALPHABET) {
        if (c === code[i]) continue;
        const wrong = code.slice(0, i) + c + code.slice(i + 1);
        const checked = checkVerificationCode(wrong);
        // A code that passes only the old mod-37 check is looked up, and refused when not archived.
        assert.ok(!checked.ok || checked.scheme === 'legacy', wrong);
      }
      if (i + 1 < 12 && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        const checked = checkVerificationCode(swapped);
        assert.ok(!checked.ok || checked.scheme === 'legacy', swapped);
      }
    }
  }
  const short = checkVerificationCode('ABC');
  assert.ok(!short.ok && short.message.includes('应为 12 位'));
});

test('codes issued before the change, with a punctuation check symbol, are still accepted as legacy codes', () => {
  // Made with the old mod-37 rule: body 0112 3456 789 → check symbol from 0-9A-Z*~$=U.
  const legacy = (body: string) => {
    let value = 0;
    for (const c of body) value = (value * 32 + ALPHABET.indexOf(c)) % 37;
    const plain = body + (ALPHABET + '*~$=U')[value]!;
    return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
  };
  let punctuated = 0;
  for (let i = 0; i < 400; i++) {
    const body = [...randomBytes(11)].map((b) => ALPHABET[b % 32]).join('');
    const code = legacy(body);
    const checked = checkVerificationCode(code);
    assert.ok(checked.ok, code);
    if (/[*~$=]$/.test(code)) {
      punctuated++;
      assert.equal(checked.scheme, 'legacy');
    }
  }
  assert.ok(punctuated > 0);
});
