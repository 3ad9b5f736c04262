// Papers drawn in the render workers (electron/backend/documents/renderPool.ts): the same papers
// as on the main thread, every registered paper known to the workers, the refusals of a paper
// (a missing glyph, missing fonts) carried back as what they are, and a worker that crashes or
// hangs costing only its own job — answered, never waited on for ever.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// The backend registers every feature's papers: the set the workers must know.
import '../../electron/backend/backend';
import { ApiFailure } from '../../electron/backend/api/failure';
import { FontSetupError, loadFonts, MissingGlyphError, type FontSet } from '../../electron/backend/documents/fonts';
import { documentTypes, isArchival, type DocumentDefinition } from '../../electron/backend/documents/registry';
import { renderDocument } from '../../electron/backend/documents/render';
import { RenderPool } from '../../electron/backend/documents/renderPool';
import { sampleReceiptSlip } from '../../electron/backend/documents/samples';
import { runPoppler } from '../support/renderedPdf';

const ISSUE = { issuedAt: new Date('2026-11-24T02:30:00Z'), verificationCode: '7K3M-9QX2-HT4C' };
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderPoolFixtureWorker.ts');

/** The worker of the failure tests; RENDER_FIXTURE (crash, exit, hang, or unset) as each new worker starts. */
function fixturePool(jobTimeoutMs = 60_000): RenderPool {
  return new RenderPool({ size: 1, entry: { file: FIXTURE, typescript: true }, jobTimeoutMs, log: () => {} });
}

function assertNotDrawn(error: unknown, pattern: RegExp): true {
  assert.ok(error instanceof ApiFailure, String(error));
  assert.equal(error.error.code, 'UNAVAILABLE');
  assert.match(error.error.message, pattern);
  return true;
}

describe('the render pool', () => {
  let tmp: string;
  let fonts: FontSet;
  const pool = new RenderPool({ size: 2 });
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'township-render-pool-'));
    fonts = await loadFonts();
  });
  after(async () => {
    await pool.close();
    await rm(tmp, { recursive: true, force: true });
  });

  test('the workers know every paper the backend registers (papers.ts lists them all)', async () => {
    assert.deepEqual(await pool.knownTypes(), [...documentTypes.keys()].sort());
  });

  test('every paper with a sample comes out of a worker byte for byte, and word for word, as drawn in-thread', async () => {
    const withSample = [...documentTypes.values()].filter((definition) => definition.sample);
    assert.ok(withSample.length >= 20, `only ${withSample.length} papers with a sample`);
    // All at once, as many windows would: both workers busy, jobs queued behind them.
    const fromWorkers = await Promise.all(
      withSample.map((definition) =>
        pool.render(definition, definition.sample!(), { ...ISSUE, archival: isArchival(definition) }),
      ),
    );
    for (const [i, definition] of withSample.entries()) {
      const inThread = await renderDocument(definition as DocumentDefinition<unknown>, definition.sample!(), {
        ...ISSUE,
        archival: isArchival(definition),
        fonts,
      });
      const worker = fromWorkers[i]!;
      const text = async (pdf: Buffer, name: string) => {
        const file = path.join(tmp, `${definition.type}-${name}.pdf`);
        await writeFile(file, pdf);
        return runPoppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
      };
      const workerText = await text(worker.pdf, 'worker');
      assert.ok(workerText.trim().length > 0, `${definition.type}: no text`);
      assert.equal(workerText, await text(inThread.pdf, 'thread'), definition.type);
      assert.ok(worker.pdf.equals(inThread.pdf), `${definition.type}: the bytes differ`);
      assert.deepEqual(
        { pageCount: worker.pageCount, width: worker.width, height: worker.height },
        { pageCount: inThread.pageCount, width: inThread.width, height: inThread.height },
      );
    }
  });

  test('a character no font has is refused from a worker as in-thread: MissingGlyphError naming the field', async () => {
    const record = { ...sampleReceiptSlip.sample!(), residentName: '刘\u{F0001}' };
    await assert.rejects(pool.render(sampleReceiptSlip, record, ISSUE), (error: unknown) => {
      assert.ok(error instanceof MissingGlyphError, String(error));
      assert.equal(error.char, '\u{F0001}');
      assert.match(error.message, /U\+F0001/);
      return true;
    });
  });

  test('fonts that cannot be found fail the paper with FontSetupError at once, and the next paper too', async () => {
    const broken = new RenderPool({ size: 1, fonts: { fontsDir: path.join(tmp, 'no-fonts-here') }, log: () => {} });
    try {
      for (let i = 0; i < 2; i++) {
        await assert.rejects(broken.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE), (error: unknown) => {
          assert.ok(error instanceof FontSetupError, String(error));
          assert.match(error.message, /no-fonts-here/);
          return true;
        });
      }
    } finally {
      await broken.close();
    }
  });

  test('a worker that crashes fails its paper with a clear answer; the next paper gets a new worker', async () => {
    const crashing = fixturePool();
    try {
      for (const mode of ['crash', 'exit']) {
        process.env.RENDER_FIXTURE = mode;
        await assert.rejects(crashing.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE), (error) =>
          assertNotDrawn(error, /出具《受理回执》的文书线程意外退出，这份文书没有生成，请重试/),
        );
      }
      delete process.env.RENDER_FIXTURE;
      const rendered = await crashing.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE);
      assert.equal(rendered.pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(crashing.started, 3);
    } finally {
      delete process.env.RENDER_FIXTURE;
      await crashing.close();
    }
  });

  test('a worker that hangs is stopped after the time limit: its paper fails, the one queued behind it is drawn', async () => {
    const hanging = fixturePool(1_500);
    try {
      process.env.RENDER_FIXTURE = 'hang';
      const stuck = hanging.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE);
      // Queued behind the stuck one: the worker that replaces it (a real one) draws it.
      const behind = hanging.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE);
      const started = performance.now();
      await assert.rejects(stuck, (error) => assertNotDrawn(error, /超过 1\.5 秒没有完成/));
      assert.ok(performance.now() - started < 30_000);
      delete process.env.RENDER_FIXTURE;
      assert.equal((await behind).pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      delete process.env.RENDER_FIXTURE;
      await hanging.close();
    }
  });

  test('closing the pool fails the papers still waiting and every later one', async () => {
    const closing = fixturePool();
    process.env.RENDER_FIXTURE = 'hang';
    try {
      const waiting = assert.rejects(closing.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE), (error) =>
        assertNotDrawn(error, /正在关闭/),
      );
      await closing.knownTypes();
      await closing.close();
      await waiting;
      await assert.rejects(closing.render(sampleReceiptSlip, sampleReceiptSlip.sample!(), ISSUE), (error) =>
        assertNotDrawn(error, /已关闭/),
      );
    } finally {
      delete process.env.RENDER_FIXTURE;
    }
  });
});
