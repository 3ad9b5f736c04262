// The hub's one listening socket, HTTPS: the townships' sync protocol (/sync/v1/*) first, then
// the public 核验 service (/public/v1/verify-document), the county admin API (/county/api/*),
// then the county page's static files (its public 核验 page at /verify among them).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { certificateFingerprint } from './certificate';
import { handleCountyRequest, type CountyApiContext } from './countyRoutes';
import { sendError } from './countyHttp';
import type { Hub } from './hub';
import { hostForUrl } from './options';
import { SECURITY_HEADERS } from '../electron/hall/securityHeaders';
import { readStaticFile } from '../electron/hall/staticFiles';
import { handleSyncRequest } from './syncRoutes';
import { handleVerifyRequest } from './verifyRoutes';
import { HUB_VERIFY_PAGE } from '../shared/documents/hubVerification';

export interface HubServerOptions {
  hub: Hub;
  host: string;
  port: number;
  /** Served over HTTPS with this certificate; null: plain HTTP (tests behind a fault proxy only). */
  tls: { certificatePem: string; keyPem: string } | null;
  /**
   * The certificate written into enrollment files when `tls` is null (a test hub behind a
   * proxy that terminates TLS, or none at all). Ignored when `tls` is given.
   */
  enrollmentCertificatePem?: string | null;
  /** The address written into enrollment files; default: the URL this server listens on. */
  publicUrl?: string | null;
  countyToken: string;
  /** The built county page (dist/hub-ui); null: only the APIs are served. */
  uiDir: string | null;
  /** The county's name and the fonts of its period reports (countyReports/). */
  reports?: CountyApiContext['reports'];
  log?: (line: string) => void;
}

export interface RunningHubServer {
  /** Where this server listens, e.g. https://127.0.0.1:4790 (no trailing slash). */
  url: string;
  /** The address in enrollment files. */
  publicUrl: string;
  close(): Promise<void>;
}

export async function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const log = options.log ?? (() => {});
  const certificatePem = options.tls?.certificatePem ?? options.enrollmentCertificatePem ?? null;
  const county: CountyApiContext = {
    hub: options.hub,
    countyToken: options.countyToken,
    publicUrl: options.publicUrl ?? '', // set below once the port is known
    certificate: certificatePem ? { pem: certificatePem, fingerprint: certificateFingerprint(certificatePem) } : null,
    reports: options.reports ?? {},
    log,
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(options, county, req, res).catch((error: unknown) => {
      log(`HTTP 出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendError(res, 500, '县级平台内部错误');
      else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.certificatePem, key: options.tls.keyPem }, handler)
    : http.createServer(handler);
  // Townships on slow links send 8 MiB batches: give a request time, but not forever.
  server.requestTimeout = 10 * 60_000;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`端口 ${options.port} 已被占用，请用 --port 换一个端口`, { cause: error });
    }
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  // Refusals counted but not logged one by one are summed up once their window is over, also
  // when the address that sent them has gone quiet.
  // The same minute also sends the 督办 of 交办 whose deadline has passed without a reply
  // (instructionFollowUp.ts) — and once now, for the deadlines that passed while the hub was down.
  const followUp = () =>
    options.hub.superviseOverdue().catch((error: unknown) => log(`自动督办失败：${String(error)}`));
  await followUp();
  const summaries = setInterval(() => {
    options.hub.flushRejectionSummaries().catch((error: unknown) => log(`写入拒收汇总失败：${String(error)}`));
    void followUp();
  }, 60_000);
  summaries.unref();
  const url = `${options.tls ? 'https' : 'http'}://${hostForUrl(reachableHost(options.host))}:${port}`;
  county.publicUrl = options.publicUrl ?? url;

  return {
    url,
    publicUrl: county.publicUrl,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(summaries);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An address others can use for one the server listens on: listening on every interface
 * (0.0.0.0, ::) is not an address to hand out; the machine's first LAN address is.
 */
export function reachableHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::' && host !== '[::]') return host;
  for (const addresses of Object.values(networkInterfaces())) {
    const lan = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (lan) return lan.address;
  }
  return '127.0.0.1';
}

async function handle(
  options: HubServerOptions,
  county: CountyApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (await handleSyncRequest(options.hub, req, res, { countyToken: options.countyToken })) return;
  if (await handleVerifyRequest(options.hub, req, res)) return;
  if (await handleCountyRequest(county, req, res)) return;

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(res, 405, '不支持的请求方法');
  }
  const requested = new URL(req.url ?? '/', 'https://hub.invalid');
  const pathname = requested.pathname;
  // The public 核验 page's address as an administrator might type it (`/verify/`): its assets are
  // relative, so it must be served as `/verify`, the query (the paper's token) kept.
  if (/^\/+verify\/+$/.test(pathname) || /^\/{2,}verify$/.test(pathname)) {
    res.writeHead(301, { Location: `${HUB_VERIFY_PAGE}${requested.search}` });
    return void res.end();
  }
  const file = options.uiDir ? await readStaticFile(options.uiDir, pathname) : null;
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end(options.uiDir ? '未找到' : '未找到县级平台页面文件（dist/hub-ui），请先运行 npm run build');
  }
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
