// What a failed update check or download means, in one Chinese sentence for the log and for the
// administrator's 软件更新 page. electron-updater fails with Node's error codes (our Node https
// client, updateTransport.ts), with Chromium's `net::ERR_…` messages (Electron's net), or with
// its own HttpError (`statusCode`). Plain logic, tested in test/updates/updateProblems.test.ts.

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'ESOCKETTIMEDOUT',
]);
const UNREACHABLE_NET =
  /net::ERR_(CONNECTION_(REFUSED|TIMED_OUT|RESET|CLOSED|FAILED)|NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|NETWORK_CHANGED|TIMED_OUT|PROXY_CONNECTION_FAILED)/;

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_FINGERPRINT_MISMATCH',
]);

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The cause, short, for the end of the sentence: a code, or the first line of the message. */
function detailOf(error: unknown): string {
  const code = codeOf(error);
  const first = messageOf(error).split('\n')[0]!.slice(0, 160);
  return code && !first.includes(code) ? `${code}：${first}` : first;
}

/** One sentence for why the update server could not be used (unreachable, untrusted, no description …). */
export function describeUpdateFailure(error: unknown, serverUrl: string | null): string {
  const server = serverUrl ? `更新服务器 ${serverUrl}` : '更新服务器';
  const code = codeOf(error);
  const message = messageOf(error);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (UNREACHABLE_CODES.has(code) || UNREACHABLE_NET.test(message)) {
    return `无法连接${server}（${detailOf(error)}）`;
  }
  if (CERTIFICATE_CODES.has(code) || /net::ERR_CERT_|certificate/i.test(message)) {
    return `${server}的证书不受信任（${detailOf(error)}）：请在 系统管理 → 软件更新 中填写该服务器的证书指纹或县里的 CA 证书`;
  }
  if (status === 404 || code === 'HTTP_ERROR_404' || /\b404\b/.test(message)) {
    return `${server}上没有找到本程序的更新说明（latest.yml），请检查地址是否正确（${detailOf(error)}）`;
  }
  if (typeof status === 'number' && status >= 400) return `${server}拒绝了请求（HTTP ${status}）`;
  return `${server}出错（${detailOf(error)}）`;
}
