// The object the preload exposes to the page as `window[DESKTOP_BRIDGE_KEY]`. Plain logic (the
// IPC call is passed in), so it is tested in plain Node: test/electron-shell/desktopBridge.test.ts.
// Bundled into the sandboxed preload, so it may import only types and pure code.
import type { DesktopBridge } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';
import type { UploadReceipt } from '../../shared/api/uploads';
import type { DesktopPrinting, PrintOutcome } from '../../shared/documents/printing';
import type {
  DesktopHallClient,
  HallCertificateCheck,
  HallClientConnectAnswer,
  HallClientOperation,
} from '../../shared/hallNetwork/clientBridge';
import type { DesktopUpdates } from '../../shared/updates/bridge';

/** `domain.procedureName`, e.g. `residents.search`, `auth.changePassword`. */
export const PROCEDURE_NAME_PATTERN = /^[a-z]+\.[A-Za-z]+$/;
export const MAX_PROCEDURE_NAME_LENGTH = 64;

export function isProcedureNameShape(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PROCEDURE_NAME_LENGTH && PROCEDURE_NAME_PATTERN.test(value);
}

export type InvokeApi = (procedure: string, input: unknown) => Promise<unknown>;
/** `ipcRenderer.invoke(IPC_PRINTING_CHANNEL, operation, argument)`. */
export type InvokePrinting = (operation: keyof DesktopPrinting, argument: unknown) => Promise<unknown>;
/** `ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, bytes)`. */
export type InvokeUpload = (bytes: ArrayBuffer) => Promise<unknown>;
/** `ipcRenderer.invoke(IPC_HALL_CLIENT_CHANNEL, operation, argument)`. */
export type InvokeHallClient = (operation: HallClientOperation, argument: unknown) => Promise<unknown>;

const BAD_PROCEDURE: ApiResult<never> = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: '请求的操作名称无效。' },
};

const IPC_FAILED_MESSAGE = '无法与本机后台通信，请重新启动程序后再试。';

const IPC_FAILED: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: IPC_FAILED_MESSAGE },
};

const PRINT_IPC_FAILED: PrintOutcome = { ok: false, reason: 'failed', message: IPC_FAILED_MESSAGE };

/**
 * Electron hands a rejection from the main process over as `Error invoking remote method
 * '<channel>': Error: <message>`; the main process rejects only with Chinese sentences for the
 * clerk, so such a sentence is kept. Anything else (an argument that cannot be cloned, an
 * unexpected English error) gets the general one.
 */
const REMOTE_ERROR = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?([\s\S]+)$/;

const CHINESE = /[\u4e00-\u9fff]/;

export function printingIpcError(error: unknown): Error {
  const remote = REMOTE_ERROR.exec(error instanceof Error ? error.message : '')?.[1];
  return new Error(remote !== undefined && CHINESE.test(remote) ? remote : IPC_FAILED_MESSAGE);
}

/** The bridge's `printing`: four calls through one channel; the main process validates everything. */
export function createDesktopPrinting(invoke: InvokePrinting): DesktopPrinting {
  const forward = <T>(operation: keyof DesktopPrinting, argument: unknown): Promise<T> =>
    Promise.resolve()
      .then(() => invoke(operation, argument))
      .then(
        (result) => result as T,
        (error: unknown) => Promise.reject(printingIpcError(error)),
      );
  const printing: DesktopPrinting = {
    listPrinters: () => forward('listPrinters', undefined),
    getSettings: () => forward('getSettings', undefined),
    setSettings: (settings) => forward('setSettings', settings),
    // A print never rejects: the UI shows the outcome's message either way.
    print: (request) => forward<PrintOutcome>('print', request).catch(() => PRINT_IPC_FAILED),
  };
  return Object.freeze(printing);
}

/**
 * The bridge's `hallClient` (连接到大厅主机): two calls through one channel; the main process
 * validates everything and answers every refusal as an outcome, so a rejection means the round
 * trip failed.
 */
export function createDesktopHallClient(invoke: InvokeHallClient): DesktopHallClient {
  const forward = <T>(operation: HallClientOperation, argument: unknown, failed: T): Promise<T> =>
    Promise.resolve()
      .then(() => invoke(operation, argument))
      .then(
        (result) => result as T,
        () => failed,
      );
  const hallClient: DesktopHallClient = {
    check: (input) =>
      forward<HallCertificateCheck>('check', input, { outcome: 'unreachable', message: IPC_FAILED_MESSAGE }),
    connect: (input) =>
      forward<HallClientConnectAnswer>('connect', input, { outcome: 'failed', message: IPC_FAILED_MESSAGE }),
  };
  return Object.freeze(hallClient);
}

const NOT_BYTES: ApiResult<never> = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: '上传的内容不是文件。' },
};

/**
 * `call(procedure, input)`, `printing`, `upload(bytes)`, `updates` and `hallClient`, nothing else. A malformed procedure
 * name or an upload that is not bytes never reaches the main process; a failed IPC round trip
 * (e.g. an input that cannot be cloned) becomes an `ApiResult` like every other failure, so the
 * UI has one error path.
 */
export function createDesktopBridge(
  invoke: InvokeApi,
  invokePrinting: InvokePrinting,
  invokeUpload: InvokeUpload,
  /** The program's updates (desktopUpdates.ts); the preload always passes them. */
  updates?: DesktopUpdates,
  /** 连接到大厅主机 (createDesktopHallClient); the preload always passes it. */
  hallClient?: DesktopHallClient,
): DesktopBridge {
  const bridge: DesktopBridge = {
    call(procedure, input) {
      if (!isProcedureNameShape(procedure)) return Promise.resolve(BAD_PROCEDURE);
      return Promise.resolve()
        .then(() => invoke(procedure, input))
        .then(
          (result) => result as ApiResult<unknown>,
          () => IPC_FAILED,
        );
    },
    printing: createDesktopPrinting(invokePrinting),
    upload(bytes) {
      // Compared by tag, not `instanceof`: the page's ArrayBuffer comes from another realm.
      if (Object.prototype.toString.call(bytes) !== '[object ArrayBuffer]') return Promise.resolve(NOT_BYTES);
      return Promise.resolve()
        .then(() => invokeUpload(bytes))
        .then(
          (result) => result as ApiResult<UploadReceipt>,
          () => IPC_FAILED,
        );
    },
    ...(updates ? { updates } : {}),
    ...(hallClient ? { hallClient } : {}),
  };
  return Object.freeze(bridge);
}
