// Document types by name. A type says its title, its paper and how to draw a record with the
// layout kit; `renderPdf` (render.ts) does the rest (metadata, paging, page numbers, watermark).
import type { Layout } from './layout';
import type { PageSize } from './pageSizes';

export interface DocumentDefinition<R = unknown> {
  /** Registry name, e.g. `sampleReceiptSlip`. */
  type: string;
  /** Title in the PDF metadata (and usually on the page). */
  title: string;
  pageSize: PageSize;
  /**
   * The archived copy is PDF/A-2b. Default: formal papers on A4/A5 are, thermal slips (a
   * receipt printer's ticket) are not.
   */
  archival?: boolean;
  render(layout: Layout, record: R): Promise<void>;
  /** A realistic record for test pages (打印样张) and `npm run docs:samples`. */
  sample?: () => R;
  /**
   * Whom and what the paper is about, as its verification link names them (the human number,
   * the holder's name unmasked: the kit masks it). Default (`documentFacts`): the record's
   * `caseNumber` or `number`, and its `residentName`.
   */
  facts?(record: R): { number?: string | null; holderName?: string | null };
  /** A specimen of the engine itself (samples/): drawn in tests and docs, never issued, not offered in 打印设置. */
  engineSample?: boolean;
}

/** What is known of a type without its record: name, title, paper. */
export type DocumentHeader = Pick<DocumentDefinition, 'type' | 'title' | 'pageSize' | 'archival'>;

const types = new Map<string, DocumentDefinition>();

/** Every registered type, by name (read-only view). */
export const documentTypes: ReadonlyMap<string, DocumentDefinition> = types;

/** Defines a document type and registers it under `type` (a name may be used only once). */
export function defineDocument<R>(definition: DocumentDefinition<R>): DocumentDefinition<R> {
  if (types.has(definition.type)) throw new Error(`文书类型“${definition.type}”重复定义`);
  types.set(definition.type, definition as DocumentDefinition);
  return definition;
}

export function getDocumentType(type: string): DocumentDefinition {
  const definition = types.get(type);
  if (!definition) throw new Error(`没有名为“${type}”的文书类型`);
  return definition;
}

/** The human number and the holder's (unmasked) name a paper's facts name, '' for none. */
export function documentFacts(definition: DocumentDefinition, record: unknown): { number: string; holderName: string } {
  const own = definition.facts?.(record as never);
  const fields = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  return {
    number: own?.number?.trim() ?? (text(fields.caseNumber) || text(fields.number)),
    holderName: own?.holderName?.trim() ?? text(fields.residentName),
  };
}

/** The desk that issues a type, from its name's prefix (`counter…`, `errand…`, `mediation…`, `petition…`, `matter…`, `queue…`). */
export function deskOf(type: string): string {
  if (type.startsWith('counter')) return '便民服务';
  if (type.startsWith('errand')) return '代办';
  if (type.startsWith('mediation')) return '人民调解';
  if (type.startsWith('petition')) return '信访';
  if (type.startsWith('matter')) return '群众诉求';
  if (type.startsWith('queue')) return '排队叫号';
  return '其他';
}

export function isArchival(definition: DocumentHeader): boolean {
  return definition.archival ?? !(definition.pageSize === 'receipt80' || definition.pageSize === 'receipt58');
}
