// The page cursor of one document being drawn: where the next block goes, when a page is full,
// and the one way text reaches the page (through planRuns, so a character no font has stops
// the document with MissingGlyphError naming the field).
import type PDFDocument from 'pdfkit';
import { planRuns, registerRunFonts, sharedBaseline, type FontRole, type FontSet, type TextRun } from '../fonts';
import type { PageGeometry } from '../pageSizes';

export type PdfDocument = InstanceType<typeof PDFDocument>;

/** A piece of text in one role, belonging to one field (named in errors). */
export interface Segment {
  text: string;
  field: string;
  role?: FontRole;
}

export interface FlowOptions {
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Extra space between wrapped lines, in points. */
  lineGap?: number;
  /** First-line indent in points (two characters for body paragraphs). */
  indent?: number;
}

export interface IssueInfo {
  issuedAt: Date;
  verificationCode: string;
  /** What the QR code carries: the verification link; absent: the code itself. */
  verificationLink?: string | null;
}

/** Body size: GB/T 9704 三号 is 16 pt; forms and slips pass smaller sizes. */
export const SIZE = { title: 22, body: 16, form: 11, small: 9 } as const;

export class Layout {
  private readonly registered = new Set<string>();

  constructor(
    readonly doc: PdfDocument,
    readonly fonts: FontSet,
    readonly geometry: PageGeometry,
    readonly issue: IssueInfo,
    /** Default text size of the document (body text, fields). */
    readonly baseSize: number,
  ) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(value: number) {
    this.doc.y = value;
  }

  /** Starts a new page unless `height` points still fit on this one; returns the y to draw at. */
  ensure(height: number): number {
    // A thermal slip is one page cut to the length of its content: it never breaks.
    if (this.geometry.height === 'fitContent') return this.y;
    if (this.y + height > this.bottom && this.y > this.doc.page.margins.top + 0.01) this.doc.addPage();
    return this.y;
  }

  space(points: number): void {
    this.y += points;
  }

  /** The runs of a segment, with their faces registered with the document. */
  async runs(segment: Segment): Promise<TextRun[]> {
    const runs = planRuns(segment.text, segment.field, this.fonts.chain(segment.role ?? 'serif'));
    // One face at a time: decoding several WOFF2 parts at once races inside the woff2 decoder
    // (a later decode can overwrite the wasm memory an earlier result still points into).
    for (const run of runs) {
      if (this.registered.has(run.face.key)) continue;
      await registerRunFonts(this.doc, [run]);
      this.registered.add(run.face.key);
    }
    return runs;
  }

  /** Width of the segments on one line at `size`. */
  async measure(segments: Segment[], size: number): Promise<number> {
    let width = 0;
    for (const segment of segments)
      for (const run of await this.runs(segment))
        width += this.doc.font(run.face.key).fontSize(size).widthOfString(run.text);
    return width;
  }

  /** Height the segments take when wrapped to `width` (measured in the main face of each role). */
  async heightOf(segments: Segment[], size: number, options: FlowOptions = {}): Promise<number> {
    const text = segments.map((segment) => segment.text).join('');
    if (text === '') return 0;
    const first = await this.runs(segments[0]!);
    const key = first[0]?.face.key;
    if (key) this.doc.font(key);
    return this.doc.fontSize(size).heightOfString(text, {
      width: options.width ?? this.width,
      lineGap: options.lineGap ?? 0,
      indent: options.indent ?? 0,
    });
  }

  /**
   * Draws segments as one flow of text from (x, y), wrapped to `width` by pdfkit (whose line
   * breaking follows UAX #14: no line starts with ，。、 and the like), breaking pages when full.
   * Every run sits on the baseline of the main font of its role. Leaves the cursor below it.
   */
  async flow(segments: Segment[], size: number, x: number, y: number, options: FlowOptions = {}): Promise<void> {
    const width = options.width ?? this.right - x;
    if (options.align === 'center' || options.align === 'right') {
      // pdfkit aligns each continued fragment on its own, so a centred line of several runs
      // would overlap itself: a line that fits is placed by its measured width instead.
      const measured = await this.measure(segments, size);
      if (measured <= width) {
        const offset = options.align === 'center' ? (width - measured) / 2 : width - measured;
        await this.line(segments, size, x + offset, y);
        this.doc.x = this.left;
        this.doc.y = y + this.lineHeight(size, segments[0]?.role) + (options.lineGap ?? 0);
        return;
      }
    }
    const planned: Array<{ run: TextRun; baseline: number }> = [];
    for (const segment of segments) {
      const baseline = sharedBaseline(this.fonts.chain(segment.role ?? 'serif'), size);
      for (const run of await this.runs(segment)) planned.push({ run, baseline });
    }
    const base = {
      width,
      // Several runs aligned by pdfkit would each be aligned alone (see above).
      align: planned.length > 1 ? 'left' : (options.align ?? 'left'),
      lineGap: options.lineGap ?? 0,
      indent: options.indent ?? 0,
    };
    this.doc.fillColor('black');
    if (planned.length === 0) {
      this.doc.x = x;
      this.doc.y = y;
      return;
    }
    planned.forEach(({ run, baseline }, i) => {
      this.doc.font(run.face.key).fontSize(size);
      const options = { ...base, baseline, continued: i < planned.length - 1 };
      if (i === 0) this.doc.text(run.text, x, y, options);
      else this.doc.text(run.text, options);
    });
    this.doc.x = this.left;
  }

  /** One line of text that never wraps or breaks pages, starting at (x, y); returns its width. */
  async line(segments: Segment[], size: number, x: number, y: number, color = 'black'): Promise<number> {
    let left = x;
    for (const segment of segments) {
      const baseline = sharedBaseline(this.fonts.chain(segment.role ?? 'serif'), size);
      for (const run of await this.runs(segment)) {
        this.doc.font(run.face.key).fontSize(size).fillColor(color);
        this.doc.text(run.text, left, y, { baseline, lineBreak: false });
        left += this.doc.widthOfString(run.text);
      }
    }
    this.doc.fillColor('black');
    return left - x;
  }

  /** Line height of the body font at `size` (what pdfkit advances per wrapped line). */
  lineHeight(size: number, role: FontRole = 'serif'): number {
    const face = this.fonts.chain(role).families[0]?.faces[0];
    if (face && this.registered.has(face.key)) return this.doc.font(face.key).fontSize(size).currentLineHeight(true);
    return size * 1.45;
  }
}
