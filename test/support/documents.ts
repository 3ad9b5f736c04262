import type { IssuedDocument } from '../../shared/documents/api';
import type { Db } from '../../electron/backend/db/database';
import { DataFiles } from '../../electron/backend/db/dataFiles';
import { runWrite } from '../../electron/backend/db/writeScope';
import { loadFonts } from '../../electron/backend/documents/fonts';
import { archivePrepared, prepareDocument } from '../../electron/backend/documents/issue';
import type { DocumentDefinition } from '../../electron/backend/documents/registry';
import { sampleReceiptSlip } from '../../electron/backend/documents/samples';

export interface IssueTestOptions<R> {
  /** Default: the 80 mm receipt slip with its sample record. */
  definition?: DocumentDefinition<R>;
  record?: R;
  issuerName?: string;
  at?: Date;
  recordId?: string;
  supersedes?: string;
}

/** Renders and archives a document, as a feature's command will, outside any request. */
export async function issueTestDocument<R = unknown>(
  target: { db: Db; dataDir: string },
  options: IssueTestOptions<R> = {},
): Promise<IssuedDocument> {
  const definition = (options.definition ?? sampleReceiptSlip) as DocumentDefinition<R>;
  const record = options.record ?? definition.sample!();
  const at = options.at ?? new Date();
  const prepared = await prepareDocument({ fonts: () => loadFonts() }, definition, record, at);
  const actor = { id: null, name: options.issuerName ?? '测试窗口' };
  return runWrite(target.db, actor, at.toISOString(), (scope) =>
    archivePrepared(scope, { files: new DataFiles(target.dataDir, null) }, prepared, {
      recordEntity: 'resident',
      recordId: options.recordId ?? 'r1',
      supersedes: options.supersedes,
    }),
  );
}
