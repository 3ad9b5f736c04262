// 大厅网络: the second listener a host opens for the other windows of the hall — HTTPS on an
// address and port the administrator chose, serving the same UI and API as the host's own window.
// Both hosts use it: the desktop app's main process (electron/main/main.ts) and the hall host
// (startHall.ts), each handing it to the backend as `BackendOptions.hallNetwork`, so that the
// procedures of shared/hallNetwork/api.ts drive it. No 'electron' import here: it is tested and
// run under plain Node.
//
// Kept in the data folder's `hall-network/`: the certificate (made on first use), its private
// key (0600) and the setting (on/off, address, port), applied again at every start.
import type http from 'node:http';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_HALL_NETWORK_PORT,
  HALL_NETWORK_CLOSED_MESSAGE,
  type HallNetworkChoice,
  type HallNetworkStatus,
} from '../../shared/hallNetwork/api';
import type { Backend } from '../backend/backend';
import { endSessionsVia } from '../backend/auth/sessions';
import { HallNetworkRefusal, type HallNetworkController } from '../backend/hallNetwork/hallNetworkController';
import { createHallServer } from './httpServer';
import { ensureLanCertificate, readLanCertificate, type LanCertificate } from './lanCertificate';

export const HALL_NETWORK_FOLDER = 'hall-network';
export const SETTINGS_FILE = 'settings.json';
/** All of the machine's addresses. */
export const ANY_ADDRESS = '0.0.0.0';
/**
 * How long a request already on its way when the LAN is turned off may take to be answered
 * (the administrator's own, from a LAN window) before its connection is cut; the port itself
 * closes at once, and the sessions are ended before it.
 */
const CLOSE_GRACE_MS = 1000;

export interface LanListenerOptions {
  /** The host's data folder; the certificate, key and setting go into its `hall-network/`. */
  dataDir: string;
  /** The backend the listener serves (asked at each use: it is made after the controller). */
  backend: () => Backend;
  /** The built UI (dist/renderer), served as the host's own window sees it. */
  staticDir: string | null;
  now?: () => Date;
  /** This machine's network interfaces (tests give their own). */
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** This machine's name, put in the certificate beside its addresses. */
  hostname?: () => string;
  log?: (line: string) => void;
}

interface StoredSetting {
  enabled: boolean;
  address: string;
  port: number;
}

export interface LanListener extends HallNetworkController {
  /** Applies the kept setting (at the host's start); a failure is logged and shown on the page, never thrown. */
  applySaved(): Promise<HallNetworkStatus>;
  /** Closes the listener (the host shutting down); the setting stays as it is. */
  close(): Promise<void>;
}

/** The LAN-listener controller of one host. */
export function createLanListener(options: LanListenerOptions): LanListener {
  const folder = path.join(options.dataDir, HALL_NETWORK_FOLDER);
  const now = options.now ?? (() => new Date());
  const interfaces = options.networkInterfaces ?? os.networkInterfaces;
  const hostname = options.hostname ?? os.hostname;
  const log = options.log ?? ((line: string) => console.warn(`[township-desk] ${line}`));
  let running: { server: http.Server; address: string; port: number } | null = null;
  let problem: string | null = null;
  // One change at a time: two administrators pressing at once must not open two listeners.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  function machineAddresses(): { address: string; interfaceName: string }[] {
    const found: { address: string; interfaceName: string }[] = [];
    for (const [interfaceName, infos] of Object.entries(interfaces())) {
      for (const info of infos ?? []) {
        if (info.family === 'IPv4' && !info.internal) found.push({ address: info.address, interfaceName });
      }
    }
    return found;
  }

  async function readSetting(): Promise<StoredSetting> {
    try {
      const stored = JSON.parse(await readFile(path.join(folder, SETTINGS_FILE), 'utf8')) as Partial<StoredSetting>;
      if (typeof stored.address === 'string' && typeof stored.port === 'number') {
        return { enabled: stored.enabled === true, address: stored.address, port: stored.port };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(`大厅网络设置无法读取，按未开放处理：${String(error)}`);
    }
    return { enabled: false, address: machineAddresses()[0]?.address ?? ANY_ADDRESS, port: DEFAULT_HALL_NETWORK_PORT };
  }

  async function writeSetting(setting: StoredSetting): Promise<void> {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const file = path.join(folder, SETTINGS_FILE);
    await writeFile(`${file}.tmp`, `${JSON.stringify(setting, null, 2)}\n`);
    await rename(`${file}.tmp`, file);
  }

  function urlsOf(address: string, port: number): string[] {
    const hosts = address === ANY_ADDRESS ? machineAddresses().map((a) => a.address) : [address];
    return hosts.map((host) => `https://${host}:${port}/`);
  }

  async function status(): Promise<HallNetworkStatus> {
    const setting = await readSetting();
    const certificate = (await readLanCertificate(folder))?.info ?? null;
    const address = running?.address ?? setting.address;
    const port = running?.port ?? setting.port;
    let advice: string | null = null;
    if (running && certificate && address !== ANY_ADDRESS && !certificate.names.includes(address)) {
      advice = `证书是为 ${certificate.names.join('、')} 制作的，不含现在的地址 ${address}：浏览器会提示“地址不符”，按指纹核对后继续即可；客户端模式的桌面程序按指纹固定，不受影响`;
    }
    return {
      available: true,
      unavailableReason: null,
      enabled: setting.enabled,
      listening: running !== null,
      address,
      port,
      urls: running ? urlsOf(running.address, running.port) : [],
      certificate,
      machineAddresses: machineAddresses(),
      problem: problem ?? advice,
    };
  }

  /** The names the certificate is made for: every address of the machine, the chosen one, its name. */
  function certificateNames(address: string): string[] {
    const names = ['127.0.0.1', 'localhost', ...machineAddresses().map((a) => a.address)];
    if (address !== ANY_ADDRESS) names.push(address);
    const name = hostname();
    // Only a name a certificate may hold (a Windows PC name may have characters DNS does not).
    if (/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(name)) names.push(name);
    return names;
  }

  async function listen(certificate: LanCertificate, address: string, port: number): Promise<http.Server> {
    const server = createHallServer({
      backend: options.backend(),
      staticDir: options.staticDir,
      tls: { cert: Buffer.from(certificate.certPem), key: Buffer.from(certificate.keyPem) },
      // Other windows name the host by its LAN address (or name): any Host is theirs to use.
      loopbackOnly: false,
      via: `${address}:${port}`,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => log(`大厅网络监听出错：${String(error)}`));
    return server;
  }

  async function stopListening(): Promise<void> {
    if (!running) return;
    const { server } = running;
    running = null;
    // The port closes now; idle connections go at once, one still answering gets a moment.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    cut.unref();
    void closed.finally(() => clearTimeout(cut));
  }

  async function open(choice: HallNetworkChoice): Promise<void> {
    if (running && running.address === choice.address && running.port === choice.port) return;
    const certificate = await ensureLanCertificate(folder, certificateNames(choice.address), now());
    if (certificate.created) log(`大厅网络证书已生成，指纹（SHA-256）：${certificate.info.fingerprint}`);
    let server: http.Server;
    try {
      server = await listen(certificate, choice.address, choice.port);
    } catch (error) {
      throw new HallNetworkRefusal(refusalOf(error, choice));
    }
    // Moving to another address or port: the new one is up before the old one goes.
    await stopListening();
    running = { server, address: choice.address, port: choice.port };
    problem = null;
    log(`大厅网络已开放：${urlsOf(choice.address, choice.port).join('、') || `${choice.address}:${choice.port}`}`);
  }

  return {
    status: () => serialized(status),
    enable: (choice) =>
      serialized(async () => {
        await open(choice);
        await writeSetting({ enabled: true, ...choice });
        return status();
      }),
    disable: () =>
      serialized(async () => {
        const setting = await readSetting();
        await writeSetting({ ...setting, enabled: false });
        // The sessions first: a call already on its way through the LAN is then refused in words.
        const ended = await endSessionsVia(options.backend().db, now(), HALL_NETWORK_CLOSED_MESSAGE);
        await stopListening();
        problem = null;
        log(`大厅网络已关闭，经大厅网络登录的 ${ended} 个窗口已退出`);
        return status();
      }),
    applySaved: () =>
      serialized(async () => {
        const setting = await readSetting();
        if (setting.enabled) {
          try {
            await open({ address: setting.address, port: setting.port });
          } catch (error) {
            problem = `大厅网络未能按设置开放：${error instanceof Error ? error.message : String(error)}`;
            log(problem);
          }
        }
        return status();
      }),
    close: () => serialized(stopListening),
  };
}

function refusalOf(error: unknown, choice: HallNetworkChoice): string {
  const code = (error as NodeJS.ErrnoException).code;
  const at = `${choice.address}:${choice.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `端口 ${choice.port} 已被占用（${at}），请换一个端口`;
    case 'EADDRNOTAVAIL':
      return `本机没有地址 ${choice.address}，请从列表中选择本机的地址`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限在 ${at} 上监听，请换一个端口（1024 以上）`;
    default:
      return `无法在 ${at} 上开放大厅网络：${error instanceof Error ? error.message : String(error)}`;
  }
}
