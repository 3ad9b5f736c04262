// The county page's only way to the hub: fetch with the county access token. The token rides
// in the Authorization header (never a cookie), so another web site cannot make the browser
// act on the hub, and it lives in sessionStorage: closing the tab signs out.
import { COUNTY_API_PREFIX } from '../../shared/sync/countyApi';

const TOKEN_KEY = 'county-token';

export class CountyApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CountyApiError';
  }
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage switched off: the token then lasts only as long as the page.
  }
}

export interface CountyClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  postBytes<T>(path: string, bytes: ArrayBuffer): Promise<T>;
  download(path: string): Promise<{ blob: Blob; fileName: string | null }>;
}

/** `onUnauthorized`: the token was refused (changed on the server): back to the sign-in box. */
export function createCountyClient(token: string, onUnauthorized: () => void): CountyClient {
  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(COUNTY_API_PREFIX + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
    } catch {
      throw new CountyApiError(0, '无法连接到县级平台，请检查网络或平台服务是否在运行');
    }
    if (response.ok) return response;
    const message = await errorText(response);
    if (response.status === 401) onUnauthorized();
    throw new CountyApiError(response.status, message);
  }

  async function json<T>(response: Response): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw new CountyApiError(response.status, '县级平台的回答无法读取');
    }
  }

  return {
    get: async (path) => json(await send(path, { method: 'GET' })),
    post: async (path, body) =>
      json(
        await send(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    postBytes: async (path, bytes) =>
      json(await send(path, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes })),
    download: async (path) => {
      const response = await send(path, { method: 'GET' });
      return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
    },
  };
}

/** Checks a token typed at sign-in without keeping it: true when the hub accepts it. */
export async function tokenAccepted(token: string): Promise<boolean> {
  let refused = false;
  await createCountyClient(token, () => (refused = true))
    .get('townships')
    .catch((error: unknown) => {
      if (!refused) throw error;
    });
  return !refused;
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not JSON (a proxy's error page): fall through to the status line.
  }
  return `县级平台回答出错（${response.status}）`;
}

/** RFC 6266 `filename*=UTF-8''…` (the hub always sends it, the names are Chinese). */
function fileNameOf(disposition: string | null): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
