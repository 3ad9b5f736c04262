// The papers' fonts at the API boundary. The field builders (shared/validation/fields.ts) refuse
// what no paper can print whatever its fonts (control characters, direction overrides, broken
// encodings, private use); which characters the fonts have is only known here, so dispatch asks
// this module, after the input has been parsed, about every text the schema marks as printed
// (`printedText`): a name with 𰀀 (U+30000, in no font) is refused at input with the field
// named, instead of being stored and failing each paper of the record afterwards.
//
// A paper can still meet such a character in a record saved before these checks (or written by
// another program): planRuns stops it with MissingGlyphError naming the paper's field, and
// dispatch answers 400 with that field (`paperGlyphFailure`), never 500.
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { zodIssuesToFieldErrors } from '../../../shared/validation/errors';
import { printedTexts, unprintableCharacter, unprintableMessage } from '../../../shared/validation/printable';
import { FONT_ROLES, MissingGlyphError, planRuns, type FontSet } from './fonts';

/**
 * Printable ASCII and the white space planRuns lays out: every role's first font has all of
 * them (test/documents/printableInput.test.ts), so such text needs no font opened.
 */
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;

/**
 * The first character of `text` that some role's fonts (宋体, its bold, 楷体) cannot print, as
 * the error a paper would meet; null when every role prints all of it. Every role is asked
 * because a field may be printed in any of them (a name in a bold title, in a 楷体 heading).
 */
export function unprintableGlyph(fonts: FontSet, label: string, text: string): MissingGlyphError | null {
  if (PLAIN.test(text)) return null;
  for (const role of FONT_ROLES) {
    try {
      planRuns(text, label, fonts.chain(role));
    } catch (error) {
      if (error instanceof MissingGlyphError) return error;
      throw error;
    }
  }
  return null;
}

/** A letter, digit, punctuation or symbol: shown in a message between quotes. */
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/** The words after the field's label: `字“𰀀”（位置 2，U+30000）在文书的字体中都没有字形，…`. */
export function glyphMessage(error: MissingGlyphError): string {
  const position = error.index + 1;
  // A control character, a direction override, a broken encoding: the words of the input checks
  // (which also keep an invisible character out of the message).
  const rule = unprintableCharacter(error.char, { multiline: true });
  if (rule) return unprintableMessage({ ...rule, position });
  // An invisible or unassigned character is named by its code alone.
  const what = VISIBLE.test(error.char) ? `字“${error.char}”` : '字符';
  return `${what}（位置 ${position}，${error.codePointLabel}）在文书的字体中都没有字形，无法打印；请改用通行的写法（原字可在备注中说明）`;
}

/**
 * Field errors (`petitioners.0.name` → `姓名：字“𰀀”…`) for the printed texts of a parsed input
 * that the papers' fonts cannot print; null when there are none. The fonts are opened only when
 * some text holds more than plain ASCII.
 */
export async function unprintableInputFields(
  schema: z.ZodType,
  value: unknown,
  fonts: () => Promise<FontSet>,
): Promise<Record<string, string> | null> {
  const texts = printedTexts(schema, value).filter(({ text }) => !PLAIN.test(text));
  if (texts.length === 0) return null;
  const set = await fonts();
  const issues: z.core.$ZodIssue[] = [];
  for (const { path, text } of texts) {
    const error = unprintableGlyph(set, path.join('.'), text);
    if (error) issues.push({ code: 'custom', path, message: glyphMessage(error), input: text });
  }
  return issues.length > 0 ? zodIssuesToFieldErrors(schema, issues) : null;
}

/**
 * The answer when a paper meets a character its fonts cannot print (a record stored before the
 * input checks): a refusal naming the paper's field, so the clerk knows what to correct.
 */
export function paperGlyphFailure(error: MissingGlyphError): ApiError {
  const fieldError = `${error.field}：${glyphMessage(error)}`;
  return {
    code: 'VALIDATION',
    message: `文书无法出具：${fieldError}。记录中保存的“${error.field}”须先改正`,
    fieldErrors: { [error.field]: fieldError },
  };
}
