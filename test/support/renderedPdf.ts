// Papers rendered to real files and read back with poppler, for the document tests of each
// domain: the text (squeezed of layout spaces, in reading and in drawing order), the page count
// and the page size.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadFonts, type FontSet } from '../../electron/backend/documents/fonts';
import { isArchival, type DocumentDefinition } from '../../electron/backend/documents/registry';
import { renderPdf } from '../../electron/backend/documents/render';

export function runPoppler(tool: string, args: string[]): string {
  const result = spawnSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

export const squeeze = (value: string) => value.replace(/\s+/g, '');

export function assertIncludes(text: string, expected: string[]): void {
  for (const value of expected) assert.ok(text.includes(squeeze(value)), `missing “${value}” in ${text}`);
}

/** Page sizes in points as pdfinfo prints them. */
export const PAGE_POINTS = {
  a4: { width: '595.28', height: '841.89' },
  a5: { width: '419.53', height: '595.28' },
} as const;

export function assertExcludes(text: string, unexpected: string[]): void {
  for (const value of unexpected) assert.ok(!text.includes(squeeze(value)), `unexpected “${value}” in ${text}`);
}

/** The text without the page numbers, so a paragraph broken across pages reads whole again. */
export function withoutPageNumbers(text: string): string {
  return text.replace(/第\d+页共\d+页/g, '');
}

export interface RenderedPdf {
  file: string;
  /** The text in reading order, without pdftotext's layout spaces and line breaks. */
  text: string;
  /**
   * The text in drawing order (pdftotext -raw), squeezed: a table row is its cells one after
   * the other, each cell's wrapped lines joined, so a whole row can be asserted as one string.
   */
  raw: string;
  pages: number;
  width: number;
  height: number;
}

export function assertA4(pdf: RenderedPdf): void {
  assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, PAGE_POINTS.a4);
}

/** One page's text in reading order, squeezed (its page number included). */
export function pageText(pdf: RenderedPdf, page: number): string {
  return squeeze(runPoppler('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', pdf.file, '-']));
}

/**
 * Registers before/after hooks (fonts, a temp folder) and returns `render`, which draws a
 * record as issuing does (A4/A5 as PDF/A for the archive, slips not) and reads it back.
 */
export function usePdfRenderer(issue: { issuedAt: Date; verificationCode: string }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'township-docs-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  let fonts: FontSet;
  before(async () => {
    fonts = await loadFonts();
  });
  let counter = 0;
  return {
    fonts: () => fonts,
    async render<R>(definition: DocumentDefinition<R>, record: R): Promise<RenderedPdf> {
      const file = path.join(tmp, `${definition.type}-${++counter}.pdf`);
      writeFileSync(file, await renderPdf(definition, record, { ...issue, fonts, archival: isArchival(definition) }));
      const info = runPoppler('pdfinfo', [file]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      return {
        file,
        text: squeeze(runPoppler('pdftotext', ['-enc', 'UTF-8', file, '-'])),
        raw: squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])),
        pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
        width: Number(size[1]),
        height: Number(size[2]),
      };
    },
  };
}
