// The render workers behind the hall: many windows accepting at once all get their receipts —
// numbered without gaps or repeats, archived whole, reading as they should — and a worker that
// hangs or crashes costs the window one clear answer, never a request left hanging.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalogFile } from '../../shared/catalog/catalog';
import type { CaseCommandResult } from '../../shared/counter/casesApi';
import { openBackend } from '../../electron/backend/backend';
import { RENDER_WORKERS_ENV, RenderPool } from '../../electron/backend/documents/renderPool';
import { createHallServer } from '../../electron/hall/httpServer';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { ADMIN, morningOf, signedInAs, startSetUpHall, TestClient, type TestHall } from '../support/testHall';

// The hall of this file draws its papers in two workers, as a host on a 3-core machine would
// (under tsx the backend would otherwise draw them on its own thread).
process.env[RENDER_WORKERS_ENV] = '2';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const promised5 = demoCatalog.items.find((item) => item.code === 'NY-005')!;
const WINDOWS = 15;

/** Counts the papers handed to a pool, to know the receipts came out of the workers. */
let pooled = 0;
const poolRender = RenderPool.prototype.render;
RenderPool.prototype.render = function (this: RenderPool, ...args: Parameters<RenderPool['render']>) {
  pooled++;
  return poolRender.apply(this, args) as never;
} as RenderPool['render'];

describe('fifteen windows accepting at once, papers drawn in the render workers', () => {
  let hall: TestHall;
  let clerks: TestClient[];
  let resident: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = morningOf('2026-09-29');
    await started.admin.ok('catalog.importFile', demoCatalog);
    clerks = [];
    for (let i = 1; i <= WINDOWS; i++) {
      clerks.push(await signedInAs(hall, started.admin, `window${i}`, ['counterClerk']));
    }
    resident = (
      await clerks[0]!.ok('residents.register', {
        name: '欧阳秀英',
        idType: 'residentId',
        idNumber: residentId('19680312', 302),
        ethnicity: '汉族',
        villageId: started.village.id,
        phone: '13903721234',
      })
    ).id;
  });
  after(() => hall?.close());

  test('every window gets its receipt: numbers without gaps or repeats, each paper archived whole and readable', async () => {
    const rounds = 2;
    const answers = await Promise.all(
      clerks.map(async (clerk, i) => {
        const mine: CaseCommandResult[] = [];
        for (let round = 0; round < rounds; round++) {
          mine.push(
            (await clerk.ok('counter.intake', {
              requestId: crypto.randomUUID(),
              residentId: resident,
              itemCode: promised5.code,
              receivedMaterials: promised5.materials.filter((m) => m.required).map((m) => m.name),
              window: `${i + 1}号窗口`,
              decision: 'accept',
              receiptPaper: 'a5',
            })) as CaseCommandResult,
          );
        }
        return mine;
      }),
    );
    const results = answers.flat();
    assert.equal(results.length, WINDOWS * rounds);
    assert.ok(pooled >= results.length, `only ${pooled} papers went to the workers`);
    // Each window pledged its own number (workflow/numbers.ts): receipts are not drawn again inside
    // the write. Without the pledges 14 of the first 15 would be (all expect the same number); a
    // few may be when a window waits for its turn longer than a second on a loaded machine.
    assert.ok(pooled <= results.length + 6, `${pooled - results.length} receipts drawn again inside the write`);

    const numbers = results.map((r) => r.case.caseNumber!).sort();
    assert.equal(new Set(numbers).size, numbers.length, `a number given twice: ${numbers.join(' ')}`);
    const sequences = numbers.map((n) => Number(/(\d+)$/.exec(n)![1])).sort((a, b) => a - b);
    assert.deepEqual(
      sequences,
      sequences.map((_, i) => sequences[0]! + i),
      'the numbers have a gap',
    );

    for (const { case: accepted, document } of results) {
      assert.ok(document, `case ${accepted.caseNumber} has no receipt`);
      const row = await hall.backend.db
        .selectFrom('issued_documents')
        .selectAll()
        .where('id', '=', document.id)
        .executeTakeFirstOrThrow();
      const pdf = await hall.backend.files.read(row.file_path);
      assert.equal(createHash('sha256').update(pdf).digest('hex'), row.sha256);
      assert.equal(row.record_id, accepted.id);
      const text = (await archivedPdfText(hall, document.id)).replace(/\s+/g, '');
      // The receipt carries its own case's number, and the clerk's window.
      assert.ok(text.includes(accepted.caseNumber!), `${accepted.caseNumber} not on its receipt`);
      assert.ok(text.includes(accepted.window), `${accepted.window} not on its receipt`);
    }

    // Files are written before the transaction under a staging name: none is left behind.
    const names = (await readdir(path.join(hall.dataDir, 'documents'), { recursive: true })).map(String);
    assert.deepEqual(
      names.filter((name) => name.endsWith('.staged') || name.endsWith('.partial')),
      [],
    );
    assert.equal(names.filter((name) => name.endsWith('.pdf')).length, results.length);
  });
});

describe('a render worker that hangs or crashes behind the hall', () => {
  const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderPoolFixtureWorker.ts');
  let dataDir: string;
  let close: () => Promise<void>;
  let admin: TestClient;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-render-hall-'));
    const backend = await openBackend({
      dataDir,
      databaseKey: randomBytes(32),
      logError: () => {},
      renderInWorkers: { size: 1, entry: { file: fixture, typescript: true }, jobTimeoutMs: 2_000, log: () => {} },
    });
    const server = createHallServer({ backend, staticDir: null, loopbackOnly: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    admin = new TestClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await admin.ok('system.setupAdministrator', ADMIN);
  });
  after(async () => {
    delete process.env.RENDER_FIXTURE;
    await close?.();
  });

  /** A sample paper (打印样张), the request given at most 30 s: a hang fails the test, not the suite. */
  const samplePreview = () =>
    Promise.race([
      admin.call('documents.samplePreview', { type: 'sampleReceiptSlip' }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('请求 30 秒没有回答')), 30_000).unref()),
    ]);

  test('hung: the window is told within the time limit to try again; crashed: at once; then the paper prints', async () => {
    process.env.RENDER_FIXTURE = 'hang';
    const hung = await samplePreview();
    assert.equal(hung.status, 503);
    assert.ok(!hung.body.ok);
    assert.match(
      hung.body.error.message,
      /出具《受理回执》超过 2 秒没有完成，文书线程已重启；这份文书没有生成，请重试/,
    );

    process.env.RENDER_FIXTURE = 'crash';
    const crashed = await samplePreview();
    assert.equal(crashed.status, 503);
    assert.ok(!crashed.body.ok);
    assert.match(crashed.body.error.message, /文书线程意外退出，这份文书没有生成，请重试/);

    delete process.env.RENDER_FIXTURE;
    const printed = await samplePreview();
    assert.ok(printed.body.ok, JSON.stringify(printed.body));
    const file = await admin.fetchFile(printed.body.result.fileUrl);
    assert.equal(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );
  });
});
