import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskIdNumber, maskPhone } from '../../shared/residents/masking';

test('an ID number shows its first 4 and last 4 characters only', () => {
  assert.equal(maskIdNumber('410102199003071234'), '4101**********1234');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
});

test('short document numbers keep their ends', () => {
  assert.equal(maskIdNumber('E1234567'), 'E******7');
  assert.equal(maskIdNumber('AB'), '**');
});

test('a phone shows its first 3 and last 4 digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('0371-12345678'), '037******5678');
  assert.equal(maskPhone(''), '');
});
