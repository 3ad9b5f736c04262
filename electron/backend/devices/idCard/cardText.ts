// The card's 256-byte text block (the same from the SAM protocol and from the vendor's
// SDT_ReadBaseMsg): fixed-width fields of UCS-2 little-endian characters, padded with spaces.
//
//   name 30 · sex 2 · ethnicity 4 · birth date 16 · address 70 · ID number 36 ·
//   issuing authority 30 · valid from 16 · valid to 16 · reserved 36          (bytes)
//
// Sex is the GB/T 2261.1 code (1 男, 2 女), ethnicity the two-digit GB/T 3304 code, dates
// YYYYMMDD; `valid to` is 长期 on a card valid for life.
//
// UCS-2 has no characters beyond the BMP. A surrogate pair is still read as the character it
// encodes (the UTF-16 reading of the same bytes, and what a reader with a newer chip would
// send), while a lone surrogate, which is no character at all, becomes U+FFFD so the text stays
// well-formed for the form and the database.
import type { IdCardText } from '../../../../shared/devices/idCard';
import { ETHNICITIES } from '../../../../shared/residents/ethnicities';
import { CARD_TEXT_BLOCK_BYTES } from './samFrames';

const FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['ethnicity', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuingAuthority', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const;

type FieldName = (typeof FIELDS)[number][0];

export const VALID_FOR_LIFE = '长期';

/** GB/T 3304 numbers 01–56 in ETHNICITIES' order, then its two extra entries 97 and 98. */
function ethnicityCode(index: number): string {
  return index < 56 ? String(index + 1).padStart(2, '0') : String(97 + index - 56);
}

const ETHNICITY_BY_CODE = new Map<string, string>(ETHNICITIES.map((name, index) => [ethnicityCode(index), name]));
const CODE_BY_ETHNICITY = new Map<string, string>([...ETHNICITY_BY_CODE].map(([code, name]) => [name, code]));

const SEX_BY_CODE: Record<string, IdCardText['sex']> = { '1': '男', '2': '女' };

export type CardTextDecoding = { ok: true; text: IdCardText } | { ok: false; reason: string };

/** The card's fields; `ok: false` with a Chinese reason when the block cannot be a card's text. */
export function decodeCardText(block: Uint8Array): CardTextDecoding {
  if (block.length < CARD_TEXT_BLOCK_BYTES) {
    return { ok: false, reason: `文字信息只有 ${block.length} 字节，应为 ${CARD_TEXT_BLOCK_BYTES} 字节` };
  }
  const raw = {} as Record<FieldName, string>;
  let offset = 0;
  for (const [field, bytes] of FIELDS) {
    raw[field] = readUcs2(block.subarray(offset, offset + bytes));
    offset += bytes;
  }
  const birthDate = cardDate(raw.birthDate);
  const validFrom = cardDate(raw.validFrom);
  const validTo = raw.validTo === VALID_FOR_LIFE ? VALID_FOR_LIFE : cardDate(raw.validTo);
  if (!birthDate || !validFrom || !validTo) {
    return { ok: false, reason: `日期无法识别（出生 ${raw.birthDate}，有效期 ${raw.validFrom}–${raw.validTo}）` };
  }
  if (!raw.name || !raw.idNumber) return { ok: false, reason: '姓名或公民身份号码为空' };
  return {
    ok: true,
    text: {
      name: raw.name,
      sex: SEX_BY_CODE[raw.sex] ?? '未知',
      // An unknown code gives no name: the form leaves 民族 for the clerk instead of guessing.
      ethnicity: ETHNICITY_BY_CODE.get(raw.ethnicity) ?? '',
      birthDate,
      address: raw.address,
      idNumber: raw.idNumber,
      issuingAuthority: raw.issuingAuthority,
      validFrom,
      validTo,
    },
  };
}

/** The text block a card holding `text` gives (the simulated devices of the tests). */
export function encodeCardText(text: IdCardText): Buffer {
  const sexCode = text.sex === '男' ? '1' : text.sex === '女' ? '2' : '0';
  const code = CODE_BY_ETHNICITY.get(text.ethnicity);
  if (!code) throw new Error(`民族“${text.ethnicity}”不在 GB/T 3304 代码表中`);
  const values: Record<FieldName, string> = {
    name: text.name,
    sex: sexCode,
    ethnicity: code,
    birthDate: compactDate(text.birthDate),
    address: text.address,
    idNumber: text.idNumber,
    issuingAuthority: text.issuingAuthority,
    validFrom: compactDate(text.validFrom),
    validTo: text.validTo === VALID_FOR_LIFE ? VALID_FOR_LIFE : compactDate(text.validTo),
    reserved: '',
  };
  const block = Buffer.alloc(CARD_TEXT_BLOCK_BYTES);
  let offset = 0;
  for (const [field, bytes] of FIELDS) {
    const encoded = Buffer.from(values[field], 'utf16le');
    if (encoded.length > bytes) throw new Error(`${field} 超出卡上 ${bytes / 2} 个字符的宽度：${values[field]}`);
    block.fill(Buffer.from(' ', 'utf16le'), offset, offset + bytes);
    encoded.copy(block, offset);
    offset += bytes;
  }
  return block;
}

function readUcs2(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf16le');
  // A lone surrogate (high without low, or low alone) is not text.
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[ \0]+$/, '');
}

/** `YYYYMMDD` → `YYYY-MM-DD`, or `null` when it is not a calendar date. */
function cardDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return `${year}-${month}-${day}`;
}

function compactDate(value: string): string {
  return value.replaceAll('-', '');
}
