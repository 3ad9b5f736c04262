import { API_PATH_PREFIX, DESKTOP_BRIDGE_KEY, UPLOADS_PATH, type DesktopBridge } from '../../shared/api/bridge';
import { isApiError, type ApiError, type ApiErrorCode, type ApiResult } from '../../shared/api/errors';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/api/procedures';
import type { UploadReceipt } from '../../shared/api/uploads';
import type { DesktopPrinting } from '../../shared/documents/printing';

/** `NETWORK` never comes from the backend: the call did not reach it or its answer was unreadable. */
export type CallErrorCode = ApiErrorCode | 'NETWORK';

export class ApiCallError extends Error {
  readonly code: CallErrorCode;
  readonly fieldErrors: Record<string, string>;
  readonly details: Record<string, unknown>;
  readonly procedure: string;

  constructor(
    procedure: string,
    error: {
      code: CallErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      details?: Record<string, unknown>;
    },
  ) {
    super(error.message);
    this.name = 'ApiCallError';
    this.procedure = procedure;
    this.code = error.code;
    this.fieldErrors = error.fieldErrors ?? {};
    this.details = error.details ?? {};
  }
}

export function isApiCallError(value: unknown): value is ApiCallError {
  return value instanceof ApiCallError;
}

/** A Chinese sentence for anything a call may throw, for places that only show a message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return '操作没有完成，出现了意外的错误，请重试；如果反复出现，请联系系统管理员。';
}

// A browser cannot tell why nothing answers; the likely reasons, the hall's own first (a window
// on the hall LAN loses its host when the administrator turns 大厅网络 off).
const NETWORK_MESSAGE = '无法连接到大厅主机：大厅网络可能已关闭，或主机没有运行、网络不通。请联系系统管理员';

/**
 * Procedures where `UNAUTHENTICATED` answers what the user just typed (a wrong password at
 * login) rather than meaning the session is gone; their screens show the message themselves.
 */
const TYPED_CREDENTIAL_PROCEDURES: ReadonlySet<string> = new Set(['auth.login', 'system.setupAdministrator']);

type SessionLostListener = (error: ApiCallError) => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** The app shell listens here and returns to the login screen when the session has ended. */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

type ScreenLockedListener = () => void;
const screenLockedListeners = new Set<ScreenLockedListener>();

/** The shell listens here: the server says this session's screen is locked (another tab, or idle). */
export function onScreenLocked(listener: ScreenLockedListener): () => void {
  screenLockedListeners.add(listener);
  return () => screenLockedListeners.delete(listener);
}

const screenUnlockedListeners = new Set<ScreenLockedListener>();

/** Reads refused while the screen was locked listen here, to load again once it is unlocked. */
export function onScreenUnlocked(listener: ScreenLockedListener): () => void {
  screenUnlockedListeners.add(listener);
  return () => screenUnlockedListeners.delete(listener);
}

export async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await transport(name, input);
  if (result.ok) {
    if (name === 'auth.unlock') for (const listener of screenUnlockedListeners) listener();
    return result.result as OutputOf<N>;
  }
  return raise(name, result.error);
}

/** Throws the failure of `name` as an ApiCallError, after telling the shell of a lost session or a locked screen. */
function raise(name: string, failure: Extract<Envelope, { ok: false }>['error']): never {
  const error = new ApiCallError(name, failure);
  if (error.code === 'UNAUTHENTICATED' && !TYPED_CREDENTIAL_PROCEDURES.has(name)) {
    for (const listener of sessionLostListeners) listener(error);
  }
  if (error.code === 'SCREEN_LOCKED') {
    for (const listener of screenLockedListeners) listener();
  }
  throw error;
}

/** How far an upload has gone, 0 to 1; only the hall host's transport reports it (the desktop hands a file over at once). */
export type UploadProgress = (fraction: number) => void;

/** What an upload's failure is called, as `ApiCallError.procedure`. */
export const UPLOAD_NAME = 'uploads.put';

/**
 * Sends a file's bytes ahead of the procedure that takes it (shared/api/uploads.ts) and returns
 * its `uploadId`. On the hall host, `PUT /uploads` through XMLHttpRequest, whose upload events
 * give `onProgress`; in the desktop app, the bridge's upload channel. Fails as `call` does.
 */
export async function uploadFile(file: Blob, onProgress?: UploadProgress): Promise<UploadReceipt> {
  const bridge = desktopBridge();
  let result: Envelope;
  if (bridge) {
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      return raise(UPLOAD_NAME, { code: 'NETWORK', message: '读取所选文件失败：文件可能已被移动或删除，请重新选择' });
    }
    result = await viaBridgeUpload(bridge, bytes);
  } else {
    result = await viaHttpUpload(file, onProgress);
  }
  if (result.ok) return result.result as UploadReceipt;
  return raise(UPLOAD_NAME, result.error);
}

async function viaBridgeUpload(bridge: DesktopBridge, bytes: ArrayBuffer): Promise<Envelope> {
  try {
    return readEnvelope(await bridge.upload(bytes), null);
  } catch {
    return networkFailure('与后台服务的连接中断，请关闭程序后重新打开');
  }
}

function viaHttpUpload(file: Blob, onProgress?: UploadProgress): Promise<Envelope> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('PUT', UPLOADS_PATH);
    request.responseType = 'text';
    if (onProgress) {
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
    }
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        return resolve(networkFailure(`${NETWORK_MESSAGE}（服务应答无法识别，HTTP ${request.status}）`));
      }
      resolve(readEnvelope(body, request.status));
    };
    // A refusal that closes the connection before the whole file is sent (413 past the limit)
    // can reach the page as an error without its answer.
    request.onerror = () => resolve(networkFailure(`${NETWORK_MESSAGE}（文件没有上传完）`));
    request.onabort = () => resolve(networkFailure('上传已取消'));
    request.send(file);
  });
}

function desktopBridge(): DesktopBridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY];
  if (typeof candidate === 'object' && candidate !== null && typeof (candidate as DesktopBridge).call === 'function') {
    return candidate as DesktopBridge;
  }
  return undefined;
}

/** This machine's printers, when running in the desktop app; null in a browser. */
export function desktopPrinting(): DesktopPrinting | null {
  const printing = desktopBridge()?.printing;
  return typeof printing === 'object' && printing !== null ? printing : null;
}

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiError | { code: 'NETWORK'; message: string } };

async function transport(name: string, input: unknown): Promise<Envelope> {
  const bridge = desktopBridge();
  return bridge ? viaBridge(bridge, name, input) : viaHttp(name, input);
}

async function viaBridge(bridge: DesktopBridge, name: string, input: unknown): Promise<Envelope> {
  try {
    return readEnvelope(await bridge.call(name, input), null);
  } catch {
    return networkFailure('与后台服务的连接中断，请关闭程序后重新打开');
  }
}

async function viaHttp(name: string, input: unknown): Promise<Envelope> {
  let response: Response;
  try {
    response = await fetch(API_PATH_PREFIX + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
  } catch {
    return networkFailure(NETWORK_MESSAGE);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return networkFailure(`${NETWORK_MESSAGE}（服务应答无法识别，HTTP ${response.status}）`);
  }
  return readEnvelope(body, response.status);
}

/** Accepts only a well-formed envelope, so a proxy's error page never reaches a screen as data. */
function readEnvelope(body: unknown, httpStatus: number | null): Envelope {
  const value = body as Partial<ApiResult<unknown>> | null;
  if (value && value.ok === true && 'result' in value) return { ok: true, result: value.result };
  if (value && value.ok === false && isApiError(value.error)) return { ok: false, error: value.error };
  const status = httpStatus === null ? '' : `，HTTP ${httpStatus}`;
  return networkFailure(`${NETWORK_MESSAGE}（服务应答无法识别${status}）`);
}

function networkFailure(message: string): Envelope {
  return { ok: false, error: { code: 'NETWORK', message } };
}
