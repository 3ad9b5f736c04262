import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { issueTestDocument } from '../support/documents';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('the document archive and verification', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;

  const issue = (pdf: string, supersedes?: string) =>
    issueTestDocument(hall.backend.db, hall.dataDir, Buffer.from(pdf), { at: hall.clock.now(), supersedes });

  before(async () => {
    ({ hall, admin } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
  });
  after(() => hall.close());

  test('an issued document is stored with its hash, and its code verifies as genuine', async () => {
    const doc = await issue('%PDF-1.7 first');
    const stored = await readFile(
      path.join(hall.dataDir, 'documents', doc.issuedAt.slice(0, 4), doc.issuedAt.slice(5, 7), `${doc.id}.pdf`),
    );
    assert.equal(createHash('sha256').update(stored).digest('hex'), doc.sha256);
    const answer = await clerk.ok('documents.verify', { code: doc.verificationCode.toLowerCase().replace(/-/g, ' ') });
    assert.equal(answer.status, 'genuine');
    assert.equal(answer.document?.recordId, 'r1');
    const changes = await admin.ok('audit.changes', { entity: 'document' });
    assert.equal(changes.items[0]!.entityId, doc.id);
  });

  test('a file is checked by its hash: unaltered, altered, unknown', async () => {
    const doc = await issue('%PDF-1.7 second');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.equal((await clerk.ok('documents.verify', { sha256: sha('%PDF-1.7 second') })).status, 'genuine');
    assert.equal(
      (await clerk.ok('documents.verify', { code: doc.verificationCode, sha256: sha('%PDF-1.7 forged') })).status,
      'altered',
    );
    const unknown = await clerk.ok('documents.verify', { sha256: sha('something else') });
    assert.equal(unknown.status, 'notFound');
    assert.equal(unknown.document, null);
  });

  test('a replaced document says so', async () => {
    const first = await issue('%PDF-1.7 v1');
    await issue('%PDF-1.7 v2', first.id);
    const answer = await clerk.ok('documents.verify', { code: first.verificationCode });
    assert.equal(answer.status, 'superseded');
    assert.match(answer.message, /已被新出具的文书替换/);
  });

  test('a mistyped code is explained; an empty request is refused', async () => {
    const doc = await issue('%PDF-1.7 third');
    const wrong = doc.verificationCode.slice(0, -1) + (doc.verificationCode.endsWith('0') ? '1' : '0');
    const answer = await clerk.call('documents.verify', { code: wrong });
    assert.equal(answer.status, 400);
    assert.ok(!answer.body.ok && answer.body.error.fieldErrors!.code!.startsWith('核验码：'));
    const empty = await clerk.call('documents.verify', {});
    assert.equal(empty.status, 400);
  });

  test('every print is audited with its copies; the second print is a reprint', async () => {
    const doc = await issue('%PDF-1.7 print me');
    assert.deepEqual(await clerk.ok('documents.recordPrint', { documentId: doc.id, copies: 2 }), {
      reprint: false,
      printCount: 2,
    });
    assert.deepEqual(await clerk.ok('documents.recordPrint', { documentId: doc.id, copies: 1 }), {
      reprint: true,
      printCount: 3,
    });
    const events = await admin.ok('audit.events', { action: 'print', entityId: doc.id });
    assert.deepEqual(
      events.items.map((e) => e.summary),
      ['打印《受理回执》1 份（补打）', '打印《受理回执》2 份'],
    );
  });
});
