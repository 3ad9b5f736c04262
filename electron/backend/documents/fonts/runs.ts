// Splits text into runs by the font that prints each character, so that a name such as 张𠮷
// prints 张 in the main font and 𠮷 in a fallback font. A character no font can print stops the
// document with an error naming the character and the field: never a blank box or a '?'.
import { codePointLabel } from '../../../../shared/validation/printable';
import type { FontChain, FontFace } from './registry';

export interface TextRun {
  text: string;
  face: FontFace;
}

export type MissingGlyphReason = 'no-glyph' | 'private-use' | 'control' | 'unpaired-surrogate';

/** A character of a field that no font can print; the message is fit to show a clerk. */
export class MissingGlyphError extends Error {
  override readonly name = 'MissingGlyphError';
  /** `U+20BB7` style. */
  readonly codePointLabel: string;

  constructor(
    /** The field's Chinese label, e.g. 姓名. */
    readonly field: string,
    readonly char: string,
    readonly codePoint: number,
    /** Position in the text, counted in code points (characters), from 0. */
    readonly index: number,
    readonly reason: MissingGlyphReason,
  ) {
    const label = codePointLabel(codePoint);
    super(missingGlyphMessage(field, char, label, reason));
    this.codePointLabel = label;
  }
}

export { codePointLabel };

function missingGlyphMessage(field: string, char: string, label: string, reason: MissingGlyphReason): string {
  switch (reason) {
    case 'no-glyph':
      return `字段“${field}”中的字“${char}”（${label}）在所有字体中都没有字形，无法打印`;
    case 'private-use':
      return `字段“${field}”中的字符 ${label} 属于私用区（旧系统自造字的编码），没有公认的字形，无法打印；请改用标准编码的汉字`;
    case 'control':
      return `字段“${field}”中含有不可打印的控制字符 ${label}，无法打印`;
    case 'unpaired-surrogate':
      return `字段“${field}”中含有残缺的字符编码 ${label}，无法打印`;
  }
}

/** Line breaks: pdfkit splits lines at '\n' before any font sees them. */
function isLineBreak(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x2028 || codePoint === 0x2029;
}

/** Invisible characters pasted in from other programs; a font would draw them as a box. */
function isZeroWidth(codePoint: number): boolean {
  return (
    codePoint === 0x200b || codePoint === 0x200c || codePoint === 0x200d || codePoint === 0x2060 || codePoint === 0xfeff
  );
}

/** Variation selectors: fontkit applies them to the character before, in the same font. */
function isVariationSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

/**
 * Private use code points are refused even when a font draws something there: old systems put
 * their own rare characters (造字) at these code points, each differently, so any glyph a font
 * has for them is somebody else's character.
 */
function isPrivateUse(codePoint: number): boolean {
  return (codePoint >= 0xe000 && codePoint <= 0xf8ff) || codePoint >= 0xf0000;
}

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Where a character stops being printable, or null. */
function refusal(codePoint: number): MissingGlyphReason | null {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'unpaired-surrogate';
  if (isPrivateUse(codePoint)) return 'private-use';
  if (isControl(codePoint)) return 'control';
  return null;
}

/** The first face of the chain that has a glyph for the code point. */
export function faceFor(codePoint: number, chain: FontChain): FontFace | undefined {
  for (const family of chain.families) {
    const face = family.faceFor(codePoint);
    if (face) return face;
  }
  return undefined;
}

/**
 * The runs to print `text` of the field `field` with the fonts of `chain`, in order; adjacent
 * characters printed by the same face share a run. Throws MissingGlyphError at the first
 * character that cannot be printed.
 *
 * What reaches the runs is what pdfkit should draw: line breaks (CR LF, CR, U+2028, U+2029)
 * become '\n', which pdfkit lays out and no font draws; a tab becomes a space (fonts have no
 * glyph for tabs); zero-width characters are left out; a variation selector stays right after
 * its character.
 */
export function planRuns(text: string, field: string, chain: FontChain): TextRun[] {
  const runs: TextRun[] = [];
  /** Line breaks met before the first printed character. */
  let pending = '';
  let index = -1;
  let afterCr = false;
  for (const char of text) {
    index++;
    const codePoint = char.codePointAt(0)!;
    const crLf = afterCr && codePoint === 0x0a;
    afterCr = codePoint === 0x0d;
    const last = runs.at(-1);
    if (isLineBreak(codePoint)) {
      if (crLf) continue;
      if (last) last.text += '\n';
      else pending += '\n';
      continue;
    }
    if (isZeroWidth(codePoint)) continue;
    if (isVariationSelector(codePoint)) {
      // With no character before it, there is nothing for it to select: left out.
      if (last) last.text += char;
      continue;
    }
    const printed = codePoint === 0x09 ? ' ' : char;
    const printedCodePoint = printed.codePointAt(0)!;
    const reason = refusal(printedCodePoint);
    const face = reason === null ? faceFor(printedCodePoint, chain) : undefined;
    if (!face) throw new MissingGlyphError(field, char, codePoint, index, reason ?? 'no-glyph');
    if (last?.face === face) {
      last.text += printed;
    } else {
      runs.push({ text: pending + printed, face });
      pending = '';
    }
  }
  if (pending) {
    // Only line breaks: they go in the chain's main font (pdfkit never asks it for a glyph).
    const face = chain.families[0]?.faces[0];
    if (face) runs.push({ text: pending, face });
  }
  return runs;
}

/**
 * Checks several fields at once (e.g. before saving a record or issuing a document) and returns
 * every unprintable character found, first one per field; empty when all can be printed.
 */
export function findUnprintable(fields: Readonly<Record<string, string>>, chain: FontChain): MissingGlyphError[] {
  const problems: MissingGlyphError[] = [];
  for (const [field, text] of Object.entries(fields)) {
    try {
      planRuns(text, field, chain);
    } catch (error) {
      if (!(error instanceof MissingGlyphError)) throw error;
      problems.push(error);
    }
  }
  return problems;
}
