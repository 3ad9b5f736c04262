import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import type { BackendOptions } from '../../electron/backend/backend';
import { startHall, type RunningHall } from '../../electron/hall/startHall';
import { DEFAULT_DEMO_RESIDENTS } from '../../electron/hall/hallOptions';
import { disposeAll } from '../../test/support/dispose';

/** Debian's Chromium; Playwright's own browser download is not available on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
];

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILT_UI = path.join(REPO_ROOT, 'dist/renderer');

/**
 * How long a page action or wait may take. Generous on purpose: CI runs on two cores that other
 * jobs may load, and there a step that takes 300 ms on an idle machine (a PDF rendered and
 * archived, a page drawn by pdf.js) can take several seconds. A wait ends as soon as its state
 * is reached, so this costs nothing when all is well.
 */
export const ACTION_TIMEOUT = 30_000;

/**
 * Polls `read` until `done` accepts its answer, for states Playwright cannot wait for itself (the
 * pages' CSP refuses `waitForFunction`); gives up after `timeoutMs` and returns the last answer,
 * for the caller's assertion to report.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = ACTION_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Chromium as every browser test runs it; `extraArgs` add switches for one test file (a fake
 * camera: `--use-fake-device-for-media-stream`).
 */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

export interface E2eHall extends RunningHall {
  dataDir: string;
  dispose(): Promise<void>;
}

export interface E2eHallOptions {
  demo?: boolean;
  demoResidents?: number;
  /**
   * The hall's clock, for tests whose dates matter (a promise counted from the day of
   * acceptance): set `current` to move it. Sessions then last a year of that clock.
   */
  clock?: { current: Date };
  /** More of the backend's options (a stand-in 大厅网络, a village node's sync retries). */
  backend?: Partial<BackendOptions>;
  /** More Chromium switches for the browser of the file (launchBrowser). */
  browserArgs?: readonly string[];
}

/** A hall host on a fresh data folder and a free port, serving the built UI. */
export async function startE2eHall(options: E2eHallOptions = {}): Promise<E2eHall> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-e2e-'));
  const { clock } = options;
  const hall = await startHall(
    {
      dataDir,
      host: '127.0.0.1',
      port: 0,
      staticDir: BUILT_UI,
      tlsCertFile: null,
      tlsKeyFile: null,
      demo: options.demo ?? false,
      demoResidents: options.demoResidents ?? DEFAULT_DEMO_RESIDENTS,
    },
    () => {},
    {
      // Encrypted, as a township's hall runs: every browser test then reads and prints through it.
      databaseKey: randomBytes(32),
      ...options.backend,
      ...(clock && {
        now: () => new Date(clock.current),
        settings: { sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 },
      }),
    },
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...hall,
    dataDir,
    dispose: () => disposeAll([() => hall.close(), () => rm(dataDir, { recursive: true, force: true })]),
  };
}

export interface E2eSetup {
  readonly hall: E2eHall;
  readonly browser: Browser;
}

/**
 * Registers `before`/`after` hooks that start a hall and a browser for the tests of the file
 * (or of the enclosing `describe`) and dispose of both afterwards.
 */
export function useHallAndBrowser(options: E2eHallOptions = {}): E2eSetup {
  let hall: E2eHall | undefined;
  let browser: Browser | undefined;
  before(async () => {
    hall = await startE2eHall(options);
    browser = await launchBrowser(options.browserArgs);
  });
  after(() => disposeAll([() => browser?.close(), () => hall?.dispose()]));
  return {
    get hall() {
      if (!hall) throw new Error('the hall starts in before()');
      return hall;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in before()');
      return browser;
    },
  };
}

/** Fails the test on any uncaught page error or console error, which a clerk would never see explained. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refusal the UI shows (400, 409, 423…) is also logged by Chromium as a failed load.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/**
 * Playwright turns file dialogs into `filechooser` events only once a listener exists, and
 * enabling that takes a round trip: a click racing it (on a busy machine) opens a native
 * dialog instead, and the event never comes. Listening from the start closes the race.
 */
export function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => {});
}

/** Signs in as a demo user and waits for the main menu. */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  page.setDefaultTimeout(ACTION_TIMEOUT);
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}
