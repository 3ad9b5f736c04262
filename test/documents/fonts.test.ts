// Fonts for printed documents: where they come from, which font prints which character, the
// error for a character no font has, and a one-page PDF read back with poppler (pdftotext for
// the exact text, rare characters included; pdffonts for embedded subsets).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import PDFDocument from 'pdfkit';
import {
  FONT_FAMILIES,
  findUnprintable,
  FontSetupError,
  listFontAssets,
  loadFonts,
  MissingGlyphError,
  planRuns,
  registerRunFonts,
  resolveFontFiles,
  sharedBaseline,
  type FontChain,
  type FontSet,
  type TextRun,
} from '../../electron/backend/documents/fonts';
import { parseFontFaceCss, parseRangeToken, RangeIndex } from '../../electron/backend/documents/fonts/cssRanges';
import { FaceContext, FontFace } from '../../electron/backend/documents/fonts/registry';

/** The rare-character names of the issue: Extension A (䶮), Extension B (𠮷), the rest basic. */
const RARE = ['䶮', '𠮷', '堃', '喆', '犇', '昇', '玥', '燚'] as const;
const PUNCTUATION = '，。、；：？！“”《》（）';
/** 𰀀 U+30000: a real character (CJK Extension G, Unicode 13) that none of the fonts has. */
const ABSENT_REAL = '\u{30000}';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'township-fonts-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ms = (start: number) => `${(performance.now() - start).toFixed(1)} ms`;
const familyOf = (runs: TextRun[]) => runs.map((run) => [run.text, run.face.family.id]);

let fontsPromise: Promise<FontSet> | undefined;
const fonts = () => (fontsPromise ??= loadFonts());

describe('font files', () => {
  test('load once, then cached (timings)', async (t) => {
    let start = performance.now();
    await fonts();
    t.diagnostic(`loadFonts, first: ${ms(start)}`);
    start = performance.now();
    await loadFonts();
    t.diagnostic(`loadFonts, cached: ${ms(start)}`);
    assert.equal(await loadFonts(), await fonts());
  });

  test('every family is found in node_modules, at the version the catalog names', () => {
    const resolved = resolveFontFiles();
    assert.equal(resolved.origin, 'node_modules');
    for (const family of Object.values(resolved.families)) {
      assert.ok(existsSync(family.file), family.file);
      assert.equal(family.installedVersion, family.spec.packageVersion, family.spec.packageName);
      assert.ok(
        existsSync(path.join(process.cwd(), 'resources/fonts', family.spec.licenceFile)),
        family.spec.licenceFile,
      );
    }
  });

  test('the asset list is complete: a fonts directory made from it serves every role', async (t) => {
    const resolved = resolveFontFiles();
    const assets = listFontAssets(resolved);
    const fontsDir = path.join(tmp, 'fonts');
    const bytes: Record<string, number> = {};
    for (const { from, to } of assets) {
      const target = path.join(fontsDir, to);
      mkdirSync(path.dirname(target), { recursive: true });
      try {
        linkSync(from, target);
      } catch {
        copyFileSync(from, target);
      }
      const packageName = to.startsWith('@') ? to.split('/').slice(0, 2).join('/') : to.split('/')[0]!;
      bytes[packageName] = (bytes[packageName] ?? 0) + statSync(from).size;
    }
    for (const [name, size] of Object.entries(bytes)) t.diagnostic(`${name}: ${(size / 1e6).toFixed(1)} MB shipped`);
    t.diagnostic(`${assets.length} files in all`);

    const fromDir = resolveFontFiles({ fontsDir });
    assert.equal(fromDir.origin, 'fontsDir');
    const copied = await loadFonts({ fontsDir });
    assert.notEqual(copied, await fonts());
    for (const role of ['serif', 'serifBold', 'kai'] as const) {
      const runs = planRuns(`张${RARE.join('')}${PUNCTUATION}`, '姓名', copied.chain(role));
      assert.ok(runs.every((run) => run.face.file.startsWith(fontsDir)));
      await Promise.all(runs.map((run) => run.face.pdfFont()));
    }
  });

  test('a missing package or file is named in the error', () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    assert.throws(
      () => resolveFontFiles({ resolveFrom: empty }),
      (error: unknown) =>
        error instanceof FontSetupError && error.message.includes(FONT_FAMILIES.notoSerifSc.packageName),
    );
    assert.throws(
      () => resolveFontFiles({ fontsDir: empty }),
      (error: unknown) =>
        error instanceof FontSetupError && /缺少字体文件 .*NotoSerifSC_400Regular\.ttf/.test(error.message),
    );
  });
});

describe('which font prints which character', () => {
  test('宋体: the listed names, with 𠮷 (Extension B) from the fallback and 䶮 (Extension A) from Noto', async () => {
    const serif = (await fonts()).chain('serif');
    const families = Object.fromEntries(RARE.map((char) => [char, planRuns(char, '姓名', serif)[0]?.face.family.id]));
    assert.deepEqual(families, {
      䶮: 'notoSerifSc',
      𠮷: 'hanaMin',
      堃: 'notoSerifSc',
      喆: 'notoSerifSc',
      犇: 'notoSerifSc',
      昇: 'notoSerifSc',
      玥: 'notoSerifSc',
      燚: 'notoSerifSc',
    });
    const bold = (await fonts()).chain('serifBold');
    assert.deepEqual(
      RARE.map((char) => planRuns(char, '标题', bold)[0]?.face.family.id),
      RARE.map((char) => (char === '𠮷' ? 'hanaMin' : 'notoSerifScBold')),
    );
  });

  test('楷体: LXGW WenKai has every listed name itself, 𠮷 included', async () => {
    const kai = (await fonts()).chain('kai');
    for (const char of RARE) assert.equal(planRuns(char, '姓名', kai)[0]?.face.family.id, 'lxgwWenKai', char);
  });

  test('runs follow the font changes; common text, ASCII and full-width punctuation stay in the main font', async () => {
    const serif = (await fonts()).chain('serif');
    assert.deepEqual(familyOf(planRuns('张𠮷明', '姓名', serif)), [
      ['张', 'notoSerifSc'],
      ['𠮷', 'hanaMin'],
      ['明', 'notoSerifSc'],
    ]);
    const plain = `经办人：李玥（No. 2026-001, ID 11010519491231002X）${PUNCTUATION}`;
    assert.deepEqual(familyOf(planRuns(plain, '备注', serif)), [[plain, 'notoSerifSc']]);
    assert.deepEqual(planRuns('', '备注', serif), []);
  });

  test('what no font should draw never reaches a run: line breaks, tabs, zero-width characters', async () => {
    const serif = (await fonts()).chain('serif');
    const texts = (text: string) => planRuns(text, '备注', serif).map((run) => run.text);
    // Line breaks become '\n' (pdfkit splits lines there); a tab becomes a space.
    assert.deepEqual(texts('\n甲\t乙\r\n丙\r丁\u2028戊'), ['\n甲 乙\n丙\n丁\n戊']);
    assert.deepEqual(texts('\n'), ['\n']);
    assert.deepEqual(texts('张\u200B三\uFEFF'), ['张三']);
    // An ideographic variation selector stays with its character, in that character's font.
    assert.deepEqual(familyOf(planRuns('葛\u{E0100}𠮷\uFE00', '姓名', serif)), [
      ['葛\u{E0100}', 'notoSerifSc'],
      ['𠮷\uFE00', 'hanaMin'],
    ]);
    assert.deepEqual(texts('\uFE00甲'), ['甲']);
  });

  test('a character no font has stops the document, naming the character, its code and the field', async () => {
    const serif = (await fonts()).chain('serif');
    assert.throws(
      () => planRuns(`张${ABSENT_REAL}`, '姓名', serif),
      (error: unknown) => {
        assert.ok(error instanceof MissingGlyphError);
        assert.equal(error.message, '字段“姓名”中的字“𰀀”（U+30000）在所有字体中都没有字形，无法打印');
        assert.equal(error.field, '姓名');
        assert.equal(error.codePoint, 0x30000);
        assert.equal(error.index, 1);
        assert.equal(error.reason, 'no-glyph');
        return true;
      },
    );
    // Also in the 楷体 and title chains.
    const set = await fonts();
    for (const role of ['kai', 'serifBold'] as const) {
      assert.throws(() => planRuns(ABSENT_REAL, '标题', set.chain(role)), MissingGlyphError);
    }
  });

  test('unassigned, private-use, control and broken code points are refused with their own reason', async () => {
    const serif = (await fonts()).chain('serif');
    const refused = (text: string) => {
      try {
        planRuns(text, '住址', serif);
      } catch (error) {
        if (error instanceof MissingGlyphError) return [error.reason, error.codePointLabel, error.message];
        throw error;
      }
      return null;
    };
    assert.deepEqual(refused('\u{3FFFD}'), [
      'no-glyph',
      'U+3FFFD',
      '字段“住址”中的字“\u{3FFFD}”（U+3FFFD）在所有字体中都没有字形，无法打印',
    ]);
    assert.equal(refused('\u{10FFFD}')?.[0], 'private-use');
    assert.equal(refused('\u{E000}')?.[0], 'private-use');
    assert.match(String(refused('\u{E000}')?.[2]), /^字段“住址”中的字符 U\+E000 属于私用区/);
    assert.equal(refused('甲\u0007')?.[0], 'control');
    assert.deepEqual(refused('甲\uD842乙')?.slice(0, 2), ['unpaired-surrogate', 'U+D842']);
  });

  test('several fields are checked at once, e.g. before issuing a document', async () => {
    const serif = (await fonts()).chain('serif');
    const problems = findUnprintable({ 姓名: '张𠮷', 住址: `某村${ABSENT_REAL}组`, 备注: '\u{E000}' }, serif);
    assert.deepEqual(
      problems.map((p) => [p.field, p.codePointLabel]),
      [
        ['住址', 'U+30000'],
        ['备注', 'U+E000'],
      ],
    );
  });

  test('planning a line is fast once the parts it needs are open (timings)', async (t) => {
    const set = await fonts();
    const [serif, kai] = [set.chain('serif'), set.chain('kai')];
    const line = `申请人${RARE.join('')}与被申请人达成如下协议${PUNCTUATION}`;
    for (const [name, chain] of [
      ['serif', serif],
      ['kai', kai],
    ] as Array<[string, FontChain]>) {
      let start = performance.now();
      planRuns(line, '正文', chain);
      const first = ms(start);
      start = performance.now();
      planRuns(line, '正文', chain);
      t.diagnostic(`planRuns ${name}, ${[...line].length} characters: first ${first}, again ${ms(start)}`);
    }
  });
});

describe('split fonts in pdfkit', () => {
  test('every WOFF2 part decodes to TrueType with its own PDF identity (name + head checksum)', async (t) => {
    const set = await fonts();
    for (const id of ['lxgwWenKai', 'hanaMin'] as const) {
      const start = performance.now();
      const faces = set.families[id].faces;
      const fonts = await Promise.all(faces.map((face) => face.pdfFont()));
      // pdfkit would merge two fonts sharing both; the guard would then have renamed one.
      const names = new Set(fonts.map((font) => font.postscriptName));
      assert.deepEqual([...names].sort(), id === 'hanaMin' ? ['HanaMinA', 'HanaMinB'] : ['LXGWWenKai-Regular']);
      const identities = new Set(
        fonts.map(
          (font) =>
            `${font.postscriptName}/${(font as unknown as { head: { checkSumAdjustment: number } }).head.checkSumAdjustment}`,
        ),
      );
      assert.equal(identities.size, faces.length, id);
      t.diagnostic(`${id}: ${faces.length} parts decoded in ${ms(start)}`);
    }
  });

  test('should two parts ever share name and checksum, the later one is renamed', () => {
    const context = new FaceContext(process.cwd());
    const spec = FONT_FAMILIES.hanaMin;
    const [a, b] = ['hanaMin/a', 'hanaMin/b'].map((key) => new FontFace(key, spec, `${key}.woff2`, 'woff2', context));
    const fake = () => {
      const font = Object.create({
        get postscriptName() {
          return 'HanaMinB';
        },
      }) as { postscriptName: string };
      return Object.assign(font, { head: { checkSumAdjustment: 42 } });
    };
    const first = context.claimPdfName(fake() as never, a!);
    const second = context.claimPdfName(fake() as never, b!);
    assert.equal(first.postscriptName, 'HanaMinB');
    assert.equal(second.postscriptName, 'HanaMinB-hanaMinb');
    assert.equal(context.claimPdfName(first, a!).postscriptName, 'HanaMinB');
  });
});

describe('CSS index of split fonts', () => {
  test('unicode-range tokens, wildcards included', () => {
    assert.deepEqual(parseRangeToken('U+20BB7'), [0x20bb7, 0x20bb7]);
    assert.deepEqual(parseRangeToken('u+4e00-9fff'), [0x4e00, 0x9fff]);
    assert.deepEqual(parseRangeToken('U+4E??'), [0x4e00, 0x4eff]);
    assert.equal(parseRangeToken('U+9FFF-4E00'), null);
    assert.equal(parseRangeToken('4E00'), null);
  });

  test('rules with quoted or bare urls; overlapping ranges give every candidate in CSS order', () => {
    const rules = parseFontFaceCss(`
      @font-face{font-family:"A";src:local("A"),url("./a.woff2")format("woff2");unicode-range:U+41-5A,U+4E00}
      @font-face { font-family: A; src: url(b.woff2) format("woff2"); unicode-range: U+4E00-4E10; }
      @font-face { font-family: A; src: url(c.woff) format("woff"); unicode-range: U+30; }`);
    assert.deepEqual(
      rules.map((rule) => rule.url),
      ['./a.woff2', 'b.woff2'],
    );
    const index = new RangeIndex(rules);
    assert.deepEqual(index.candidates(0x4e00), [0, 1]);
    assert.deepEqual(index.candidates(0x4e05), [1]);
    assert.deepEqual(index.candidates(0x42), [0]);
    assert.deepEqual(index.candidates(0x30), []);
  });
});

describe('one-page PDF read back with poppler', () => {
  const MM = 72 / 25.4;
  const TITLE = '人民调解协议书';
  const LINES: Array<{ role: 'serif' | 'kai'; text: string }> = [
    { role: 'kai', text: '（一）当事人基本情况' },
    { role: 'serif', text: '申请人：张𠮷，男，身份证号11010519491231002X。' },
    { role: 'serif', text: '被申请人：李䶮，女；第三人：王堃、赵喆。' },
    { role: 'serif', text: `列席：孙犇、周昇、吴玥、郑燚${PUNCTUATION}` },
    { role: 'serif', text: 'ASCII: Township Desk 1.0 (2026-11-24)' },
    { role: 'kai', text: '（二）纠纷简要情况：张𠮷与李䶮因宅基地边界发生纠纷。' },
  ];

  /** Draws runs left to right from x on one line whose top is y (no wrapping). */
  function drawLine(
    doc: InstanceType<typeof PDFDocument>,
    runs: TextRun[],
    chain: FontChain,
    x: number,
    y: number,
    size: number,
  ) {
    const baseline = sharedBaseline(chain, size);
    let left = x;
    for (const run of runs) {
      doc.font(run.face.key).fontSize(size);
      doc.text(run.text, left, y, { baseline, lineBreak: false });
      left += doc.widthOfString(run.text);
    }
  }

  async function writePdf(file: string): Promise<number> {
    const set = await fonts();
    const start = performance.now();
    // GB/T 9704-2012: A4, top margin 37 mm, left 28 mm; title 2号 (22 pt), body 3号 (16 pt).
    const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: TITLE } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

    const titleChain = set.chain('serifBold');
    const titleRuns = planRuns(TITLE, '标题', titleChain);
    const lines = LINES.map((line) => ({
      chain: set.chain(line.role),
      runs: planRuns(line.text, '正文', set.chain(line.role)),
    }));
    await registerRunFonts(doc, [...titleRuns, ...lines.flatMap((line) => line.runs)]);

    const titleWidth = titleRuns.reduce(
      (width, run) => width + doc.font(run.face.key).fontSize(22).widthOfString(run.text),
      0,
    );
    drawLine(doc, titleRuns, titleChain, 28 * MM + (156 * MM - titleWidth) / 2, 37 * MM, 22);
    lines.forEach((line, i) => drawLine(doc, line.runs, line.chain, 28 * MM, 37 * MM + 22 * 2 + i * 28.95, 16));
    doc.end();
    await done;
    writeFileSync(file, Buffer.concat(chunks));
    return performance.now() - start;
  }

  const pdfFile = path.join(tmp, 'demo.pdf');

  test('write it (timings)', async (t) => {
    t.diagnostic(`one page, first: ${(await writePdf(pdfFile)).toFixed(1)} ms`);
    t.diagnostic(`one page, again: ${(await writePdf(pdfFile)).toFixed(1)} ms`);
    const size = statSync(pdfFile).size;
    t.diagnostic(`PDF size: ${(size / 1024).toFixed(1)} KiB`);
    assert.ok(size < 1024 * 1024, `a one-page PDF with subset fonts stays under 1 MiB (${size} bytes)`);
  });

  test('pdftotext gives back the exact text, rare characters included', () => {
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout
      .split('\n')
      .map((line) => line.replace(/\f/g, '').trim())
      .filter(Boolean);
    assert.deepEqual(lines, [TITLE, ...LINES.map((line) => line.text)]);
    assert.ok(result.stdout.includes('𠮷') && result.stdout.includes('䶮'));
  });

  test('pdffonts: every font embedded as a subset with a ToUnicode map', (t) => {
    const result = spawnSync('pdffonts', [pdfFile], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const rows = result.stdout.split('\n').slice(2).filter(Boolean);
    t.diagnostic(`${rows.length} fonts:\n${result.stdout}`);
    const names: string[] = [];
    for (const row of rows) {
      // name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row);
      assert.ok(match, row);
      const [, name = '', type, , emb, sub, uni] = match;
      assert.equal(type, 'CID TrueType', row);
      assert.deepEqual([emb, sub, uni], ['yes', 'yes', 'yes'], row);
      assert.match(name, /^[A-Z]{6}\+/, `subset tag: ${row}`);
      names.push(name.slice(7));
    }
    for (const expected of ['NotoSerifSC-Bold', 'NotoSerifSC-Regular', 'HanaMinB', 'LXGWWenKai-Regular']) {
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    }
  });
});
