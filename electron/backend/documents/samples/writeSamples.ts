// npm run docs:samples -- <folder>: writes one PDF per sample document type.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadFonts } from '../fonts';
import { renderPdf } from '../render';
import { SAMPLE_ISSUE, SAMPLES } from './index';

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('用法：npm run docs:samples -- <文件夹>');
    process.exitCode = 2;
    return;
  }
  await mkdir(folder, { recursive: true });
  const fonts = await loadFonts();
  for (const { definition, record } of SAMPLES) {
    const start = performance.now();
    const pdf = await renderPdf(definition, record as never, { ...SAMPLE_ISSUE, fonts });
    const file = path.join(folder, `${definition.type}.pdf`);
    await writeFile(file, pdf);
    console.log(`${file}  ${(pdf.byteLength / 1024).toFixed(0)} KB  ${(performance.now() - start).toFixed(0)} ms`);
  }
}

await main();
