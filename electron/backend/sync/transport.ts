// The wire to the county hub: HTTPS with the hub's certificate pinned from the enrollment file.
// The certificate is usually self-signed, so it is given as the only CA, and instead of checking
// the host name (the hub may be reached by an address the certificate does not list) the
// connection is accepted only when the certificate's SHA-256 fingerprint is the enrolled one:
// the pin is the identity. Whether there is a link at all is found out by trying, never by
// asking the OS (a township PC often reports "connected" behind a dead uplink).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { PeerCertificate } from 'node:tls';
import { isLoopback } from '../api/loopback';

/** No byte in either direction for this long: the request is given up (a dead link hangs otherwise). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** Largest answer read into memory: a downward envelope is at most 16 MiB. */
const MAX_RESPONSE_BYTES = 17 * 1024 * 1024;

export interface HubLink {
  hubUrl: string;
  certificatePem: string;
  certificateFingerprint: string;
}

export type LinkFailure = 'timeout' | 'refused' | 'reset' | 'dns' | 'unreachable' | 'certificate' | 'server' | 'other';

/** The request did not get a usable answer: no link, a dead link, a wrong server, a server error. */
export class LinkError extends Error {
  constructor(
    readonly failure: LinkFailure,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LinkError';
  }

  /** Worth trying again after a pause; a wrong certificate is not (it is someone else's server). */
  get transient(): boolean {
    return this.failure !== 'certificate';
  }
}

export interface HubResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export interface RequestOptions {
  body?: Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HubClient {
  request(method: string, path: string, options?: RequestOptions): Promise<HubResponse>;
  close(): void;
}

const CERTIFICATE_MISMATCH = 'CERT_FINGERPRINT_MISMATCH';

/** Whether an enrolled address may be used: https, or plain http to this machine only. */
export function checkHubUrl(hubUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    return '平台地址不是有效的网址';
  }
  if (url.protocol === 'https:') return null;
  // Plain HTTP exists for tests that put a fault-injecting proxy on this machine between the
  // node and the hub; on any other host the records would cross the network in clear.
  if (url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, ''))) return null;
  return '平台地址必须以 https:// 开头';
}

export function createHubClient(link: HubLink, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): HubClient {
  const problem = checkHubUrl(link.hubUrl);
  if (problem) throw new LinkError('other', problem);
  const base = new URL(link.hubUrl);
  const secure = base.protocol === 'https:';
  const tlsOptions = {
    ca: [link.certificatePem],
    checkServerIdentity: (_host: string, cert: PeerCertificate) => {
      if (cert.fingerprint256 === link.certificateFingerprint) return undefined;
      return Object.assign(new Error('县级平台的证书指纹与入网文件不符'), { code: CERTIFICATE_MISMATCH });
    },
  };
  // Keep-alive: on a slow link every new TLS handshake costs round trips that a batch cannot spare.
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 2, ...tlsOptions })
    : new http.Agent({ keepAlive: true, maxSockets: 2 });

  return {
    request(method, path, options = {}) {
      const url = new URL(path, base);
      return new Promise<HubResponse>((resolve, reject) => {
        const headers: Record<string, string> = { ...options.headers };
        if (options.body) headers['Content-Length'] = String(options.body.byteLength);
        const requestOptions = { method, headers, agent, signal: options.signal };
        const req = secure
          ? https.request(url, { ...requestOptions, ...tlsOptions })
          : http.request(url, requestOptions);
        let settled = false;
        const failWith = (error: unknown) => {
          if (settled) return;
          settled = true;
          reject(toLinkError(error));
        };
        req.setTimeout(timeoutMs, () =>
          req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
        );
        req.on('error', failWith);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(new LinkError('server', '县级平台返回的数据超过大小上限'));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', failWith);
          res.on('aborted', () => failWith(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
          res.on('end', () => {
            if (settled) return;
            // A body shorter than its Content-Length means the link dropped mid-answer.
            const declared = Number(res.headers['content-length']);
            if (Number.isFinite(declared) && declared !== size) {
              failWith(Object.assign(new Error('truncated response'), { code: 'ECONNRESET' }));
              return;
            }
            settled = true;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) });
          });
        });
        req.end(
          options.body ? Buffer.from(options.body.buffer, options.body.byteOffset, options.body.byteLength) : undefined,
        );
      });
    },
    close() {
      agent.destroy();
    },
  };
}

const CERTIFICATE_CODES = new Set([
  CERTIFICATE_MISMATCH,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Names the failure in words a township administrator can act on. */
export function toLinkError(error: unknown): LinkError {
  if (error instanceof LinkError) return error;
  const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? '');
  const options = { cause: error };
  if (CERTIFICATE_CODES.has(code)) {
    return new LinkError(
      'certificate',
      code === 'CERT_HAS_EXPIRED'
        ? '县级平台的证书已过期'
        : '县级平台的证书与入网文件中的不符（可能连到了冒充的服务器），已拒绝连接',
      undefined,
      options,
    );
  }
  switch (code) {
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new LinkError('timeout', '连接超时', undefined, options);
    case 'ECONNREFUSED':
      return new LinkError('refused', '连接被拒绝，县级平台可能未运行', undefined, options);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new LinkError('reset', '连接中断', undefined, options);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new LinkError('dns', '找不到县级平台的地址（域名解析失败）', undefined, options);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return new LinkError('unreachable', '网络不通', undefined, options);
    case 'ABORT_ERR':
      return new LinkError('other', '同步已停止', undefined, options);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      if (/socket hang up/i.test(message)) return new LinkError('reset', '连接中断', undefined, options);
      return new LinkError('other', `网络错误（${code || message}）`, undefined, options);
    }
  }
}
