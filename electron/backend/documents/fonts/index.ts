// Fonts for printed documents. Typical use:
//
//   const fonts = await loadFonts();                        // once; cached
//   const runs = planRuns(resident.name, '姓名', fonts.chain('serif'));   // throws MissingGlyphError
//   await registerRunFonts(doc, runs);
//   const baseline = sharedBaseline(fonts.chain('serif'), 16);
//   runs.forEach((run, i) =>
//     doc.font(run.face.key).fontSize(16).text(run.text, { baseline, continued: i < runs.length - 1 }));
export {
  FALLBACK_FAMILIES,
  FONT_FAMILIES,
  FONT_ROLES,
  ROLE_CHAINS,
  type FontFamilyId,
  type FontFamilySpec,
  type FontRole,
} from './catalog';
export { registerRunFonts, sharedBaseline } from './pdf';
export {
  FontFace,
  FontFamily,
  FontSet,
  FontSetupError,
  listFontAssets,
  loadFonts,
  resolveFontFiles,
  type FontChain,
  type FontLocation,
  type ResolvedFontFamily,
  type ResolvedFontFiles,
} from './registry';
export {
  codePointLabel,
  faceFor,
  findUnprintable,
  MissingGlyphError,
  planRuns,
  type MissingGlyphReason,
  type TextRun,
} from './runs';
