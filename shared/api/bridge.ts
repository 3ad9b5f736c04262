import type { DesktopPrinting } from '../documents/printing';
import type { DesktopHallClient } from '../hallNetwork/clientBridge';
import type { DesktopUpdates } from '../updates/bridge';
import type { ApiResult } from './errors';
import type { UploadReceipt } from './uploads';

/**
 * What the Electron preload exposes to the page, and nothing else: one call carrying a
 * procedure name and its input (the session lives in the main process, never in the page),
 * and this machine's printers.
 */
export interface DesktopBridge {
  call(procedure: string, input: unknown): Promise<ApiResult<unknown>>;
  printing: DesktopPrinting;
  /** Hands a file's bytes to the backend's staging (shared/api/uploads.ts); answers its `uploadId`. */
  upload(bytes: ArrayBuffer): Promise<ApiResult<UploadReceipt>>;
  /** The program's own updates (shared/updates/bridge.ts); absent in a browser. */
  updates?: DesktopUpdates;
  /** 连接到大厅主机 at first run (shared/hallNetwork/clientBridge.ts); absent in a browser. */
  hallClient?: DesktopHallClient;
}

export const DESKTOP_BRIDGE_KEY = 'townshipDesk';
export const IPC_API_CHANNEL = 'township-desk:api';
/** One channel for printing: `(operation, argument)`, operation one of `DesktopPrinting`'s methods. */
export const IPC_PRINTING_CHANNEL = 'township-desk:printing';
/** One channel for uploads: `(bytes)`, an ArrayBuffer, answered with an `ApiResult<UploadReceipt>`. */
export const IPC_UPLOAD_CHANNEL = 'township-desk:upload';

/** Files the backend hands out for a short while (`GET /files/<ticket>/<name>`): PDFs to view and print. */
export const FILES_PATH_PREFIX = '/files/';

/** HTTP transport: `POST {API_PATH_PREFIX}<procedure>` with a JSON body; the answer is an `ApiResult`. */
export const API_PATH_PREFIX = '/api/';
/** HTTP transport of uploads: `PUT {UPLOADS_PATH}` with the file's raw bytes as the body; the answer is an `ApiResult<UploadReceipt>`. */
export const UPLOADS_PATH = '/uploads';
export const SESSION_COOKIE = 'td_session';
