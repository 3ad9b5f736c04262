import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IssuedDocument } from '../../shared/documents/api';
import { loadFonts } from '../../electron/backend/documents/fonts';
import { renderPdf } from '../../electron/backend/documents/render';
import { sampleAgreement, sampleReceiptSlip, sampleResidentList } from '../../electron/backend/documents/samples';
import { issueTestDocument } from '../support/documents';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('issuing, previewing and printing documents', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let clerk2: TestClient;
  let scratch: string;

  before(async () => {
    ({ hall, admin } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    clerk2 = await signedInAs(hall, admin, 'clerk2', ['counterClerk']);
    scratch = await mkdtemp(path.join(os.tmpdir(), 'township-print-'));
  });
  after(async () => {
    await hall.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const printed = (client: TestClient, documentId: string, printId: string) =>
    client.ok('documents.recordPrintOutcome', { documentId, printId, outcome: 'printed' });
  const issue = (options: Parameters<typeof issueTestDocument>[1] = {}) =>
    issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir }, { at: hall.clock.now(), ...options });
  const archived = (doc: IssuedDocument) =>
    readFile(path.join(hall.dataDir, 'documents', doc.issuedAt.slice(0, 4), doc.issuedAt.slice(5, 7), `${doc.id}.pdf`));
  /** A link is opened by the session that asked for it (its cookie rides along, as in a browser). */
  const fetchFile = (fileUrl: string, client = clerk) => client.fetchFile(fileUrl);
  const fileBytes = async (fileUrl: string, client = clerk) => {
    const response = await fetchFile(fileUrl, client);
    assert.equal(response.status, 200, await response.clone().text());
    return Buffer.from(await response.arrayBuffer());
  };
  const pdfInfo = async (bytes: Uint8Array) => {
    const file = path.join(scratch, `${sha256(bytes)}.pdf`);
    await writeFile(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]), file };
  };

  test('the first print is the archived file itself; its paper is the slip’s own', async () => {
    const doc = await issue();
    assert.equal(doc.paper.pageSize, 'receipt80');
    assert.equal(doc.paper.widthMm, 80);
    assert.ok(doc.paper.heightMm > 80 && doc.paper.heightMm < 297, `slip length ${doc.paper.heightMm} mm`);
    assert.equal(doc.archival, false);

    const print = await clerk.ok('documents.print', { documentId: doc.id, copies: 2 });
    assert.equal(print.reprint, false);
    assert.equal(print.printCount, 0, 'not counted until the paper is known to have come out');
    assert.equal(print.documentType, 'sampleReceiptSlip');
    assert.deepEqual(print.paper, doc.paper);
    const response = await fetchFile(print.fileUrl);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(
      response.headers.get('content-disposition')!,
      /filename\*=UTF-8''%E5%8F%97%E7%90%86%E5%9B%9E%E6%89%A7/,
    );
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(sha256(bytes), doc.sha256);
    const info = await pdfInfo(bytes);
    assert.equal(info.pages, 1);
    assert.ok(Math.abs(info.width - 226.77) < 0.1, `width ${info.width} pt is 80 mm`);
  });

  test('a second print is a 补打 drawn again from the record, and that copy verifies too', async () => {
    const doc = await issue({ issuerName: '孙窗口' });
    const first = await clerk.ok('documents.print', { documentId: doc.id, copies: 1 });
    await printed(clerk, doc.id, first.printId);
    const reprint = await clerk2.ok('documents.print', { documentId: doc.id, copies: 3 });
    assert.equal(reprint.reprint, true);
    assert.equal(reprint.printCount, 1);
    const confirmed = await printed(clerk2, doc.id, reprint.printId);
    assert.deepEqual(confirmed, {
      title: '受理回执',
      copies: 3,
      reprint: true,
      outcome: 'printed',
      outcomeMessage: null,
      printCount: 4,
    });
    const bytes = await fileBytes(reprint.fileUrl, clerk2);
    assert.notEqual(sha256(bytes), doc.sha256);
    // The same record, time and code with the watermark: pdftotext cannot see the diagonal
    // watermark, so compare with the engine's own 补打 rendering (whose pixels samples.test checks).
    const expected = await renderPdf(sampleReceiptSlip, sampleReceiptSlip.sample!(), {
      issuedAt: new Date(doc.issuedAt),
      verificationCode: doc.verificationCode,
      fonts: await loadFonts(),
      watermark: '补打',
    });
    assert.equal(sha256(bytes), sha256(expected));
    assert.equal(
      sha256(await fileBytes(reprint.fileUrl, clerk2)),
      sha256(bytes),
      'fetching again gives the same bytes',
    );

    const verified = await clerk.ok('documents.verify', { sha256: sha256(bytes) });
    assert.equal(verified.status, 'genuine');
    assert.equal(verified.isReprint, true);
    assert.match(verified.message, /补打件/);
    assert.equal(verified.document?.id, doc.id);

    const events = await admin.ok('audit.events', { action: 'print', entityId: doc.id });
    assert.deepEqual(
      events.items.map((e) => [e.actorName, e.summary]),
      [
        ['clerk2同志', '打印《受理回执》3 份（补打）'],
        ['clerk同志', '打印《受理回执》1 份'],
      ],
    );
    const details = await clerk.ok('documents.get', { id: doc.id });
    assert.deepEqual(
      details.prints.map((p) => [p.printedByName, p.copies, p.reprint, p.outcome]),
      [
        ['clerk2同志', 3, true, 'printed'],
        ['clerk同志', 1, false, 'printed'],
      ],
    );
  });

  test('a cancelled, failed or unanswered print does not count: the next one is still the original', async () => {
    const doc = await issue();
    const first = await clerk.ok('documents.print', { documentId: doc.id, copies: 1 });
    const other = await clerk2.call('documents.recordPrintOutcome', {
      documentId: doc.id,
      printId: first.printId,
      outcome: 'cancelled',
    });
    assert.equal(other.status, 403);
    const cancelled = await clerk.ok('documents.recordPrintOutcome', {
      documentId: doc.id,
      printId: first.printId,
      outcome: 'cancelled',
    });
    assert.equal(cancelled.printCount, 0);
    assert.equal(cancelled.outcomeMessage, '已取消打印');
    const again = await clerk.call('documents.recordPrintOutcome', {
      documentId: doc.id,
      printId: first.printId,
      outcome: 'printed',
    });
    assert.equal(again.status, 409, 'an outcome is recorded once');
    const second = await clerk.ok('documents.print', { documentId: doc.id, copies: 1 });
    assert.equal(second.reprint, false);
    assert.equal(sha256(await fileBytes(second.fileUrl)), doc.sha256);
    await clerk.ok('documents.recordPrintOutcome', {
      documentId: doc.id,
      printId: second.printId,
      outcome: 'failed',
      message: '打印机缺纸',
    });
    // Opened and never answered (the tab was closed): pending, not counted.
    const unanswered = await clerk.ok('documents.print', { documentId: doc.id, copies: 2 });
    assert.equal(unanswered.reprint, false);
    const third = await clerk.ok('documents.print', { documentId: doc.id, copies: 1 });
    assert.equal(third.reprint, false, 'still the original: nothing came out yet');
    const wrongDocument = await clerk.call('documents.recordPrintOutcome', {
      documentId: (await issue()).id,
      printId: third.printId,
      outcome: 'printed',
    });
    assert.equal(wrongDocument.status, 404);
    assert.equal((await printed(clerk, doc.id, third.printId)).printCount, 1);
    const next = await clerk.ok('documents.print', { documentId: doc.id, copies: 1 });
    assert.equal(next.reprint, true, 'after the first confirmed print, every print is a 补打');

    const events = await admin.ok('audit.events', { action: 'print', entityId: doc.id });
    assert.deepEqual(
      events.items.map((e) => e.summary),
      ['打印《受理回执》1 份', '《受理回执》1 份打印失败：打印机缺纸', '《受理回执》1 份未打印（已取消）'],
    );
    const details = await clerk.ok('documents.get', { id: doc.id });
    assert.deepEqual(
      details.prints.map((p) => p.outcome),
      ['pending', 'printed', 'pending', 'failed', 'cancelled'],
    );
    assert.equal(details.document.printCount, 1);
    const opened = await admin.ok('audit.events', { action: 'readPersonalData', entityId: doc.id });
    assert.ok(opened.items.some((e) => e.summary === '打开《受理回执》待打印 2 份'));
  });

  test('copies are 1 to 20; an unknown document is named', async () => {
    const doc = await issue();
    const tooMany = await clerk.call('documents.print', { documentId: doc.id, copies: 21 });
    assert.equal(tooMany.status, 400);
    assert.ok(!tooMany.body.ok && tooMany.body.error.fieldErrors!.copies!.startsWith('份数'));
    const missing = await clerk.call('documents.print', {
      documentId: '0192f000-0000-7000-8000-000000000000',
      copies: 1,
    });
    assert.equal(missing.status, 404);
  });

  test('file links are unguessable, bound to their name, and expire after ten minutes', async () => {
    const doc = await issue();
    const { fileUrl } = await clerk.ok('documents.preview', { id: doc.id });
    assert.equal(fileUrl, fileUrl.replace(/[^A-Za-z0-9_/.-]/g, ''), 'nothing in the link needs escaping');
    assert.match(fileUrl, new RegExp(`^/files/[A-Za-z0-9_-]{32}/sampleReceiptSlip-${doc.id}\\.pdf$`));
    assert.equal(sha256(await fileBytes(fileUrl)), doc.sha256);
    const renamed = await fetchFile(fileUrl.replace(/[^/]+$/, 'other.pdf'));
    assert.equal(renamed.status, 404);
    const guessed = await fetchFile(fileUrl.replace(/\/files\/[^/]+/, '/files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    assert.equal(guessed.status, 404);
    assert.match(await guessed.text(), /链接已失效/);
    hall.clock.advanceMinutes(11);
    const expired = await fetchFile(fileUrl);
    assert.equal(expired.status, 404);
    const events = await admin.ok('audit.events', { action: 'readPersonalData', entityId: doc.id });
    assert.match(events.items[0]!.summary, /^查看《受理回执》/);
  });

  test('formal documents are archived as PDF/A-2b on A4, with every page’s size', async () => {
    const agreement = await issue({ definition: sampleAgreement });
    assert.deepEqual(agreement.paper, { pageSize: 'a4Formal', widthMm: 210, heightMm: 297 });
    assert.equal(agreement.archival, true);
    const bytes = await archived(agreement);
    assert.match(bytes.toString('latin1'), /pdfaid:part>2</);
    const list = await issue({ definition: sampleResidentList });
    const info = await pdfInfo(await archived(list));
    assert.equal(list.pageCount, info.pages);
    assert.ok(info.pages > 1);
  });

  test('the archive lists documents newest first, by type, code and local issue date, page by page', async () => {
    const before = (await clerk.ok('documents.list', { limit: 50 })).documents.length;
    const late = await issue({ at: new Date('2026-12-01T15:30:00Z') }); // 1 December, 23:30 in Beijing
    const next = await issue({ at: new Date('2026-12-01T16:30:00Z'), definition: sampleAgreement }); // 2 December, 00:30
    const all = await clerk.ok('documents.list', {});
    assert.equal(all.documents.length, before + 2);
    assert.deepEqual(
      all.documents.slice(0, 2).map((d) => d.id),
      [next.id, late.id],
    );
    const december1 = await clerk.ok('documents.list', { issuedFrom: '2026-12-01', issuedTo: '2026-12-01' });
    assert.deepEqual(
      december1.documents.map((d) => d.id),
      [late.id],
    );
    const byType = await clerk.ok('documents.list', { type: 'sampleAgreement' });
    assert.ok(byType.documents.every((d) => d.type === 'sampleAgreement'));
    const byCode = await clerk.ok('documents.list', { code: late.verificationCode.toLowerCase() });
    assert.deepEqual(
      byCode.documents.map((d) => d.id),
      [late.id],
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await clerk.ok('documents.list', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.documents.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.documents.map((d) => d.id),
    );
  });

  test('every paper the township issues has a test page (样张) on its own paper, each listed once', async () => {
    const { types } = await clerk.ok('documents.types', {});
    // The engine's own specimens (sampleReceiptSlip …) are not papers anyone issues: not listed.
    assert.ok(types.every((t) => !t.type.startsWith('sample')));
    assert.equal(new Set(types.map((t) => `${t.desk} ${t.title} ${t.pageSize}`)).size, types.length);
    assert.deepEqual(
      types.filter((t) => t.title === '受理回执').map((t) => [t.desk, t.pageSize]),
      [
        ['便民服务', 'a5'],
        ['便民服务', 'receipt80'],
      ].sort(),
    );
    assert.deepEqual(types.map((t) => [t.type, t.pageSize, t.hasSample]).sort(), [
      ['counterAcceptanceReceipt', 'a5', true],
      ['counterAcceptanceSlip', 'receipt80', true],
      ['counterMissingMaterialsNotice', 'a4', true],
      ['counterMonthlySummary', 'a4', true],
      ['counterNonAcceptanceNotice', 'a4', true],
      ['counterResultNotice', 'a4', true],
      ['errandAuthorisation', 'a4', true],
      ['errandHandoverList', 'a4', true],
      ['matterStatisticsReport', 'a4', true],
      ['mediationAgreement', 'a4Formal', true],
      ['mediationApplication', 'a4Formal', true],
      ['mediationCaseFile', 'a4Formal', true],
      ['mediationClosingSheet', 'a4Formal', true],
      ['mediationCourtApplication', 'a4Formal', true],
      ['mediationFollowUpRecord', 'a4Formal', true],
      ['mediationInvestigationRecord', 'a4Formal', true],
      ['mediationMonthlyStatistics', 'a4', true],
      ['mediationOralAgreement', 'a4Formal', true],
      ['mediationRefusalNotice', 'a4Formal', true],
      ['mediationRegistrationForm', 'a4Formal', true],
      ['mediationRightsNotice', 'a4Formal', true],
      ['mediationSessionRecord', 'a4Formal', true],
      ['mediationTerminationNotice', 'a4Formal', true],
      ['petitionAcceptanceNotice', 'a4Formal', true],
      ['petitionExtensionNotice', 'a4Formal', true],
      ['petitionMonthlyStatisticsReport', 'a4', true],
      ['petitionNotAcceptedNotice', 'a4Formal', true],
      ['petitionReceptionRota', 'a4', true],
      ['petitionRegistrationForm', 'a4Formal', true],
      ['petitionReply', 'a4Formal', true],
      ['queueTicket', 'receipt80', true],
    ]);
    const slip = await clerk.ok('documents.samplePreview', { type: 'sampleReceiptSlip' });
    assert.equal(slip.paper.widthMm, 80);
    const info = await pdfInfo(await fileBytes(slip.fileUrl));
    assert.ok(Math.abs(info.height - (slip.paper.heightMm * 72) / 25.4) < 0.5);
    const unknown = await clerk.call('documents.samplePreview', { type: 'noSuchType' });
    assert.equal(unknown.status, 400);
    assert.ok(!unknown.body.ok && unknown.body.error.fieldErrors!.type!.includes('noSuchType'));
  });
});
