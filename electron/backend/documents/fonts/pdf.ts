// Hands the faces a document's runs use to pdfkit. pdfkit embeds each registered font as a
// subset of the glyphs actually drawn (CID TrueType, Identity-H, with a ToUnicode map, so the
// text can be copied and searched), so registering every face costs nothing until it is used.
import type PDFDocument from 'pdfkit';
import type { FontChain } from './registry';
import type { TextRun } from './runs';

type PdfDocument = InstanceType<typeof PDFDocument>;

/**
 * Registers with `doc` every face the runs use, under `face.key` (so `doc.font(run.face.key)`
 * selects it). WOFF2 parts are decoded to TrueType first (cached across documents).
 */
export async function registerRunFonts(doc: PdfDocument, runs: Iterable<TextRun>): Promise<void> {
  const faces = new Set([...runs].map((run) => run.face));
  await Promise.all(
    [...faces].map(async (face) => {
      const font = await face.pdfFont();
      // pdfkit ≥ 0.20 accepts an already opened fontkit font (CHANGELOG: "Accept already-parsed
      // fontkit Font instances in doc.font() and registerFont"); @types/pdfkit does not say so
      // yet. Passing the object spares re-parsing a 15 MB font for every document.
      doc.registerFont(face.key, font as unknown as PDFKit.Mixins.PDFFontSource);
    }),
  );
}

/**
 * The `baseline` option that puts every run on the baseline of the chain's main font. pdfkit
 * places each text fragment below the line's top by that fragment's own font ascender, so a
 * fallback font with a smaller ascender (HanaMinB: 0.89 em against Noto's 1.15 em) would print
 * its character a quarter of an em too high. Pass it with every run of the line:
 * `doc.font(run.face.key).text(run.text, { baseline: sharedBaseline(chain, size), … })`.
 */
export function sharedBaseline(chain: FontChain, fontSize: number): number {
  const main = chain.families[0]?.faces[0];
  return main ? -main.ascentPerEm() * fontSize : 0;
}
