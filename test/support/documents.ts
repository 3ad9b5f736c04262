import type { IssuedDocument } from '../../shared/documents/api';
import { archiveDocument, newVerificationCode } from '../../electron/documents/archive';
import type { Db } from '../../electron/db/database';
import { appendChange } from '../../electron/db/writes';

/** Archives `pdf` as an issued document, as a feature's print command will, outside any request. */
export function issueTestDocument(
  db: Db,
  dataDir: string,
  pdf: Uint8Array,
  options: { issuerName?: string; at?: Date; supersedes?: string } = {},
): Promise<IssuedDocument> {
  const actor = { id: null, name: options.issuerName ?? '测试窗口' };
  const at = (options.at ?? new Date()).toISOString();
  return db.transaction().execute((tx) =>
    archiveDocument(
      {
        tx,
        at,
        actor,
        log: async (entity, entityId, op, data) => {
          await appendChange(tx, { entity, entityId, op, data, actor, at });
        },
      },
      dataDir,
      {
        type: 'sample',
        title: '受理回执',
        recordEntity: 'resident',
        recordId: 'r1',
        verificationCode: newVerificationCode(),
        pdf,
        supersedes: options.supersedes,
      },
    ),
  );
}
