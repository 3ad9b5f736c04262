// Pieces the formal papers of several domains share (the mediation committee's, the petition
// desk's): body prose, the addressee line, text typed by staff, the issuing unit's seal under a
// notice and bordered forms (登记表) that run over pages. Each draws at the layout's cursor like
// the blocks of the layout kit.
import { isCalendarDate } from '../../../shared/calendar/dates';
import { paragraph, sealArea, type Layout, type Segment } from './layout';
import { mm } from './pageSizes';

/** `2026-10-09` → `2026年10月9日`, as a paper prints it. */
export function chineseCalendarDate(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`不是有效的日期：“${date}”（应为 YYYY-MM-DD）`);
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Free text typed by staff, closed with 。 unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[。！？…；]$/.test(trimmed) ? trimmed : `${trimmed}。`;
}

/** `2026-11-24` → `2026年11月24日`, '' → '' (a date not yet known is left blank, not refused). */
export function optionalDate(date: string): string {
  return date === '' ? '' : chineseCalendarDate(date);
}

/**
 * `张三、𠮷祥：` at the head of a notice. Every name is its own field (`当事人2姓名`, after
 * `role`) so a missing glyph names the person; a long list wraps within the text block.
 */
export async function addressedTo(
  layout: Layout,
  names: string[],
  options: { role?: string; size?: number } = {},
): Promise<void> {
  const role = options.role ?? '当事人';
  const size = options.size ?? layout.baseSize;
  const segments: Segment[] = [];
  for (const [i, name] of names.entries()) {
    if (i > 0) segments.push({ text: '、', field: role });
    segments.push({ text: name, field: `${role}${i + 1}姓名` });
  }
  segments.push({ text: '：', field: '称谓' });
  const y = layout.ensure(size * 2);
  await layout.flow(segments, size, layout.left, y, { width: layout.width, lineGap: size * 0.45 });
  layout.space(size * 0.5);
}

/** Body text of a formal paper: GB/T 9704 body size, indented two characters, justified. */
export async function prose(layout: Layout, segments: Segment[] | string, size = layout.baseSize): Promise<void> {
  const parts: Segment[] = typeof segments === 'string' ? [{ text: segments, field: '正文' }] : segments;
  if (parts.every((segment) => segment.text === '')) return;
  const lineGap = size * 0.45;
  const y = layout.ensure(size * 1.5);
  await layout.flow(parts, size, layout.left, y, {
    width: layout.width,
    align: 'justify',
    lineGap,
    indent: size * 2,
  });
  layout.space(size * 0.3);
}

/** Long text typed by staff: each line it typed is a paragraph of its own. */
export async function paragraphs(layout: Layout, text: string, field: string): Promise<void> {
  for (const part of text.split(/\n+/)) if (part.trim() !== '') await paragraph(layout, part.trim(), { field });
}

/** How far `prose` moves the cursor down, to keep a closing sentence with the seal under it. */
export async function proseHeight(
  layout: Layout,
  segments: Segment[] | string,
  size = layout.baseSize,
): Promise<number> {
  const parts: Segment[] = typeof segments === 'string' ? [{ text: segments, field: '正文' }] : segments;
  const height = await layout.heightOf(parts, size, { width: layout.width, lineGap: size * 0.45, indent: size * 2 });
  return height + size * 0.3;
}

/** The unit a notice is sealed by: the name in the seal area and its phone ('' prints none). */
export interface SealLines {
  sealName: string;
  phone: string;
}

/**
 * The foot of a notice: the closing sentence (特此告知。), then the unit's seal with the date
 * and, at the left, the unit's phone when set. Kept together so a seal pushed to the next page
 * never stands there without any of the text (GB/T 9704 puts it within a line of it).
 */
/** How far `sealedClosing` moves the cursor down, to keep the last paragraph with the seal. */
export async function sealedClosingHeight(layout: Layout, closing = '特此告知。'): Promise<number> {
  const size = layout.baseSize;
  return (closing ? await proseHeight(layout, closing) : 0) + size * 0.5 + mm(42) + size * 2;
}

export async function sealedClosing(
  layout: Layout,
  unit: SealLines,
  date: string,
  closing = '特此告知。',
): Promise<void> {
  const size = layout.baseSize;
  const sealHeight = mm(42) + size * 2;
  layout.ensure(await sealedClosingHeight(layout, closing));
  if (closing) await prose(layout, [{ text: closing, field: '结束语' }]);
  layout.space(size * 0.5);
  const top = layout.y;
  await sealArea(layout, unit.sealName, { date: chineseCalendarDate(date) });
  const bottom = layout.y;
  if (unit.phone) {
    const small = size * 0.8;
    await layout.line(
      [
        { text: '联系电话：', field: '联系电话', role: 'serifBold' },
        { text: unit.phone, field: '联系电话' },
      ],
      small,
      layout.left,
      top + sealHeight - small * 3,
    );
  }
  layout.y = bottom;
}

export interface FormCell {
  label: string;
  value: string;
  /** Label-and-value pairs this cell spans (default 1). */
  span?: number;
}

/**
 * A bordered form (登记表): rows of label cells (shaded, bold) and value cells on a grid of
 * `columns` label-and-value pairs. A row that does not fit starts a new page; a one-cell row of
 * long text (简要案情, 信访事项) is split across pages instead, the rest under `label（续）`.
 */
export async function formTable(
  layout: Layout,
  rows: FormCell[][],
  options: { columns?: number; size?: number; labelChars?: number; spaceAfter?: number } = {},
): Promise<void> {
  const { doc } = layout;
  const columns = options.columns ?? 2;
  const size = options.size ?? layout.baseSize * 0.75;
  const pad = size * 0.4;
  const lineGap = size * 0.3;
  const labelWidth = size * (options.labelChars ?? 5.4) + 2 * pad;
  const valueWidth = (layout.width - columns * labelWidth) / columns;
  const pageRoom = () => layout.bottom - doc.page.margins.top;

  const measureRow = async (cells: FormCell[]) => {
    let height = 0;
    for (const cell of cells) {
      const span = Math.min(cell.span ?? 1, columns);
      const width = span * (labelWidth + valueWidth) - labelWidth;
      height = Math.max(
        height,
        await layout.heightOf([{ text: cell.label, field: '表头', role: 'serifBold' }], size, {
          width: labelWidth - 2 * pad,
          lineGap,
        }),
        await layout.heightOf([{ text: cell.value, field: cell.label }], size, { width: width - 2 * pad, lineGap }),
      );
    }
    return height + 2 * pad;
  };

  const drawRow = async (cells: FormCell[], y: number, height: number) => {
    let x = layout.left;
    for (const cell of cells) {
      const span = Math.min(cell.span ?? 1, columns);
      const width = span * (labelWidth + valueWidth) - labelWidth;
      doc.save().rect(x, y, labelWidth, height).fill('#f0f0f0').restore();
      doc.save().lineWidth(0.6).strokeColor('black').rect(x, y, labelWidth, height).stroke();
      doc
        .rect(x + labelWidth, y, width, height)
        .stroke()
        .restore();
      await layout.flow([{ text: cell.label, field: '表头', role: 'serifBold' }], size, x + pad, y + pad, {
        width: labelWidth - 2 * pad,
        lineGap,
      });
      if (cell.value !== '')
        await layout.flow([{ text: cell.value, field: cell.label }], size, x + labelWidth + pad, y + pad, {
          width: width - 2 * pad,
          lineGap,
        });
      x += labelWidth + width;
    }
    layout.y = y + height;
  };

  const pending = [...rows];
  while (pending.length > 0) {
    const cells = pending.shift()!;
    const height = await measureRow(cells);
    const room = layout.bottom - layout.y;
    if (height <= room) {
      await drawRow(cells, layout.y, height);
      continue;
    }
    const single = cells.length === 1 ? cells[0]! : null;
    // Split only long text, and only where at least three lines of it still fit.
    if (single && (height > pageRoom() || room > pageRoom() / 3) && room > 2 * pad + 3 * (size * 1.5)) {
      const [head, rest] = await splitToFit(layout, single, room, {
        size,
        pad,
        lineGap,
        width: Math.min(single.span ?? 1, columns) * (labelWidth + valueWidth) - labelWidth - 2 * pad,
      });
      if (head !== '') {
        await drawRow([{ ...single, value: head }], layout.y, room);
        pending.unshift([{ ...single, label: `${single.label.replace(/（续）$/, '')}（续）`, value: rest }]);
        doc.addPage();
        continue;
      }
    }
    doc.addPage();
    if (height > pageRoom() && !single) {
      // A several-cell row taller than a page cannot happen with the short values forms hold.
      await drawRow(cells, layout.y, height);
      continue;
    }
    pending.unshift(cells);
  }
  layout.space(options.spaceAfter ?? size * 0.8);
}

const NO_LINE_START = /^[，。、：；！？）》」』】”’…·,.:;!?)\]]$/u;

/** The longest head of `cell.value` (whole characters, 𠮷 included) that fits in `room`. */
async function splitToFit(
  layout: Layout,
  cell: FormCell,
  room: number,
  metrics: { size: number; pad: number; lineGap: number; width: number },
): Promise<[string, string]> {
  const chars = Array.from(cell.value);
  const fits = async (count: number) =>
    (await layout.heightOf([{ text: chars.slice(0, count).join(''), field: cell.label }], metrics.size, {
      width: metrics.width,
      lineGap: metrics.lineGap,
    })) +
      2 * metrics.pad <=
    room;
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (await fits(middle)) low = middle;
    else high = middle - 1;
  }
  // The rest must not start its cell with a mark no line may start with (，。：） …, UAX #14),
  // nor cut a number or a Latin word in two (12.6亩, XA123456789CN).
  const inWord = (at: number) => /^[0-9A-Za-z.]$/.test(chars[at - 1] ?? '') && /^[0-9A-Za-z]$/.test(chars[at] ?? '');
  while (low > 0 && (NO_LINE_START.test(chars[low] ?? '') || inWord(low))) low--;
  return [chars.slice(0, low).join(''), chars.slice(low).join('')];
}
