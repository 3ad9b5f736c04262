// The building blocks of printed documents. Each draws at the cursor of a Layout, starts a new
// page when it does not fit, and leaves the cursor below itself.
import { mm } from '../pageSizes';
import { qrModules } from '../qrCode';
import { SIZE, type IssueInfo, type Layout, type Segment } from './layout';

/** Document title: 小标宋 substitute (serifBold), large, centred. */
export async function title(layout: Layout, text: string, size: number = SIZE.title): Promise<void> {
  const height = await layout.heightOf([{ text, field: '标题', role: 'serifBold' }], size);
  const y = layout.ensure(height + size);
  await layout.flow([{ text, field: '标题', role: 'serifBold' }], size, layout.left, y, {
    width: layout.width,
    align: 'center',
  });
  layout.space(size * 0.6);
}

/** The issuing unit, centred above the title (e.g. 青石镇人民调解委员会). */
export function issuingUnit(layout: Layout, text: string, size = layout.baseSize): Promise<void> {
  return centredLine(layout, { text, field: '发文单位', role: 'kai' }, size, 0.4);
}

/** 发文字号, e.g. 青石镇便民服务中心〔2026〕12号: centred under the title. */
export function documentNumber(layout: Layout, text: string, size = layout.baseSize): Promise<void> {
  return centredLine(layout, { text, field: '文号' }, size, 0.8);
}

async function centredLine(layout: Layout, segment: Segment, size: number, spaceAfter: number): Promise<void> {
  const y = layout.ensure(size * 2);
  await layout.flow([segment], size, layout.left, y, { width: layout.width, align: 'center' });
  layout.space(size * spaceAfter);
}

/** A left-aligned bold heading; segments when part of it is a field of the record (a name). */
export async function heading(layout: Layout, text: string | Segment[], size = layout.baseSize): Promise<void> {
  const segments: Segment[] = typeof text === 'string' ? [{ text, field: '小标题' }] : text;
  const y = layout.ensure(size * 3);
  layout.space(size * 0.3);
  await layout.flow(
    segments.map((segment) => ({ ...segment, role: segment.role ?? 'serifBold' })),
    size,
    layout.left,
    Math.max(y, layout.y),
  );
  layout.space(size * 0.3);
}

export interface Field {
  label: string;
  value: string;
  /** Columns this field spans (default 1). */
  span?: number;
}

/** Labelled fields in a grid of `columns`, label in bold: “姓名：𠮷祥”. */
export async function fields(layout: Layout, items: Field[], columns = 2, size = layout.baseSize): Promise<void> {
  const cell = layout.width / columns;
  const gap = size * 0.35;
  let column = 0;
  let row: Array<{ item: Field; column: number }> = [];
  const flush = async () => {
    if (row.length === 0) return;
    const heights = await Promise.all(
      row.map(({ item }) => layout.heightOf(segmentsOf(item), size, { width: cell * (item.span ?? 1) - gap })),
    );
    const height = Math.max(...heights);
    const y = layout.ensure(height);
    for (const { item, column: at } of row)
      await layout.flow(segmentsOf(item), size, layout.left + at * cell, y, { width: cell * (item.span ?? 1) - gap });
    layout.y = y + height + gap;
    row = [];
    column = 0;
  };
  for (const item of items) {
    const span = Math.min(item.span ?? 1, columns);
    if (column + span > columns) await flush();
    row.push({ item, column });
    column += span;
  }
  await flush();
}

function segmentsOf(item: Field): Segment[] {
  return [
    { text: `${item.label}：`, field: item.label, role: 'serifBold' },
    { text: item.value, field: item.label },
  ];
}

/** Body text, first line indented by two characters, wrapped by pdfkit (UAX #14). */
export async function paragraph(
  layout: Layout,
  text: string,
  options: { field?: string; size?: number; indent?: boolean } = {},
): Promise<void> {
  const size = options.size ?? layout.baseSize;
  const lineGap = size * 0.45;
  const y = layout.ensure(size * 1.5);
  await layout.flow([{ text, field: options.field ?? '正文' }], size, layout.left, y, {
    width: layout.width,
    align: 'justify',
    lineGap,
    indent: options.indent === false ? 0 : size * 2,
  });
  layout.space(size * 0.2);
}

export interface TableColumn {
  header: string;
  /** Relative width (all columns share the text width in proportion). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * A bordered table. Rows that do not fit start a new page, and the header row is drawn again
 * at the top of every page the table reaches.
 */
export async function table(
  layout: Layout,
  spec: { columns: TableColumn[]; rows: string[][]; size?: number },
): Promise<void> {
  const { doc } = layout;
  const size = spec.size ?? layout.baseSize;
  const pad = size * 0.35;
  const total = spec.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = spec.columns.map((column) => (column.width / total) * layout.width);
  const xs = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const rowHeight = async (cells: Segment[]) => {
    let height = 0;
    for (const [i, cell] of cells.entries())
      height = Math.max(height, await layout.heightOf([cell], size, { width: widths[i]! - 2 * pad }));
    return height + 2 * pad;
  };
  const drawRow = async (cells: Segment[], y: number, height: number, header: boolean) => {
    if (header) doc.rect(layout.left, y, layout.width, height).fill('#e8e8e8');
    doc.lineWidth(0.6).strokeColor('black');
    for (const [i, cell] of cells.entries()) {
      doc.rect(xs[i]!, y, widths[i]!, height).stroke();
      await layout.flow([cell], size, xs[i]! + pad, y + pad, {
        width: widths[i]! - 2 * pad,
        align: header ? 'center' : (spec.columns[i]!.align ?? 'left'),
      });
    }
    layout.y = y + height;
  };

  const headerCells = spec.columns.map((column) => ({
    text: column.header,
    field: '表头',
    role: 'serifBold' as const,
  }));
  const headerHeight = await rowHeight(headerCells);
  let y = layout.ensure(headerHeight * 2);
  await drawRow(headerCells, y, headerHeight, true);
  for (const row of spec.rows) {
    const cells = row.map((text, i) => ({ text, field: spec.columns[i]?.header ?? '表格' }));
    const height = await rowHeight(cells);
    y = layout.y;
    if (y + height > layout.bottom) {
      doc.addPage();
      y = layout.y;
      await drawRow(headerCells, y, headerHeight, true);
      y = layout.y;
    }
    await drawRow(cells, y, height, false);
  }
  layout.space(size * 0.8);
}

/** A dashed square for a fingerprint (指印) at (x, y), `sizeMm` wide. */
export async function fingerprintBox(layout: Layout, x?: number, y?: number, sizeMm = 16): Promise<void> {
  const { doc } = layout;
  const side = mm(sizeMm);
  const top = y ?? layout.ensure(side);
  const left = x ?? layout.left;
  doc.save().lineWidth(0.5).dash(2, { space: 2 }).strokeColor('#555').rect(left, top, side, side).stroke().restore();
  const label = '指印';
  const size = 8;
  const width = await layout.measure([{ text: label, field: '指印' }], size);
  await layout.line([{ text: label, field: '指印' }], size, left + (side - width) / 2, top + side + 2, '#555');
  if (y === undefined) layout.y = top + side + size * 2;
}

/**
 * Signature blocks side by side, one per party: “甲方（签名）：”, a line to sign on, and the
 * date line “年 月 日” under it; with `fingerprint`, a box for the fingerprint right of the line.
 */
export async function signatureRow(
  layout: Layout,
  parties: string[],
  options: { fingerprint?: boolean; size?: number } = {},
): Promise<void> {
  const { doc } = layout;
  const size = options.size ?? layout.baseSize * 0.8;
  const column = layout.width / parties.length;
  const boxMm = 14;
  const box = mm(boxMm);
  const signY = size * 1.6 + box * 0.75;
  const height = size * 4.8 + box;
  const y = layout.ensure(height);
  for (const [i, party] of parties.entries()) {
    const x = layout.left + i * column;
    await layout.line([{ text: `${party}（签名）：`, field: '签名方' }], size, x, y);
    const boxX = x + column - box - size * 0.8;
    const lineEnd = options.fingerprint ? boxX - size * 0.5 : x + column - size;
    doc
      .lineWidth(0.6)
      .strokeColor('black')
      .moveTo(x, y + signY)
      .lineTo(lineEnd, y + signY)
      .stroke();
    if (options.fingerprint) await fingerprintBox(layout, boxX, y + size * 1.6, boxMm);
    await layout.line([{ text: '　　年　　月　　日', field: '日期' }], size, x, y + size * 3.2 + box);
  }
  layout.y = y + height;
}

/**
 * Where the unit's seal goes: a dashed circle 42 mm across (the size of a township seal) with
 * the unit's name in it, and the date under it, at the right of the text block.
 */
export async function sealArea(layout: Layout, unitName: string, options: { date?: string } = {}): Promise<void> {
  const { doc } = layout;
  const radius = mm(21);
  const size = layout.baseSize * 0.85;
  const y = layout.ensure(radius * 2 + size * 2);
  const cx = layout.right - radius - mm(4);
  const cy = y + radius;
  doc.save().lineWidth(0.8).dash(4, { space: 3 }).strokeColor('#999').circle(cx, cy, radius).stroke().restore();
  const nameWidth = await layout.measure([{ text: unitName, field: '盖章单位' }], size);
  const nameSize = nameWidth > radius * 1.7 ? (size * radius * 1.7) / nameWidth : size;
  const fitted = await layout.measure([{ text: unitName, field: '盖章单位' }], nameSize);
  await layout.line([{ text: unitName, field: '盖章单位' }], nameSize, cx - fitted / 2, cy - nameSize * 1.2);
  const stamp = '（盖章）';
  const stampWidth = await layout.measure([{ text: stamp, field: '盖章' }], size * 0.8);
  await layout.line([{ text: stamp, field: '盖章' }], size * 0.8, cx - stampWidth / 2, cy + size * 0.4, '#777');
  if (options.date) {
    const dateWidth = await layout.measure([{ text: options.date, field: '日期' }], size);
    await layout.line([{ text: options.date, field: '日期' }], size, cx - dateWidth / 2, cy + radius - size * 0.5);
  }
  layout.y = y + radius * 2 + size;
}

/** A QR code drawn as vector squares (sharp on any printer), centred unless `x` is given. */
export function qrCode(layout: Layout, text: string, sizeMm: number, x?: number): void {
  const modules = qrModules(text);
  const quiet = 2;
  const count = modules.length + quiet * 2;
  const side = mm(sizeMm);
  const cell = side / count;
  const top = layout.ensure(side);
  const left = x ?? layout.left + (layout.width - side) / 2;
  const { doc } = layout;
  doc.save().fillColor('black');
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) doc.rect(left + (c + quiet) * cell, top + (r + quiet) * cell, cell, cell);
    }),
  );
  doc.fill().restore();
  layout.y = top + side;
}

/** What a paper's QR code carries: its verification link, or the bare code when it has none. */
export function verificationQrText(issue: IssueInfo): string {
  return issue.verificationLink || issue.verificationCode;
}

/** The paper's verification QR code (its link, or the code), `sizeMm` square, centred unless `x` is given. */
export function verificationQr(layout: Layout, sizeMm: number, x?: number): void {
  qrCode(layout, verificationQrText(layout.issue), sizeMm, x);
}

/** “核验码：7K3M-9QX2-HT4C”, centred. */
export async function verificationLine(layout: Layout, code = layout.issue.verificationCode, size = 10): Promise<void> {
  const segments: Segment[] = [{ text: `核验码：${code}`, field: '核验码' }];
  const width = await layout.measure(segments, size);
  const y = layout.ensure(size * 2);
  await layout.line(segments, size, layout.left + (layout.width - width) / 2, y);
  layout.y = y + size * 1.8;
}

/** A thin rule across the text block (slips). */
export function rule(layout: Layout, dashed = false): void {
  const { doc } = layout;
  const y = layout.ensure(6) + 3;
  doc.save().lineWidth(0.5);
  if (dashed) doc.dash(2, { space: 2 });
  doc.moveTo(layout.left, y).lineTo(layout.right, y).stroke().restore();
  layout.y = y + 5;
}

/** 2026年11月24日, in China Standard Time whatever the machine's zone. */
export function chineseDate(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}
