// The object the preload exposes to the page as `window[DESKTOP_BRIDGE_KEY]`. Plain logic (the
// IPC call is passed in), so it is tested in plain Node: test/electron-shell/desktopBridge.test.ts.
// Bundled into the sandboxed preload, so it may import only types and pure code.
import type { DesktopBridge } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';

/** `domain.procedureName`, e.g. `residents.search`, `auth.changePassword`. */
export const PROCEDURE_NAME_PATTERN = /^[a-z]+\.[A-Za-z]+$/;
export const MAX_PROCEDURE_NAME_LENGTH = 64;

export function isProcedureNameShape(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PROCEDURE_NAME_LENGTH && PROCEDURE_NAME_PATTERN.test(value);
}

export type InvokeApi = (procedure: string, input: unknown) => Promise<unknown>;

const BAD_PROCEDURE: ApiResult<never> = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: '请求的操作名称无效。' },
};

const IPC_FAILED: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '无法与本机后台通信，请重新启动程序后再试。' },
};

/**
 * `call(procedure, input)` and nothing else. A malformed procedure name never reaches the main
 * process; a failed IPC round trip (e.g. an input that cannot be cloned) becomes an `ApiResult`
 * like every other failure, so the UI has one error path.
 */
export function createDesktopBridge(invoke: InvokeApi): DesktopBridge {
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
  };
  return Object.freeze(bridge);
}
