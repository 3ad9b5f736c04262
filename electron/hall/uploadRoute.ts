// `PUT /uploads`: a file's raw bytes, streamed into the backend's staging (electron/backend/
// documents/uploads.ts) — encrypted, hashed and counted as they arrive — and answered with an
// `uploadId` the procedure that uses the file then names in its ordinary JSON body. As for
// `/api/<procedure>`, everything the headers allow is decided before a byte of the body is read:
// the session (401; a locked screen 423), the declared length (413).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS, type ApiResult } from '../../shared/api/errors';
import type { UploadReceipt } from '../../shared/api/uploads';
import type { Backend, SessionCarrier } from '../backend/backend';
import { sizeInWords, type HallLimits } from './hallLimits';
import { declaredLength, RequestAborted } from './requestBody';

export interface UploadAnswer {
  status: number;
  body: ApiResult<UploadReceipt>;
}

/**
 * Receives one upload for the session `carrier` holds. The caller sends the answer with `respond`,
 * which closes the connection when the body was not read to its end (a refusal, or a body cut
 * off at the limit). Throws `RequestAborted` when the client went away mid-body; nothing of that
 * upload is left on disk.
 */
export async function receiveUpload(
  backend: Backend,
  limits: HallLimits,
  req: IncomingMessage,
  res: ServerResponse,
  carrier: SessionCarrier,
): Promise<UploadAnswer> {
  const opened = await backend.openUpload(carrier);
  if (!opened.ok) return { status: HTTP_STATUS[opened.error.code], body: opened };
  const limit = Math.min(limits.uploadBytes, opened.slot.maxBytes);
  if ((declaredLength(req) ?? 0) > limit) {
    return {
      status: HTTP_STATUS.PAYLOAD_TOO_LARGE,
      body: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `文件超过 ${sizeInWords(limit)}，没有上传` } },
    };
  }
  if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
  const result = await opened.slot.write(bodyOf(req), limit);
  return { status: result.ok ? 200 : HTTP_STATUS[result.error.code], body: result };
}

/**
 * The request body as it arrives, pulled no faster than the staging writes it (the socket is
 * paused meanwhile). When the staging stops early — past the limit — the request is left as it
 * is, not destroyed: the 413 must still reach the client, which `respond` sees to.
 */
async function* bodyOf(req: IncomingMessage): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of req.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
  } catch {
    throw new RequestAborted('请求中断');
  }
  // A connection that closed mid-body may end the stream without an error: not a whole file.
  if (!req.complete) throw new RequestAborted('请求中断');
}
