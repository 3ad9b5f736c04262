import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCharacter, checkResidentIdNumber, normalizeIdNumber } from '../../shared/residents/idNumber';
import { checkIdNumber } from '../../shared/residents/idTypes';

const TODAY = '2026-11-23';

describe('GB 11643-1999 identity numbers', () => {
  test('check character follows ISO 7064 MOD 11-2 (the standard example 11010519491231002X)', () => {
    assert.equal(checkCharacter('11010519491231002'), 'X');
    assert.equal(checkCharacter('44052419800101001'), '3');
  });

  test('a valid number yields birth date and sex from the sequence parity', () => {
    const male = checkResidentIdNumber('440524198001010013', TODAY);
    assert.deepEqual(male, {
      ok: true,
      value: { normalized: '440524198001010013', regionCode: '440524', birthDate: '1980-01-01', sex: 'male' },
    });
    const female = checkResidentIdNumber('11010519491231002x', TODAY);
    assert.ok(female.ok);
    assert.equal(female.value.sex, 'female');
    assert.equal(female.value.normalized, '11010519491231002X');
  });

  test('each kind of mistake is named', () => {
    const cases: Array<[string, string]> = [
      ['4405241980010100', 'length'],
      ['44052419800101001A', 'characters'],
      ['440524198002300014', 'birthDate'],
      ['440524203001010011', 'futureBirthDate'],
      ['440524198001010014', 'checksum'],
      ['040524198001010014', 'region'],
    ];
    for (const [number, problem] of cases) {
      const result = checkResidentIdNumber(number, TODAY);
      assert.equal(result.ok, false, number);
      if (!result.ok) assert.equal(result.problem, problem, number);
    }
  });

  test('the checksum message names the expected character', () => {
    const result = checkResidentIdNumber('440524198001010014', TODAY);
    assert.ok(!result.ok);
    assert.match(result.message, /应为 3/);
  });

  test('spaces and a lower-case x typed by a clerk are normalised', () => {
    assert.equal(normalizeIdNumber(' 440524 19800101 001x '), '44052419800101001X');
  });
});

describe('ID types', () => {
  test('a Hong Kong/Macao/Taiwan permit number is refused as a resident ID, with the fix', () => {
    const first17 = '81000019900101001';
    const permit = first17 + checkCharacter(first17);
    const asResident = checkIdNumber('residentId', permit, TODAY);
    assert.ok(!asResident.ok);
    assert.match(asResident.message, /港澳台居民居住证/);
    const asPermit = checkIdNumber('hmtResidencePermit', permit, TODAY);
    assert.ok(asPermit.ok);
    assert.equal(asPermit.birthDate, '1990-01-01');
  });

  test('passports are checked for shape only and upper-cased', () => {
    const ok = checkIdNumber('passport', 'e12345678', TODAY);
    assert.ok(ok.ok);
    assert.equal(ok.normalized, 'E12345678');
    assert.ok(!checkIdNumber('passport', '12', TODAY).ok);
  });
});
