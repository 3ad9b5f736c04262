import { Alert, Typography } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Loading } from '../common/Loading';
import { openPdf, paperSizeLabel, pdfErrorMessage, type OpenedPdf } from './pdf/loadPdf';

/** CSS pixels per point: a page at zoom 1 is its paper size on a 96 dpi screen. */
const PX_PER_PT = 96 / 72;
/** Pages fill the width up to this zoom: an 80 mm slip is not blown up to a sheet's width. */
const MAX_ZOOM = 1.5;
/** Re-drawn only when the zoom passes a step, not on every pixel of a window resize. */
const ZOOM_STEP = 1 / 8;
/** More canvas pixels than this per CSS pixel cost memory without looking sharper. */
const MAX_PIXEL_RATIO = 2;
const PADDING = 16;

/** Every page of the PDF at `url`, one under the other, on grey like a print preview. */
export function PdfPreview({ url }: { url: string }) {
  // A new key per URL: the old document's state, canvases and drawing all go with it.
  return <PdfDocumentView key={url} url={url} />;
}

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; pdf: OpenedPdf };

function PdfDocumentView({ url }: { url: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let opened: OpenedPdf | null = null;
    openPdf(url, controller.signal).then(
      (pdf) => {
        if (controller.signal.aborted) return void pdf.close();
        opened = pdf;
        setLoaded({ kind: 'ready', pdf });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ kind: 'failed', message: pdfErrorMessage(error) });
      },
    );
    return () => {
      controller.abort();
      void opened?.close();
    };
  }, [url]);

  if (loaded.kind === 'loading') return <Loading text="正在打开 PDF……" />;
  if (loaded.kind === 'failed') return <Alert type="error" showIcon title={loaded.message} />;
  const { pdf } = loaded;
  const first = pdf.pages[0];
  return (
    <div>
      <Typography.Text type="secondary">
        共 {pdf.pageCount} 页{first && ` · 纸张 ${paperSizeLabel(first)}`}
      </Typography.Text>
      <PdfPages pdf={pdf} />
    </div>
  );
}

function PdfPages({ pdf }: { pdf: OpenedPdf }) {
  const container = useRef<HTMLDivElement>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [available, setAvailable] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => setAvailable(Math.max(0, element.clientWidth - 2 * PADDING));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // One zoom for all pages, so pages of different sizes keep their proportions.
  const widestPx = Math.max(1, ...pdf.pages.map((page) => page.widthPt * PX_PER_PT));
  const zoom = Math.min(MAX_ZOOM, available / widestPx);
  const drawZoom = Math.ceil(zoom / ZOOM_STEP) * ZOOM_STEP;

  useEffect(() => {
    if (drawZoom <= 0) return;
    const controller = new AbortController();
    const { signal } = controller;
    const dpi = 96 * drawZoom * Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
    void (async () => {
      try {
        // One page after another, handing the main thread back in between: a 50-page
        // document must not freeze the window while it is drawn.
        for (let index = 0; index < pdf.pageCount; index++) {
          const canvas = canvases.current[index];
          if (canvas) await pdf.renderPage(index + 1, canvas, { dpi, signal, yieldWhileDrawing: true });
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (signal.aborted) return;
        }
      } catch (error) {
        if (!signal.aborted) setProblem(pdfErrorMessage(error));
      }
    })();
    return () => controller.abort();
  }, [pdf, drawZoom]);

  return (
    <div
      ref={container}
      style={{
        background: '#e4e6ea',
        padding: PADDING,
        marginTop: 8,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: PADDING,
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ alignSelf: 'stretch' }} />}
      {pdf.pages.map((page, index) => (
        <canvas
          key={index}
          ref={(canvas) => {
            canvases.current[index] = canvas;
          }}
          role="img"
          aria-label={`第 ${index + 1} 页`}
          style={{
            display: 'block',
            width: page.widthPt * PX_PER_PT * zoom,
            height: page.heightPt * PX_PER_PT * zoom,
            background: '#fff',
            boxShadow: '0 1px 4px rgba(0, 0, 0, 0.2)',
          }}
        />
      ))}
    </div>
  );
}
