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
  render(layout: Layout, record: R): Promise<void>;
}

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
