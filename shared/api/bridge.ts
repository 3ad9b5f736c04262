import type { ApiResult } from './errors';

/**
 * What the Electron preload exposes to the page, and nothing else: one call carrying a
 * procedure name and its input. The session lives in the main process, never in the page.
 */
export interface DesktopBridge {
  call(procedure: string, input: unknown): Promise<ApiResult<unknown>>;
}

export const DESKTOP_BRIDGE_KEY = 'townshipDesk';
export const IPC_API_CHANNEL = 'township-desk:api';

/** HTTP transport: `POST {API_PATH_PREFIX}<procedure>` with a JSON body; the answer is an `ApiResult`. */
export const API_PATH_PREFIX = '/api/';
export const SESSION_COOKIE = 'td_session';
