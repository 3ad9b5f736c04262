// Issuing a document from a record: render it (outside any transaction: a 50-page case file
// takes half a second, and the database's one writer must not wait for it), then archive it in
// the caller's write, so the record's change and its paper commit together.
//
// Drawing happens in a render worker where the backend has them (renderPool.ts), and the file is
// written (encrypted, synced) before the transaction too, under a staging name that archiving
// only renames: the transaction holds the one connection for as little as it can.
//
//   const prepared = await prepareDocument(ctx.documents, acceptanceReceipt, receipt, ctx.now);
//   await ctx.write(async (scope) => {
//     …the feature's own rows…
//     return archivePrepared(scope, ctx.documents, prepared, { recordEntity: 'case', recordId });
//   });
import { createHash } from 'node:crypto';
import type { IssuedDocument } from '../../../shared/documents/api';
import {
  contentDigest,
  maskHolderName,
  signDocumentFacts,
  verificationLink,
  type DocumentFacts,
  type FactsSigner,
} from '../../../shared/documents/verificationLink';
import type { DataFiles } from '../db/dataFiles';
import type { WriteScope } from '../db/writeScope';
import { archiveDocument, discardStaged, newVerificationCode, stagePaper, type StagedPaper } from './archive';
import type { FontSet } from './fonts';
import type { FileTickets } from './fileTickets';
import type { UploadStore } from './uploads';
import { documentFacts, isArchival, type DocumentDefinition } from './registry';
import { renderDocument, type RenderedDocument } from './render';
import type { PaperRenderer, PaperRenderOptions } from './renderPool';

/** What the backend gives handlers for documents. */
export interface DocumentServices {
  /** The data folder's files (archived papers under `documents/`, attachments), encrypted where there is a key. */
  files: DataFiles;
  fonts(): Promise<FontSet>;
  /** Short-lived file links, issued to the session of the request. */
  tickets: FileTickets;
  /** Files uploaded before the procedure that uses them, each bound to the session that sent it. */
  uploads: UploadStore;
  /** Where new papers' QR codes link to, and what signs them (read at each issue: both can change). */
  linking(): Promise<DocumentLinking>;
  /** What draws papers: the backend's pool of render workers; absent, the calling thread (`fonts`). */
  renderer?: PaperRenderer;
}

/** Draws a paper with the services' renderer (a worker), or on this thread when there is none. */
export async function renderPaper<R>(
  services: Pick<DocumentServices, 'fonts' | 'renderer'>,
  definition: DocumentDefinition<R>,
  record: R,
  options: PaperRenderOptions,
): Promise<RenderedDocument> {
  if (services.renderer) return services.renderer.render(definition, record, options);
  return renderDocument(definition, record, { ...options, fonts: await services.fonts() });
}

/** The administrator's base address (null: none set) and the township's signing key (null: not enrolled or locked). */
export interface DocumentLinking {
  baseUrl: string | null;
  signer: FactsSigner | null;
  /** Why nothing signs (not enrolled, keys locked); null when `signer` is there. */
  unsignedReason?: string | null;
}

export interface PreparedDocument {
  definition: DocumentDefinition<never>;
  rendered: RenderedDocument;
  verificationCode: string;
  recordJson: string;
  facts: DocumentFacts;
  /** What the QR code carries; null: the bare code. */
  verificationLink: string | null;
  /** Its file, written ahead of the transaction (when the services have the data folder's files). */
  staged?: StagedPaper;
}

export async function prepareDocument<R>(
  services: Pick<DocumentServices, 'fonts'> & Partial<Pick<DocumentServices, 'linking' | 'renderer' | 'files'>>,
  definition: DocumentDefinition<R>,
  record: R,
  issuedAt: Date,
): Promise<PreparedDocument> {
  const verificationCode = newVerificationCode();
  // The record is kept as issued (a reprint is drawn from it), so it must survive JSON as is.
  const recordJson = JSON.stringify(record);
  const facts = factsOf(definition as DocumentDefinition, record, verificationCode, issuedAt, recordJson);
  const link = linkFor((await services.linking?.()) ?? { baseUrl: null, signer: null }, facts);
  const rendered = await renderPaper(services, definition, JSON.parse(recordJson) as R, {
    issuedAt,
    verificationCode,
    verificationLink: link,
    archival: isArchival(definition),
  });
  return {
    definition: definition as DocumentDefinition<never>,
    rendered,
    verificationCode,
    recordJson,
    facts,
    verificationLink: link,
    staged: services.files ? stagePaper(services.files, rendered.pdf, issuedAt) : undefined,
  };
}

/** A prepared paper that will not be archived (drawn again with another number): its staged file goes. */
export async function discardPrepared(
  services: Pick<DocumentServices, 'files'>,
  prepared: PreparedDocument | null,
): Promise<void> {
  if (prepared?.staged) await discardStaged(services.files, prepared.staged);
}

/** The key facts of a paper: what its link names and signs, and what verification answers with. */
export function factsOf(
  definition: DocumentDefinition,
  record: unknown,
  verificationCode: string,
  issuedAt: Date,
  recordJson: string,
): DocumentFacts {
  const { number, holderName } = documentFacts(definition, record);
  return {
    code: verificationCode,
    kind: definition.title,
    number,
    issuedOn: chinaDate(issuedAt),
    holder: maskHolderName(holderName),
    digest: contentDigest(createHash('sha256').update(recordJson, 'utf8').digest()),
  };
}

/** The date printed on papers: China Standard Time, whatever the machine's zone (as `chineseDate`). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The link for the QR code: signed facts when the township can sign, else the bare code
 * (the township can still check it; the county says it cannot). None without a base address.
 */
export function linkFor(linking: DocumentLinking, facts: DocumentFacts): string | null {
  if (!linking.baseUrl) return null;
  if (!linking.signer) return verificationLink(linking.baseUrl, { code: facts.code });
  return verificationLink(linking.baseUrl, { token: signDocumentFacts(facts, linking.signer) });
}

export function archivePrepared(
  scope: WriteScope,
  services: Pick<DocumentServices, 'files'>,
  prepared: PreparedDocument,
  target: { recordEntity: string; recordId: string; supersedes?: string },
): Promise<IssuedDocument> {
  const { definition, rendered } = prepared;
  return archiveDocument(scope, services.files, {
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
    verificationLink: prepared.verificationLink,
    supersedes: target.supersedes,
    staged: prepared.staged,
  });
}
