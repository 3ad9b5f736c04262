import { useEffect, useRef } from 'react';
import { isComposing, isTypingTarget } from '../common/keyboard';

/**
 * A hand scanner is a keyboard: it types what the QR code holds, much faster than anyone can,
 * and presses Enter. Caught here when no field has the focus (a scan into a field is that
 * field's input). The keys since the last pause of IDLE_RESET_MS are kept; at Enter they are a
 * scan when there are at least MIN_SCAN_CHARS and they came SCAN_GAP_MS apart or less — the
 * median gap, so that one key delayed by a busy machine does not cut the scan in two. People
 * type several times slower than that.
 */
export const SCAN_GAP_MS = 50;
export const MIN_SCAN_CHARS = 4;
const IDLE_RESET_MS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

export function useScanner(onScan: (text: string) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let text = '';
    let gaps: number[] = [];
    let last = -Infinity;
    const reset = () => {
      text = '';
      gaps = [];
    };
    const listener = (event: KeyboardEvent) => {
      // A scanner presses Shift for capitals and `:` `?`, as a keyboard would: part of the scan.
      if (event.key === 'Shift' || event.key === 'CapsLock') return;
      const modified = event.ctrlKey || event.altKey || event.metaKey;
      const inDialog =
        event.target instanceof Element && event.target.closest('[role="dialog"], [role="alertdialog"]') !== null;
      if (modified || isComposing(event) || isTypingTarget(event.target) || inDialog) return reset();
      const gap = event.timeStamp - last;
      last = event.timeStamp;
      if (gap > IDLE_RESET_MS) reset();
      if (event.key === 'Enter') {
        const scanned = text;
        const fast = median([...gaps, gap]) <= SCAN_GAP_MS;
        reset();
        if (scanned.length >= MIN_SCAN_CHARS && fast) {
          event.preventDefault();
          event.stopPropagation();
          latest.current(scanned);
        }
        return;
      }
      if (event.key.length !== 1) return reset();
      if (text) gaps.push(gap);
      text += event.key;
      // A key right after another is part of a scan: no page shortcut (`/`) acts on it.
      if (text.length > 1 && gap <= SCAN_GAP_MS) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, [enabled]);
}
