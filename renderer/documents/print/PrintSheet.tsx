import { useEffect, useRef, useState } from 'react';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE } from '../../../shared/documents/printing';
import { openPdf, pdfErrorMessage, PdfError, type OpenedPdf } from '../pdf/loadPdf';
import { printFileFromHash } from './printRoute';

/** Enough for small print and QR codes on office and thermal printers alike. */
const PRINT_DPI = 300;

interface PrintedPage {
  src: string;
  widthMm: number;
  heightMm: number;
}

type Sheet = { kind: 'preparing' } | { kind: 'failed'; message: string } | { kind: 'ready'; pages: PrintedPage[] };

/**
 * `#/print?file=…`, loaded by the desktop app in a hidden window: each page of the PDF as one
 * image of exactly the page's size, on paper of that size. The window prints once the title
 * says PRINT_READY_TITLE, and gives up on PRINT_FAILED_TITLE.
 */
export function PrintSheet() {
  const [sheet, setSheet] = useState<Sheet>({ kind: 'preparing' });
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const objectUrls: string[] = [];
    void (async () => {
      let pdf: OpenedPdf | null = null;
      try {
        const file = printFileFromHash(window.location.hash);
        if (!file) throw new PdfError('打印文件的地址无效');
        pdf = await openPdf(file, signal);
        const pages: PrintedPage[] = [];
        for (const [index, size] of pdf.pages.entries()) {
          const image = await pageImage(pdf, index + 1, signal);
          objectUrls.push(image);
          pages.push({ src: image, widthMm: size.widthMm, heightMm: size.heightMm });
        }
        if (pages.length === 0) throw new PdfError('文件中没有页面');
        signal.throwIfAborted();
        setSheet({ kind: 'ready', pages });
      } catch (error) {
        if (signal.aborted) {
          // Pages finished after the cleanup below had already run.
          objectUrls.forEach((url) => URL.revokeObjectURL(url));
          return;
        }
        const message = pdfErrorMessage(error);
        document.title = `${PRINT_FAILED_TITLE}：${message}`;
        setSheet({ kind: 'failed', message });
      } finally {
        void pdf?.close();
      }
    })();
    return () => {
      controller.abort();
      objectUrls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, []);

  useEffect(() => {
    if (sheet.kind !== 'ready' || !container.current) return;
    let current = true;
    const images = [...container.current.querySelectorAll('img')];
    // Decoded, not just in the DOM: printing must not catch a page still blank.
    Promise.all(images.map((image) => image.decode())).then(
      () => {
        if (current) document.title = PRINT_READY_TITLE;
      },
      () => {
        if (!current) return;
        const message = '无法生成打印页面';
        document.title = `${PRINT_FAILED_TITLE}：${message}`;
        setSheet({ kind: 'failed', message });
      },
    );
    return () => {
      current = false;
    };
  }, [sheet]);

  if (sheet.kind === 'preparing') return <p style={{ margin: 16 }}>正在准备打印……</p>;
  if (sheet.kind === 'failed') {
    return (
      <p role="alert" style={{ margin: 16 }}>
        {PRINT_FAILED_TITLE}：{sheet.message}
      </p>
    );
  }
  return (
    <div ref={container}>
      <style>{pageStyle(sheet.pages[0]!)}</style>
      {sheet.pages.map((page, index) => (
        <img
          key={index}
          className="print-page"
          src={page.src}
          alt={`第 ${index + 1} 页`}
          style={{ width: `${page.widthMm}mm`, height: `${page.heightMm}mm` }}
        />
      ))}
    </div>
  );
}

/** Draws one page at PRINT_DPI and returns it as a PNG object URL; the canvas is freed at once. */
async function pageImage(pdf: OpenedPdf, pageNumber: number, signal: AbortSignal): Promise<string> {
  const canvas = document.createElement('canvas');
  try {
    await pdf.renderPage(pageNumber, canvas, { dpi: PRINT_DPI, intent: 'print', signal });
    // PNG, not JPEG: text and QR codes stay sharp-edged for the printer.
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    signal.throwIfAborted();
    if (!blob) throw new PdfError('无法生成打印页面');
    return URL.createObjectURL(blob);
  } finally {
    // An A4 page at 300 dpi is a 35 MB bitmap; do not wait for the collector.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/**
 * The paper is the first page's size (a document has one size per file) with no margins, so
 * each image fills exactly one sheet; the app's grey background and margins are undone.
 */
function pageStyle(first: PrintedPage): string {
  return `
@page { size: ${first.widthMm}mm ${first.heightMm}mm; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
.print-page { display: block; }
.print-page:not(:last-child) { break-after: page; }
`;
}
