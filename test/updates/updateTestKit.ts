// What the update tests share without electron-updater: timers the test fires itself, and a
// log that can be waited on (states, never fixed times).
import type { UpdateTimers } from '../../electron/main/updater';

/** Timers the test fires: the retry after a failed check, the forms poll. */
export function manualTimers() {
  let next = 1;
  const pending = new Map<number, { run: () => void; ms: number }>();
  const timers: UpdateTimers = {
    setTimeout(run, ms) {
      const id = next++;
      pending.set(id, { run, ms });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** The delays now pending, in ms. */
    delays: () => [...pending.values()].map((entry) => entry.ms),
    /** Runs (once) every pending timer of `ms`. */
    fire(ms: number) {
      const due = [...pending].filter(([, entry]) => entry.ms === ms);
      if (due.length === 0) throw new Error(`no timer of ${ms} ms pending (${[...pending.values()].map((e) => e.ms)})`);
      for (const [id, entry] of due) {
        pending.delete(id);
        entry.run();
      }
    },
  };
}

/** Log lines, and a way to wait for one. */
export function logRecorder() {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  return {
    lines,
    log: (message: string) => {
      lines.push(message);
      for (const waiter of waiters.filter((w) => w.pattern.test(message))) waiter.resolve();
    },
    waitFor: (pattern: RegExp) =>
      lines.some((line) => pattern.test(line))
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
  };
}
