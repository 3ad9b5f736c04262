// The papers' fonts asked at the API boundary (electron/backend/documents/printableInput.ts):
// which characters every role prints, the words of a refusal, and the answer a paper gives when
// it meets a character its fonts lack.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { registerPetitionInput } from '../../shared/petitions/api';
import {
  FONT_ROLES,
  loadFonts,
  MissingGlyphError,
  planRuns,
  type FontSet,
} from '../../electron/backend/documents/fonts';
import {
  glyphMessage,
  paperGlyphFailure,
  unprintableGlyph,
  unprintableInputFields,
} from '../../electron/backend/documents/printableInput';

let fontsPromise: Promise<FontSet> | undefined;
const fonts = () => (fontsPromise ??= loadFonts());

describe('the papers’ fonts at input', () => {
  test('printable ASCII, tab and line breaks print in every role (so such text opens no font)', async () => {
    const set = await fonts();
    let ascii = '\t\r\n';
    for (let code = 0x20; code <= 0x7e; code++) ascii += String.fromCharCode(code);
    for (const role of FONT_ROLES) assert.doesNotThrow(() => planRuns(ascii, 'ASCII', set.chain(role)), role);
  });

  test('rare characters in the fonts pass; a character in none is named with its place', async () => {
    const set = await fonts();
    assert.equal(unprintableGlyph(set, '姓名', '张𠮷 刘䶮 王堃 喆 犇 燚'), null);
    const error = unprintableGlyph(set, '姓名', '张𠮷\u{30000}');
    assert.ok(error instanceof MissingGlyphError);
    assert.equal(error.codePoint, 0x30000);
    assert.equal(
      glyphMessage(error),
      '字“\u{30000}”（位置 3，U+30000）在文书的字体中都没有字形，无法打印；请改用通行的写法（原字可在备注中说明）',
    );
    // An invisible character is named by its code alone.
    const invisible = unprintableGlyph(set, '姓名', '陈\u200E静');
    assert.ok(invisible);
    assert.match(glyphMessage(invisible), /^字符（位置 2，U\+200E）在文书的字体中都没有字形/);
  });

  test('field errors by path and label for a parsed input; none for plain ASCII, without opening fonts', async () => {
    const input = registerPetitionInput.parse({
      requestId: crypto.randomUUID(),
      channel: 'visit',
      peopleCount: 2,
      petitioners: [
        { name: '赵𠮷祥', representative: true },
        { name: '钱\u{30000}', representative: true },
      ],
      category: 'expropriation',
      matter: '占地\n补偿',
      place: '东岗\u0378',
    });
    const errors = await unprintableInputFields(registerPetitionInput, input, fonts);
    assert.deepEqual(Object.keys(errors ?? {}).sort(), ['petitioners.1.name', 'place']);
    assert.match(errors!['petitioners.1.name']!, /^姓名：字“\u{30000}”（位置 2，U\+30000）/u);
    assert.match(errors!.place!, /^问题发生地点：字符（位置 3，U\+0378）/);
    const plain = registerPetitionInput.parse({
      requestId: crypto.randomUUID(),
      channel: 'visit',
      peopleCount: 1,
      petitioners: [{ name: 'Zhao Jixiang', representative: true }],
      category: 'expropriation',
      matter: 'land\tand\ncompensation',
    });
    const never = () => Promise.reject(new Error('fonts opened for plain ASCII'));
    assert.equal(await unprintableInputFields(registerPetitionInput, plain, never), null);
  });

  test('a paper meeting such a character answers VALIDATION naming the paper’s field', () => {
    const failure = paperGlyphFailure(new MissingGlyphError('信访人1姓名', '\u0007', 7, 1, 'control'));
    assert.equal(failure.code, 'VALIDATION');
    assert.deepEqual(failure.fieldErrors, {
      信访人1姓名: '信访人1姓名：含有不能打印的控制字符（位置 2，U+0007），请删去',
    });
    assert.match(failure.message, /^文书无法出具：信访人1姓名：.*记录中保存的“信访人1姓名”须先改正$/);
  });
});
