// Renders a document type and a record to PDF bytes. Everything that would vary between runs
// is fixed (metadata dates = issue time, the file ID pdfkit derives from them), so the same
// record and issue time always give the same bytes.
import PDFDocument from 'pdfkit';
import { sharedBaseline, type FontSet } from './fonts';
import { Layout, SIZE, type PdfDocument } from './layout';
import { mm, PAGE_GEOMETRY, type PageGeometry } from './pageSizes';
import type { DocumentDefinition, DocumentHeader } from './registry';

export type Watermark = '补打' | '副本' | '样张';

export interface RenderOptions {
  issuedAt: Date;
  verificationCode: string;
  /** Printed large and light across every page of a reprint, a copy or a test page. */
  watermark?: Watermark;
  fonts: FontSet;
  /**
   * The archive's copy of a formal document: PDF/A-2b (ISO 19005-2, level B), with the sRGB
   * output intent and XMP identification pdfkit writes, so it stays readable for decades.
   */
  archival?: boolean;
}

/** Height of the page used to measure a thermal slip before it is cut to length. */
const MEASURE_HEIGHT = mm(5000);

/** A rendered document with what a printer and the archive need to know about it. */
export interface RenderedDocument {
  pdf: Buffer;
  pageCount: number;
  /** Page size in points (every page of a document has the same size). */
  width: number;
  height: number;
}

export async function renderPdf<R>(
  definition: DocumentDefinition<R>,
  record: R,
  options: RenderOptions,
): Promise<Buffer> {
  return (await renderDocument(definition, record, options)).pdf;
}

export async function renderDocument<R>(
  definition: DocumentDefinition<R>,
  record: R,
  options: RenderOptions,
): Promise<RenderedDocument> {
  const geometry = PAGE_GEOMETRY[definition.pageSize];
  if (geometry.height !== 'fitContent') return renderOnce(definition, record, options, geometry, geometry.height);
  // Thermal roll: draw once on a very long page to learn where the content ends, then again
  // on a page cut just below it.
  const measured = await measureHeight(definition, record, options, geometry);
  return renderOnce(definition, record, options, geometry, Math.ceil(measured));
}

async function measureHeight<R>(
  definition: DocumentDefinition<R>,
  record: R,
  options: RenderOptions,
  geometry: PageGeometry,
): Promise<number> {
  const doc = newDocument(definition, options, geometry, MEASURE_HEIGHT);
  const layout = new Layout(doc, options.fonts, geometry, options, baseSize(definition));
  await definition.render(layout, record);
  const end = doc.y + geometry.margins.bottom;
  doc.end();
  return end;
}

async function renderOnce<R>(
  definition: DocumentDefinition<R>,
  record: R,
  options: RenderOptions,
  geometry: PageGeometry,
  height: number,
): Promise<RenderedDocument> {
  const doc = newDocument(definition, options, geometry, height);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const layout = new Layout(doc, options.fonts, geometry, options, baseSize(definition));
  await definition.render(layout, record);
  await finishPages(layout, options);
  const pageCount = doc.bufferedPageRange().count;
  doc.end();
  return { pdf: await done, pageCount, width: geometry.width, height };
}

function baseSize(definition: DocumentHeader): number {
  switch (definition.pageSize) {
    case 'a4Formal':
      return SIZE.body;
    case 'receipt80':
    case 'receipt58':
      return SIZE.small;
    default:
      return SIZE.form;
  }
}

function newDocument(
  definition: DocumentHeader,
  options: RenderOptions,
  geometry: PageGeometry,
  height: number,
): PdfDocument {
  return new PDFDocument({
    size: [geometry.width, height],
    margins: geometry.margins,
    bufferPages: true,
    ...(options.archival
      ? { subset: 'PDF/A-2b' as const, pdfVersion: '1.7' as const, tagged: true, lang: 'zh-CN' }
      : {}),
    info: {
      Title: definition.title,
      Author: '乡镇一站通',
      Creator: '乡镇一站通',
      Producer: '乡镇一站通 (pdfkit)',
      Subject: definition.type,
      CreationDate: options.issuedAt,
      ModDate: options.issuedAt,
    },
  });
}

/** Page numbers “第 X 页 共 Y 页” when there is more than one page; the watermark on every page. */
async function finishPages(layout: Layout, options: RenderOptions): Promise<void> {
  const { doc } = layout;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Drawing in the bottom margin must not make pdfkit start a page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (options.watermark) await watermark(layout, options.watermark);
    if (range.count > 1) {
      const size = 10.5;
      const text = `第 ${i - range.start + 1} 页 共 ${range.count} 页`;
      const width = await layout.measure([{ text, field: '页码' }], size);
      const y = doc.page.height - bottomMargin + Math.min(mm(7), bottomMargin / 3);
      await layout.line([{ text, field: '页码' }], size, (doc.page.width - width) / 2, y);
    }
    doc.page.margins.bottom = bottomMargin;
  }
}

const IDEOGRAPH_CENTRE_EM = 0.38;

async function watermark(layout: Layout, text: string): Promise<void> {
  const { doc } = layout;
  const { width, height } = doc.page;
  // As large as fits: the rotated text's extent across the page stays within 80 % of its width
  // (a narrow thermal slip gets a smaller mark than a sheet).
  const angle = (35 * Math.PI) / 180;
  const unitWidth = await layout.measure([{ text, field: '水印', role: 'serifBold' }], 1);
  const size = Math.min(Math.min(width, height) / 3.2, (0.8 * width) / (unitWidth * Math.cos(angle) + Math.sin(angle)));
  const textWidth = unitWidth * size;
  doc.save();
  doc.opacity(0.16);
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  await layout.line(
    [{ text, field: '水印', role: 'serifBold' }],
    size,
    (width - textWidth) / 2,
    // `line` takes the top of the ascent; an ideograph's centre sits about 0.38 em above the
    // baseline, so this puts the characters' middle on the page's centre.
    height / 2 + sharedBaseline(layout.fonts.chain('serifBold'), size) + IDEOGRAPH_CENTRE_EM * size,
    '#808080',
  );
  doc.restore();
}
