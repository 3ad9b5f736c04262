// Issuing a document from a record: render it (outside any transaction: a 50-page case file
// takes half a second, and the database's one writer must not wait for it), then archive it in
// the caller's write, so the record's change and its paper commit together.
//
//   const prepared = await prepareDocument(ctx.documents, acceptanceReceipt, receipt, ctx.now);
//   await ctx.write(async (scope) => {
//     …the feature's own rows…
//     return archivePrepared(scope, ctx.documents, prepared, { recordEntity: 'case', recordId });
//   });
import type { IssuedDocument } from '../../../shared/documents/api';
import type { WriteScope } from '../db/writeScope';
import { archiveDocument, newVerificationCode } from './archive';
import type { FontSet } from './fonts';
import type { FileTickets } from './fileTickets';
import { isArchival, type DocumentDefinition } from './registry';
import { renderDocument, type RenderedDocument } from './render';

/** What the backend gives handlers for documents. */
export interface DocumentServices {
  /** The data folder; archived files live under `documents/`. */
  dataDir: string;
  fonts(): Promise<FontSet>;
  tickets: FileTickets;
}

export interface PreparedDocument {
  definition: DocumentDefinition<never>;
  rendered: RenderedDocument;
  verificationCode: string;
  recordJson: string;
}

export async function prepareDocument<R>(
  services: Pick<DocumentServices, 'fonts'>,
  definition: DocumentDefinition<R>,
  record: R,
  issuedAt: Date,
): Promise<PreparedDocument> {
  const verificationCode = newVerificationCode();
  // The record is kept as issued (a reprint is drawn from it), so it must survive JSON as is.
  const recordJson = JSON.stringify(record);
  const rendered = await renderDocument(definition, JSON.parse(recordJson) as R, {
    issuedAt,
    verificationCode,
    fonts: await services.fonts(),
    archival: isArchival(definition),
  });
  return { definition: definition as DocumentDefinition<never>, rendered, verificationCode, recordJson };
}

export function archivePrepared(
  scope: WriteScope,
  services: Pick<DocumentServices, 'dataDir'>,
  prepared: PreparedDocument,
  target: { recordEntity: string; recordId: string; supersedes?: string },
): Promise<IssuedDocument> {
  const { definition, rendered } = prepared;
  return archiveDocument(scope, services.dataDir, {
    type: definition.type,
    title: definition.title,
    recordEntity: target.recordEntity,
    recordId: target.recordId,
    verificationCode: prepared.verificationCode,
    pdf: rendered.pdf,
    pageSize: definition.pageSize,
    pageWidth: rendered.width,
    pageHeight: rendered.height,
    pageCount: rendered.pageCount,
    archival: isArchival(definition),
    recordJson: prepared.recordJson,
    supersedes: target.supersedes,
  });
}
