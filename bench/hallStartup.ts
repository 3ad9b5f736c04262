import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { median, round } from './stats';

/**
 * Cold start of the hall host: from spawning `node dist/hall/hall.js --data <folder> --port <free
 * port>` to the first successful answer of `POST /api/system.status`. Without `existing`, a fresh
 * folder each time, so the database is created and migrated in every run; with it, the host
 * opens that folder (the bench's 1,000,000-case database), which is kept.
 */
export interface ExistingDataFolder {
  dataDir: string;
  /** The database's key file (--db-key-file), when it is encrypted. */
  dbKeyFile: string | null;
}

export interface HallStartupResult {
  skipped?: string;
  runs: number;
  /** Spawn → first `200 {"ok":true}` of system.status. */
  firstAnswerMs: { median: number; max: number; all: number[] };
  /** Spawn → the line with the URL on stdout. */
  urlPrintedMs: { median: number; max: number; all: number[] };
}

/** Generous: a 1,000,000-case database on a loaded machine. */
const TIMEOUT_MS = 120_000;

export async function benchHallStartup(
  root: string,
  runs: number,
  existing?: ExistingDataFolder,
): Promise<HallStartupResult> {
  const hallJs = path.join(root, 'dist/hall/hall.js');
  const empty = { median: Number.NaN, max: Number.NaN, all: [] };
  if (!existsSync(hallJs)) {
    return {
      skipped: `没有 ${path.relative(root, hallJs)}（先运行 node build/build.mjs）`,
      runs: 0,
      firstAnswerMs: empty,
      urlPrintedMs: empty,
    };
  }
  const answers: number[] = [];
  const printed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await startOnce(root, hallJs, existing);
    answers.push(run.firstAnswerMs);
    printed.push(run.urlPrintedMs);
  }
  const pack = (all: number[]) => ({
    median: round(median(all), 1),
    max: round(Math.max(...all), 1),
    all: all.map((x) => round(x, 1)),
  });
  return { runs, firstAnswerMs: pack(answers), urlPrintedMs: pack(printed) };
}

async function startOnce(
  root: string,
  hallJs: string,
  existing: ExistingDataFolder | undefined,
): Promise<{ firstAnswerMs: number; urlPrintedMs: number }> {
  const dataDir = existing?.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'township-bench-hall-')));
  const port = await freePort();
  const keyArgs = existing?.dbKeyFile ? ['--db-key-file', existing.dbKeyFile] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [hallJs, '--data', dataDir, '--port', String(port), ...keyArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let urlPrintedMs = Number.NaN;
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    if (Number.isNaN(urlPrintedMs) && /https?:\/\/\S+/.test(output)) urlPrintedMs = performance.now() - started;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  try {
    const url = `http://127.0.0.1:${port}/api/system.status`;
    for (;;) {
      if (exitCode !== undefined) throw new Error(`大厅主机提前退出（${exitCode}）：${output}`);
      if (performance.now() - started > TIMEOUT_MS)
        throw new Error(`大厅主机 ${TIMEOUT_MS / 1000} 秒内未应答：${output}`);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        const body = (await response.json()) as { ok?: boolean };
        if (response.status === 200 && body.ok === true) {
          const firstAnswerMs = performance.now() - started;
          return { firstAnswerMs, urlPrintedMs };
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    if (!existing) await rm(dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
