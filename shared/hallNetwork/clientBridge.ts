// How the desktop app's first-run page makes this PC a window of a hall host (连接到大厅主机):
// the page asks the main process to check the hall's certificate and to switch to client mode
// (electron/main/clientModeSwitch.ts). The desktop app only; in a browser the bridge is absent.
// Pure (no Node, no DOM, no zod: the sandboxed preload bundles it); the setting's schema is in
// clientMode.ts.

/** `ipcRenderer.invoke(IPC_HALL_CLIENT_CHANNEL, operation, argument)`; operation one of `HallClientOperation`. */
export const IPC_HALL_CLIENT_CHANNEL = 'township-desk:hall-client';

export const HALL_CLIENT_OPERATIONS = ['check', 'connect'] as const;
export type HallClientOperation = (typeof HALL_CLIENT_OPERATIONS)[number];

/** What the clerk typed: the hall's address and the fingerprint read off its 大厅网络 page. */
export interface HallClientInput {
  hallUrl: string;
  fingerprint: string;
}

/** A refusal of what was typed, for the field it names (Chinese message). */
export interface HallClientFieldProblem {
  outcome: 'invalid';
  field: 'hallUrl' | 'fingerprint' | null;
  message: string;
}

/** 检查连接: the certificate the hall serves, compared with the fingerprint typed. */
export type HallCertificateCheck =
  | { outcome: 'match'; fingerprint: string }
  /** Another certificate is served there: `served` is its fingerprint (`AB:CD:…`). */
  | { outcome: 'mismatch'; served: string; expected: string; message: string }
  /** No TLS connection could be made (refused, no answer, not HTTPS …). */
  | { outcome: 'unreachable'; message: string }
  | HallClientFieldProblem;

/** 连接: saved, the app restarts in client mode; or refused, nothing saved. */
export type HallClientConnectAnswer =
  { outcome: 'restarting' } | HallClientFieldProblem | { outcome: 'failed'; message: string };

/** What the desktop bridge offers the first-run page (the desktop app only). */
export interface DesktopHallClient {
  check(input: HallClientInput): Promise<HallCertificateCheck>;
  connect(input: HallClientInput): Promise<HallClientConnectAnswer>;
}
