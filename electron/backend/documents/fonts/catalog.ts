// The fonts printed documents use: which npm package carries each, which of its files, under
// which licence, and in which order they are tried for each role. Nothing is fetched at run
// time: every file comes from node_modules (development, tests, the hall host) or from a copy
// of the same files under a fonts directory (the packaged app, see resources/fonts/README.md).

export type FontFamilyId = 'notoSerifSc' | 'notoSerifScBold' | 'lxgwWenKai' | 'hanaMin';

/** A family shipped as one TrueType file. */
export interface SingleFileSource {
  kind: 'file';
  /** Path inside the package. */
  file: string;
}

/**
 * A family shipped as many WOFF2 parts, one per range of characters, listed by a CSS file of
 * `@font-face` rules (`src: url(…woff2)` + `unicode-range`). The CSS is only used as an index:
 * whether a part really has a glyph is always asked of the part itself.
 */
export interface SplitSource {
  kind: 'split';
  /** Path of the CSS inside the package. */
  css: string;
}

export interface FontFamilySpec {
  id: FontFamilyId;
  /** Name shown in messages and notes. */
  label: string;
  /** npm package that carries the files (pinned to an exact version in package.json). */
  packageName: string;
  packageVersion: string;
  /** SPDX-style licence of the font itself (the npm wrappers are MIT). */
  licence: string;
  /** Licence text committed under resources/fonts/. */
  licenceFile: string;
  /** Files of the package (besides the font files) to ship with the fonts, e.g. its licence. */
  extraFiles: readonly string[];
  source: SingleFileSource | SplitSource;
}

export const FONT_FAMILIES: Readonly<Record<FontFamilyId, FontFamilySpec>> = {
  notoSerifSc: {
    id: 'notoSerifSc',
    label: '思源宋体 Noto Serif SC 常规',
    packageName: '@expo-google-fonts/noto-serif-sc',
    packageVersion: '0.4.3',
    licence: 'OFL-1.1',
    licenceFile: 'OFL-NotoSerifSC.txt',
    extraFiles: ['LICENSE_FONT'],
    source: { kind: 'file', file: '400Regular/NotoSerifSC_400Regular.ttf' },
  },
  notoSerifScBold: {
    id: 'notoSerifScBold',
    label: '思源宋体 Noto Serif SC 粗体',
    packageName: '@expo-google-fonts/noto-serif-sc',
    packageVersion: '0.4.3',
    licence: 'OFL-1.1',
    licenceFile: 'OFL-NotoSerifSC.txt',
    extraFiles: ['LICENSE_FONT'],
    source: { kind: 'file', file: '700Bold/NotoSerifSC_700Bold.ttf' },
  },
  lxgwWenKai: {
    id: 'lxgwWenKai',
    label: '霞鹜文楷 LXGW WenKai',
    packageName: '@chinese-fonts/lxgwwenkai',
    packageVersion: '3.0.0',
    licence: 'OFL-1.1',
    licenceFile: 'OFL-LXGWWenKai.txt',
    extraFiles: [],
    source: { kind: 'split', css: 'dist/LXGWWenKai-Regular/result.css' },
  },
  hanaMin: {
    id: 'hanaMin',
    label: '花园明朝 HanaMinA/HanaMinB',
    packageName: 'hanamin',
    packageVersion: '0.0.5',
    licence: 'Hanazono-Font-License OR OFL-1.1',
    licenceFile: 'LICENSE-Hanazono.txt',
    extraFiles: [],
    source: { kind: 'split', css: 'HanaMin.css' },
  },
};

/**
 * What a piece of text is printed in. Following GB/T 9704-2012 with open substitutes:
 * - `serif`     宋体 body text (the standard's 仿宋 has no open-licensed font reachable here);
 * - `serifBold` titles, standing in for 小标宋;
 * - `kai`       楷体 (the standard's second-level headings), also a softer body alternative.
 */
export const FONT_ROLES = ['serif', 'serifBold', 'kai'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

/** Rare characters (CJK Extension B and later) missing from the main font come from these. */
export const FALLBACK_FAMILIES: readonly FontFamilyId[] = ['hanaMin', 'lxgwWenKai'];

/** Families tried in order, per role; the first with a glyph for a character prints it. */
export const ROLE_CHAINS: Readonly<Record<FontRole, readonly FontFamilyId[]>> = {
  serif: ['notoSerifSc', ...FALLBACK_FAMILIES],
  serifBold: ['notoSerifScBold', ...FALLBACK_FAMILIES],
  // Characters WenKai lacks fall back to the 宋体 first: Noto covers all of the basic block and
  // Extension A with Chinese glyph shapes.
  kai: ['lxgwWenKai', 'notoSerifSc', 'hanaMin'],
};
