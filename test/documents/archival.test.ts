import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadFonts } from '../../electron/backend/documents/fonts';
import { renderPdf } from '../../electron/backend/documents/render';
import { SAMPLE_ISSUE, sampleAgreement } from '../../electron/backend/documents/samples';
import { demoAgreement } from '../../electron/backend/documents/samples/demoData';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'township-pdfa-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(tool: string, args: string[]) {
  return spawnSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
}

test('the archive copy of a formal document is PDF/A-2b: identified, sRGB intent, fonts embedded, structurally sound', async () => {
  const fonts = await loadFonts();
  const pdf = await renderPdf(sampleAgreement, demoAgreement(), {
    ...SAMPLE_ISSUE,
    fonts,
    archival: true,
  });
  const file = path.join(tmp, 'agreement-pdfa.pdf');
  writeFileSync(file, pdf);
  const raw = pdf.toString('latin1');
  assert.match(raw, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(raw, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(raw, /\/OutputIntents/);
  assert.match(raw, /\/GTS_PDFA1/);
  assert.match(run('pdfinfo', [file]).stdout, /PDF version:\s+1\.7/);
  const check = run('qpdf', ['--check', file]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const fontsTable = run('pdffonts', [file]).stdout.split('\n').slice(2).filter(Boolean);
  assert.ok(fontsTable.length > 0);
  for (const line of fontsTable) assert.match(line, /\byes\s+yes\s+yes\b/, line);
  const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout.replace(/\s+/g, '');
  assert.ok(text.includes('𠮷祥'));
});
