// An instruction may point at one record of the township it goes to (issue 21): a petition, an
// escalated residents' matter, a dispute or a counter case, named by its kind and its number —
// the number being what the county knows of a township's record (the 诉求编号 on the 提交统筹
// list, the 信访编号 on a paper); ids are the township's own. The township finds the record by the
// number in its own tables and shows the instruction on that record's page.
//
// One reading of a number for both sides: the hub checks it when the county sends the
// instruction (a number that cannot be that kind's is refused naming 记录编号) and sends it in its
// canonical form; the township reads it again to match its rows by year and sequence.
import { z } from 'zod';
import { formatCaseNumber } from '../counter/caseNumbers';
import { formatMatterNumber } from '../matters/matters';
import { formatMediationCaseNumber } from '../mediation/caseNumbers';

/** The kinds of record an instruction may point at (the workflow kinds' names). */
export const INSTRUCTION_RECORD_KINDS = ['matter', 'petition', 'dispute', 'counterCase'] as const;
export type InstructionRecordKind = (typeof INSTRUCTION_RECORD_KINDS)[number];

export const INSTRUCTION_RECORD_KIND_LABELS: Record<InstructionRecordKind, string> = {
  matter: '群众诉求',
  petition: '信访件',
  dispute: '矛盾纠纷',
  counterCase: '受理件',
};

/** What the number of each kind is called, and an example of it (the form's hint, the refusal). */
export const INSTRUCTION_RECORD_NUMBERS: Record<InstructionRecordKind, { label: string; example: string }> = {
  matter: { label: '诉求编号', example: 'SQ-2026-000123' },
  petition: { label: '信访编号', example: '青信〔2026〕12号' },
  dispute: { label: '调解案号', example: '（2026）青调字第12号' },
  counterCase: { label: '受理编号', example: 'SL-2026-000306' },
};

/** The record an instruction is about, as it travels (protocol `instruction.about`). */
export const instructionAbout = z.object({
  kind: z.enum(INSTRUCTION_RECORD_KINDS),
  number: z.string().trim().min(1).max(60),
});
export type InstructionAbout = z.infer<typeof instructionAbout>;

/**
 * A record's number as both sides compare it: the year and the sequence, and for a dispute the
 * committee's prefix when the number names one (a township with two committees has two No. 12 of
 * 2026; without the prefix both match).
 */
export interface RecordNumberKey {
  year: number;
  sequence: number;
  prefix: string | null;
}

export type ReadRecordNumber = { ok: true; number: string; key: RecordNumberKey } | { ok: false; message: string };

/** `SL-2026-000306`, `sl2026306`, `SL-2026-306`, `2026-306`. */
const CASE_NUMBER = /^(?:SL-?(\d{4})-?|(\d{4})-)(\d{1,6})$/;
/** `SQ-2026-000123`, `sq2026123`, `SQ-2026-123`, `2026-123`. */
const MATTER_NUMBER = /^(?:SQ-?(\d{4})-?|(\d{4})-)(\d{1,6})$/;
/** `青信〔2026〕12号`, `青信[2026]12`, `〔2026〕第12号`: a prefix (optional), the year in brackets. */
const PETITION_NUMBER = /^([^\d\s([〔【]*)\s*[([〔【](\d{4})[)\]〕】]\s*(?:第)?\s*(\d{1,6})\s*号?$/;
/** `（2026）青调字第12号`, `(2026)青调12号`, `[2026]第12号`: the year in brackets first. */
const DISPUTE_NUMBER = /^[([〔【](\d{4})[)\]〕】]\s*([^\d\s]*?)\s*(?:字)?\s*(?:第)?\s*(\d{1,6})\s*号?$/;

/**
 * What was typed, made comparable as the one search box does (shared/search/query.ts): full-width
 * forms as ASCII (NFKC), every kind of dash a hyphen, runs of spaces one space.
 */
function normalized(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Reads `text` as a number of `kind`; its canonical form is what travels and what is shown. */
export function readRecordNumber(kind: InstructionRecordKind, text: string): ReadRecordNumber {
  const plain = normalized(text);
  const { label, example } = INSTRUCTION_RECORD_NUMBERS[kind];
  const refused: ReadRecordNumber = { ok: false, message: `不是有效的${label}（应如 ${example}）` };
  if (!plain) return { ok: false, message: `请填写${label}` };
  const compact = plain.toUpperCase().replace(/ /g, '');
  const sane = (year: number, sequence: number) => year >= 2000 && year <= 2999 && sequence > 0;
  switch (kind) {
    case 'counterCase':
    case 'matter': {
      const match = (kind === 'counterCase' ? CASE_NUMBER : MATTER_NUMBER).exec(compact);
      if (!match) return refused;
      const year = Number(match[1] ?? match[2]);
      const sequence = Number(match[3]);
      if (!sane(year, sequence)) return refused;
      const number = kind === 'counterCase' ? formatCaseNumber(year, sequence) : formatMatterNumber(year, sequence);
      return { ok: true, number, key: { year, sequence, prefix: null } };
    }
    case 'petition': {
      const match = PETITION_NUMBER.exec(plain);
      if (!match) return refused;
      const year = Number(match[2]);
      const sequence = Number(match[3]);
      if (!sane(year, sequence)) return refused;
      const prefix = match[1]!.trim() || null;
      return { ok: true, number: `${prefix ?? ''}〔${year}〕${sequence}号`, key: { year, sequence, prefix } };
    }
    case 'dispute': {
      const match = DISPUTE_NUMBER.exec(plain);
      if (!match) return refused;
      const year = Number(match[1]);
      const sequence = Number(match[3]);
      if (!sane(year, sequence)) return refused;
      const prefix = match[2]!.replace(/字$/, '') || null;
      const number = prefix ? formatMediationCaseNumber(year, prefix, sequence) : `（${year}）第${sequence}号`;
      return { ok: true, number, key: { year, sequence, prefix } };
    }
  }
}

/** Whether an instruction's pointer names the record whose own number reads as `record`. */
export function pointsAt(about: InstructionAbout, kind: InstructionRecordKind, record: RecordNumberKey): boolean {
  if (about.kind !== kind) return false;
  const read = readRecordNumber(kind, about.number);
  if (!read.ok) return false;
  const { key } = read;
  return (
    key.year === record.year &&
    key.sequence === record.sequence &&
    (key.prefix === null || record.prefix === null || key.prefix === record.prefix)
  );
}

/** `群众诉求 SQ-2026-000123`: how a pointer is named in a list. */
export function describeAbout(about: InstructionAbout): string {
  return `${INSTRUCTION_RECORD_KIND_LABELS[about.kind]} ${about.number}`;
}
