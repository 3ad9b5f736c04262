// Pieces the counter's papers share: the hall's heading, the materials table, the promised
// date wording, the closing block (window, clerk, phone and QR beside the hall's seal) and the
// resident's sign-off. Each draws at the layout's cursor like the blocks of the layout kit.
import { HANDLING_TYPE_LABELS, MATERIAL_FORM_LABELS } from '../../../../shared/catalog/catalog';
import {
  fingerprintBox,
  issuingUnit,
  sealArea,
  table,
  title,
  type Field,
  type Layout,
  type Segment,
  verificationQr,
} from '../../documents/layout';
import { mm } from '../../documents/pageSizes';
import type { AcceptanceReceiptRecord, HallInfo, MaterialLine } from './records';

// The date and text helpers every domain's papers share live in the documents kit.
import { chineseCalendarDate, sentence } from '../../documents/paperParts';

export { chineseCalendarDate, sentence };

/** `咨询电话：0372-5123456。`, or nothing when the hall has not set a phone. */
export function queryPhoneSentence(hall: HallInfo): string {
  return hall.queryPhone ? `咨询电话：${hall.queryPhone}。` : '';
}

/** What a receipt asks of the resident; `qr` says where the code is (`下方二维码` on a slip). */
export function receiptNote(hall: HallInfo, qr = '二维码'): string {
  return `请妥善保管本回执，凭回执查询办理进度、领取办理结果。${queryPhoneSentence(hall)}扫描${qr}或输入核验码，可核验本回执真伪。`;
}

export const REMEDY_SENTENCE = '如对本决定有异议，可依法申请行政复议或者提起行政诉讼。';

export function itemLabel(record: { itemName: string; itemCode: string }): string {
  return `${record.itemName}（${record.itemCode}）`;
}

/** The hall's name over the paper's title. */
export async function hallHeading(layout: Layout, hall: HallInfo, text: string, titleSize = 22): Promise<void> {
  await issuingUnit(layout, hall.hallName);
  await title(layout, text, titleSize);
}

/** `李秀英：` on a line of its own; the name is its own field so a missing glyph names it. */
export async function addressee(layout: Layout, residentName: string, size = layout.baseSize * 1.1): Promise<void> {
  await layout.flow(
    [
      { text: residentName, field: '申请人' },
      { text: '：', field: '称谓' },
    ],
    size,
    layout.left,
    layout.ensure(size * 2),
  );
  layout.space(size * 0.5);
}

/** Body text of the notices: a touch larger than the form fields, indented two characters. */
export async function prose(layout: Layout, segments: Segment[], size = layout.baseSize * 1.1): Promise<void> {
  const lineGap = size * 0.5;
  const y = layout.ensure(size * 1.5);
  await layout.flow(segments, size, layout.left, y, { width: layout.width, lineGap, indent: size * 2 });
  layout.space(size * 0.3);
}

/** How far `prose` moves the cursor down, to keep a paper's closing text with its signatures. */
export async function proseHeight(layout: Layout, segments: Segment[], size = layout.baseSize * 1.1): Promise<number> {
  const lineGap = size * 0.5;
  const height = await layout.heightOf(segments, size, { width: layout.width, lineGap, indent: size * 2 });
  return height + size * 0.3;
}

export function materialForm(material: MaterialLine): string {
  return MATERIAL_FORM_LABELS[material.form];
}

/** 序号, 材料名称, 原件/复印件, 份数 and, with `required`, 必需/可选 and, with `notes`, 说明. */
export async function materialsTable(
  layout: Layout,
  materials: ReadonlyArray<MaterialLine & { required?: boolean }>,
  options: { notes?: boolean; required?: boolean; size?: number } = {},
): Promise<void> {
  const notes = options.notes ?? false;
  const required = options.required ?? false;
  await table(layout, {
    size: options.size,
    columns: [
      { header: '序号', width: 0.8, align: 'center' },
      { header: '材料名称', width: notes ? (required ? 3.3 : 3.6) : 4.4 },
      // Wide enough for 原件及复印件 on one line once the table has a 必需/可选 column.
      { header: '原件/复印件', width: required ? 2 : 1.7, align: 'center' },
      { header: '份数', width: 0.8, align: 'center' },
      ...(required ? [{ header: '必需/可选', width: 1.5, align: 'center' as const }] : []),
      ...(notes ? [{ header: '说明', width: required ? 3.3 : 3.2 }] : []),
    ],
    rows: materials.map((material, i) => [
      String(i + 1),
      material.name,
      materialForm(material),
      String(material.copies),
      ...(required ? [material.required ? '必需' : '可选'] : []),
      ...(notes ? [material.note ?? ''] : []),
    ]),
  });
}

/** `居民身份证（原件及复印件1份）、居民户口簿（…）`: materials named in a sentence. */
export function materialsInline(materials: MaterialLine[]): string {
  return materials.map((material) => `${material.name}（${materialForm(material)}${material.copies}份）`).join('、');
}

/**
 * What the receipt promises. A 转报件 the township makes no promise for is decided by the
 * county, so the paper says whose answer to wait for instead of a date.
 */
export function promiseText(record: AcceptanceReceiptRecord): string {
  if (record.completedOnTheSpot) return '当场办结';
  if (record.promisedDate === null)
    return record.forwardedTo ? `转报${record.forwardedTo}，办结时间以其答复为准` : '办结时间另行告知';
  const notes: string[] = [];
  if (record.handlingType === 'immediate') notes.push('当日办结');
  else if (record.promisedWorkingDays !== null) notes.push(`${record.promisedWorkingDays}个工作日`);
  if (record.handlingType === 'forwarded' && record.forwardedTo) notes.push(`转报${record.forwardedTo}`);
  if (record.promisedDateProvisional) notes.push('暂定，以国务院节假日安排为准');
  const date = chineseCalendarDate(record.promisedDate);
  return notes.length > 0 ? `${date}（${notes.join('，')}）` : date;
}

/** The fields of a 受理回执, in the order both papers print them. */
export function acceptanceFields(record: AcceptanceReceiptRecord): Field[] {
  return [
    { label: '受理编号', value: record.caseNumber },
    { label: '受理日期', value: chineseCalendarDate(record.acceptedOn) },
    { label: '申请人', value: record.residentName },
    { label: '身份证号', value: record.idNumberMasked },
    { label: '办理事项', value: itemLabel(record), span: 2 },
    { label: '办件类型', value: HANDLING_TYPE_LABELS[record.handlingType] },
    { label: '责任部门', value: record.department },
    { label: '承诺办结日期', value: promiseText(record), span: 2 },
    { label: '受理窗口', value: record.window },
    { label: '经办人', value: record.clerkName },
  ];
}

/**
 * The QR code of the verification code with a note beside it, at `x` (default: the left of
 * the text block) and `width` wide. Drawn together so a page break never parts them.
 */
export async function verificationBeside(
  layout: Layout,
  note: string,
  options: { x?: number; width?: number; qrMm?: number; size?: number } = {},
): Promise<void> {
  const x = options.x ?? layout.left;
  const width = options.width ?? layout.width;
  const side = mm(options.qrMm ?? 20);
  const size = options.size ?? layout.baseSize * 0.85;
  const gap = size;
  const textWidth = width - side - gap;
  const code: Segment = { text: `核验码：${layout.issue.verificationCode}`, field: '核验码', role: 'serifBold' };
  const noteHeight = note ? await layout.heightOf([{ text: note, field: '提示' }], size, { width: textWidth }) : 0;
  const height = Math.max(side, noteHeight + size * 2);
  const top = layout.ensure(height);
  verificationQr(layout, options.qrMm ?? 20, x);
  // The quiet zone of the code is blank: the text starts level with the code's first module.
  let y = top + side * 0.06;
  if (note) {
    await layout.flow([{ text: note, field: '提示' }], size, x + side + gap, y, {
      width: textWidth,
      lineGap: size * 0.25,
    });
    y = layout.y + size * 0.3;
  }
  await layout.line([code], size, x + side + gap, y);
  layout.y = Math.max(top + side, y + size * 1.5);
}

/** How far `verificationBeside` moves the cursor down, with the same options. */
export async function verificationBesideHeight(
  layout: Layout,
  note: string,
  options: { width?: number; qrMm?: number; size?: number } = {},
): Promise<number> {
  const side = mm(options.qrMm ?? 20);
  const size = options.size ?? layout.baseSize * 0.85;
  const textWidth = (options.width ?? layout.width) - side - size;
  const noteHeight = note
    ? (await layout.heightOf([{ text: note, field: '提示' }], size, { width: textWidth, lineGap: size * 0.25 })) +
      size * 0.3
    : 0;
  return Math.max(side, side * 0.06 + noteHeight + size * 1.5);
}

/**
 * The foot of a notice: the closing sentence (特此告知。), then the hall's seal with the date at
 * the right and, beside it, where to ask (window, clerk, phone) over the QR code. Side by side,
 * because a one-page notice has no room to stack them; the closing sentence goes with them, so
 * a seal pushed to the next page never stands there without any of the text (GB/T 9704 puts
 * the seal within a line of the text).
 */
export async function closingBlock(
  layout: Layout,
  options: { hall: HallInfo; date: string; lines: Field[]; noun: string; closing: string },
): Promise<void> {
  const size = layout.baseSize;
  const sealWidth = mm(50);
  const leftWidth = layout.width - sealWidth;
  const lines = options.lines.filter((line) => line.value !== '');
  const lineHeight = layout.lineHeight(size) + size * 0.6;
  const sealHeight = mm(42) + size * 2;
  const leftHeight = lines.length * lineHeight + mm(20) + size;
  const blockHeight = Math.max(sealHeight, leftHeight) + size;
  const closingHeight = layout.lineHeight(size * 1.1) + size * 1.5;
  layout.ensure(closingHeight + blockHeight);
  await prose(layout, [{ text: options.closing, field: '结束语' }]);
  const top = layout.ensure(blockHeight);
  layout.y = top + size * 0.5;
  await sealArea(layout, options.hall.hallName, { date: chineseCalendarDate(options.date) });
  const sealBottom = layout.y;

  layout.y = top + size * 0.5;
  for (const line of lines) {
    await layout.flow(
      [
        { text: `${line.label}：`, field: line.label, role: 'serifBold' },
        { text: line.value, field: line.label },
      ],
      size,
      layout.left,
      layout.y,
      { width: leftWidth - size },
    );
    layout.space(size * 0.6);
  }
  layout.space(size * 0.2);
  await verificationBeside(layout, `扫描二维码或输入核验码，可核验本${options.noun}真伪。`, {
    width: leftWidth - size,
    qrMm: 20,
  });
  layout.y = Math.max(layout.y, sealBottom);
}

/** `申请人签收：` with a line to sign on and the date to fill in: the resident signs the hall’s copy. */
export async function residentSignOff(layout: Layout, label = '申请人签收'): Promise<void> {
  const { doc } = layout;
  const size = layout.baseSize;
  const y = layout.ensure(size * 4) + size * 2;
  const labelWidth = await layout.line(
    [{ text: `${label}：`, field: '签收', role: 'serifBold' }],
    size,
    layout.left,
    y,
  );
  const dateText = '　　　　年　　月　　日';
  const dateWidth = await layout.measure([{ text: dateText, field: '日期' }], size);
  const lineStart = layout.left + labelWidth + size * 0.3;
  const lineEnd = layout.right - dateWidth - size * 2;
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor('black')
    .moveTo(lineStart, y + size * 1.15)
    .lineTo(lineEnd, y + size * 1.15)
    .stroke()
    .restore();
  await layout.line([{ text: dateText, field: '日期' }], size, layout.right - dateWidth, y);
  layout.y = y + size * 2;
}

const FINGERPRINT_MM = 14;

export interface SignatureParty {
  /** Printed before `：`, e.g. 受托人（代办员）签字. */
  label: string;
  /** A dashed box for the fingerprint (捺手印) at the end of the line to sign on. */
  fingerprint?: boolean;
}

/** How far `signatureColumns` moves the cursor down. */
export function signatureColumnsHeight(layout: Layout, parties: SignatureParty[]): number {
  const size = layout.baseSize;
  const room = parties.some((party) => party.fingerprint) ? mm(FINGERPRINT_MM) : size * 2.2;
  return size * 1.6 + room + size * 3;
}

/**
 * Signatures side by side, one column per party, as forms between two parties have them:
 * `label：` in bold, a line to sign on (ending in a fingerprint box when asked) and the date
 * `年 月 日` to fill in under the line's end.
 */
export async function signatureColumns(layout: Layout, parties: SignatureParty[]): Promise<void> {
  const { doc } = layout;
  const size = layout.baseSize;
  const height = signatureColumnsHeight(layout, parties);
  const top = layout.ensure(height);
  const column = layout.width / parties.length;
  const box = mm(FINGERPRINT_MM);
  const lineY = top + height - size * 3;
  const dateText = '　　　　年　　月　　日';
  const dateWidth = await layout.measure([{ text: dateText, field: '日期' }], size);
  for (const [i, party] of parties.entries()) {
    const x = layout.left + i * column;
    const end = x + column - size * 1.5;
    const lineEnd = party.fingerprint ? end - box - size * 0.5 : end;
    await layout.line([{ text: `${party.label}：`, field: '签名方', role: 'serifBold' }], size, x, top);
    doc.save().lineWidth(0.6).strokeColor('black').moveTo(x, lineY).lineTo(lineEnd, lineY).stroke().restore();
    if (party.fingerprint) await fingerprintBox(layout, end - box, lineY - box, FINGERPRINT_MM);
    await layout.line([{ text: dateText, field: '日期' }], size, lineEnd - dateWidth, lineY + size);
  }
  layout.y = top + height;
}

/**
 * The end of a paper two parties sign: a closing paragraph, the signatures side by side and the
 * verification code with its note, kept on one page so no signature stands apart from the text
 * it signs.
 */
export async function signedClosing(
  layout: Layout,
  closing: Segment[],
  parties: SignatureParty[],
  note: string,
): Promise<void> {
  const size = layout.baseSize;
  layout.ensure(
    (await proseHeight(layout, closing)) +
      size * 0.4 +
      signatureColumnsHeight(layout, parties) +
      size +
      (await verificationBesideHeight(layout, note)),
  );
  await prose(layout, closing);
  layout.space(size * 0.4);
  await signatureColumns(layout, parties);
  layout.space(size);
  await verificationBeside(layout, note);
}
