// Renders a document type and a record to PDF bytes. Everything that would vary between runs
// is fixed (metadata dates = issue time, the file ID pdfkit derives from them), so the same
// record and issue time always give the same bytes.
//
// Two things a definition may ask of the paging while it draws:
//  - page groups (`startPageGroup`): a paper printed in several copies in one file (人民调解协议书,
//    one per party and one for the committee) starts each copy on a new page; each copy's pages
//    are numbered on their own (第 1 页 共 3 页 of that copy) and carry the copy's watermark
//    (副本) and a small line naming whose copy it is.
//  - included papers (`includedLayout`): a compiled file (卷宗) draws other registered papers as
//    its sections on its own pages; the file owns the paging and the one verification code.
import PDFDocument from 'pdfkit';
import { sharedBaseline, type FontSet } from './fonts';
import { chineseDate, Layout, SIZE, type FlowOptions, type PdfDocument, type Segment } from './layout';
import { mm, PAGE_GEOMETRY, type PageGeometry } from './pageSizes';
import type { DocumentDefinition, DocumentHeader } from './registry';

export type Watermark = '补打' | '副本' | '样张';

export interface RenderOptions {
  issuedAt: Date;
  verificationCode: string;
  /** The QR code's text: the verification link (`verificationQr`); absent: the code. */
  verificationLink?: string | null;
  /** Printed large and light across every page of a reprint, a copy or a test page. */
  watermark?: Watermark;
  fonts: FontSet;
  /**
   * The archive's copy of a formal document: PDF/A-2b (ISO 19005-2, level B), with the sRGB
   * output intent and XMP identification pdfkit writes, so it stays readable for decades.
   */
  archival?: boolean;
  /**
   * The paper is drawn again from its archived record because the archived file is gone
   * (rerender.ts): every page says so in a small line below the text, naming the day and the
   * original's SHA-256, so the copy is never taken for the original.
   */
  rerendered?: RerenderedNote;
}

export interface RerenderedNote {
  at: Date;
  originalSha256: string;
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
  // on a page cut just below it (and below the re-rendered note, which has no margin to sit in).
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
  let end = doc.y + geometry.margins.bottom;
  if (options.rerendered) end += NOTE_GAP + (await rerenderedNote(layout, options.rerendered)).height;
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
      ModDate: options.rerendered?.at ?? options.issuedAt,
    },
  });
}

/** What the pages of one group share (see `startPageGroup`). */
export interface PageGroup {
  /**
   * Printed large and light across every page of the group. The document's own watermark
   * (`RenderOptions.watermark`: a 补打 or a 样张) wins over it: a reprint is marked as one on
   * every page, whichever copy the page belongs to.
   */
  watermark?: Watermark;
  /** A short line at the top right of every page of the group, in the margin: 副本 甲方 张三 执. */
  mark?: string;
}

interface StartedGroup extends PageGroup {
  /** Index of the group's first page. */
  start: number;
}

/** The groups started in each document being drawn, in page order. */
const pageGroups = new WeakMap<PdfDocument, StartedGroup[]>();

/**
 * Starts a group of pages on a new page (on this one while nothing is drawn on it yet): one
 * copy of a paper printed in several. Every page until the next group belongs to it; pages
 * before the first group form a group of their own. The pages of a group are numbered within
 * the group (第 X 页 共 Y 页, when it has more than one page) and carry its watermark and mark.
 * A thermal slip has one page: the group starts there. Inside a compiled file
 * (`includedLayout`) this does nothing: the file owns the paging.
 */
export function startPageGroup(layout: Layout, group: PageGroup = {}): void {
  if (isIncluded(layout)) return;
  const { doc } = layout;
  const blank = layout.y <= doc.page.margins.top + 0.01;
  if (!blank && layout.geometry.height !== 'fitContent') doc.addPage();
  const range = doc.bufferedPageRange();
  const start = range.start + range.count - 1;
  const groups = pageGroups.get(doc) ?? [];
  // A group started on a page that another group started on (nothing drawn between) replaces it.
  if (groups.at(-1)?.start === start) groups.pop();
  groups.push({ ...group, start });
  pageGroups.set(doc, groups);
}

/**
 * A layout drawing a registered paper (`definition`) as a section of a compiled file, on the
 * file's pages, at the base size of the paper's own page size. The file owns the paging: page
 * groups the paper would start are ignored (its pages are numbered through the file) and the
 * paper's own verification line is left out (text of the field 核验码, which `verificationLine`
 * draws): the code it would print is the file's, printed once by the file itself. A paper may
 * ask `isIncluded(layout)` to leave out more (the agreement draws only the committee's copy).
 */
export function includedLayout(layout: Layout, definition: DocumentHeader): Layout {
  return new IncludedLayout(layout.doc, layout.fonts, layout.geometry, layout.issue, baseSize(definition));
}

/** Whether the paper is being drawn as a section of a compiled file (`includedLayout`). */
export function isIncluded(layout: Layout): boolean {
  return layout instanceof IncludedLayout;
}

const VERIFICATION_FIELD = '核验码';
const printed = (segments: Segment[]) => segments.filter((segment) => segment.field !== VERIFICATION_FIELD);

class IncludedLayout extends Layout {
  override async line(segments: Segment[], size: number, x: number, y: number, color?: string): Promise<number> {
    return super.line(printed(segments), size, x, y, color);
  }
  override async flow(segments: Segment[], size: number, x: number, y: number, options?: FlowOptions): Promise<void> {
    return super.flow(printed(segments), size, x, y, options);
  }
}

/**
 * Page numbers “第 X 页 共 Y 页” when a group has more than one page (without groups: the whole
 * document); the watermark and the group's mark on every page.
 */
async function finishPages(layout: Layout, options: RenderOptions): Promise<void> {
  const { doc } = layout;
  const range = doc.bufferedPageRange();
  const end = range.start + range.count;
  const groups = pageGroups.get(doc) ?? [];
  if (groups[0]?.start !== range.start) groups.unshift({ start: range.start });
  for (const [g, group] of groups.entries()) {
    const next = groups[g + 1]?.start ?? end;
    const count = next - group.start;
    for (let i = group.start; i < next; i++) {
      doc.switchToPage(i);
      // Drawing in the bottom margin must not make pdfkit start a page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const mark = options.watermark ?? group.watermark;
      if (mark) await watermark(layout, mark);
      if (group.mark) await groupMark(layout, group.mark);
      const noteEnd = options.rerendered ? await drawRerenderedNote(layout, options.rerendered, bottomMargin) : 0;
      if (count > 1) {
        const size = 10.5;
        const text = `第 ${i - group.start + 1} 页 共 ${count} 页`;
        const width = await layout.measure([{ text, field: '页码' }], size);
        const y = Math.max(doc.page.height - bottomMargin + Math.min(mm(7), bottomMargin / 3), noteEnd + mm(0.5));
        await layout.line([{ text, field: '页码' }], size, (doc.page.width - width) / 2, y);
      }
      doc.page.margins.bottom = bottomMargin;
    }
  }
  pageGroups.delete(doc);
}

const NOTE_GAP = mm(1.5);
const NOTE_FIELD = '重新生成说明';

/** 本件系 2026年12月7日依存档记录重新生成，原件摘要 sha256:0f3a…: the words of the note. */
function rerenderedNoteText(note: RerenderedNote): [string, string] {
  return [`本件系 ${chineseDate(note.at)}依存档记录重新生成，`, `原件摘要 sha256:${note.originalSha256.slice(0, 16)}…`];
}

/**
 * The note's lines and size: one line where it fits at the paper's small size, else two (a
 * thermal slip), shrunk further only if a half still does not fit.
 */
async function rerenderedNote(
  layout: Layout,
  note: RerenderedNote,
): Promise<{ lines: Segment[][]; size: number; lineHeight: number; height: number }> {
  const [first, second] = rerenderedNoteText(note);
  const segment = (text: string): Segment[] => [{ text, field: NOTE_FIELD }];
  let size = layout.geometry.height === 'fitContent' ? 7 : 8;
  let lines = [segment(first + second)];
  if ((await layout.measure(lines[0]!, size)) > layout.width) {
    lines = [segment(first), segment(second)];
    let widest = 0;
    for (const line of lines) widest = Math.max(widest, await layout.measure(line, 1));
    size = Math.min(size, layout.width / widest);
  }
  const lineHeight = size * 1.3;
  return { lines, size, lineHeight, height: lines.length * lineHeight };
}

/**
 * Draws the note on the current page: just below the text block of a sheet (in its bottom
 * margin, above the page number), at the foot of a thermal slip (in the room measured for it).
 * Returns where it ends.
 */
async function drawRerenderedNote(layout: Layout, note: RerenderedNote, bottomMargin: number): Promise<number> {
  const { doc } = layout;
  const drawn = await rerenderedNote(layout, note);
  const textBottom = doc.page.height - bottomMargin;
  let y = layout.geometry.height === 'fitContent' ? textBottom - drawn.height : textBottom + NOTE_GAP;
  for (const line of drawn.lines) {
    await layout.line(line, drawn.size, layout.left, y);
    y += drawn.lineHeight;
  }
  return y;
}

/** The group's mark at the top right, in the top margin, level with where a header would be. */
async function groupMark(layout: Layout, text: string): Promise<void> {
  const { doc } = layout;
  const size = 10.5;
  const segments: Segment[] = [{ text, field: '副本说明', role: 'kai' }];
  const width = await layout.measure(segments, size);
  const top = doc.page.margins.top;
  const y = top - Math.min(mm(12), top * 0.45);
  await layout.line(segments, size, layout.right - width, y, '#333333');
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
