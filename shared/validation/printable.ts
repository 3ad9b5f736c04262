import { z } from 'zod';

// Text that can always be printed. Whatever a clerk types (or pastes) into a name, an address or
// a matter ends up on a paper some day, and pdfkit cannot print a control character, a broken
// encoding or a character that turns the text around. Such text is refused where it enters,
// with the field and the place named, instead of being stored and failing every paper of the
// record later. Which fonts have which characters is the backend's business (the papers' fonts
// are not in `shared/`): it finds the texts to check through `printedText` (below) and asks its
// fonts (electron/backend/documents/printableInput.ts).

export interface TextOptions {
  /** Tab and line breaks allowed: the fields the forms show as a text area (facts, reasons, notes). */
  multiline?: boolean;
}

export type UnprintableKind = 'lineBreak' | 'tab' | 'control' | 'bidi' | 'surrogate' | 'privateUse';

export interface UnprintableCharacter {
  kind: UnprintableKind;
  codePoint: number;
  /** Where it is, counted in characters (code points) from 1, as a clerk counts: 𠮷 is one. */
  position: number;
}

/** `U+202E`, `U+20BB7`. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isLineBreak(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x2028 || codePoint === 0x2029;
}

/** C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F). */
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): invisible, they make a
 * screen show `陈静` for what is stored (and searched, and printed) as something else.
 */
function isBidiControl(codePoint: number): boolean {
  return (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069);
}

/**
 * Private use: old systems put their home-made characters (造字) here, each system its own, so
 * whatever glyph a font has at such a code point is somebody else's character.
 */
function isPrivateUse(codePoint: number): boolean {
  return (codePoint >= 0xe000 && codePoint <= 0xf8ff) || codePoint >= 0xf0000;
}

/** The first character of `text` no paper can print whatever its fonts, or null. */
export function unprintableCharacter(text: string, options: TextOptions = {}): UnprintableCharacter | null {
  let position = 0;
  // for…of walks code points: a pair of surrogates is one character, a lone one comes out alone.
  for (const char of text) {
    position++;
    const codePoint = char.codePointAt(0)!;
    let kind: UnprintableKind | null = null;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) kind = 'surrogate';
    else if (isLineBreak(codePoint)) kind = options.multiline ? null : 'lineBreak';
    else if (codePoint === 0x09) kind = options.multiline ? null : 'tab';
    else if (isControl(codePoint)) kind = 'control';
    else if (isBidiControl(codePoint)) kind = 'bidi';
    else if (isPrivateUse(codePoint)) kind = 'privateUse';
    if (kind) return { kind, codePoint, position };
  }
  return null;
}

/** The words after the field's label: `含有不能打印的控制字符（位置 3，U+0007）`. */
export function unprintableMessage(found: UnprintableCharacter): string {
  const where = `位置 ${found.position}，${codePointLabel(found.codePoint)}`;
  switch (found.kind) {
    case 'lineBreak':
      return `不能换行（位置 ${found.position}），请写在一行内`;
    case 'tab':
      return `含有制表符（位置 ${found.position}），请改为空格`;
    case 'control':
      return `含有不能打印的控制字符（${where}），请删去`;
    case 'bidi':
      return `含有改变文字方向的控制字符（${where}），屏幕上和打印出的文字顺序会与实际不同，请删去`;
    case 'surrogate':
      return `含有残缺的字符编码（${where}），请删去这个字后重新输入`;
    case 'privateUse':
      return `含有私用区字符（${where}）：这是旧系统自造字的编码，没有公认的字形，无法打印；请改用标准编码的汉字`;
  }
}

/** `编号字头：含有…` for a value that did not come through a schema (a stored setting), or null. */
export function unprintableProblem(label: string, text: string, options: TextOptions = {}): string | null {
  const found = unprintableCharacter(text, options);
  return found ? `${label}：${unprintableMessage(found)}` : null;
}

/**
 * The text fields whose characters must also be in the papers' fonts, with their options; the
 * backend walks an input's schema beside the parsed input to find them (`printedTexts`).
 */
export const printedText = z.registry<Required<TextOptions>>();

/**
 * Adds the printable rules to a string schema and marks it for the backend's font check; the
 * builders in fields.ts use it, and so does a field with length rules of its own.
 */
export function printable<T extends z.ZodType<string, string>>(schema: T, options: TextOptions = {}): T {
  const checked = schema.superRefine((text, ctx) => {
    const found = unprintableCharacter(text, options);
    if (found) ctx.addIssue({ code: 'custom', message: unprintableMessage(found), input: text });
  }) as T;
  printedText.add(checked, { multiline: options.multiline ?? false });
  return checked;
}

export interface PrintedTextAt {
  path: (string | number)[];
  text: string;
  multiline: boolean;
}

type Def = Record<string, unknown> & { type: string };

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/**
 * Every marked text of a parsed input, with its path: the schema is walked beside the value
 * (objects, arrays, records, tuples, optional/nullable/default wrappers, pipes, unions), so a
 * petitioner's name is found at `petitioners.2.name`.
 */
export function printedTexts(schema: z.ZodType, value: unknown): PrintedTextAt[] {
  const found = new Map<string, PrintedTextAt>();
  const walk = (node: unknown, at: unknown, path: (string | number)[], depth: number) => {
    const def = defOf(node);
    if (!def || at === undefined || at === null || depth > 64) return;
    const marked = printedText.get(node as z.ZodType);
    if (marked) {
      if (typeof at === 'string') found.set(path.join('.'), { path, text: at, multiline: marked.multiline });
      return;
    }
    switch (def.type) {
      case 'object':
        if (typeof at !== 'object') return;
        for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
          walk(child, (at as Record<string, unknown>)[key], [...path, key], depth + 1);
        }
        return;
      case 'array':
        if (Array.isArray(at)) at.forEach((item, i) => walk(def.element, item, [...path, i], depth + 1));
        return;
      case 'tuple':
        if (Array.isArray(at))
          (def.items as unknown[]).forEach((item, i) => walk(item, at[i], [...path, i], depth + 1));
        return;
      case 'record':
        if (typeof at !== 'object') return;
        for (const [key, item] of Object.entries(at as Record<string, unknown>)) {
          walk(def.valueType, item, [...path, key], depth + 1);
        }
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        walk(def.innerType, at, path, depth + 1);
        return;
      case 'pipe':
        // A transform's output has the shape of what went in; anything else, of where it went.
        walk(defOf(def.out)?.type === 'transform' ? def.in : def.out, at, path, depth + 1);
        return;
      case 'union':
        for (const option of def.options as unknown[]) walk(option, at, path, depth + 1);
        return;
      case 'intersection':
        walk(def.left, at, path, depth + 1);
        walk(def.right, at, path, depth + 1);
        return;
      case 'lazy':
        walk((def.getter as () => unknown)(), at, path, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, value, [], 0);
  return [...found.values()];
}
