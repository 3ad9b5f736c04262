// 人民调解卷宗: the cover, the index (卷内目录) and every section from a new page, in one pass.
//
// The index lists the page each section starts on, which is known only once the sections are
// drawn. The document keeps its pages in memory until the end (render.ts opens it with
// `bufferPages`, as its page numbers need), so: draw the cover, work out how many pages the
// index takes (its rows' heights depend on the titles, never on the page numbers, which are one
// short line each) and leave that many blank pages, draw the sections noting where each starts
// and ends, then go back and fill the index in — and the page count on the cover. One pass, no
// second rendering: a 40-page file takes about as long as its sections alone.
//
// A section that is a registered paper is drawn by its own type (`getDocumentType`) on a layout
// that makes it a part of the file (`includedLayout`): page numbers run through the whole file
// (卷内页码), and the paper's own verification line is left out — the file has one code, on the
// cover, which verifies the file as a whole; a code under each paper would look like the code
// of that paper as issued, which it is not.
import { title, verificationLine, type Layout, type Segment } from '../../documents/layout';
import { mm } from '../../documents/pageSizes';
import { defineDocument, getDocumentType } from '../../documents/registry';
import { includedLayout } from '../../documents/render';
import { mediationAgreement } from './agreement';
import { mediationClosingSheet } from './closingSheet';
import { mediationCourtApplication } from './courtApplication';
import { optionalDate, SAMPLE_CASE_NUMBER, sampleCommittee } from './parts';
import type { CaseFileRecord, CaseFileSection } from './records';

/** Where a section was drawn: its first and last page, 1-based, counted through the whole file. */
export interface SectionPages {
  first: number;
  last: number;
}

/** `3`, or `3-5` for a section of several pages: how the index prints a section's pages. */
export function pageRange(pages: SectionPages): string {
  return pages.first === pages.last ? String(pages.first) : `${pages.first}-${pages.last}`;
}

const INDEX_SIZE = 13;
const INDEX_COLUMNS = [
  { header: '序号', width: 0.9, align: 'center' as const },
  { header: '材料名称', width: 5.2, align: 'left' as const },
  { header: '页码', width: 1.4, align: 'center' as const },
];

interface IndexGeometry {
  xs: number[];
  widths: number[];
  pad: number;
  headerHeight: number;
  /** Height of each row, in section order. */
  rowHeights: number[];
  /** For each index page, the sections (indexes) it lists. */
  pages: number[][];
  /** Height of the 卷内目录 heading on the first index page. */
  headingHeight: number;
}

/** Lays the index out without drawing it: the pages it needs and the rows on each. */
async function planIndex(layout: Layout, sections: CaseFileSection[]): Promise<IndexGeometry> {
  const pad = INDEX_SIZE * 0.4;
  const total = INDEX_COLUMNS.reduce((sum, column) => sum + column.width, 0);
  const widths = INDEX_COLUMNS.map((column) => (column.width / total) * layout.width);
  const xs = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const line = layout.lineHeight(INDEX_SIZE);
  const headerHeight = line + 2 * pad;
  const rowHeights: number[] = [];
  for (const section of sections) {
    const height = await layout.heightOf([{ text: section.title, field: '材料名称' }], INDEX_SIZE, {
      width: widths[1]! - 2 * pad,
    });
    rowHeights.push(Math.max(height, line) + 2 * pad);
  }
  const headingHeight = SIZE_INDEX_TITLE * 2.4;
  const top = layout.doc.page.margins.top;
  const bottom = layout.bottom;
  const pages: number[][] = [[]];
  let y = top + headingHeight + headerHeight;
  for (const [i, height] of rowHeights.entries()) {
    if (y + height > bottom && pages.at(-1)!.length > 0) {
      pages.push([]);
      y = top + headerHeight;
    }
    pages.at(-1)!.push(i);
    y += height;
  }
  return { xs, widths, pad, headerHeight, rowHeights, pages, headingHeight };
}

const SIZE_INDEX_TITLE = 22;

/** Draws one index page (already added and current) with the sections' real pages. */
async function drawIndexPage(
  layout: Layout,
  plan: IndexGeometry,
  page: number,
  sections: CaseFileSection[],
  where: SectionPages[],
): Promise<void> {
  const { doc } = layout;
  const { xs, widths, pad } = plan;
  let y = doc.page.margins.top;
  if (page === 0) {
    layout.y = y;
    await title(layout, '卷内目录', SIZE_INDEX_TITLE);
    y += plan.headingHeight;
  }
  const row = async (cells: Segment[], height: number, header: boolean) => {
    if (header) doc.rect(layout.left, y, layout.width, height).fill('#e8e8e8');
    doc.lineWidth(0.6).strokeColor('black');
    for (const [i, cell] of cells.entries()) {
      doc.rect(xs[i]!, y, widths[i]!, height).stroke();
      await layout.flow([cell], INDEX_SIZE, xs[i]! + pad, y + pad, {
        width: widths[i]! - 2 * pad,
        align: header ? 'center' : INDEX_COLUMNS[i]!.align,
      });
    }
    y += height;
  };
  await row(
    INDEX_COLUMNS.map((column) => ({ text: column.header, field: '表头', role: 'serifBold' as const })),
    plan.headerHeight,
    true,
  );
  for (const i of plan.pages[page]!)
    await row(
      [
        { text: String(i + 1), field: '序号' },
        { text: sections[i]!.title, field: '材料名称' },
        { text: pageRange(where[i]!), field: '页码' },
      ],
      plan.rowHeights[i]!,
      false,
    );
}

/** `卷内材料 3 调查记录（2026-11-05）`, small, at the top left of a section's first page, in the margin. */
async function sectionMark(layout: Layout, number: number, text: string): Promise<void> {
  const size = 10.5;
  const top = layout.doc.page.margins.top;
  const y = layout.y;
  await layout.line(
    [{ text: `卷内材料 ${number}\u3000${text}`, field: '材料名称', role: 'kai' }],
    size,
    layout.left,
    top - Math.min(mm(12), top * 0.45),
    '#333333',
  );
  layout.y = y;
}

/** A section drawn as a list: its title, then each line (ID proofs, performance proof). */
async function drawList(layout: Layout, section: Extract<CaseFileSection, { kind: 'list' }>): Promise<void> {
  const size = layout.baseSize;
  await title(layout, section.title, 20);
  layout.space(size * 0.4);
  const lines = section.lines.length > 0 ? section.lines : ['（无）'];
  for (const [i, text] of lines.entries()) {
    const segments: Segment[] = [
      { text: `${i + 1}．`, field: '序号' },
      { text, field: section.title },
    ];
    const y = layout.ensure(size * 1.6);
    await layout.flow(segments, size * 0.9, layout.left, y, {
      width: layout.width,
      lineGap: size * 0.4,
    });
    layout.space(size * 0.45);
  }
}

/** Index of the page being drawn (the last one: sections are drawn in order at the end). */
function currentPage(layout: Layout): number {
  const range = layout.doc.bufferedPageRange();
  return range.start + range.count - 1;
}

/** Under the cover's verification code: why the papers inside print none. */
export const COVER_NOTE = '本码核验整卷，卷内各材料不再分别印制核验码。';

interface CoverFill {
  /** Where the page count goes, on the cover. */
  x: number;
  y: number;
  width: number;
}

/** The cover: the committee, 人民调解卷宗, and the case in a large bordered box. */
async function drawCover(layout: Layout, record: CaseFileRecord): Promise<CoverFill> {
  const { doc } = layout;
  const size = 16;
  layout.y = doc.page.margins.top + mm(4);
  await layout.flow(
    [{ text: record.committee.committeeName, field: '调解委员会', role: 'kai' }],
    20,
    layout.left,
    layout.y,
    {
      width: layout.width,
      align: 'center',
    },
  );
  layout.space(mm(14));
  await title(layout, '人民调解卷宗', 40);
  layout.space(mm(14));

  const boxWidth = layout.width - mm(8);
  const left = layout.left + (layout.width - boxWidth) / 2;
  const labelWidth = size * 5 + size;
  const pad = size * 0.55;
  const valueWidth = boxWidth - labelWidth;
  const rows: Array<[string, string]> = [
    ['案　　号', record.caseNumber],
    ['案　　由', record.caseTitle],
    ['当 事 人', record.partyNames.join('、')],
    ['受理日期', optionalDate(record.acceptedOn)],
    ['结案日期', optionalDate(record.closedOn)],
    ['立 卷 人', record.compiledBy],
    ['保管期限', record.retention],
    ['卷内材料', ''],
  ];
  const boxTop = layout.y;
  let y = boxTop;
  let fill: CoverFill = { x: 0, y: 0, width: 0 };
  doc.lineWidth(1.2).strokeColor('black');
  for (const [label, value] of rows) {
    const valueHeight = await layout.heightOf([{ text: value || ' ', field: label }], size, {
      width: valueWidth - 2 * pad,
      lineGap: size * 0.3,
    });
    const height = Math.max(valueHeight, layout.lineHeight(size)) + 2 * pad;
    doc.lineWidth(0.8).rect(left, y, labelWidth, height).stroke();
    doc.rect(left + labelWidth, y, valueWidth, height).stroke();
    await layout.flow([{ text: label, field: '封面', role: 'serifBold' }], size, left, y + pad, {
      width: labelWidth,
      align: 'center',
    });
    if (value !== '')
      await layout.flow([{ text: value, field: label.replace(/\s/g, '') }], size, left + labelWidth + pad, y + pad, {
        width: valueWidth - 2 * pad,
        lineGap: size * 0.3,
      });
    else fill = { x: left + labelWidth + pad, y: y + pad, width: valueWidth - 2 * pad };
    y += height;
  }
  // The outer frame, heavier than the cells.
  doc
    .lineWidth(1.6)
    .rect(left, boxTop, boxWidth, y - boxTop)
    .stroke();
  doc.lineWidth(0.6);
  layout.y = y + mm(16);
  await verificationLine(layout, layout.issue.verificationCode, 12);
  await layout.flow([{ text: COVER_NOTE, field: '说明' }], 10.5, layout.left, layout.y, {
    width: layout.width,
    align: 'center',
  });
  return fill;
}

/**
 * A4 formal 人民调解卷宗: page 1 the cover; then the index (卷内目录: 序号, 材料名称 and the
 * pages of each section, as they really are in this file), on as many pages as it needs; then
 * every section from a new page — a registered paper drawn by its own type, or a list — with
 * page numbers running through the file.
 */
export const mediationCaseFile = defineDocument<CaseFileRecord>({
  type: 'mediationCaseFile',
  title: '人民调解卷宗',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    caseTitle: '𠮷祥与李秀英邻里纠纷',
    partyNames: ['𠮷祥', '李秀英', '青石镇金穗农资经营部'],
    acceptedOn: '2026-11-03',
    closedOn: '2026-12-30',
    compiledBy: '王芳',
    retention: '长期',
    sections: [
      {
        title: '当事人身份证明',
        kind: 'list',
        lines: [
          '甲方 𠮷祥：居民身份证 532301********1517（复印件附后）',
          '乙方 李秀英：居民身份证 532301********302X（复印件附后）',
          '丙方 青石镇金穗农资经营部：营业执照、经营者赵德明身份证明（复印件附后）',
        ],
      },
      {
        title: '人民调解协议书',
        kind: 'document',
        type: mediationAgreement.type,
        record: mediationAgreement.sample!(),
      },
      {
        title: '履行凭证',
        kind: 'list',
        lines: ['2026-12-28 回访确认：已全部履行', '收条.jpg（乙方赔偿款收条），SHA-256 3f8a1c2e9b7d4f6a…'],
      },
      {
        title: '司法确认申请书',
        kind: 'document',
        type: mediationCourtApplication.type,
        record: mediationCourtApplication.sample!(),
      },
      {
        title: '结案登记表',
        kind: 'document',
        type: mediationClosingSheet.type,
        record: mediationClosingSheet.sample!(),
      },
    ],
  }),
  async render(layout, record) {
    const { doc } = layout;
    const fill = await drawCover(layout, record);

    const plan = await planIndex(layout, record.sections);
    doc.addPage();
    const indexStart = currentPage(layout);
    for (let i = 1; i < plan.pages.length; i++) doc.addPage();

    const where: SectionPages[] = [];
    for (const [i, section] of record.sections.entries()) {
      doc.addPage();
      const first = currentPage(layout);
      await sectionMark(layout, i + 1, section.title);
      if (section.kind === 'list') await drawList(layout, section);
      else {
        const definition = getDocumentType(section.type);
        await definition.render(includedLayout(layout, definition), section.record);
      }
      where.push({ first: first + 1, last: currentPage(layout) + 1 });
    }
    const last = currentPage(layout);

    for (let page = 0; page < plan.pages.length; page++) {
      doc.switchToPage(indexStart + page);
      await drawIndexPage(layout, plan, page, record.sections, where);
    }
    doc.switchToPage(0);
    await layout.line(
      [{ text: `${record.sections.length} 件，共 ${last + 1} 页`, field: '卷内材料' }],
      16,
      fill.x,
      fill.y,
    );
    doc.switchToPage(last);
  },
});
