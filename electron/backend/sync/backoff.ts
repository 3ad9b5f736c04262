// Retrying over a link that is down more than it is up: exponential backoff with full jitter
// (a random pause between 0 and min(max, base·2^attempt)), so that after a county-wide outage
// the townships do not all knock at the same second. Sleep and randomness are injected so tests
// check the delays without waiting for them.

export interface RetryPolicy {
  /** First ceiling, in ms (1 s). */
  baseMs: number;
  /** Largest ceiling, in ms (5 min). */
  maxMs: number;
  /** Tries within one run before it gives up and leaves the next one to the scheduler. */
  maxAttempts: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  maxAttempts: 8,
  sleep: abortableSleep,
  random: Math.random,
};

/** The pause before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(policy.random() * ceiling);
}

/** A timer that ends early (rejecting) when the engine closes. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** "30 秒", "2 分钟": how long until the next try, for the status line. */
export function formatDelay(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} 秒`;
  return `${Math.round(seconds / 60)} 分钟`;
}
