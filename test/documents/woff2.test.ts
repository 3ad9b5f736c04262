import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as fontkit from 'fontkit';
import { woff2ToTtf } from '../../electron/backend/documents/fonts/woff2';

const ROOT = path.resolve(import.meta.dirname, '../..');

function woff2Files(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.woff2'))
    .sort()
    .map((f) => path.join(folder, f));
}

test('many WOFF2 pieces decoded at once all come out as valid TrueType', async () => {
  const pieces = woff2Files(path.join(ROOT, 'node_modules/@chinese-fonts/lxgwwenkai')).slice(0, 12);
  assert.equal(pieces.length, 12);
  const decoded = await Promise.all(pieces.map((file) => woff2ToTtf(readFileSync(file), ROOT)));
  for (const [index, ttf] of decoded.entries()) {
    assert.doesNotThrow(() => fontkit.create(ttf), pieces[index]);
  }
});
