// A bound on the rejection log. Junk costs nothing to send and every refusal is one row (and one
// console line), so anyone who reaches the hub could fill hub_rejections. Per client address,
// only the first refusals of each window are logged in full; the rest are counted here, in
// memory, and written as one summary row per address and window ("另有 N 次未逐条记录").
// An overall cap per window stops many addresses at once. The address is the connection's
// own: a forwarded-for header is not trusted, it costs a sender nothing to forge.
import { isIPv6 } from 'node:net';

export interface RejectionLimits {
  /** Rows logged in full per address and window. */
  perAddress: number;
  /** Rows logged in full per window, over all addresses. */
  overall: number;
  windowMs: number;
  /** Addresses counted apart; beyond that, new ones share one count (memory stays bounded). */
  addresses: number;
}

export const DEFAULT_REJECTION_LIMITS: RejectionLimits = Object.freeze({
  perAddress: 20,
  overall: 600,
  windowMs: 60_000,
  addresses: 10_000,
});

/** The key shared by addresses past `addresses`. */
export const OTHER_ADDRESSES = '其他地址';

/** What a window kept back from the log. */
export interface SuppressedRejections {
  address: string;
  from: Date;
  to: Date;
  count: number;
  bytes: number;
  /** Refusal codes with their counts, most frequent first. */
  codes: [string, number][];
}

interface Window {
  start: number;
  last: number;
  logged: number;
  suppressed: number;
  bytes: number;
  codes: Map<string, number>;
}

export class RejectionThrottle {
  readonly limits: RejectionLimits;
  readonly #windows = new Map<string, Window>();
  /** Summaries of windows that ended while their address went on sending. */
  readonly #pending: SuppressedRejections[] = [];
  #overall = { start: -Infinity, logged: 0 };

  constructor(limits: Partial<RejectionLimits> = {}) {
    this.limits = { ...DEFAULT_REJECTION_LIMITS, ...limits };
  }

  /** Whether a refusal from `address` at `at` (ms) is logged in full; if not, it is counted. */
  admit(address: string, at: number, code: string, bytes: number): boolean {
    const { windowMs, perAddress, overall, addresses } = this.limits;
    let key = address;
    if (!this.#windows.has(key) && this.#windows.size >= addresses) key = OTHER_ADDRESSES;
    let window = this.#windows.get(key);
    if (!window || at >= window.start + windowMs) {
      // A window that ended with something suppressed stays until takeSummaries writes it.
      if (window && window.suppressed > 0) this.#pending.push(summaryOf(key, window));
      window = { start: at, last: at, logged: 0, suppressed: 0, bytes: 0, codes: new Map() };
      this.#windows.set(key, window);
    }
    window.last = at;
    if (at >= this.#overall.start + windowMs) this.#overall = { start: at, logged: 0 };
    if (window.logged < perAddress && this.#overall.logged < overall) {
      window.logged++;
      this.#overall.logged++;
      return true;
    }
    window.suppressed++;
    window.bytes += bytes;
    window.codes.set(code, (window.codes.get(code) ?? 0) + 1);
    return false;
  }

  /**
   * The summaries of every window over by `at` (of every window at all with `everything`, when
   * the hub closes), removed from memory with the windows themselves.
   */
  takeSummaries(at: number, everything = false): SuppressedRejections[] {
    const taken = this.#pending.splice(0);
    for (const [key, window] of this.#windows) {
      if (!everything && at < window.start + this.limits.windowMs) continue;
      if (window.suppressed > 0) taken.push(summaryOf(key, window));
      this.#windows.delete(key);
    }
    return taken;
  }

  /** Addresses with a window open (for tests: memory stays bounded). */
  get openWindows(): number {
    return this.#windows.size;
  }
}

function summaryOf(address: string, window: Window): SuppressedRejections {
  return {
    address,
    from: new Date(window.start),
    to: new Date(window.last),
    count: window.suppressed,
    bytes: window.bytes,
    codes: [...window.codes].sort((a, b) => b[1] - a[1]),
  };
}

/**
 * The address a refusal is counted under: IPv4 as it is (also when carried as ::ffff:a.b.c.d),
 * IPv6 by its /64, since one machine commonly holds a whole /64 and could hop within it.
 */
export function rejectionAddress(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '未知地址';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remoteAddress);
  if (mapped) return mapped[1]!;
  if (!isIPv6(remoteAddress)) return remoteAddress;
  const [head = '', tail] = remoteAddress.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
