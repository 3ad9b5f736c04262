import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { catalogItem } from '../shared/catalog/catalog';
import Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../electron/backend/db/database';
import { RENDER_WORKERS_ENV } from '../electron/backend/documents/renderPool';
import { DEMO_PASSWORD, mulberry32 } from '../demo/demoTownship';
import { seedCounterDataset } from './counter';
import { round, summarize, type LatencySummary } from './stats';

/**
 * A hall of many windows at once (issue 19, item 6): the hall host — the built one, `node
 * dist/hall/hall.js`, in a process of its own as a township runs it — on the counter's data set
 * (about 1,000,000 cases), and N windows, each signed in as its own clerk, pressing 受理 over
 * HTTP as fast as the hall answers (each window sends its next intake when its receipt is back)
 * for a fixed time. Measured per window count: intakes per second, latency to the archived
 * receipt PDF (p50/p95/p99), errors. Run once with papers drawn on the event loop and once in
 * the render workers (`render`), the before and after of item 6.
 */
export interface WindowsBenchOptions {
  root: string;
  residents: number;
  cases: number;
  seed: number;
  /** Window counts, run one after the other on the same hall (e.g. 10 then 15). */
  windows: readonly number[];
  seconds: number;
  /** Where papers are drawn in the hall host: its worker threads (the default of the hosts) or its event loop. */
  render: 'workers' | 'inThread';
  /** The data folder; a folder that already holds the data set is used as it is (no reseeding). */
  dataDir: string;
  log: (line: string) => void;
}

export interface WindowsRun {
  windows: number;
  seconds: number;
  intakes: number;
  intakesPerSecond: number;
  latency: LatencySummary;
  errors: number;
  /** A few distinct error messages, for the reader of the JSON. */
  errorSamples: string[];
}

const CLERK_PASSWORD = 'Window2026a';

export async function benchWindows(options: WindowsBenchOptions) {
  const { log } = options;
  let dataset: Record<string, unknown>;
  if (existsSync(path.join(options.dataDir, DATABASE_FILE))) {
    log(`使用已有的数据目录 ${options.dataDir}（不重新生成）`);
    dataset = { reused: true };
  } else {
    await mkdir(options.dataDir, { recursive: true });
    const seeded = await seedCounterDataset(options.dataDir, { ...options, databaseKey: null });
    dataset = { seedSeconds: round(seeded.seedMs / 1000, 1), databaseMB: round(seeded.databaseBytes / 1024 ** 2, 1) };
  }
  // Read as a plain SQLite file, without the app's migrations: the hall host started next may be
  // an earlier build (TOWNSHIP_BENCH_HALL_BUNDLE), which must find the schema it knows.
  const { casesAtStart, item, residentIds } = readDataset(options.dataDir);

  const hall = await startHallProcess(options);
  const runs: WindowsRun[] = [];
  try {
    const most = Math.max(...options.windows);
    log(`为 ${most} 个窗口各建一名窗口人员并登录……`);
    const clerks = await signInClerks(hall.url, most);
    const random = mulberry32(options.seed);
    const intake = (clerk: Window) =>
      clerk.call<{ document: { sha256: string; verificationCode: string } | null }>('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIds[Math.floor(random() * residentIds.length)],
        itemCode: item.code,
        receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
        window: clerk.window,
        decision: 'accept',
        receiptPaper: 'a5',
      });
    // Warm-up: every window's first intakes open the fonts' parts in the worker, prepare statements.
    await Promise.all(clerks.map(async (clerk) => (await intake(clerk), await intake(clerk))));
    for (const count of options.windows) {
      log(
        `${count} 个窗口同时受理 ${options.seconds} 秒（文书在${options.render === 'workers' ? '文书线程' : '主线程'}生成）……`,
      );
      runs.push(await runWindows(clerks.slice(0, count), options.seconds, intake));
      const last = runs.at(-1)!;
      log(
        `  ${last.intakesPerSecond} 件/秒，p50 ${last.latency.p50} ms，p95 ${last.latency.p95} ms，p99 ${last.latency.p99} ms，错误 ${last.errors}`,
      );
    }
  } finally {
    await hall.stop();
  }
  const casesAtEnd = readDataset(options.dataDir).casesAtStart;
  return {
    dataset: { ...dataset, casesAtStart, casesAtEnd },
    render: options.render,
    hallHost: `node ${process.env.TOWNSHIP_BENCH_HALL_BUNDLE ?? 'dist/hall/hall.js'} (own process)`,
    runs,
    goals: {
      fifteenWindowsP95Under300ms: (runs.find((r) => r.windows === 15)?.latency.p95 ?? Infinity) < 300,
      noErrors: runs.every((r) => r.errors === 0),
    },
  };
}

async function runWindows(
  clerks: readonly Window[],
  seconds: number,
  intake: (clerk: Window) => Promise<{ document: unknown }>,
): Promise<WindowsRun> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  let lastAnswer = started;
  await Promise.all(
    clerks.map(async (clerk) => {
      while (performance.now() < end) {
        const sent = performance.now();
        try {
          const result = await intake(clerk);
          if (!result.document) throw new Error('受理成功却没有回执');
          latencies.push(performance.now() - sent);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
        lastAnswer = performance.now();
      }
    }),
  );
  const elapsed = (lastAnswer - started) / 1000;
  return {
    windows: clerks.length,
    seconds: round(elapsed, 1),
    intakes: latencies.length,
    intakesPerSecond: round(latencies.length / elapsed, 1),
    latency: summarize(latencies),
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
  };
}

/** The cases counted, the catalog item accepted, the residents applying (the first 5,000). */
function readDataset(dataDir: string) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const casesAtStart = db.prepare('SELECT count(*) FROM counter_cases').pluck().get() as number;
    const items = (db.prepare('SELECT item FROM catalog_items').pluck().all() as string[]).map((text) =>
      catalogItem.parse(JSON.parse(text)),
    );
    const item = items.find((i) => i.handlingType === 'promised' && i.activeTo === null)!;
    const residentIds = db.prepare('SELECT id FROM residents LIMIT 5000').pluck().all() as string[];
    return { casesAtStart, item, residentIds };
  } finally {
    db.close();
  }
}

/** One counter window: a browser's cookie jar, its clerk, its window name. */
class Window {
  cookie: string | null = null;
  constructor(
    private readonly baseUrl: string,
    readonly window: string,
  ) {}
  async call<T>(procedure: string, input: unknown): Promise<T> {
    const response = await fetch(new URL(`/api/${procedure}`, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${procedure}：${body.error?.message}`);
    return body.result as T;
  }
}

/**
 * A clerk per window (`bench-window-01` …), made by the demo administrator on the first run and
 * signed in with the password each then chose; a reused data folder has them already.
 */
async function signInClerks(url: string, count: number): Promise<Window[]> {
  const admin = new Window(url, '');
  await admin.call('auth.login', { username: 'demo-admin', password: DEMO_PASSWORD });
  const existing = new Set(
    (await admin.call<{ items: Array<{ username: string }> }>('users.list', {})).items.map((user) => user.username),
  );
  const clerks: Window[] = [];
  for (let i = 1; i <= count; i++) {
    const username = `bench-window-${String(i).padStart(2, '0')}`;
    const clerk = new Window(url, `${i}号窗口`);
    if (!existing.has(username)) {
      await admin.call('users.create', {
        username,
        displayName: `窗口${i}`,
        roles: ['counterClerk'],
        password: `${CLERK_PASSWORD}-first`,
      });
      // A new user must change the password an administrator gave before anything else.
      await clerk.call('auth.login', { username, password: `${CLERK_PASSWORD}-first` });
      await clerk.call('auth.changePassword', {
        currentPassword: `${CLERK_PASSWORD}-first`,
        newPassword: CLERK_PASSWORD,
      });
    }
    await clerk.call('auth.login', { username, password: CLERK_PASSWORD });
    clerks.push(clerk);
  }
  return clerks;
}

/** The built hall host on the data folder, in a process of its own; resolves with its address. */
async function startHallProcess(options: WindowsBenchOptions): Promise<{ url: string; stop(): Promise<void> }> {
  // TOWNSHIP_BENCH_HALL_BUNDLE: another build of the hall host (an earlier release's, for a "before").
  const other = process.env.TOWNSHIP_BENCH_HALL_BUNDLE;
  const bundle = other ? path.resolve(other) : path.join(options.root, 'dist/hall/hall.js');
  if (!existsSync(bundle)) throw new Error(`找不到 ${bundle}：请先运行 node build/build.mjs`);
  if (!other && !(await readdir(path.dirname(bundle))).includes('renderWorker.cjs')) {
    throw new Error('dist/hall/ 中没有 renderWorker.cjs：请重新构建');
  }
  const child: ChildProcess = spawn(
    process.execPath,
    // TOWNSHIP_BENCH_HALL_NODE_ARGS: Node options for the hall host only (e.g. `--cpu-prof`).
    [
      ...(process.env.TOWNSHIP_BENCH_HALL_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      bundle,
      ...['--data', options.dataDir, '--port', '0', '--sync-interval', '0'],
    ],
    {
      cwd: options.root,
      // Workers: the host's default pool (or as many as TOWNSHIP_RENDER_WORKERS says, when set).
      env: { ...process.env, ...(options.render === 'inThread' ? { [RENDER_WORKERS_ENV]: '0' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /大厅主机已启动：(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      // The host's own warnings stay visible: they go to the bench's stderr, as its log does.
      process.stderr.write(text.replace(/^/gm, '[hall] '));
    });
    void exited.then((code) => reject(new Error(`大厅主机退出（${code}）：${output}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
