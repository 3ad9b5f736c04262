// 大厅网络 (hall LAN access) on the typed API: the administrator opens the host's UI and API to the
// other windows of the hall over HTTPS on a chosen address and port, sees the address, the
// certificate's fingerprint (what a browser or a desktop app in client mode checks), and every
// window connected at the moment. The listener itself belongs to the host (the desktop app or the
// hall host); the backend reaches it through the controller the host gives it.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { ROLES, type Role } from '../auth/roles';

export const HALL_NETWORK_ADMINS: readonly Role[] = ['administrator'];

/** The port offered first: beside the hall host's own 4780, free on a desktop PC. */
export const DEFAULT_HALL_NETWORK_PORT = 4781;

/**
 * What a window connected through 大厅网络 is told on its next call once the administrator has
 * turned it off (its session is ended with these words, see electron/backend/auth/sessions.ts).
 */
export const HALL_NETWORK_CLOSED_MESSAGE =
  '大厅网络已关闭：系统管理员已停止其他窗口经局域网访问，本窗口的登录已结束。请待大厅网络重新开放后重新登录，或联系系统管理员';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const hallNetworkAddress = z
  .string({ message: '监听地址：请选择或填写本机的一个 IPv4 地址' })
  .trim()
  .regex(IPV4, { message: '监听地址：应为本机的一个 IPv4 地址，如 192.168.1.10（0.0.0.0 表示本机所有网卡）' })
  .describe('监听地址');

export const hallNetworkPort = z
  .number({ message: '端口：请填写 1024–65535 之间的整数' })
  .int({ message: '端口：应为整数' })
  .min(1024, { message: '端口：不能小于 1024（更小的端口须管理员权限）' })
  .max(65535, { message: '端口：不能大于 65535' })
  .describe('端口');

export const hallNetworkChoice = z.strictObject({ address: hallNetworkAddress, port: hallNetworkPort });
export type HallNetworkChoice = z.infer<typeof hallNetworkChoice>;

export const hallNetworkCertificate = z.object({
  /** SHA-256 of the certificate, `AB:CD:…` (what a browser shows and client mode pins). */
  fingerprint: z.string(),
  /** base64 SHA-256 of the public key (SPKI): what Chromium's `--ignore-certificate-errors-spki-list` takes. */
  spkiPin: z.string(),
  /** The certificate itself (PEM), to import as trusted on a window's PC. */
  pem: z.string(),
  createdAt: z.string(),
  validUntil: z.string(),
  /** The IP addresses and names it is valid for. */
  names: z.array(z.string()),
});
export type HallNetworkCertificate = z.infer<typeof hallNetworkCertificate>;

export const hallNetworkStatus = z.object({
  /** False where the host cannot open a listener (a backend opened on its own): `unavailableReason` says why. */
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** The administrator's setting (kept on this machine and applied again at every start). */
  enabled: z.boolean(),
  /** Listening now: false while enabled when the address or port could not be opened (`problem`). */
  listening: z.boolean(),
  address: z.string(),
  port: z.number(),
  /** Where the other windows open the hall (one per address of the machine when listening on 0.0.0.0). */
  urls: z.array(z.string()),
  /** Made on first use and kept in the data folder; null before LAN access was ever turned on. */
  certificate: hallNetworkCertificate.nullable(),
  /** This machine's IPv4 addresses, for the address picker. */
  machineAddresses: z.array(z.object({ address: z.string(), interfaceName: z.string() })),
  /** Why the listener is not up while enabled, or advice (an address the certificate does not name), in Chinese. */
  problem: z.string().nullable(),
});
export type HallNetworkStatus = z.infer<typeof hallNetworkStatus>;

/** How a window reaches the host. */
export const HALL_WINDOW_CHANNELS = ['desktop', 'local', 'lan'] as const;
export const HALL_WINDOW_CHANNEL_LABELS: Record<(typeof HALL_WINDOW_CHANNELS)[number], string> = {
  desktop: '本机（桌面程序）',
  local: '本机（浏览器）',
  lan: '大厅网络',
};

export const hallWindow = z.object({
  /** A short, stable label of the session (never its token), for the list's key. */
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  channel: z.enum(HALL_WINDOW_CHANNELS),
  /** 本机, or the LAN client's IP address. */
  from: z.string(),
  /** The 大厅网络 listener it came in through (`192.168.1.10:4781`); null: the host's own listener or IPC. */
  via: z.string().nullable(),
  since: z.string(),
  /** The last call, to the minute (sessions note it at most once a minute). */
  lastCallAt: z.string(),
  locked: z.boolean(),
  /** The administrator's own window. */
  current: z.boolean(),
});
export type HallWindow = z.infer<typeof hallWindow>;

export const hallNetworkProcedures = defineProcedures({
  'hallNetwork.status': {
    summary: '大厅网络：是否开放局域网访问、监听地址与端口、访问网址、证书指纹、本机的 IPv4 地址',
    kind: 'query',
    access: HALL_NETWORK_ADMINS,
    input: z.strictObject({}),
    output: hallNetworkStatus,
  },
  'hallNetwork.enable': {
    summary:
      '开放大厅网络：在所选地址和端口上以 HTTPS 接受其他窗口（首次开放时生成自签名证书，保存在数据目录）；设置保存在本机，启动时自动恢复',
    kind: 'command',
    access: HALL_NETWORK_ADMINS,
    input: hallNetworkChoice,
    output: hallNetworkStatus,
  },
  'hallNetwork.disable': {
    summary: '关闭大厅网络：停止局域网监听，经大厅网络登录的窗口全部退出（下一次操作即提示大厅网络已关闭）',
    kind: 'command',
    access: HALL_NETWORK_ADMINS,
    input: z.strictObject({}),
    output: hallNetworkStatus,
  },
  'hallNetwork.windows': {
    summary: '已连接的窗口：每个有效登录的用户、角色、接入方式、来自哪里、登录时间和最近操作时间',
    kind: 'query',
    access: HALL_NETWORK_ADMINS,
    input: z.strictObject({}),
    output: z.object({ windows: z.array(hallWindow) }),
  },
});
