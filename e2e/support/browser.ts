import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import { startHall, type RunningHall } from '../../electron/hall/startHall';
import { DEFAULT_DEMO_RESIDENTS } from '../../electron/hall/hallOptions';

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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
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
    clock
      ? {
          now: () => new Date(clock.current),
          settings: { sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 },
        }
      : undefined,
  );
  return {
    ...hall,
    dataDir,
    async dispose() {
      await hall.close();
      await rm(dataDir, { recursive: true, force: true });
    },
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
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await hall?.dispose();
  });
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

/** Signs in as a demo user and waits for the main menu. */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}
