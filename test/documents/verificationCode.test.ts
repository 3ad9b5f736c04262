import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { checkVerificationCode, makeVerificationCode } from '../../shared/documents/verificationCode';

test('a code is 12 characters in three groups and checks out', () => {
  for (let i = 0; i < 200; i++) {
    const code = makeVerificationCode(randomBytes(11));
    assert.match(code, /^[0-9A-Z*~$=]{4}-[0-9A-Z*~$=]{4}-[0-9A-Z*~$=]{4}$/);
    assert.deepEqual(checkVerificationCode(code), { ok: true, code });
  }
});

test('what people type from paper is forgiven: case, spaces, O for 0, I or L for 1', () => {
  const code = makeVerificationCode(Uint8Array.from([0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  assert.deepEqual(checkVerificationCode(typed), { ok: true, code });
});

test('every single wrong character and every swap of neighbours is caught', () => {
  const code = makeVerificationCode(randomBytes(11)).replace(/-/g, '');
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (let i = 0; i < 11; i++) {
    for (const c of alphabet) {
      if (c === code[i]) continue;
      const wrong = code.slice(0, i) + c + code.slice(i + 1);
      assert.equal(checkVerificationCode(wrong).ok, false, wrong);
    }
    if (code[i] !== code[i + 1] && i + 1 < 11) {
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      assert.equal(checkVerificationCode(swapped).ok, false, swapped);
    }
  }
  const short = checkVerificationCode('ABC');
  assert.ok(!short.ok && short.message.includes('应为 12 位'));
});
