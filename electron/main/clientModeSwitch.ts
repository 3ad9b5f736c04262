// Switching the desktop app into client mode and back, from inside the app (docs/hall.md):
// the first-run page's 连接到大厅主机 checks the hall's certificate against the fingerprint read
// off its 大厅网络 page (检查连接) and saves client-mode.json (连接), after which the app restarts
// as a window of the hall; in client mode the menu's 断开大厅主机 removes the file again.
// Plain logic (no 'electron' import): main.ts wires it to IPC, the menu and app.relaunch();
// tested in test/hallNetwork/clientModeSwitch.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import {
  HALL_CLIENT_OPERATIONS,
  type HallCertificateCheck,
  type HallClientConnectAnswer,
  type HallClientOperation,
} from '../../shared/hallNetwork/clientBridge';
import { CLIENT_MODE_FILE, checkClientModeInput, type ClientModeValues } from '../../shared/hallNetwork/clientMode';
import type { IpcSender, Log } from './ipcApi';
import { isTrustedIpcSender } from './navigationPolicy';

/** A hall on the same LAN answers at once; a wrong address is given up on after this. */
export const PROBE_TIMEOUT_MS = 8_000;

/** What the hall at `hallUrl` serves: its certificate's SHA-256 fingerprint, or why none was seen. */
export type ProbeResult = { ok: true; fingerprint: string } | { ok: false; message: string };

/**
 * Connects to the hall's address over TLS, as the window would, and reads the certificate it
 * serves. Nothing is trusted or refused here (any certificate is read: the comparison with the
 * fingerprint is the trust), and nothing is sent over the connection.
 */
export function probeHallCertificate(hallUrl: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const url = new URL(hallUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const socket = tls.connect({
      host,
      port,
      // SNI takes a name, never an IP address.
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(
      () =>
        finish({ ok: false, message: `连接大厅主机 ${where} 超时：请核对地址和端口，确认大厅网络已开启、网络畅通` }),
      timeoutMs,
    );
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      finish(
        fingerprint
          ? { ok: true, fingerprint }
          : { ok: false, message: `大厅主机 ${where} 没有出示证书，无法核对指纹` },
      );
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, message: connectionProblem(where, error) }),
    );
  });
}

function connectionProblem(where: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `无法连接大厅主机 ${where}：连接被拒绝（该端口没有服务在听）。请核对地址和端口，确认大厅主机上的大厅网络已开启`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `无法连接大厅主机 ${where}：找不到这个主机名，请改填大厅网络页面上的访问网址（IP 地址）`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `无法连接大厅主机 ${where}：网络不通，请检查本机网线或 Wi-Fi 是否与大厅主机在同一局域网`;
    case 'ETIMEDOUT':
      return `连接大厅主机 ${where} 超时：请核对地址和端口，确认大厅网络已开启、网络畅通`;
    case 'ECONNRESET':
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `大厅主机 ${where} 的应答不是 HTTPS（TLS）：请核对端口，应为大厅网络页面上访问网址中的端口`;
    default:
      return `无法连接大厅主机 ${where}：${error.code ?? error.message}`;
  }
}

/** 检查连接: what was typed, validated; then the certificate served there, compared with it. */
export async function checkHallCertificate(
  input: unknown,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<HallCertificateCheck> {
  const checked = checkClientModeInput(input);
  if (!checked.ok) return { outcome: 'invalid', field: checked.field, message: checked.message };
  const { hallUrl, fingerprint } = checked.values;
  const probe = await probeHallCertificate(hallUrl, timeoutMs);
  if (!probe.ok) return { outcome: 'unreachable', message: probe.message };
  if (probe.fingerprint === fingerprint) return { outcome: 'match', fingerprint };
  return {
    outcome: 'mismatch',
    served: probe.fingerprint,
    expected: fingerprint,
    message:
      `大厅主机出示的证书指纹与填写的不一致，不能连接。出示的是 ${probe.fingerprint}。` +
      '请与大厅主机的大厅网络页面核对；大厅证书重新生成过时以页面上的新指纹为准，否则可能有人冒充大厅主机，请联系系统管理员',
  };
}

/**
 * Saves client-mode.json: validated, written to a temporary file readable by this account only
 * (it decides whose pages this PC shows) and renamed over the old one, so a crash never leaves
 * half a file that would stop the app at its next start.
 */
export async function saveClientMode(
  userDataDir: string,
  input: unknown,
): Promise<
  { ok: true; values: ClientModeValues } | { ok: false; field: 'hallUrl' | 'fingerprint' | null; message: string }
> {
  const checked = checkClientModeInput(input);
  if (!checked.ok) return checked;
  await mkdir(userDataDir, { recursive: true });
  const target = path.join(userDataDir, CLIENT_MODE_FILE);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(checked.values, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return checked;
}

/** Back to the app's own database: the setting goes; nothing else in the user-data folder is touched. */
export async function removeClientMode(userDataDir: string): Promise<void> {
  await rm(path.join(userDataDir, CLIENT_MODE_FILE), { force: true });
}

export interface HallClientHandlerOptions {
  userDataDir: string;
  /**
   * Whether this PC is still at its first run (no user yet): only then may the page switch it to
   * client mode — afterwards its own data would silently stop being shown.
   */
  isFirstRun(sender: IpcSender): Promise<boolean>;
  /** Restarts the app (main.ts: the database closed, then app.relaunch() and app.exit(0)). */
  restart(): void;
  log: Log;
}

/** The IPC channel's handler: `(operation, argument)` → an answer, never a rejection but for an untrusted page. */
export function createHallClientHandler(options: HallClientHandlerOptions) {
  return async (sender: IpcSender, operation: unknown, argument: unknown): Promise<unknown> => {
    if (!isTrustedIpcSender(sender)) {
      options.log(`拒绝来自不受信任页面的大厅连接请求：${String(sender.frameUrl)}`);
      throw new Error('不受信任的页面');
    }
    if (!HALL_CLIENT_OPERATIONS.includes(operation as HallClientOperation)) throw new Error('未知的大厅连接操作');
    if (operation === 'check') return checkHallCertificate(argument);
    return connect(sender, argument);
  };

  async function connect(sender: IpcSender, argument: unknown): Promise<HallClientConnectAnswer> {
    if (!(await options.isFirstRun(sender))) {
      return { outcome: 'failed', message: '本机已有用户和数据，不能再改为连接大厅主机（只有首次使用时可以）' };
    }
    let saved: Awaited<ReturnType<typeof saveClientMode>>;
    try {
      saved = await saveClientMode(options.userDataDir, argument);
    } catch (error) {
      options.log('保存大厅连接设置失败', error);
      return { outcome: 'failed', message: `保存大厅连接设置失败：${(error as Error).message}` };
    }
    if (!saved.ok) return { outcome: 'invalid', field: saved.field, message: saved.message };
    options.log(
      `改为客户端模式：连接大厅主机 ${saved.values.hallUrl}（证书指纹 ${saved.values.fingerprint}），即将重新启动`,
    );
    // After the answer is on its way: the page shows 正在重新启动 rather than a broken call.
    setImmediate(() => options.restart());
    return { outcome: 'restarting' };
  }
}
