// The public 核验 service, `POST /public/v1/verify-document` with `{ link }`: no token, because a
// resident's phone opening a paper's QR code has none. It reads only the link it is given and
// answers only what the paper itself prints; nothing else of a township is reachable here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HUB_VERIFY_PATH, hubVerifyRequest } from '../shared/documents/hubVerification';
import { CountyHttpError, contentTypeIs, readBody, sendError, sendJson } from './countyHttp';
import type { Hub } from './hub';

/** A link is a few hundred characters; anything near this is not one. */
const MAX_BODY_BYTES = 8 * 1024;

/** False when the path is not the verify service; otherwise the request is answered. */
export async function handleVerifyRequest(hub: Hub, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'https://hub.invalid').pathname;
  if (pathname !== HUB_VERIFY_PATH) return false;
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new CountyHttpError(405, `${pathname} 只接受 POST 请求`);
    }
    if (!contentTypeIs(req, 'application/json')) {
      throw new CountyHttpError(415, '请求须为 JSON（Content-Type: application/json）');
    }
    const text = (await readBody(req, res, MAX_BODY_BYTES)).toString('utf8');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new CountyHttpError(400, '请求内容不是有效的 JSON');
    }
    const parsed = hubVerifyRequest.safeParse(input);
    if (!parsed.success) throw new CountyHttpError(400, parsed.error.issues[0]?.message ?? '请求内容不正确', 'link');
    sendJson(res, 200, await hub.verifyDocument(parsed.data.link));
  } catch (error) {
    if (res.headersSent) res.destroy();
    else if (error instanceof CountyHttpError) sendError(res, error.status, error.message, error.field);
    else {
      hub.log(`核验接口出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendError(res, 500, '县级平台内部错误，请稍后再试');
    }
  }
  return true;
}
