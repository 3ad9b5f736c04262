import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IssuedDocument } from '../../shared/documents/api';
import { issueTestDocument } from '../support/documents';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('the document archive and verification', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;

  const issue = (supersedes?: string) =>
    issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir }, { at: hall.clock.now(), supersedes });

  before(async () => {
    ({ hall, admin } = await startSetUpHall());
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
  });
  after(() => hall.close());

  const archivedPath = (doc: IssuedDocument) =>
    path.join(hall.dataDir, 'documents', doc.issuedAt.slice(0, 4), doc.issuedAt.slice(5, 7), `${doc.id}.pdf`);

  test('an issued document is stored with its hash, and its code verifies as genuine', async () => {
    const doc = await issue();
    const stored = await readFile(archivedPath(doc));
    assert.equal(createHash('sha256').update(stored).digest('hex'), doc.sha256);
    const answer = await clerk.ok('documents.verify', { code: doc.verificationCode.toLowerCase().replace(/-/g, ' ') });
    assert.equal(answer.status, 'genuine');
    assert.equal(answer.document?.recordId, 'r1');
    const changes = await admin.ok('audit.changes', { entity: 'document' });
    assert.equal(changes.items[0]!.entityId, doc.id);
  });

  test('a file is checked by its hash: unaltered, altered, unknown', async () => {
    const doc = await issue();
    const file = await readFile(archivedPath(doc));
    const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
    assert.equal((await clerk.ok('documents.verify', { sha256: sha(file) })).status, 'genuine');
    const forged = Buffer.concat([file, Buffer.from('\n% 改')]);
    assert.equal(
      (await clerk.ok('documents.verify', { code: doc.verificationCode, sha256: sha(forged) })).status,
      'altered',
    );
    const unknown = await clerk.ok('documents.verify', { sha256: sha('something else') });
    assert.equal(unknown.status, 'notFound');
    assert.equal(unknown.document, null);
  });

  test('a replaced document says so', async () => {
    const first = await issue();
    await issue(first.id);
    const answer = await clerk.ok('documents.verify', { code: first.verificationCode });
    assert.equal(answer.status, 'superseded');
    assert.match(answer.message, /已被新出具的文书替换/);
  });

  test('a mistyped code is explained; an empty request is refused', async () => {
    const doc = await issue();
    const wrong = doc.verificationCode.slice(0, -1) + (doc.verificationCode.endsWith('0') ? '1' : '0');
    const answer = await clerk.call('documents.verify', { code: wrong });
    assert.equal(answer.status, 400);
    assert.ok(!answer.body.ok && answer.body.error.fieldErrors!.code!.startsWith('核验码：'));
    const empty = await clerk.call('documents.verify', {});
    assert.equal(empty.status, 400);
  });
});
