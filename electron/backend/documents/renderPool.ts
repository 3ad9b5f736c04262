// Papers are drawn off the main thread. pdfkit with CJK fonts takes 10–30 ms of pure CPU for a
// receipt (half a second for a 50-page case file); on the one event loop that time is taken
// from every other window's request, while the machine's other cores idle. The pool keeps a few
// worker threads (one per core, at most four), each with the fonts opened once; the
// main thread keeps everything that touches the database and hands a worker only data: the
// paper's name, its record as JSON, and the facts fixed before (issue time, verification code,
// the signed link). The PDF comes back as a transferred ArrayBuffer.
//
// A worker that dies takes only its job with it: the job fails with a clear error and the next
// job starts a new worker. A worker that does not answer within `jobTimeoutMs` is stopped and
// its job fails the same way — a request never hangs on a paper. `close` stops them all.
//
// Workers start with the first paper, not with the backend, so a backend that never prints
// (most tests) starts none. Which file a worker runs: next to the host's bundle
// (dist/hall/renderWorker.cjs, dist/electron/renderWorker.cjs — build/build.mjs makes both; in
// the packaged app that is inside app.asar, which Electron's workers read since Electron 18),
// or, under tsx (tests, the bench), renderWorker.ts through tsx's loader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../api/failure';
import { loadFonts, type FontLocation, type FontSet } from './fonts';
import type { DocumentDefinition } from './registry';
import { renderDocument, type RenderedDocument } from './render';
import {
  deserializeError,
  RenderWorkerError,
  type PaperRenderOptions,
  type RenderJobMessage,
  type RenderWorkerData,
  type WorkerMessage,
} from './renderProtocol';

export type { PaperRenderOptions } from './renderProtocol';

/** What draws papers for the backend: the pool, or the main thread itself. */
export interface PaperRenderer {
  render<R>(definition: DocumentDefinition<R>, record: R, options: PaperRenderOptions): Promise<RenderedDocument>;
  close(): Promise<void>;
}

/** Draws on the calling thread (`renderInWorkers: false`; tests that need it). */
export function inThreadRenderer(fonts: () => Promise<FontSet>): PaperRenderer {
  return {
    async render(definition, record, options) {
      return renderDocument(definition, record, { ...options, fonts: await fonts() });
    },
    async close() {},
  };
}

/** The file a worker runs, and whether it is TypeScript (started through tsx). */
export interface RenderWorkerEntry {
  file: string;
  typescript: boolean;
}

export interface RenderPoolOptions {
  /** The fonts as the backend was given them (the packaged app's resources, or node_modules). */
  fonts?: FontLocation;
  /** Workers at most; default: one per core, at most 4 (`defaultPoolSize`). */
  size?: number;
  /** How long one paper may take in a worker before the worker is taken for hung. */
  jobTimeoutMs?: number;
  /** Another worker file (tests); default: next to the bundle, or renderWorker.ts under tsx. */
  entry?: RenderWorkerEntry;
  log?: (line: string) => void;
}

/**
 * A paper not drawn because its worker died, hung or was shut down: nothing was saved, and the
 * clerk may simply try again (UNAVAILABLE, 503), told so in words — not the bare 系统内部错误.
 */
function notDrawn(message: string): ApiFailure {
  return new ApiFailure({ code: 'UNAVAILABLE', message });
}

/** A 50-page case file takes about half a second; a minute means the worker is stuck. */
const DEFAULT_JOB_TIMEOUT_MS = 60_000;
/** `0`: papers drawn on the main thread; N ≥ 1: in N workers (see `paperRenderer`). */
export const RENDER_WORKERS_ENV = 'TOWNSHIP_RENDER_WORKERS';
const MAX_WORKERS = 4;

/**
 * One worker per core (at most four): with 15 windows accepting at once the main thread is idle
 * more than half the time, waiting for papers, so cores − 1 workers would leave a 2-core hall
 * machine's second core half unused (bench/windows.ts, 1,000,000 cases: one worker 66 intakes/s,
 * p95 293 ms; two 89 intakes/s, p95 211 ms). The main thread is not starved: a worker's job is a
 * few milliseconds of CPU, and the OS shares the cores among the threads that want them.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
}

/** The worker file for the code running now: the bundle's sibling, or the TypeScript source. */
export function defaultWorkerEntry(): RenderWorkerEntry {
  // The hall host's bundle is ESM and the desktop app's CommonJS; each names its own location.
  const here = path.resolve(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return { file: path.join(dir, 'renderWorker.ts'), typescript: true };
  return { file: path.join(dir, 'renderWorker.cjs'), typescript: false };
}

interface Job {
  id: number;
  message: RenderJobMessage;
  definition: DocumentDefinition<unknown>;
  record: unknown;
  resolve(rendered: RenderedDocument): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Set when the pool stopped the worker itself (hung, failed to start, closing). */
  stopping: boolean;
  /** Why it stopped, when the worker said (its uncaught error, its font failure). */
  lastError: Error | null;
}

export class RenderPool implements PaperRenderer {
  readonly size: number;
  private readonly fonts: FontLocation;
  private readonly jobTimeoutMs: number;
  private readonly entry: RenderWorkerEntry;
  private readonly log: (line: string) => void;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** The papers the workers know (from the first that started); null until one has. */
  private known: ReadonlySet<string> | null = null;
  private readonly readyWaiters: Array<{ resolve(): void; reject(error: Error): void }> = [];
  /** How many workers have been started (the first and every replacement), for tests. */
  started = 0;

  constructor(options: RenderPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    // The working directory is the default place of node_modules: fixed now, as the backend sees it.
    this.fonts = { ...options.fonts, resolveFrom: path.resolve(options.fonts?.resolveFrom ?? process.cwd()) };
    this.jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.entry = options.entry ?? defaultWorkerEntry();
    this.log = options.log ?? ((line) => console.warn(`[township-desk] ${line}`));
  }

  /** The paper names the workers have registered (starting a worker if none has yet). */
  async knownTypes(): Promise<string[]> {
    if (!this.known) {
      if (this.closed) throw notDrawn('文书线程已关闭');
      await new Promise<void>((resolve, reject) => {
        this.readyWaiters.push({ resolve, reject });
        if (this.slots.size === 0) this.spawn();
      });
    }
    return [...this.known!].sort();
  }

  render<R>(definition: DocumentDefinition<R>, record: R, options: PaperRenderOptions): Promise<RenderedDocument> {
    if (this.closed) return Promise.reject(notDrawn('文书线程已关闭，无法出具文书'));
    if (this.known && !this.known.has(definition.type)) return this.renderHere(definition, record, options);
    const id = this.nextId++;
    return new Promise<RenderedDocument>((resolve, reject) => {
      this.queue.push({
        id,
        message: { id, type: definition.type, recordJson: JSON.stringify(record) ?? 'null', options },
        definition: definition as DocumentDefinition<unknown>,
        record,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = notDrawn('程序正在关闭，这份文书没有生成');
    for (const job of this.queue.splice(0)) job.reject(closing);
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(closing);
    await Promise.all(
      [...this.slots].map((slot) => {
        this.settle(slot)?.reject(closing);
        slot.stopping = true;
        return slot.worker.terminate();
      }),
    );
    this.slots.clear();
  }

  /** A paper the workers do not know (not listed in papers.ts) is drawn here rather than refused. */
  private async renderHere<R>(
    definition: DocumentDefinition<R>,
    record: R,
    options: PaperRenderOptions,
  ): Promise<RenderedDocument> {
    return renderDocument(definition, record, { ...options, fonts: await loadFonts(this.fonts) });
  }

  /** Hands queued jobs to idle workers, starting workers for jobs that none starting will take. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.assign(slot, this.queue.shift()!);
    }
    let starting = [...this.slots].filter((slot) => !slot.ready).length;
    while (this.slots.size < this.size && this.queue.length > starting) {
      this.spawn();
      starting++;
    }
  }

  private spawn(): void {
    const workerData: RenderWorkerData = { fonts: this.fonts };
    const worker = this.entry.typescript
      ? new Worker(TSX_BOOTSTRAP, {
          eval: true,
          workerData: { ...workerData, tsxApi: tsxApiUrl(this.entry.file), entry: pathToFileURL(this.entry.file).href },
        })
      : new Worker(this.entry.file, { workerData });
    const slot: Slot = { worker, ready: false, job: null, timer: null, stopping: false, lastError: null };
    this.slots.add(slot);
    this.started++;
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      slot.lastError = error;
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const hung = this.settle(slot);
      const seconds = Math.round(this.jobTimeoutMs / 100) / 10;
      this.log(`文书线程出具《${hung?.definition.title}》超过 ${seconds} 秒无响应，已停止并换用新线程`);
      hung?.reject(
        notDrawn(
          `出具《${hung.definition.title}》超过 ${seconds} 秒没有完成，文书线程已重启；这份文书没有生成，请重试`,
        ),
      );
      this.stop(slot);
    }, this.jobTimeoutMs);
    slot.worker.postMessage(job.message);
  }

  /** Takes the slot's job off it (timer cleared); the worker goes back to not holding the process. */
  private settle(slot: Slot): Job | null {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    return job;
  }

  private stop(slot: Slot): void {
    slot.stopping = true;
    void slot.worker.terminate();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    switch (message.kind) {
      case 'ready':
        slot.ready = true;
        this.known ??= new Set(message.types);
        slot.worker.unref();
        for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
        break;
      case 'failed': {
        // The fonts cannot be opened: no worker will do better, so the papers waiting fail now.
        const error = deserializeError(message.error);
        slot.lastError = error;
        for (const job of this.queue.splice(0)) job.reject(error);
        for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
        this.stop(slot);
        return;
      }
      case 'done': {
        const job = this.settle(slot);
        job?.resolve({
          pdf: Buffer.from(message.pdf),
          pageCount: message.pageCount,
          width: message.width,
          height: message.height,
        });
        break;
      }
      case 'error':
        this.settle(slot)?.reject(deserializeError(message.error));
        break;
      case 'unknownType': {
        const job = this.settle(slot);
        if (job) {
          this.log(`文书线程不认识文书类型“${job.definition.type}”（papers.ts 未列入），改在主线程生成`);
          this.renderHere(job.definition, job.record, job.message.options).then(job.resolve, job.reject);
        }
        break;
      }
    }
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    this.slots.delete(slot);
    const job = this.settle(slot);
    if (job) {
      const why = slot.lastError ? `：${slot.lastError.message}` : `（退出码 ${code}）`;
      this.log(`文书线程出具《${job.definition.title}》时意外退出${why}`);
      job.reject(notDrawn(`出具《${job.definition.title}》的文书线程意外退出，这份文书没有生成，请重试`));
    }
    if (!slot.ready && !slot.stopping && this.queue.length > 0) {
      // It died before it could take any job (a broken installation): the papers waiting say why,
      // rather than starting worker after worker.
      this.log(`文书线程未能启动（退出码 ${code}）${slot.lastError ? `：${slot.lastError.message}` : ''}`);
      const error =
        slot.lastError ?? new RenderWorkerError(`文书线程未能启动（退出码 ${code}），无法出具文书，请联系技术支持`);
      for (const waiting of this.queue.splice(0)) waiting.reject(error);
    }
    if (!slot.ready) {
      const error = slot.lastError ?? notDrawn(`文书线程未能启动（退出码 ${code}）`);
      for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
    }
    this.pump();
  }
}

/**
 * Starts a TypeScript worker under tsx: tsx's loader is registered in the worker itself
 * (Node 20 does not carry `--import tsx` into a worker's loading of its own file).
 */
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); });
`;

/**
 * tsx's ESM API (its `import` export; the `require` one registers nothing a worker's ESM loading
 * sees), from the repository's tsx as the worker file finds it.
 */
function tsxApiUrl(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const exports = (
    JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  ).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/**
 * The backend's renderer: a pool when papers are to be drawn in workers — by default when the
 * code runs from a bundle (the hall host, the desktop app), not under tsx, where a worker must
 * load tsx and every paper's source first (2–3 s) and most tests print a paper or two — or none
 * (the calling thread draws, with the backend's fonts). `TOWNSHIP_RENDER_WORKERS` in the host's
 * environment overrides the default: `0` draws on the main thread (the bench's "before", and a
 * way back should workers ever misbehave at a township), a number N ≥ 1 uses N workers.
 */
export function paperRenderer(options: {
  renderInWorkers?: boolean | Omit<RenderPoolOptions, 'fonts'>;
  fonts?: FontLocation;
  log?: (line: string) => void;
}): RenderPool | undefined {
  const fromEnvironment = process.env[RENDER_WORKERS_ENV]?.trim();
  const count = fromEnvironment ? Number(fromEnvironment) : NaN;
  const size = Number.isInteger(count) && count >= 0 ? count : undefined;
  const given = options.renderInWorkers;
  const inWorkers =
    given !== undefined ? given !== false : size !== undefined ? size > 0 : !defaultWorkerEntry().typescript;
  if (!inWorkers) return undefined;
  return new RenderPool({
    log: options.log,
    size: size || undefined,
    ...(typeof given === 'object' ? given : {}),
    fonts: options.fonts,
  });
}
