import { useCallback, useEffect, useRef, useState } from 'react';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE, PRINT_ROUTE } from '../../shared/documents/printing';
import type { TakenTicket } from '../../shared/queue/api';
import { call, errorMessage } from '../api/client';
import { usePolledQuery } from '../common/usePolledQuery';
import { isUnpaired, type ScreenPageProps } from './screenErrors';
import { ScreenMessage } from './ScreenMessage';
import { useClock } from './useClock';

/** The waiting counts on the buttons are read again this often (and after each ticket). */
const CATEGORIES_REFRESH_MS = 10_000;
/** The ticket stays on screen this long, then the buttons come back for the next resident. */
const TICKET_SHOWN_MS = 8000;

/**
 * 取号机 at the entrance: one big button per category (touch), number keys 1–9 for a keypad.
 * A ticket taken shows its number, category and 前面还有 N 人, and its 80 mm slip is printed through
 * a hidden frame: under Chrome's `--kiosk --kiosk-printing` it goes to the default printer
 * without a dialog (docs/hall-screens.md).
 */
export function KioskPage({ identity, onUnpaired }: ScreenPageProps) {
  const kiosk = usePolledQuery('queue.kiosk', {}, () => CATEGORIES_REFRESH_MS, true);
  const [ticket, setTicket] = useState<TakenTicket | null>(null);
  // The last ticket's slip: printing outlives the number shown on screen.
  const [slip, setSlip] = useState<TakenTicket | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useClock();
  const refreshKiosk = kiosk.refresh;

  useEffect(() => {
    if (kiosk.error && isUnpaired(kiosk.error)) onUnpaired(kiosk.error.message);
  }, [kiosk.error, onUnpaired]);

  const take = useCallback(
    async (categoryId: string) => {
      if (busy) return;
      setBusy(true);
      setProblem(null);
      try {
        // One id per tap: a double tap, or a retry of a lost answer, takes one ticket.
        const taken = await call('queue.takeTicket', { requestId: crypto.randomUUID(), categoryId });
        setTicket(taken);
        setSlip(taken);
        refreshKiosk();
      } catch (error) {
        if (isUnpaired(error)) onUnpaired(errorMessage(error));
        else setProblem(errorMessage(error));
      } finally {
        setBusy(false);
      }
    },
    [busy, onUnpaired, refreshKiosk],
  );

  useEffect(() => {
    if (!ticket) return;
    const timer = setTimeout(() => setTicket(null), TICKET_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [ticket]);

  const categories = kiosk.data?.categories ?? [];
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : NaN;
      const category = categories[digit - 1];
      if (!category) return;
      event.preventDefault();
      if (ticket) setTicket(null);
      void take(category.categoryId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [categories, take, ticket]);

  if (!kiosk.data) {
    return kiosk.error && !isUnpaired(kiosk.error) ? (
      <ScreenMessage title="暂时不能取号" detail={`${kiosk.error.message}（自动重试中）`} />
    ) : (
      <ScreenMessage title="正在打开取号机……" />
    );
  }

  return (
    <main className="hall-screen" aria-label={identity.name}>
      <header className="hall-screen-header">
        <span>{kiosk.data.hallName || identity.hallName} · 取号</span>
        <span className="hall-screen-clock">{clockText(now)}</span>
      </header>
      {ticket ? (
        <section className="kiosk-ticket" aria-label="您的号码" aria-live="assertive">
          <div className="kiosk-ticket-line">您的号码</div>
          <div className="kiosk-ticket-number" data-testid="kiosk-ticket-number">
            {ticket.number}
          </div>
          <div className="kiosk-ticket-line">{ticket.categoryName}</div>
          <div className="kiosk-ticket-line">前面还有 {ticket.waitingBefore} 人</div>
          <div className="hall-screen-detail">请取走小票，留意叫号屏和语音提示</div>
          <button type="button" className="hall-screen-button" onClick={() => setTicket(null)}>
            返回
          </button>
        </section>
      ) : categories.length === 0 ? (
        <section className="kiosk-ticket">
          <div className="kiosk-ticket-line">暂未开放取号，请到窗口咨询</div>
        </section>
      ) : (
        <section className="kiosk-categories" aria-label="请选择办理类别">
          {categories.map((category, index) => (
            <button
              key={category.categoryId}
              type="button"
              className="kiosk-category"
              disabled={busy}
              onClick={() => void take(category.categoryId)}
            >
              <span className="kiosk-category-name">
                {category.prefix} {category.categoryName}
              </span>
              <span className="kiosk-category-waiting">等候 {category.waiting} 人</span>
              {index < 9 && <span className="kiosk-category-key">按 {index + 1} 键</span>}
            </button>
          ))}
        </section>
      )}
      {problem && (
        <p className="hall-screen-problem" role="alert">
          {problem}
        </p>
      )}
      <footer className="hall-screen-footer">
        <span>请点选要办理的业务，或按数字键</span>
        <span>{identity.name}</span>
      </footer>
      {slip && <SlipPrinter key={slip.ticketId} fileUrl={slip.ticketPdfUrl} />}
    </main>
  );
}

/** The print page has this long to draw the slip before the kiosk gives up printing it. */
const PRINT_WAIT_MS = 20_000;

/**
 * Prints the ticket's 80 mm PDF: the app's own print page (`#/print?file=…`, as the desktop's print
 * window uses it) draws it in a hidden frame at the paper's size, and the frame prints once it says
 * it is ready. A new frame for each ticket (a hash change alone would not load the page again). A
 * browser without silent printing shows its print dialog; the number on screen stands either way.
 */
function SlipPrinter({ fileUrl }: { fileUrl: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const src = `${window.location.pathname}${PRINT_ROUTE}?file=${encodeURIComponent(fileUrl)}`;
  useEffect(() => {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const title = frame.current?.contentDocument?.title ?? '';
      if (title === PRINT_READY_TITLE) {
        frame.current?.contentWindow?.focus();
        frame.current?.contentWindow?.print();
      } else if (!title.startsWith(PRINT_FAILED_TITLE) && Date.now() - started < PRINT_WAIT_MS) {
        timer = setTimeout(check, 200);
      }
    };
    timer = setTimeout(check, 200);
    return () => clearTimeout(timer);
  }, [src]);
  return (
    <iframe ref={frame} src={src} className="kiosk-print-frame" title="取号小票" data-testid="kiosk-print-frame" />
  );
}

function clockText(now: Date): string {
  return now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
}
