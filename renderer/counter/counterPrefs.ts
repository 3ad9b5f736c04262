// What stays the same at one counter from one resident to the next: the window's name and the
// receipt paper in its printer. Kept on this machine (localStorage), never anything personal.
import { RECEIPT_PAPERS, type ReceiptPaper } from '../../shared/counter/casesApi';
import { chosenQueueWindow } from '../common/queue/queueWindow';

const WINDOW_KEY = 'township-desk.counter.window';
const PAPER_KEY = 'township-desk.counter.receiptPaper';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode, a locked-down profile): the form still works.
  }
}

/** The window typed last; before any, the window this computer chose for calling tickets. */
export function lastWindow(): string {
  return read(WINDOW_KEY) ?? chosenQueueWindow()?.name ?? '';
}

export function rememberWindow(window: string): void {
  if (window.trim()) write(WINDOW_KEY, window.trim());
}

export function lastReceiptPaper(): ReceiptPaper {
  const saved = read(PAPER_KEY);
  return (RECEIPT_PAPERS as readonly string[]).includes(saved ?? '') ? (saved as ReceiptPaper) : 'a5';
}

export function rememberReceiptPaper(paper: ReceiptPaper): void {
  write(PAPER_KEY, paper);
}
