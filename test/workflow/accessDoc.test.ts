import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ACCESS_DOC, accessDocument } from '../../build/accessDoc';

test('docs/access.md is the table the declarations make (run `npm run docs:access` after changing them)', async () => {
  assert.equal(await readFile(ACCESS_DOC, 'utf8'), await accessDocument());
});
