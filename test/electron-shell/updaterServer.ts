// What the updater tests share: the county's update folder served over HTTPS on this machine,
// and electron-updater's real NsisUpdater with stand-ins for what needs Electron (the app:
// version, paths, quit; Windows' Authenticode check; the installer launch).
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NsisUpdater } from 'electron-updater';
import type { UpdaterLike } from '../../electron/main/updater';

export interface UpdateFolderServer {
  url: string;
  port: number;
  /** Paths asked for, in order. */
  requests: string[];
  /** What is served: path → body (latest.yml is served under latest.yml and latest-linux.yml). */
  files: Map<string, string | Buffer>;
  /** Stops listening (the server "off"); `listen()` starts again on the same port. */
  close(): Promise<void>;
  listen(): Promise<void>;
}

export async function serveUpdateFolder(
  tls: { cert: string; key: string },
  files: Map<string, string | Buffer>,
): Promise<UpdateFolderServer> {
  const requests: string[] = [];
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    const created = createServer(tls, (req, res) => {
      let pathname = new URL(req.url ?? '/', 'https://updates.invalid').pathname;
      requests.push(pathname);
      if (pathname === '/latest-linux.yml') pathname = '/latest.yml';
      const body = files.get(pathname);
      if (body === undefined) return void res.writeHead(404).end();
      res.end(body);
    });
    await new Promise<void>((resolve) => created.listen(port, '127.0.0.1', resolve));
    port = (created.address() as AddressInfo).port;
    server = created;
  };
  await listen();
  return {
    get url() {
      return `https://127.0.0.1:${port}/`;
    },
    get port() {
      return port;
    },
    requests,
    files,
    listen,
    close: () =>
      new Promise<void>((resolve) => {
        const closing = server;
        server = null;
        if (!closing) return resolve();
        closing.close(() => resolve());
        closing.closeAllConnections();
      }),
  };
}

export interface TestUpdater {
  updater: UpdaterLike;
  folder: string;
  /** Publisher names Authenticode was asked about (it stands in as "signed by the publisher"). */
  authenticode: string[][];
  /** quitAndInstall's arguments, each time. */
  installs: [boolean | undefined, boolean | undefined][];
  /** Installers left in the updater's cache. */
  cached(): Promise<string[]>;
  remove(): Promise<void>;
}

/**
 * The installed version `version` with app-update.yml as electron-builder writes it (publisherName
 * set) pointing at `packagedUrl` — the package's built-in server, which the administrator's
 * setting may replace.
 */
export async function nsisUpdater(version: string, packagedUrl: string): Promise<TestUpdater> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'township-updater-'));
  const appUpdateConfig = path.join(folder, 'app-update.yml');
  await writeFile(
    appUpdateConfig,
    [
      'provider: generic',
      `url: ${packagedUrl}`,
      'channel: latest',
      'publisherName:',
      '  - CN=某县信息化管理部门',
      'updaterCacheDirName: township-desk-updater',
      '',
    ].join('\n'),
  );
  await mkdir(path.join(folder, 'userData'));
  const app = {
    version,
    name: 'township-desk',
    isPackaged: true,
    appUpdateConfigPath: appUpdateConfig,
    userDataPath: path.join(folder, 'userData'),
    baseCachePath: path.join(folder, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new NsisUpdater(null, app);
  updater.logger = null;
  const authenticode: string[][] = [];
  updater.verifyUpdateCodeSignature = async (publisherNames) => {
    authenticode.push(publisherNames);
    return null;
  };
  const installs: [boolean | undefined, boolean | undefined][] = [];
  updater.quitAndInstall = (silent?: boolean, forceRun?: boolean) => void installs.push([silent, forceRun]);
  return {
    updater: updater as unknown as UpdaterLike,
    folder,
    authenticode,
    installs,
    cached: async () =>
      (await readdir(path.join(folder, 'cache'), { recursive: true }).catch(() => [] as string[])).filter((f) =>
        f.endsWith('.exe'),
      ),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
