// Cleanup for `after` hooks. Node's test runner runs each test file in a child process and
// waits for it to exit; a server, browser, database or child process left open keeps that
// process (and so the whole run) alive after its last test, even when every test passed.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';

/**
 * Runs every step in order, each even when an earlier one failed (a browser that fails to close
 * must not leave the server behind), then throws the first failure, if any.
 */
export async function disposeAll(steps: readonly (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} cleanup steps failed`);
}

/**
 * Closes an HTTP server and the connections still open to it: `server.close()` alone waits for
 * every keep-alive connection a client left open (a browser, `fetch`), which can be forever.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Stops a child process that is still running and waits until it has gone. It gets SIGTERM and
 * `graceMs` to exit; one that ignores it is killed (so nothing outlives the test) and reported.
 */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
  if (killed) throw new Error(`process ${child.pid} did not stop within ${graceMs} ms of SIGTERM and was killed`);
}
