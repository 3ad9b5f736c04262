// Starts the packaged desktop app's main process under plain Node (standInElectronMain.cjs), as
// Electron would start it, and talks to it as its window would. Used by the packaging test and by
// the bench's cold start. Node cannot read inside an asar, so the app is first laid out as
// Electron's fs presents it: app.asar's files with the unpacked ones merged in.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { extractAll } from '@electron/asar';
import { REPO_ROOT } from './fontResources';

export interface PackagedMainOptions {
  /** The app as Electron sees it (see `layOutAppForNode`). */
  appDir: string;
  /** The package's resources folder (fonts, app-update.yml): process.resourcesPath. */
  resourcesDir: string;
  userData: string;
  /** The working directory: anywhere but the repository. */
  cwd: string;
  /** 'none': no keychain that protects (a Linux PC without a keyring) — the database stays plain. */
  keychain?: 'available' | 'none';
}

export interface ApiAnswer<T = unknown> {
  ok: boolean;
  result?: T;
  error?: { code?: string; message?: string };
}

export interface PackagedMain {
  api<T = Record<string, unknown>>(procedure: string, input: unknown): Promise<ApiAnswer<T>>;
  /** An app:// request (the UI, a paper's `/files/…` link). */
  fetch(url: string): Promise<{ status: number; contentType: string | null; body: Buffer }>;
  state(): Promise<{ errorBoxes: string[]; unknown: string[]; windows: Array<string | null>; channels: string[] }>;
  /** Quits as closing the window does, and waits for the process to end. */
  quit(): Promise<void>;
  /** What the process wrote (its logs go to stderr). */
  output(): string;
}

/** Extracts app.asar (with its unpacked files) into `appDir`. */
export function layOutAppForNode(resourcesDir: string, appDir: string): void {
  extractAll(path.join(resourcesDir, 'app.asar'), appDir);
}

export function startPackagedMain(options: PackagedMainOptions): PackagedMain {
  const child: ChildProcess = fork(
    path.join(REPO_ROOT, 'build/packaging/standInElectronMain.cjs'),
    [options.appDir, options.resourcesDir, options.userData],
    {
      cwd: options.cwd,
      execArgv: [],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: options.cwd,
        LANG: 'zh_CN.UTF-8',
        STAND_IN_KEYCHAIN: options.keychain ?? 'available',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.result);
    else waiting?.reject(new Error(`${reply.error}\n${output}`));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiting of pending.values()) waiting.reject(new Error(`主进程已退出：\n${output}`));
    pending.clear();
  });
  let nextId = 1;
  const ask = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...message }, (error) => error && reject(error));
    });
  return {
    api: (procedure, input) => ask({ op: 'api', procedure, input }),
    fetch: async (url) => {
      const answer = await ask<{ status: number; contentType: string | null; body: string }>({ op: 'fetch', url });
      return { ...answer, body: Buffer.from(answer.body, 'base64') };
    },
    state: () => ask({ op: 'state' }),
    quit: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await ask({ op: 'quit' }).catch(() => undefined);
      await exited;
    },
    output: () => output,
  };
}

/** Asks `system.status` until the backend answers (it opens asynchronously); returns when it did. */
export async function waitForFirstAnswer(main: PackagedMain, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await main.api('system.status', {});
    if (answer.ok) return;
    if (Date.now() > deadline) throw new Error(`后台没有启动：${JSON.stringify(answer)}\n${main.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
