// A real receipt from the counter, on a township enrolled with a real county hub: its QR code
// carries the link with the facts signed by the township's sync key; the county confirms it with
// the registered public key, the township's own verify page reads the same link, names the
// human number, and notices a link whose facts were changed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { IssuedDocument } from '../../shared/documents/api';
import { readVerificationToken, signDocumentFacts, verificationLink } from '../../shared/documents/verificationLink';
import { fromBase64Url } from '../../shared/sync/bytes';
import { loadFonts } from '../../electron/backend/documents/fonts';
import { documentTypes } from '../../electron/backend/documents/registry';
import { renderDocument } from '../../electron/backend/documents/render';
import { residentId } from '../support/ids';
import { morningOf, signedInAs, TestClock, type TestClient, type TestHall } from '../support/testHall';
import { PASSPHRASE, startNodeHall, startTestHub, type TestHubServer, type TestNodeHall } from '../sync/nodeHarness';

const BASE = 'https://county.example.gov.cn:4790/verify';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;

describe('verification links on real papers, checked by the county and by the township', () => {
  const clock = new TestClock(morningOf('2026-09-29'));
  let hub: TestHubServer;
  let node: TestNodeHall;
  let clerk: TestClient;
  let residentIdValue: string;

  before(async () => {
    hub = await startTestHub(clock);
    node = await startNodeHall(clock);
    const enrolled = await node.admin.ok('sync.enroll', { file: await hub.enrollment(), passphrase: PASSPHRASE });
    assert.equal(enrolled.registered, true, enrolled.message);
    const village = await node.admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [] });
    await node.admin.ok('catalog.importFile', demoCatalog);
    clerk = await signedInAs({ client: () => node.client() } as TestHall, node.admin, 'clerk', ['counterClerk']);
    const resident = await clerk.ok('residents.register', {
      name: '张小三',
      idType: 'residentId',
      idNumber: residentId('19680312', 302),
      ethnicity: '汉族',
      villageId: village.id,
      phone: '13903721234',
    });
    residentIdValue = resident.id;
  });
  after(async () => {
    await node?.close();
    await hub?.close();
  });

  const accept = async (): Promise<{ caseNumber: string; document: IssuedDocument }> => {
    const answer = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: residentIdValue,
      itemCode: item.code,
      receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
    return { caseNumber: answer.case.caseNumber!, document: answer.document! };
  };
  const archivedBytes = async (id: string) => {
    const row = await node.backend.db
      .selectFrom('issued_documents')
      .select(['file_path', 'record_json'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      bytes: await node.backend.files.read(row.file_path),
      record: JSON.parse(row.record_json!) as never,
    };
  };

  test('only the administrator sets the base address, and only a http(s) address', async () => {
    assert.equal((await clerk.call('documents.saveVerificationSettings', { baseUrl: BASE })).status, 403);
    const bad = await node.admin.call('documents.saveVerificationSettings', { baseUrl: 'county.example/verify' });
    assert.equal(bad.status, 400);
    assert.ok(!bad.body.ok && /^核验网址：应为以 http:\/\/ 或 https:\/\//.test(bad.body.error.fieldErrors!.baseUrl!));
    const saved = await node.admin.ok('documents.saveVerificationSettings', { baseUrl: BASE });
    assert.equal(saved.baseUrl, BASE);
    assert.equal(saved.signing.ready, true);
    assert.match(saved.signing.keyId ?? '', /^[0-9a-f]{16}$/);
  });

  test('a receipt’s QR code is the signed link; the county confirms it with the registered key alone', async () => {
    const { caseNumber, document } = await accept();
    const link = document.verificationLink!;
    assert.ok(link.startsWith(`${BASE}?v=`), link);
    const read = readVerificationToken(new URL(link).searchParams.get('v')!);
    assert.ok(read.ok);
    assert.deepEqual(
      { ...read.token.facts, digest: '' },
      {
        code: document.verificationCode,
        kind: '受理回执',
        number: caseNumber,
        issuedOn: '2026-09-29',
        holder: '张*三',
        digest: '',
      },
    );

    // The generation seam: the archived PDF is the paper drawn with this link in its QR code
    // (the same record, time and code without the link give other bytes).
    const { bytes, record } = await archivedBytes(document.id);
    const definition = documentTypes.get('counterAcceptanceReceipt')!;
    const fonts = await loadFonts();
    const withLink = await renderDocument(definition, record, {
      issuedAt: new Date(document.issuedAt),
      verificationCode: document.verificationCode,
      verificationLink: link,
      fonts,
      archival: true,
    });
    assert.equal(sha256(withLink.pdf), sha256(bytes));
    const withCode = await renderDocument(definition, record, {
      issuedAt: new Date(document.issuedAt),
      verificationCode: document.verificationCode,
      fonts,
      archival: true,
    });
    assert.notEqual(sha256(withCode.pdf), sha256(bytes));

    const county = await hub.hub.verifyDocument(link);
    assert.equal(county.status, 'genuine');
    assert.equal(county.message, `真实：青石镇 受理回执 ${caseNumber} 2026-09-29 张*三`);

    // A 补打 copy carries the same link.
    const first = await clerk.ok('documents.print', { documentId: document.id, copies: 1 });
    await clerk.ok('documents.recordPrintOutcome', {
      documentId: document.id,
      printId: first.printId,
      outcome: 'printed',
    });
    const reprint = await clerk.ok('documents.print', { documentId: document.id, copies: 1 });
    assert.equal(reprint.reprint, true);
    const reprinted = Buffer.from(await (await clerk.fetchFile(reprint.fileUrl)).arrayBuffer());
    const expected = await renderDocument(definition, record, {
      issuedAt: new Date(document.issuedAt),
      verificationCode: document.verificationCode,
      verificationLink: link,
      fonts,
      archival: true,
      watermark: '补打',
    });
    assert.equal(sha256(reprinted), sha256(expected.pdf));
  });

  test('the township’s verify page takes the whole link, full-width codes, and names kind and number', async () => {
    const { caseNumber, document } = await accept();
    const byLink = await clerk.ok('documents.verify', { code: document.verificationLink! });
    assert.equal(byLink.status, 'genuine');
    assert.deepEqual(byLink.facts, {
      kind: '受理回执',
      number: caseNumber,
      recordNoun: '办件',
      issuedOn: '2026-09-29',
      holder: '张*三',
    });
    const fullWidth = [...document.verificationCode.toLowerCase()]
      .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .join('');
    const byCode = await clerk.ok('documents.verify', { code: fullWidth });
    assert.equal(byCode.status, 'genuine');
    assert.equal(byCode.document?.id, document.id);

    // The same signature over a changed number: the township's archive disagrees, and so does the county.
    const token = new URL(document.verificationLink!).searchParams.get('v')!;
    const read = readVerificationToken(token);
    assert.ok(read.ok);
    const signature = fromBase64Url(token).slice(9, 73);
    const forged = verificationLink(BASE, {
      token: signDocumentFacts(
        { ...read.token.facts, number: 'SL-2026-999999' },
        { keyId: read.token.keyId, sign: () => signature },
      ),
    });
    const altered = await clerk.ok('documents.verify', { code: forged });
    assert.equal(altered.status, 'altered');
    assert.match(altered.message, /核验链接中的信息与存档不一致/);
    assert.equal((await hub.hub.verifyDocument(forged)).status, 'forged');
  });

  test('with the keys locked, new papers carry the bare code: the township checks it, the county says it cannot', async () => {
    await node.restart(); // no passphrase given and no keychain: the keys stay locked
    clerk = node.client();
    await clerk.ok('auth.login', { username: 'clerk', password: 'Counter2026' });
    const settings = await clerk.ok('documents.verificationSettings', {});
    assert.equal(settings.signing.ready, false);
    assert.match(settings.signing.message, /同步密钥已锁定/);
    const { document } = await accept();
    assert.equal(document.verificationLink, `${BASE}?c=${document.verificationCode}`);
    assert.equal((await hub.hub.verifyDocument(document.verificationLink!)).status, 'unsigned');
    assert.equal((await clerk.ok('documents.verify', { code: document.verificationLink! })).status, 'genuine');
  });
});
