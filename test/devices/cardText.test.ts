// The card's 256-byte text block: fixed-width UCS-2LE fields padded with spaces, the sex and
// ethnicity codes, dates, 长期, and characters outside the BMP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IdCardText } from '../../shared/devices/idCard';
import { ETHNICITIES } from '../../shared/residents/ethnicities';
import { decodeCardText, encodeCardText } from '../../electron/backend/devices/idCard/cardText';

const CARD: IdCardText = {
  name: '李桂英',
  sex: '女',
  ethnicity: '回族',
  birthDate: '1956-11-02',
  address: '河南省尉氏县青石镇西岗村第五组27号',
  idNumber: '410223195611020049',
  issuingAuthority: '尉氏县公安局',
  validFrom: '2016-04-11',
  validTo: '长期',
};

/** A block laid out by hand, field by field, as a card gives it (not through encodeCardText). */
function handMadeBlock(fields: string[]): Buffer {
  const widths = [30, 2, 4, 16, 70, 36, 30, 16, 16, 36];
  return Buffer.concat(
    fields.map((value, index) => {
      const field = Buffer.alloc(widths[index]!);
      field.fill(Buffer.from(' ', 'utf16le'));
      Buffer.from(value, 'utf16le').copy(field);
      return field;
    }),
  );
}

describe('the text block of a second-generation ID card', () => {
  test('a block laid out as a card has it decodes to the printed fields', () => {
    const block = handMadeBlock([
      '王建国',
      '1',
      '01',
      '19800229',
      '河南省尉氏县青石镇东岗村第三组12号',
      '410223198002292130',
      '尉氏县公安局',
      '20150301',
      '20350301',
      '',
    ]);
    assert.equal(block.length, 256);
    // The first field as bytes: 王 U+738B, 建 U+5EFA, 国 U+56FD little-endian, then spaces.
    assert.deepEqual(block.subarray(0, 8), Buffer.from([0x8b, 0x73, 0xfa, 0x5e, 0xfd, 0x56, 0x20, 0x00]));
    assert.deepEqual(decodeCardText(block), {
      ok: true,
      text: {
        name: '王建国',
        sex: '男',
        ethnicity: '汉族',
        birthDate: '1980-02-29',
        address: '河南省尉氏县青石镇东岗村第三组12号',
        idNumber: '410223198002292130',
        issuingAuthority: '尉氏县公安局',
        validFrom: '2015-03-01',
        validTo: '2035-03-01',
      },
    });
  });

  test('长期 and a round trip through the encoder', () => {
    const block = encodeCardText(CARD);
    assert.equal(block.length, 256);
    // 长期 sits at the start of `valid to` (bytes 204–219), padded with spaces.
    assert.deepEqual(block.subarray(204, 208), Buffer.from('长期', 'utf16le'));
    assert.deepEqual(block.subarray(208, 220), Buffer.from('      ', 'utf16le'));
    assert.deepEqual(decodeCardText(block), { ok: true, text: CARD });
  });

  test('a 35-character address fills its field exactly, nothing cut', () => {
    const address = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县琼博拉镇加尕村16号';
    assert.equal(address.length, 35);
    const decoded = decodeCardText(encodeCardText({ ...CARD, address }));
    assert.ok(decoded.ok);
    assert.equal(decoded.text.address, address);
    assert.throws(() => encodeCardText({ ...CARD, address: `${address}村` }), /address/);
  });

  test('every ethnicity code maps to the GB/T 3304 name: 01 汉族 … 56 基诺族, 97 其他, 98 外国血统中国籍人士', () => {
    assert.equal(ETHNICITIES.length, 58);
    const codes: Array<[string, string]> = [
      ['01', '汉族'],
      ['02', '蒙古族'],
      ['05', '维吾尔族'],
      ['10', '朝鲜族'],
      ['15', '土家族'],
      ['29', '柯尔克孜族'],
      ['30', '土族'],
      ['56', '基诺族'],
      ['97', '其他'],
      ['98', '外国血统中国籍人士'],
    ];
    for (const [code, name] of codes) {
      const decoded = decodeCardText(
        handMadeBlock(['某某', '2', code, '19900101', '地址', '1', '机关', '20200101', '20300101', '']),
      );
      assert.ok(decoded.ok);
      assert.equal(decoded.text.ethnicity, name, code);
    }
    for (const name of ETHNICITIES) {
      const decoded = decodeCardText(encodeCardText({ ...CARD, ethnicity: name }));
      assert.ok(decoded.ok && decoded.text.ethnicity === name, name);
    }
    // No name for a code outside the table: the form leaves 民族 for the clerk.
    const unknown = decodeCardText(
      handMadeBlock(['某某', '2', '57', '19900101', '地址', '1', '机关', '20200101', '20300101', '']),
    );
    assert.ok(unknown.ok);
    assert.equal(unknown.text.ethnicity, '');
  });

  test('sex codes: 1 男, 2 女, anything else 未知', () => {
    const sexOf = (code: string) => {
      const decoded = decodeCardText(
        handMadeBlock(['某某', code, '01', '19900101', '地址', '1', '机关', '20200101', '20300101', '']),
      );
      assert.ok(decoded.ok);
      return decoded.text.sex;
    };
    assert.deepEqual(['1', '2', '0', '9'].map(sexOf), ['男', '女', '未知', '未知']);
  });

  test('𠮷 (U+20BB7, a surrogate pair) is kept as the character; a lone surrogate becomes U+FFFD', () => {
    // UCS-2 cannot hold 𠮷; a pair of code units is still read as it (the UTF-16 reading of the
    // same bytes), and counts two characters of the field's width.
    const name = '𠮷田真理';
    assert.equal(Buffer.from(name, 'utf16le').length, 10);
    const decoded = decodeCardText(encodeCardText({ ...CARD, name }));
    assert.ok(decoded.ok);
    assert.equal(decoded.text.name, name);
    assert.equal([...decoded.text.name].length, 4);

    const block = encodeCardText(CARD);
    block.writeUInt16LE(0xd842, 2); // the second character of the name: a high surrogate alone
    const broken = decodeCardText(block);
    assert.ok(broken.ok);
    assert.equal(broken.text.name, '李\uFFFD英');
    assert.doesNotMatch(broken.text.name, /[\uD800-\uDFFF]/);
  });

  test('padding is trimmed, whether spaces or NULs', () => {
    const block = encodeCardText(CARD);
    block.fill(0, 6, 30); // the name's padding as NULs instead of spaces
    const decoded = decodeCardText(block);
    assert.ok(decoded.ok);
    assert.equal(decoded.text.name, '李桂英');
  });

  test('a block that cannot be a card is refused with a reason, never thrown', () => {
    assert.deepEqual(decodeCardText(Buffer.alloc(100)), { ok: false, reason: '文字信息只有 100 字节，应为 256 字节' });
    const noDate = decodeCardText(
      handMadeBlock(['某某', '1', '01', '1990013', '地址', '1', '机关', '20200101', '20300101', '']),
    );
    assert.ok(!noDate.ok && /日期无法识别/.test(noDate.reason));
    const notADay = decodeCardText(
      handMadeBlock(['某某', '1', '01', '19900231', '地址', '1', '机关', '20200101', '20300101', '']),
    );
    assert.ok(!notADay.ok);
    const garbage = decodeCardText(Buffer.alloc(256, 0xff));
    assert.equal(garbage.ok, false);
    const blank = decodeCardText(
      handMadeBlock(['', '1', '01', '19900101', '地址', '', '机关', '20200101', '20300101', '']),
    );
    assert.deepEqual(blank, { ok: false, reason: '姓名或公民身份号码为空' });
  });
});
