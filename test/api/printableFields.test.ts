// The printable rules of the shared field builders, and that every text field of the API that
// can reach a paper goes through them: a plain z.string() typed by a clerk would let a control
// character or a direction override through again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { procedures } from '../../shared/api/procedures';
import { registerPetitionInput } from '../../shared/petitions/api';
import { zodIssuesToFieldErrors } from '../../shared/validation/errors';
import { MULTILINE, optionalText, requiredText } from '../../shared/validation/fields';
import { printedText, printedTexts, unprintableCharacter } from '../../shared/validation/printable';

describe('unprintableCharacter', () => {
  const kindOf = (text: string, multiline = false) => unprintableCharacter(text, { multiline })?.kind ?? null;

  test('C0 controls, DEL and C1 are refused; tab and line breaks only outside a multi-line field', () => {
    for (const code of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      const text = `陈${String.fromCodePoint(code)}静`;
      assert.equal(kindOf(text), 'control', code.toString(16));
      assert.equal(kindOf(text, true), 'control', `${code.toString(16)} (multi-line)`);
    }
    assert.equal(kindOf('陈\t静'), 'tab');
    for (const br of ['\n', '\r', '\r\n', '\u2028', '\u2029']) {
      assert.equal(kindOf(`陈${br}静`), 'lineBreak', JSON.stringify(br));
      assert.equal(kindOf(`陈${br}静\t！`, true), null, `${JSON.stringify(br)} (multi-line)`);
    }
  });

  test('embeddings, overrides and isolates are refused; their neighbours are not', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      assert.equal(kindOf(`陈${String.fromCodePoint(code)}静`, true), 'bidi', code.toString(16));
    }
    // U+2029 is a line break, U+202F a narrow no-break space, U+2065 unassigned (left to the fonts).
    for (const code of [0x202f, 0x2065, 0x206a]) {
      assert.equal(kindOf(`陈${String.fromCodePoint(code)}静`), null, code.toString(16));
    }
  });

  test('lone surrogates are refused, a pair (𠮷) is one character; positions count characters', () => {
    assert.deepEqual(unprintableCharacter('𠮷\uD842'), { kind: 'surrogate', codePoint: 0xd842, position: 2 });
    assert.deepEqual(unprintableCharacter('\uDFB7𠮷'), { kind: 'surrogate', codePoint: 0xdfb7, position: 1 });
    assert.deepEqual(unprintableCharacter('𠮷𠮷䶮\u0007'), { kind: 'control', codePoint: 7, position: 4 });
    assert.equal(unprintableCharacter('张𠮷䶮堃'), null);
  });

  test('private use (BMP and planes 15–16) is refused', () => {
    for (const code of [0xe000, 0xf8ff, 0xf0000, 0x10fffd]) {
      assert.equal(kindOf(`张${String.fromCodePoint(code)}`), 'privateUse', code.toString(16));
    }
    assert.equal(kindOf(`张${String.fromCodePoint(0xf900)}`), null, 'U+F900 is a compatibility ideograph');
  });
});

describe('the field builders', () => {
  /** The message for `field` inside an input, as dispatch words it. */
  const errorsOf = (schema: z.ZodType, value: unknown) => {
    const input = z.strictObject({ field: schema });
    const parsed = input.safeParse({ field: value }, { reportInput: true });
    return parsed.success ? null : zodIssuesToFieldErrors(input, parsed.error.issues).field;
  };

  test('name the field, the place and the code; a line break at either end is trimmed', () => {
    assert.match(
      errorsOf(requiredText('姓名', 30), '陈\u202E静')!,
      /^姓名：含有改变文字方向的控制字符（位置 2，U\+202E）/,
    );
    assert.match(
      errorsOf(optionalText('住址', 100), '东岗村\u0000')!,
      /^住址：含有不能打印的控制字符（位置 4，U\+0000）/,
    );
    assert.match(errorsOf(requiredText('姓名', 30), '陈\n静')!, /^姓名：不能换行（位置 2）/);
    assert.equal(requiredText('姓名', 30).parse('\t陈静\r\n'), '陈静');
    assert.equal(requiredText('信访事项', 400, MULTILINE).parse('一、\n二、\t三'), '一、\n二、\t三');
    assert.equal(optionalText('备注', 30).parse(undefined), '');
  });

  test('a length problem and a character problem: the length is said first', () => {
    assert.match(errorsOf(requiredText('姓名', 3), '陈\u0007静静静')!, /^姓名：最多 3 个字符/);
  });
});

describe('printedTexts', () => {
  test('finds every marked text of a parsed input by its path, with its options', () => {
    const input = registerPetitionInput.parse({
      requestId: randomUUID(),
      channel: 'letter',
      peopleCount: 2,
      petitioners: [
        { name: '赵𠮷祥', representative: true },
        { name: '钱秀英', address: '东岗村一组' },
      ],
      letter: { fromAddress: '东岗村一组', postmarkOn: '2026-08-01' },
      category: 'expropriation',
      matter: '一、占地。\n二、补偿。',
    });
    const found = new Map(printedTexts(registerPetitionInput, input).map((t) => [t.path.join('.'), t]));
    assert.equal(found.get('petitioners.0.name')?.text, '赵𠮷祥');
    assert.equal(found.get('petitioners.1.address')?.text, '东岗村一组');
    assert.equal(found.get('letter.fromAddress')?.text, '东岗村一组');
    assert.equal(found.get('matter')?.multiline, true);
    assert.equal(found.get('petitioners.0.name')?.multiline, false);
    assert.ok(!found.has('requestId') && !found.has('letter.postmarkOn') && !found.has('channel'));
  });
});

/**
 * The plain strings of the API's inputs that are not printed text, by what they are. Anything
 * else a clerk types must come from requiredText/optionalText or printable().
 */
const NOT_PRINTED: ReadonlyArray<[RegExp, string]> = [
  [/\.(password|currentPassword|newPassword|passphrase)$/, 'a secret, never shown'],
  [/^auth\.login\.username$/, 'looked up, not stored (users.create checks its own pattern)'],
  [/\.(query|cursor|before)$/, 'a search or a page position'],
  [/^(audit\.\w+|documents\.list)\.(entity|entityId|type|code|recordEntity|recordId)$/, 'a filter'],
  [/^documents\.(verify\.code|samplePreview\.type)$/, 'a code or a type looked up'],
  [/\.(from|to|date|activeFrom|activeTo|period)$/, 'a date or a period, checked by its own rule'],
  [
    /\.(itemCode|receivedMaterials\.\*|collectedMaterials\.\*)$|^(errands|counter)\.attach\.material$/,
    'matched against the catalog (an errand’s or a case’s materials are its item’s), whose texts are printable',
  ],
  [/^(sync|villageNodes)\.importFile\.fileName$/, 'the name of a file read, not stored'],
  [/^documents\.recordPrintOutcome\.message$/, 'the printer’s own message, shown in the archive, never printed'],
];

/** Unmarked plain strings (no format or pattern) of a schema, as paths with `*` for array items. */
function unmarkedStrings(schema: unknown, path: string, out: string[]): void {
  const def = (schema as { _zod?: { def?: Record<string, unknown> & { type: string } } })._zod?.def;
  if (!def || printedText.get(schema as z.ZodType)) return;
  const inner = (child: unknown, at = path) => unmarkedStrings(child, at, out);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) inner(child, `${path}.${key}`);
      return;
    case 'array':
      return inner(def.element, `${path}.*`);
    case 'record':
      return inner(def.valueType, `${path}.*`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return inner((def.out as { _zod: { def: { type: string } } })._zod.def.type === 'transform' ? def.in : def.out);
    case 'union':
      return (def.options as unknown[]).forEach((option) => inner(option));
    case 'string': {
      const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
      if (def.format || checks.some((c) => c._zod.def.check === 'string_format')) return;
      out.push(path);
      return;
    }
  }
}

test('every text field of the API that can reach a paper is built with the printable rules', () => {
  const unmarked: string[] = [];
  for (const [name, spec] of Object.entries(procedures)) unmarkedStrings(spec.input, name, unmarked);
  assert.ok(unmarked.includes('auth.login.password'), 'the walk sees plain strings');
  const unexplained = unmarked.filter((path) => !NOT_PRINTED.some(([pattern]) => pattern.test(path)));
  assert.deepEqual(unexplained, [], 'use requiredText/optionalText (or printable()) for these, or say here why not');
  // …and does not count a builder's field as plain: a resident's name is marked.
  assert.ok(!unmarked.some((path) => path.startsWith('residents.register.name')));
});
