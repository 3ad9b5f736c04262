// Finds the font files (node_modules, or a fonts directory in the packaged app), opens them and
// answers, per character, which font of a role's chain prints it.
//
// Where the files are found:
// - development, tests, the hall host (`node dist/hall/hall.js`): the npm packages under
//   node_modules, resolved from `resolveFrom` (default: the working directory, i.e. the repo);
// - the packaged desktop app: `fontsDir`, a copy of the same files laid out as
//   `<fontsDir>/<package name>/<path inside the package>` (see `listFontAssets`), e.g.
//   `path.join(process.resourcesPath, 'fonts')`, with `resolveFrom: app.getAppPath()` so that
//   the WOFF2 decoder (a small npm package) is still found in the app's node_modules.
// The bundles made by esbuild do not carry `import.meta.url`/`__dirname` of this file in a
// useful form, so nothing here is resolved relative to the source file.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font, FontCollection } from 'fontkit';
import { FONT_FAMILIES, ROLE_CHAINS, type FontFamilyId, type FontFamilySpec, type FontRole } from './catalog';
import { parseFontFaceCss, RangeIndex } from './cssRanges';
import { woff2ToTtf } from './woff2';

/** The fonts cannot be found or opened: an installation problem, not a problem of the text. */
export class FontSetupError extends Error {
  override readonly name = 'FontSetupError';
}

export interface FontLocation {
  /** A directory holding copies of the font files, laid out as `<package name>/<path>`. */
  fontsDir?: string;
  /** Directory from which node_modules is searched (default: the working directory). */
  resolveFrom?: string;
}

export interface ResolvedFontFamily {
  spec: FontFamilySpec;
  /** The package's folder (under node_modules, or under the fonts directory). */
  packageDir: string;
  /** The TrueType file, or the CSS listing the WOFF2 parts. */
  file: string;
  /** Version in the installed package.json (null when read from a fonts directory). */
  installedVersion: string | null;
}

export interface ResolvedFontFiles {
  origin: 'fontsDir' | 'node_modules';
  resolveFrom: string;
  families: Record<FontFamilyId, ResolvedFontFamily>;
}

/** Locates every family's files; throws FontSetupError naming the missing package or file. */
export function resolveFontFiles(location: FontLocation = {}): ResolvedFontFiles {
  const resolveFrom = path.resolve(location.resolveFrom ?? process.cwd());
  const fontsDir = location.fontsDir === undefined ? undefined : path.resolve(location.fontsDir);
  const requireHere = createRequire(path.join(resolveFrom, 'noop.js'));
  const families = {} as Record<FontFamilyId, ResolvedFontFamily>;
  for (const spec of Object.values(FONT_FAMILIES)) {
    let packageDir: string;
    let installedVersion: string | null = null;
    if (fontsDir !== undefined) {
      packageDir = path.join(fontsDir, spec.packageName);
    } else {
      let manifest: string;
      try {
        manifest = requireHere.resolve(`${spec.packageName}/package.json`);
      } catch {
        throw new FontSetupError(
          `找不到字体包 ${spec.packageName}（${spec.label}），请先执行 npm ci 安装依赖（从 ${resolveFrom} 查找）`,
        );
      }
      packageDir = path.dirname(manifest);
      installedVersion = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? null;
    }
    const file = path.join(packageDir, spec.source.kind === 'file' ? spec.source.file : spec.source.css);
    if (!existsSync(file)) {
      throw new FontSetupError(
        `缺少字体文件 ${file}（${spec.label}，来自 npm 包 ${spec.packageName}@${spec.packageVersion}）`,
      );
    }
    families[spec.id] = { spec, packageDir, file, installedVersion };
  }
  return { origin: fontsDir === undefined ? 'node_modules' : 'fontsDir', resolveFrom, families };
}

/**
 * Every file the fonts need, as `from` (absolute) → `to` (relative path under a fonts
 * directory). A packaging step copies these to make the `fontsDir` of the installed app.
 */
export function listFontAssets(resolved: ResolvedFontFiles): Array<{ from: string; to: string }> {
  const assets = new Map<string, string>();
  const add = (family: ResolvedFontFamily, from: string) => {
    const inside = path.relative(family.packageDir, from);
    assets.set(path.posix.join(family.spec.packageName, ...inside.split(path.sep)), from);
  };
  for (const family of Object.values(resolved.families)) {
    add(family, family.file);
    for (const extra of family.spec.extraFiles) add(family, path.join(family.packageDir, extra));
    if (family.spec.source.kind === 'split') {
      for (const part of splitParts(family)) add(family, part);
    }
  }
  return [...assets].map(([to, from]) => ({ from, to })).sort((a, b) => a.to.localeCompare(b.to));
}

/** The WOFF2 parts a split family's CSS lists, as absolute paths, in CSS order. */
function splitParts(family: ResolvedFontFamily, rules = parseFontFaceCss(readFileSync(family.file, 'utf8'))): string[] {
  const cssDir = path.dirname(family.file);
  return rules.map((rule) => {
    const file = path.resolve(cssDir, rule.url);
    if (!file.startsWith(family.packageDir + path.sep)) {
      throw new FontSetupError(`字体索引 ${family.file} 指向包外的文件 ${rule.url}`);
    }
    return file;
  });
}

function singleFont(font: Font | FontCollection, file: string): Font {
  if ('fonts' in font) throw new FontSetupError(`${file} 是字体集合，应为单个字体文件`);
  return font;
}

/** One font file: a whole TrueType font, or one WOFF2 part of a split family. */
export class FontFace {
  private cmapFont: Font | undefined;
  private pdfFontPromise: Promise<Font> | undefined;

  constructor(
    /** Unique within the font set; also the name the face is registered under with pdfkit. */
    readonly key: string,
    readonly family: FontFamilySpec,
    readonly file: string,
    readonly format: 'ttf' | 'woff2',
    private readonly context: FaceContext,
    opened?: Font,
  ) {
    this.cmapFont = opened;
  }

  /** Whether the file maps this code point to a glyph (read from the font's own cmap). */
  hasGlyph(codePoint: number): boolean {
    this.cmapFont ??= singleFont(fontkit.openSync(this.file), this.file);
    return this.cmapFont.hasGlyphForCodePoint(codePoint);
  }

  /** Ascender (hhea) as a fraction of the em: where pdfkit puts the baseline below a line's top. */
  ascentPerEm(): number {
    this.cmapFont ??= singleFont(fontkit.openSync(this.file), this.file);
    return this.cmapFont.ascent / this.cmapFont.unitsPerEm;
  }

  /** The font as pdfkit must embed it: TrueType (WOFF2 parts are decoded once, then cached). */
  pdfFont(): Promise<Font> {
    if (this.format === 'ttf') {
      this.cmapFont ??= singleFont(fontkit.openSync(this.file), this.file);
      return Promise.resolve(this.cmapFont);
    }
    this.pdfFontPromise ??= (async () => {
      const ttf = await woff2ToTtf(await readFile(this.file), this.context.resolveFrom);
      return this.context.claimPdfName(singleFont(fontkit.create(ttf), this.file), this);
    })().catch((error: unknown) => {
      this.pdfFontPromise = undefined;
      throw error;
    });
    return this.pdfFontPromise;
  }
}

/** One family: its single face, or its WOFF2 parts with the CSS range index. */
export class FontFamily {
  constructor(
    readonly spec: FontFamilySpec,
    readonly faces: readonly FontFace[],
    private readonly index: RangeIndex | null,
  ) {}

  /** The face that prints this code point, or undefined when the family has no glyph for it. */
  faceFor(codePoint: number): FontFace | undefined {
    if (!this.index) {
      const face = this.faces[0];
      return face?.hasGlyph(codePoint) ? face : undefined;
    }
    for (const part of this.index.candidates(codePoint)) {
      const face = this.faces[part];
      if (face?.hasGlyph(codePoint)) return face;
    }
    return undefined;
  }
}

/** The families of one role, in the order they are tried. */
export interface FontChain {
  readonly role: FontRole;
  readonly families: readonly FontFamily[];
}

export class FontSet {
  private readonly chains: Record<FontRole, FontChain>;

  constructor(
    readonly resolved: ResolvedFontFiles,
    readonly families: Readonly<Record<FontFamilyId, FontFamily>>,
  ) {
    const chain = (role: FontRole): FontChain => ({ role, families: ROLE_CHAINS[role].map((id) => families[id]) });
    this.chains = { serif: chain('serif'), serifBold: chain('serifBold'), kai: chain('kai') };
  }

  chain(role: FontRole): FontChain {
    return this.chains[role];
  }
}

/** What the faces of one font set share: where to load the decoder from, and the name guard. */
export class FaceContext {
  /** postscriptName + head checksum → face. */
  private readonly pdfNames = new Map<string, FontFace>();

  constructor(readonly resolveFrom: string) {}

  /**
   * pdfkit reuses an already embedded font when a new one has the same PostScript name and the
   * same `head` checksum. All parts of a split family share the PostScript name; their
   * checksums differ today (test/documents/fonts.test.ts decodes every part to check), but
   * should two ever coincide, the later part gets a distinct name so that pdfkit cannot print
   * one part's glyph ids with the other's outlines.
   */
  claimPdfName(font: Font, face: FontFace): Font {
    const head = (font as unknown as { head?: { checkSumAdjustment?: number } }).head;
    const key = `${font.postscriptName}\u0000${head?.checkSumAdjustment ?? ''}`;
    const holder = this.pdfNames.get(key);
    if (holder === undefined) {
      this.pdfNames.set(key, face);
    } else if (holder !== face) {
      const unique = `${font.postscriptName}-${face.key.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`;
      Object.defineProperty(font, 'postscriptName', { value: unique });
    }
    return font;
  }
}

const loaded = new Map<string, Promise<FontSet>>();

/**
 * Opens the fonts (once per location; later calls get the same set). The TrueType files are
 * read now; WOFF2 parts are opened on first use.
 */
export function loadFonts(location: FontLocation = {}): Promise<FontSet> {
  // Keyed by the location as resolveFontFiles reads it, so that a call for fonts already open
  // (every request checks its input against them) finds no file and resolves no package.
  const cacheKey = JSON.stringify([
    location.fontsDir === undefined ? null : path.resolve(location.fontsDir),
    path.resolve(location.resolveFrom ?? process.cwd()),
  ]);
  let fontSet = loaded.get(cacheKey);
  if (!fontSet) {
    const resolved = resolveFontFiles(location);
    fontSet = openFontSet(resolved).catch((error: unknown) => {
      loaded.delete(cacheKey);
      throw error;
    });
    loaded.set(cacheKey, fontSet);
  }
  return fontSet;
}

async function openFontSet(resolved: ResolvedFontFiles): Promise<FontSet> {
  const families = {} as Record<FontFamilyId, FontFamily>;
  const context = new FaceContext(resolved.resolveFrom);
  await Promise.all(
    Object.values(resolved.families).map(async (family) => {
      const { spec } = family;
      if (spec.source.kind === 'file') {
        const font = singleFont(fontkit.create(await readFile(family.file)), family.file);
        families[spec.id] = new FontFamily(
          spec,
          [new FontFace(spec.id, spec, family.file, 'ttf', context, font)],
          null,
        );
        return;
      }
      const rules = parseFontFaceCss(await readFile(family.file, 'utf8'));
      const parts = splitParts(family, rules);
      const missing = parts.find((file) => !existsSync(file));
      if (missing) {
        throw new FontSetupError(`缺少字体文件 ${missing}（${spec.label}，来自 npm 包 ${spec.packageName}）`);
      }
      const faces = parts.map(
        (file) => new FontFace(`${spec.id}/${path.basename(file, '.woff2')}`, spec, file, 'woff2', context),
      );
      families[spec.id] = new FontFamily(spec, faces, new RangeIndex(rules));
    }),
  );
  return new FontSet(resolved, families);
}
