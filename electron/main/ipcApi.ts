// The main-process side of the desktop API: one IPC channel carrying `(procedure, input)`, and one
// carrying a file's bytes to be staged for a procedure (uploads), each answered with an `ApiResult`.
// Plain logic (no 'electron' import), tested in test/electron-shell/ipcApi.test.ts.
import type { ApiResult } from '../../shared/api/errors';
import type { UploadReceipt } from '../../shared/api/uploads';
import type { Backend, SessionCarrier } from '../backend/backend';
import { isProcedureNameShape } from '../preload/desktopBridge';
import { isTrustedIpcSender } from './navigationPolicy';

/** What main.ts reads off an `IpcMainInvokeEvent`. */
export interface IpcSender {
  webContentsId: number;
  /** URL of the sending frame; null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

/**
 * One `SessionCarrier` per window (webContents). The session token lives here, in the main
 * process's memory only: the page never sees it, it survives a reload of the page, and it is
 * gone when the window closes. It carries no `screen`: the hall's screens (kiosk, calling screen,
 * rating pad) are browsers on the hall LAN, never this window, so dispatch refuses their
 * procedures here as from an unpaired screen.
 */
export class SessionCarriers {
  readonly #carriers = new Map<number, SessionCarrier>();

  get(webContentsId: number): SessionCarrier {
    let carrier = this.#carriers.get(webContentsId);
    if (!carrier) {
      const created: SessionCarrier = {
        token: null,
        setToken(token) {
          created.token = token;
        },
        origin: 'ipc',
      };
      carrier = created;
      this.#carriers.set(webContentsId, carrier);
    }
    return carrier;
  }

  has(webContentsId: number): boolean {
    return this.#carriers.has(webContentsId);
  }

  /** Forgets the window's carrier and returns it (to end its session). */
  drop(webContentsId: number): SessionCarrier | undefined {
    const carrier = this.#carriers.get(webContentsId);
    this.#carriers.delete(webContentsId);
    return carrier;
  }

  get size(): number {
    return this.#carriers.size;
  }
}

export type Log = (message: string, error?: unknown) => void;

export interface ApiHandlerOptions {
  /** Resolves once the backend is open (IPC may arrive while it is still opening). */
  backend: () => Promise<Backend>;
  carriers: SessionCarriers;
  log?: Log;
}

const failure = (code: 'FORBIDDEN' | 'BAD_REQUEST' | 'INTERNAL', message: string): ApiResult<never> => ({
  ok: false,
  error: { code, message },
});

/** The body of `ipcMain.handle(IPC_API_CHANNEL, …)`. Never throws: every failure is an `ApiResult`. */
export function createApiHandler(options: ApiHandlerOptions) {
  const log = options.log ?? (() => {});
  return async (sender: IpcSender, procedure: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedIpcSender(sender)) {
      log(`拒绝来自不受信任页面的 IPC 调用：${String(sender.frameUrl)}`);
      return failure('FORBIDDEN', '请求来源不受信任。');
    }
    // The preload checks this too, but the main process trusts no renderer.
    if (!isProcedureNameShape(procedure)) return failure('BAD_REQUEST', '请求的操作名称无效。');
    const carrier = options.carriers.get(sender.webContentsId);
    try {
      const backend = await options.backend();
      return await backend.dispatch(procedure, input, carrier);
    } catch (error) {
      log(`处理 ${procedure} 时出错`, error);
      return failure('INTERNAL', '系统内部错误，请稍后再试；如果反复出现，请联系管理员。');
    }
  };
}

/** The bytes of an upload as the IPC message brings them (an ArrayBuffer; a Buffer or typed array too), or null. */
function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

/** Handed to the staging a MiB at a time, so that it encrypts and writes as it would a request body. */
const UPLOAD_CHUNK_BYTES = 1024 * 1024;

function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_CHUNK_BYTES) {
    yield bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
  }
}

/**
 * The body of `ipcMain.handle(IPC_UPLOAD_CHANNEL, …)`: the desktop's side of `PUT /uploads`.
 * The window's session is checked, then the bytes go through the same staging as the hall
 * host's uploads, bound to that session. Never throws: every failure is an `ApiResult`.
 */
export function createUploadHandler(options: ApiHandlerOptions) {
  const log = options.log ?? (() => {});
  return async (sender: IpcSender, value: unknown): Promise<ApiResult<UploadReceipt>> => {
    if (!isTrustedIpcSender(sender)) {
      log(`拒绝来自不受信任页面的上传：${String(sender.frameUrl)}`);
      return failure('FORBIDDEN', '请求来源不受信任。');
    }
    const bytes = bytesOf(value);
    if (!bytes) return failure('BAD_REQUEST', '上传的内容不是文件。');
    const carrier = options.carriers.get(sender.webContentsId);
    try {
      const backend = await options.backend();
      const opened = await backend.openUpload(carrier);
      if (!opened.ok) return opened;
      return await opened.slot.write(chunksOf(bytes));
    } catch (error) {
      log('保存上传的文件时出错', error);
      return failure('INTERNAL', '系统内部错误，请稍后再试；如果反复出现，请联系管理员。');
    }
  };
}

/**
 * When a window closes: forget its carrier and, if someone was signed in, end that session in
 * the backend (so the audit log shows the sign-out). Never throws.
 */
export async function endWindowSession(
  options: Pick<ApiHandlerOptions, 'backend' | 'carriers' | 'log'>,
  webContentsId: number,
): Promise<void> {
  const carrier = options.carriers.drop(webContentsId);
  if (!carrier?.token) return;
  try {
    const backend = await options.backend();
    await backend.dispatch('auth.logout', {}, carrier);
  } catch (error) {
    options.log?.('窗口关闭时退出登录失败', error);
  } finally {
    carrier.setToken(null);
  }
}
