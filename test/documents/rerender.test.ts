// Papers whose archived files are gone — a township PC rebuilt from the county gets every row
// back but no file — are drawn again from their records when opened: a real receipt slip from the
// counter and a real 信访登记表 from the petition desk, their files deleted, then previewed,
// printed and verified over HTTP, the PDFs read back with pdftotext.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { IssuedDocument } from '../../shared/documents/api';
import { isEncryptedFile } from '../../electron/backend/db/dataFiles';
import { archivedFileText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { squeeze } from '../support/renderedPdf';
import { morningOf, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;
const REBUILT_ON = '2026-12-07';
const NOTE_DATE = '2026年12月7日';

describe('papers re-rendered from their records where the archived files are gone', () => {
  let hall: TestHall;
  let clerk: TestClient;
  let desk: TestClient;
  let resident: string;

  before(async () => {
    // The papers are issued in November and the PC is rebuilt in December: sessions outlive the jump.
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = morningOf('2026-11-23');
    await started.admin.ok('catalog.importFile', demoCatalog);
    clerk = await signedInAs(hall, started.admin, 'clerk', ['counterClerk']);
    desk = await signedInAs(hall, started.admin, 'desk', ['petitionReceptionist']);
    resident = (
      await clerk.ok('residents.register', {
        name: '张小三',
        idType: 'residentId',
        idNumber: residentId('19680312', 302),
        ethnicity: '汉族',
        villageId: started.village.id,
        phone: '13903721234',
      })
    ).id;
  });
  after(() => hall?.close());

  const accept = async (receiptPaper: 'a5' | 'receipt80') => {
    const answer = await clerk.ok('counter.intake', {
      requestId: randomUUID(),
      residentId: resident,
      itemCode: item.code,
      receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
      window: '3号窗口',
      decision: 'accept',
      receiptPaper,
    });
    return { caseId: answer.case.id, caseNumber: answer.case.caseNumber!, document: answer.document! };
  };
  const rowOf = (id: string) =>
    hall.backend.db.selectFrom('issued_documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** What a rebuild leaves: the row, and no file at its path. */
  const loseFile = async (id: string) => {
    const row = await rowOf(id);
    await rm(hall.backend.files.absolute(row.file_path));
    assert.equal(await hall.backend.files.exists(row.file_path), false);
    return row;
  };
  const rerenderEntries = async (id: string) =>
    (
      await hall.backend.db
        .selectFrom('change_log')
        .select('seq')
        .where('entity', '=', 'document')
        .where('entity_id', '=', id)
        .where('op', '=', 'rerender')
        .execute()
    ).length;
  const fileBytes = async (client: TestClient, fileUrl: string) => {
    const response = await client.fetchFile(fileUrl);
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    return Buffer.from(await response.arrayBuffer());
  };
  const textOf = async (id: string) => squeeze(await archivedFileText(hall.backend, (await rowOf(id)).file_path));

  let slip: IssuedDocument;
  let slipCopy: Buffer;

  test('a receipt slip whose file is gone: opening it draws it again once, marked on the paper, the original hash kept', async () => {
    const { caseId, caseNumber, document } = await accept('receipt80');
    slip = document;
    assert.equal(slip.rerenderedAt, null);
    const original = await loseFile(slip.id);

    hall.clock.current = morningOf(REBUILT_ON);
    const preview = await clerk.ok('documents.preview', { id: slip.id });
    assert.equal(preview.rerenderedAt, hall.clock.now().toISOString());
    slipCopy = await fileBytes(clerk, preview.fileUrl);

    // The paper says what it is: the record's content, and the line naming the day and the original.
    const text = await textOf(slip.id);
    for (const expected of ['受理回执', caseNumber, '张小三', slip.verificationCode, item.name])
      assert.ok(text.includes(squeeze(expected)), `${expected} in ${text}`);
    assert.ok(
      text.includes(`本件系${NOTE_DATE}依存档记录重新生成，原件摘要sha256:${original.sha256.slice(0, 16)}…`),
      text,
    );

    // The row: the original's hash and size stay (codes and links check them); the copy's beside them.
    const row = await rowOf(slip.id);
    assert.equal(row.sha256, original.sha256);
    assert.equal(row.size_bytes, original.size_bytes);
    assert.equal(row.rerendered_at, hall.clock.now().toISOString());
    assert.equal(row.rerendered_sha256, sha256(slipCopy));
    assert.equal(row.rerendered_size_bytes, slipCopy.byteLength);
    assert.notEqual(sha256(slipCopy), original.sha256);
    assert.equal(row.verification_link, original.verification_link);
    // Under a name of its own (a backup may hold the original under the old one), encrypted like
    // every paper; the slip is longer by its note, and the printer is told.
    assert.equal(row.file_path, original.file_path.replace(/\.pdf$/, '.rerendered.pdf'));
    assert.ok(isEncryptedFile(await readFile(hall.backend.files.absolute(row.file_path))));
    assert.ok(preview.paper.heightMm > slip.paper.heightMm, `${preview.paper.heightMm} > ${slip.paper.heightMm}`);
    assert.equal(preview.paper.widthMm, 80);
    assert.equal(await rerenderEntries(slip.id), 1);

    // The case's papers and the archive's list say so, for the label.
    const detail = await clerk.ok('counter.get', { caseId });
    assert.equal(detail.documents.find((d) => d.id === slip.id)?.rerenderedAt, row.rerendered_at);
    const listed = await clerk.ok('documents.list', { code: slip.verificationCode });
    assert.equal(listed.documents[0]?.rerenderedAt, row.rerendered_at);

    // The second opening finds the file: nothing drawn or written again, the same bytes.
    hall.clock.advanceMinutes(30);
    const again = await clerk.ok('documents.preview', { id: slip.id });
    assert.equal(again.rerenderedAt, row.rerendered_at);
    assert.deepEqual(await fileBytes(clerk, again.fileUrl), slipCopy);
    assert.equal(await rerenderEntries(slip.id), 1);
    assert.equal((await rowOf(slip.id)).rerendered_at, row.rerendered_at);
  });

  test('verification by code still finds it on the original hash and says the copy on file was re-rendered', async () => {
    const byCode = await clerk.ok('documents.verify', { code: slip.verificationCode });
    assert.equal(byCode.status, 'genuine');
    assert.equal(byCode.document?.sha256, slip.sha256);
    assert.ok(byCode.document?.rerenderedAt);
    assert.match(byCode.message, /^真实有效.*存档原件已丢失，存档文件于 2026-12-07 依存档记录重新生成/);
    // The original file (a resident's download, say) still verifies by its hash.
    const byOriginal = await clerk.ok('documents.verify', { sha256: slip.sha256 });
    assert.equal(byOriginal.status, 'genuine');
    // The re-rendered file is known for what it is, not taken for an altered original.
    const byCopy = await clerk.ok('documents.verify', { sha256: sha256(slipCopy) });
    assert.equal(byCopy.status, 'genuine');
    assert.equal(byCopy.isReprint, false);
    assert.equal(byCopy.document?.id, slip.id);
    assert.match(byCopy.message, /此文件为 2026-12-07 依存档记录重新生成的文件，非原件/);
  });

  test('a 信访登记表 whose file is gone: a preview and two prints at once draw it once; it prints and counts', async () => {
    hall.clock.current = morningOf('2026-11-24');
    const registered = await desk.ok('petitions.register', {
      requestId: randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 1,
      petitioners: [
        { name: '赵𠮷祥', idNumber: residentId('19650312', 31), phone: '13800000001', address: '东岗村一组' },
      ],
      category: 'expropriation',
      matter: '反映2026年村道拓宽占用承包地0.8亩，青苗补偿款至今未发放到户。',
      requests: '要求按县定标准发放青苗补偿款。',
      place: '村道拓宽段',
      departmentConcerned: '镇交通管理站',
    });
    const form = registered.document!;
    const original = await loseFile(form.id);

    hall.clock.current = morningOf(REBUILT_ON);
    const other = hall.client();
    await other.ok('auth.login', { username: 'desk', password: 'Counter2026' });
    const [preview, printA, printB] = await Promise.all([
      desk.ok('documents.preview', { id: form.id }),
      desk.ok('documents.print', { documentId: form.id, copies: 1 }),
      other.ok('documents.print', { documentId: form.id, copies: 1 }),
    ]);
    assert.equal(await rerenderEntries(form.id), 1, 'drawn once for three requests');
    const copy = await fileBytes(desk, preview.fileUrl);
    assert.deepEqual(await fileBytes(desk, printA.fileUrl), copy);
    assert.deepEqual(await fileBytes(other, printB.fileUrl), copy);
    assert.equal(printA.reprint, false);
    // A4 as issued, the same pages: the note sits below the text block, in the margin.
    assert.deepEqual(printA.paper, form.paper);
    assert.equal((await rowOf(form.id)).page_count, original.page_count);

    const text = await textOf(form.id);
    for (const expected of ['信访登记表', registered.petition.number!, '赵𠮷祥', '青苗补偿款至今未发放到户'])
      assert.ok(text.includes(squeeze(expected)), `${expected} in ${text}`);
    assert.ok(
      text.includes(`本件系${NOTE_DATE}依存档记录重新生成，原件摘要sha256:${original.sha256.slice(0, 16)}…`),
      text,
    );
    assert.equal((await rowOf(form.id)).sha256, original.sha256);

    const outcome = await desk.ok('documents.recordPrintOutcome', {
      documentId: form.id,
      printId: printA.printId,
      outcome: 'printed',
    });
    assert.equal(outcome.printCount, 1);
    const petition = await desk.ok('petitions.get', { id: registered.petition.id });
    assert.equal(petition.documents.find((d) => d.id === form.id)?.rerenderedAt, hall.clock.now().toISOString());
  });

  test('a file gone after its link was handed out is drawn again when the link is opened', async () => {
    const { document } = await accept('a5');
    const preview = await clerk.ok('documents.preview', { id: document.id });
    assert.equal(preview.rerenderedAt, null);
    await loseFile(document.id);
    const bytes = await fileBytes(clerk, preview.fileUrl);
    const row = await rowOf(document.id);
    assert.equal(row.rerendered_sha256, sha256(bytes));
    assert.equal(row.sha256, document.sha256);
    assert.ok((await textOf(document.id)).includes('依存档记录重新生成'));
  });

  test('a paper issued before records were kept: its lost file is refused in Chinese, no print recorded', async () => {
    const { document } = await accept('a5');
    await hall.backend.db
      .updateTable('issued_documents')
      .set({ record_json: null })
      .where('id', '=', document.id)
      .execute();
    await loseFile(document.id);
    refused(
      await clerk.call('documents.preview', { id: document.id }),
      409,
      /^《受理回执》原件已丢失且无存档记录，无法重新生成$/,
    );
    refused(await clerk.call('documents.print', { documentId: document.id, copies: 1 }), 409, /原件已丢失且无存档记录/);
    const prints = await hall.backend.db
      .selectFrom('document_prints')
      .select('id')
      .where('document_id', '=', document.id)
      .execute();
    assert.equal(prints.length, 0);
    assert.equal((await rowOf(document.id)).rerendered_at, null);
    assert.equal(await rerenderEntries(document.id), 0);
    // Its code still verifies: the row is there, only the file is not.
    assert.equal((await clerk.ok('documents.verify', { code: document.verificationCode })).status, 'genuine');
  });
});
