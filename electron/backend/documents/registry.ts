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

export function isArchival(definition: DocumentHeader): boolean {
  return definition.archival ?? !(definition.pageSize === 'receipt80' || definition.pageSize === 'receipt58');
}
