import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_DOC_PATH, renderApiDoc } from '../../build/apiDoc';

test('docs/API.md is generated from the current contract (run: node --import tsx build/apiDoc.ts)', () => {
  assert.equal(readFileSync(API_DOC_PATH, 'utf8'), renderApiDoc());
});
