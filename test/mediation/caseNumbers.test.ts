import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMediationCaseNumber, mediationNumberScope } from '../../shared/mediation/caseNumbers';

test('mediation case numbers read as the Ministry’s forms write them, one run per committee and year', () => {
  assert.equal(formatMediationCaseNumber(2026, '青调', 12), '（2026）青调字第12号');
  assert.equal(formatMediationCaseNumber(2027, '东岗调', 1), '（2027）东岗调字第1号');
  assert.notEqual(mediationNumberScope('a', 2026), mediationNumberScope('b', 2026));
  assert.notEqual(mediationNumberScope('a', 2026), mediationNumberScope('a', 2027));
});
