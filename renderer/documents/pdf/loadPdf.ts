type PdfJs = typeof import('./pdfLibrary');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

export const PDF_GONE_MESSAGE = '文件已失效，请重新打开';
export const PDF_UNREADABLE_MESSAGE = '无法读取 PDF 文件';

const POINTS_PER_INCH = 72;
const MM_PER_POINT = 25.4 / POINTS_PER_INCH;

/** A refusal a clerk can act on; its message is shown as it is. */
export class PdfError extends Error {
  override name = 'PdfError';
}

export interface PdfPageSize {
  widthPt: number;
  heightPt: number;
  widthMm: number;
  heightMm: number;
}

export interface RenderPageOptions {
  /** Canvas pixels per inch of paper. */
  dpi: number;
  /** 'print' also draws the annotations meant only for paper. */
  intent?: 'display' | 'print';
  signal?: AbortSignal;
  /**
   * Hand the main thread back between slices of a page (pdf.js otherwise continues in
   * microtasks, so a page is one long task). For on-screen previews; the print page has no
   * one waiting on its input.
   */
  yieldWhileDrawing?: boolean;
}

export interface OpenedPdf {
  pageCount: number;
  /** In page order; `pages[0]` is page 1. */
  pages: readonly PdfPageSize[];
  /** Draws page `pageNumber` (from 1), resizing `canvas` to the page at `dpi`. */
  renderPage(pageNumber: number, canvas: HTMLCanvasElement, options: RenderPageOptions): Promise<void>;
  /** Ends the pdf.js worker of this document. */
  close(): Promise<void>;
}

let library: Promise<PdfJs> | null = null;

/** pdf.js is half a megabyte: loaded with the first PDF, not with the app. */
function loadLibrary(): Promise<PdfJs> {
  library ??= import('./pdfLibrary').catch((error: unknown) => {
    library = null; // a failed chunk load (the hall host restarted …) may succeed next time
    throw error;
  });
  return library;
}

/**
 * Opens the PDF at `url` (same origin only). The bytes are fetched here rather than by pdf.js:
 * pdf.js streams only http(s) URLs with fetch and would use XMLHttpRequest under app://, and
 * here the HTTP status can be turned into a message.
 */
export async function openPdf(url: string, signal?: AbortSignal): Promise<OpenedPdf> {
  const target = new URL(url, window.location.href);
  // protocol + host, not `origin`: that is "null" for a custom scheme in some engines.
  if (target.protocol !== window.location.protocol || target.host !== window.location.host) {
    throw new PdfError(PDF_UNREADABLE_MESSAGE);
  }
  const data = await fetchBytes(target, signal);
  const pdfjs = await loadLibrary();
  signal?.throwIfAborted();

  const task = pdfjs.getDocument({
    data,
    // The CSP allows no 'wasm-unsafe-eval' and the wasm decoders are not shipped; they only
    // matter for JPEG 2000, JBIG2 and ICC images, which our documents do not contain.
    useWasm: false,
    // Our PDFs embed their (subset CJK) fonts with Identity-H encoding: no Adobe CMaps or
    // standard font files are needed, so none are shipped (cMapUrl, standardFontDataUrl).
    // Canvases must stay drawable here: the print page reads them back with toBlob().
    disableWorkerRendering: true,
  });
  const destroy = () => void task.destroy();
  signal?.addEventListener('abort', destroy, { once: true });
  try {
    const doc = await task.promise;
    const pages = await pageSizes(doc);
    signal?.throwIfAborted();
    return {
      pageCount: doc.numPages,
      pages,
      renderPage: (pageNumber, canvas, options) => renderPage(doc, pageNumber, canvas, options),
      close: () => task.destroy(),
    };
  } catch (error) {
    void task.destroy();
    signal?.throwIfAborted();
    throw new PdfError(PDF_UNREADABLE_MESSAGE, { cause: error });
  } finally {
    signal?.removeEventListener('abort', destroy);
  }
}

async function fetchBytes(url: URL, signal: AbortSignal | undefined): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'same-origin' });
  } catch (error) {
    signal?.throwIfAborted();
    throw new PdfError(PDF_UNREADABLE_MESSAGE, { cause: error });
  }
  // A print or preview ticket lives a few minutes; after that the file is gone, not broken.
  if (response.status === 404 || response.status === 410) throw new PdfError(PDF_GONE_MESSAGE);
  if (!response.ok) throw new PdfError(PDF_UNREADABLE_MESSAGE);
  return new Uint8Array(await response.arrayBuffer());
}

async function pageSizes(doc: PdfDocument): Promise<PdfPageSize[]> {
  const sizes: PdfPageSize[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    // Scale 1 is one unit per point, with the page's rotation and UserUnit applied.
    const { width, height } = (await doc.getPage(n)).getViewport({ scale: 1 });
    sizes.push({ widthPt: width, heightPt: height, widthMm: width * MM_PER_POINT, heightMm: height * MM_PER_POINT });
  }
  return sizes;
}

async function renderPage(
  doc: PdfDocument,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  { dpi, intent = 'display', signal, yieldWhileDrawing = false }: RenderPageOptions,
): Promise<void> {
  signal?.throwIfAborted();
  const page = await doc.getPage(pageNumber);
  signal?.throwIfAborted();
  const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
  canvas.width = Math.max(1, Math.round(viewport.width));
  canvas.height = Math.max(1, Math.round(viewport.height));
  const task = page.render({ canvas, viewport, intent });
  if (yieldWhileDrawing) task.onContinue = (next: () => void) => setTimeout(next, 0);
  const cancel = () => task.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } catch (error) {
    signal?.throwIfAborted();
    throw new PdfError(`无法显示第 ${pageNumber} 页`, { cause: error });
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  // Drops the page's parsed drawing operations; a 50-page document would otherwise keep all.
  page.cleanup();
}

/** The message to show for anything `openPdf` or `renderPage` threw. */
export function pdfErrorMessage(error: unknown): string {
  return error instanceof PdfError ? error.message : PDF_UNREADABLE_MESSAGE;
}

/** Whole millimetres, as paper is named: `210 × 297 mm`. */
export function paperSizeLabel(size: PdfPageSize): string {
  return `${Math.round(size.widthMm)} × ${Math.round(size.heightMm)} mm`;
}
