// The node-facing HTTP routes (/sync/v1/*): registration, key rotation, batches, the node's
// state and its downward packages, and resumable uploads of attachments (the core of tus
// 1.0.0: creation, HEAD for the offset, PATCH to append). Everything a node sends is an
// envelope that proves itself, so the routes carry no session or password; they only frame
// bytes and map refusals to status codes. The one answer that is not sealed to the node — how
// far the hub got with it — is given only to a request the node signed (nodeRequests.ts) or to
// the county's token. Refusals are logged under the connection's address, which bounds them.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { MAX_ENVELOPE_BYTES, parseEnvelope, type EnvelopeKind } from '../shared/sync/envelope';
import { SYNC_REJECT_STATUS } from '../shared/sync/protocol';
import { bearerToken, countyTokenMatches } from './countyToken';
import { UPLOADS_DIR } from './files';
import type { Hub } from './hub';
import { HubRejection, asRejection, rejection } from './rejection';
import { rejectionAddress } from './rejectionThrottle';

const PREFIX = '/sync/v1/';
const TUS_VERSION = '1.0.0';

export interface SyncRouteOptions {
  /** The county's access token: it may read any node's state too. Absent: only the node itself. */
  countyToken?: string;
}

/** Handles a /sync/v1/* request; false when the path is not ours (the server tries its next routes). */
export async function handleSyncRequest(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  options: SyncRouteOptions = {},
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  if (!url.pathname.startsWith(PREFIX)) return false;
  const route = url.pathname.slice(PREFIX.length);
  const method = req.method ?? 'GET';
  const address = rejectionAddress(req.socket.remoteAddress);
  try {
    if (route === 'register' || route === 'rotate' || route === 'batches') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      const kind: EnvelopeKind = route === 'register' ? 'registration' : route === 'rotate' ? 'rotation' : 'batch';
      const body = await readEnvelopeBody(hub, req, res, kind, address);
      if (!body) return true;
      const answer =
        route === 'register'
          ? await hub.register(body, 'link', address)
          : route === 'rotate'
            ? await hub.rotate(body, 'link', address)
            : await hub.applyBatch(body, 'link', address);
      sendJson(res, 200, answer);
      return true;
    }
    const rebuildRoute = /^nodes\/([^/]+)\/rebuild(?:\/files\/([0-9a-f]{64})|\/(done))?$/.exec(route);
    if (rebuildRoute) {
      await handleRebuild(hub, req, res, url, address, {
        nodeId: decodeURIComponent(rebuildRoute[1]!),
        sha256: rebuildRoute[2],
        done: rebuildRoute[3] !== undefined,
      });
      return true;
    }
    const nodeRoute = /^nodes\/([^/]+)\/(state|down)$/.exec(route);
    if (nodeRoute) {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      const nodeId = decodeURIComponent(nodeRoute[1]!);
      if (nodeRoute[2] === 'state') {
        const county = options.countyToken
          ? countyTokenMatches(options.countyToken, bearerToken(req.headers.authorization))
          : false;
        if (!county) {
          await hub.authenticateNodeRequest(nodeId, {
            method,
            path: req.url ?? '',
            authorization: req.headers.authorization,
            address,
          });
        }
        sendJson(res, 200, await hub.nodeState(nodeId));
        return true;
      }
      const after = url.searchParams.get('after') ?? '0';
      if (!/^\d{1,15}$/.test(after)) throw rejection('malformed', 'after 应为非负整数');
      const down = await hub.downFor(nodeId, Number(after));
      if (!down) {
        res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
        return true;
      }
      res
        .writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': down.length,
          'Cache-Control': 'no-store',
        })
        .end(down);
      return true;
    }
    if (route === 'files') {
      if (method === 'OPTIONS') return tusOptions(res);
      if (method !== 'POST') return methodNotAllowed(res, 'POST, OPTIONS');
      await createUpload(hub, req, res, address);
      return true;
    }
    const fileRoute = /^files\/([0-9a-f]{32})$/.exec(route);
    if (fileRoute) {
      const id = fileRoute[1]!;
      if (method === 'HEAD') await headUpload(hub, id, res);
      else if (method === 'PATCH') await patchUpload(hub, id, req, res, address);
      else if (method === 'OPTIONS') tusOptions(res);
      else methodNotAllowed(res, 'HEAD, PATCH, OPTIONS');
      return true;
    }
    sendJson(res, 404, { error: { code: 'not-found', message: `没有这个同步接口：${url.pathname}` } });
    return true;
  } catch (error) {
    sendError(hub, res, error);
    return true;
  }
}

/**
 * The replacement PC's downloads (hub/rebuild.ts): pages of entries, attachments, and "done".
 * Every one is signed by the node's new key, like a state request.
 */
async function handleRebuild(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  address: string | undefined,
  target: { nodeId: string; sha256: string | undefined; done: boolean },
): Promise<void> {
  const method = req.method ?? 'GET';
  const expected = target.done ? 'POST' : 'GET';
  if (method !== expected) {
    methodNotAllowed(res, expected);
    return;
  }
  await hub.authenticateNodeRequest(target.nodeId, {
    method,
    path: req.url ?? '',
    authorization: req.headers.authorization,
    address,
  });
  if (target.done) {
    await hub.finishRebuild(target.nodeId);
    sendJson(res, 200, { finished: true });
    return;
  }
  let sealed: Uint8Array;
  if (target.sha256) {
    sealed = await hub.rebuildFile(target.nodeId, target.sha256);
  } else {
    const after = url.searchParams.get('after') ?? '0';
    if (!/^\d{1,15}$/.test(after)) throw rejection('malformed', 'after 应为非负整数');
    sealed = await hub.rebuildPage(target.nodeId, Number(after));
  }
  res
    .writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': sealed.length,
      'Cache-Control': 'no-store',
    })
    .end(sealed);
}

// ---------------------------------------------------------------------------------------------
// Responses.
// ---------------------------------------------------------------------------------------------

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      ...headers,
    })
    .end(text);
}

function sendRejection(res: ServerResponse, refusal: HubRejection, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    SYNC_REJECT_STATUS[refusal.code],
    {
      error: { code: refusal.code, message: refusal.message },
      ...(refusal.appliedThrough !== undefined ? { appliedThrough: refusal.appliedThrough } : {}),
      ...(refusal.hubTime !== undefined ? { hubTime: refusal.hubTime } : {}),
    },
    headers,
  );
}

function sendError(hub: Hub, res: ServerResponse, error: unknown): void {
  if (error instanceof RequestAborted) return void res.destroy();
  const refusal = asRejection(error);
  if (refusal) return sendRejection(res, refusal);
  hub.log(`同步接口出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  // Not one of the protocol's refusals: the node retries later, as after a broken link.
  sendJson(res, 500, { error: { code: 'internal', message: '县级平台内部错误，请稍后重试' } });
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  sendJson(res, 405, { error: { code: 'method-not-allowed', message: `此接口只接受 ${allow}` } }, { Allow: allow });
  return true;
}

/** Refuses an oversized body without reading it all, and closes the connection after. */
function tooLarge(res: ServerResponse, refusal: HubRejection): void {
  sendRejection(res, refusal, { Connection: 'close' });
  res.once('finish', () => res.socket?.destroy());
}

// ---------------------------------------------------------------------------------------------
// Envelope bodies.
// ---------------------------------------------------------------------------------------------

async function readEnvelopeBody(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  kind: EnvelopeKind,
  address: string,
): Promise<Uint8Array | null> {
  const max = MAX_ENVELOPE_BYTES[kind];
  const declared = Number(req.headers['content-length'] ?? NaN);
  const refuse = async (bytes: number) => {
    const refusal = rejection('too-large', `数据包 ${bytes} 字节，上限为 ${max} 字节`);
    await hub.recordRejection({ nodeId: null, kind, bytes, via: 'link', address }, refusal);
    tooLarge(res, refusal);
    return null;
  };
  if (declared > max) return refuse(declared);
  const body = await collect(req, max);
  if (body === 'too-large') return refuse(max + 1);
  return new Uint8Array(body.buffer, body.byteOffset, body.length);
}

/** The connection closed before the whole body arrived: nobody is left to answer. */
class RequestAborted extends Error {}

/**
 * The body, up to `max` bytes. Beyond that the request is paused rather than destroyed, so the
 * 413 can still be written before the connection is closed.
 */
function collect(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > max) {
        req.pause();
        return settle(() => resolve('too-large'));
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks, total))));
    req.on('error', () => settle(() => reject(new RequestAborted('请求中断'))));
    req.on('close', () => settle(() => reject(new RequestAborted('请求中断'))));
  });
}

// ---------------------------------------------------------------------------------------------
// Resumable uploads (tus 1.0.0 core + creation). The bytes go to <dataDir>/uploads/<id>; the
// offset that is known to be on disk is kept in hub_uploads, so an upload resumes after a
// restart of the hub as well as after a broken connection.
// ---------------------------------------------------------------------------------------------

function tusHeaders(extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { 'Tus-Resumable': TUS_VERSION, 'Cache-Control': 'no-store', ...extra };
}

function tusOptions(res: ServerResponse): true {
  res
    .writeHead(204, {
      'Tus-Resumable': TUS_VERSION,
      'Tus-Version': TUS_VERSION,
      'Tus-Extension': 'creation',
      'Tus-Max-Size': MAX_ENVELOPE_BYTES.file,
    })
    .end();
  return true;
}

function checkTusVersion(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers['tus-resumable'] === TUS_VERSION) return true;
  res.writeHead(412, { 'Tus-Version': TUS_VERSION, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'malformed', message: `需要 Tus-Resumable: ${TUS_VERSION}` } }));
  return false;
}

function uploadPath(hub: Hub, id: string): string {
  return path.join(hub.dataDir, UPLOADS_DIR, id);
}

/** `key base64,key base64` → map (a key may come without a value). */
function parseMetadata(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) map.set(key, value ? Buffer.from(value, 'base64').toString('utf8') : '');
  }
  return map;
}

async function createUpload(hub: Hub, req: IncomingMessage, res: ServerResponse, address: string): Promise<void> {
  if (!checkTusVersion(req, res)) return;
  const lengthText = req.headers['upload-length'];
  if (typeof lengthText !== 'string' || !/^\d{1,15}$/.test(lengthText) || Number(lengthText) === 0) {
    throw rejection('malformed', 'Upload-Length 应为正整数');
  }
  const length = Number(lengthText);
  const metadata = parseMetadata(req.headers['upload-metadata'] as string | undefined);
  const nodeId = metadata.get('node') ?? '';
  if (length > MAX_ENVELOPE_BYTES.file) {
    const refusal = rejection('too-large', `附件数据包 ${length} 字节，上限为 ${MAX_ENVELOPE_BYTES.file} 字节`);
    await hub.recordRejection({ nodeId: nodeId || null, kind: 'file', bytes: length, via: 'link', address }, refusal);
    return tooLarge(res, refusal);
  }
  const sha256 = metadata.get('sha256') ?? '';
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw rejection('malformed', 'Upload-Metadata 缺少 sha256 或格式不正确');
  if (!nodeId) throw rejection('malformed', 'Upload-Metadata 缺少 node');
  // Refuse an unknown or revoked node before it spends its link on 24 MiB (nodeState does both).
  await hub.nodeState(nodeId);
  const id = randomBytes(16).toString('hex');
  await mkdir(path.join(hub.dataDir, UPLOADS_DIR), { recursive: true });
  await (await open(uploadPath(hub, id), 'w', 0o600)).close();
  const at = hub.now().toISOString();
  await hub.db
    .insertInto('hub_uploads')
    .values({
      id,
      node_id: nodeId,
      sha256,
      length,
      upload_offset: 0,
      created_at: at,
      updated_at: at,
      state: 'open',
    })
    .execute();
  res.writeHead(201, tusHeaders({ Location: `${PREFIX}files/${id}`, 'Upload-Offset': 0 })).end();
}

async function loadUpload(hub: Hub, id: string) {
  return hub.db.selectFrom('hub_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

async function headUpload(hub: Hub, id: string, res: ServerResponse): Promise<void> {
  // The node asks for the offset when it has given up on its last PATCH; end that one first, so
  // the answer counts every byte it brought.
  const upload = await exclusively(id, () => loadUpload(hub, id));
  if (!upload) return void res.writeHead(404, tusHeaders()).end();
  if (upload.state === 'failed') return void res.writeHead(410, tusHeaders()).end();
  res
    .writeHead(
      200,
      tusHeaders({
        'Upload-Offset': Number(upload.upload_offset),
        'Upload-Length': Number(upload.length),
        ...(upload.state === 'stored' ? { 'Upload-Complete': 'stored' } : {}),
      }),
    )
    .end();
}

// One PATCH at a time per upload. A node sends a new PATCH (or a HEAD) only when it has given up
// on the previous one, but the hub may not have noticed yet that that connection broke (a link
// that died without a reset): the newcomer ends the old request, waits until its bytes are
// counted, and then sees the true offset (and gets 409 if it assumed another).
const uploadLocks = new Map<string, Promise<void>>();
const activePatches = new Map<string, IncomingMessage>();

async function exclusively<T>(id: string, work: () => Promise<T>): Promise<T> {
  activePatches.get(id)?.destroy();
  const previous = uploadLocks.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  uploadLocks.set(id, chained);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (uploadLocks.get(id) === chained) uploadLocks.delete(id);
  }
}

async function patchUpload(
  hub: Hub,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
): Promise<void> {
  if (!checkTusVersion(req, res)) return;
  if (req.headers['content-type'] !== 'application/offset+octet-stream') {
    sendJson(res, 415, { error: { code: 'malformed', message: 'Content-Type 应为 application/offset+octet-stream' } });
    return;
  }
  const offsetText = req.headers['upload-offset'];
  if (typeof offsetText !== 'string' || !/^\d{1,15}$/.test(offsetText)) {
    throw rejection('malformed', 'Upload-Offset 应为非负整数');
  }
  const claimed = Number(offsetText);
  await exclusively(id, async () => {
    const upload = await loadUpload(hub, id);
    if (!upload)
      return void sendJson(res, 404, { error: { code: 'not-found', message: '没有这个上传（可能已过期）' } });
    if (upload.state === 'failed') {
      return void sendJson(res, 410, { error: { code: 'malformed', message: '这个上传已被拒收，请重新上传' } });
    }
    const length = Number(upload.length);
    let offset = Number(upload.upload_offset);
    if (upload.state === 'stored') {
      // The answer to the last PATCH was lost: say again that it is stored.
      if (claimed === length) {
        req.resume();
        return void res.writeHead(204, tusHeaders({ 'Upload-Offset': length, 'Upload-Complete': 'stored' })).end();
      }
    }
    if (claimed !== offset || upload.state === 'stored') {
      req.resume();
      return void sendJson(
        res,
        409,
        { error: { code: 'conflict', message: `上传位置不符：平台已收到 ${offset} 字节，本次从 ${claimed} 字节开始` } },
        tusHeaders({ 'Upload-Offset': offset }) as Record<string, string>,
      );
    }

    const file = uploadPath(hub, id);
    // The bytes on disk are the truth only up to the recorded offset (a crash may have left more).
    const onDisk = await stat(file).catch(() => null);
    if (!onDisk) await (await open(file, 'w', 0o600)).close();
    const handle = await open(file, 'r+');
    let overflow = false;
    let broken = false;
    activePatches.set(id, req);
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        const room = length - offset;
        const take = Math.min(room, chunk.length);
        if (take > 0) {
          await handle.write(chunk, 0, take, offset);
          offset += take;
        }
        if (take < chunk.length) {
          overflow = true;
          break;
        }
      }
    } catch {
      // The connection broke mid-body: keep what arrived, so the node resumes from there.
      broken = true;
    } finally {
      if (activePatches.get(id) === req) activePatches.delete(id);
      await handle.sync();
      await handle.close();
    }
    await hub.db
      .updateTable('hub_uploads')
      .set({ upload_offset: offset, updated_at: hub.now().toISOString() })
      .where('id', '=', id)
      .execute();
    if (broken) return;
    if (overflow) {
      return void sendJson(res, 400, { error: { code: 'malformed', message: `上传内容超过声明的 ${length} 字节` } });
    }
    if (offset < length) return void res.writeHead(204, tusHeaders({ 'Upload-Offset': offset })).end();

    // Complete: the bytes are one 'file' envelope; verify and store it like any other.
    try {
      const bytes = new Uint8Array(await readFile(file));
      checkUploadMatches(bytes, upload.node_id, upload.sha256);
      await hub.storeFile(bytes, 'link', address);
    } catch (error) {
      const refusal = asRejection(error);
      if (!refusal) throw error;
      await hub.db.updateTable('hub_uploads').set({ state: 'failed' }).where('id', '=', id).execute();
      await rm(file, { force: true });
      return sendRejection(res, refusal);
    }
    await hub.db.updateTable('hub_uploads').set({ state: 'stored' }).where('id', '=', id).execute();
    await rm(file, { force: true });
    res.writeHead(204, tusHeaders({ 'Upload-Offset': offset, 'Upload-Complete': 'stored' })).end();
  });
}

/** The upload's metadata must name the envelope it carries (the envelope is what is checked). */
function checkUploadMatches(bytes: Uint8Array, nodeId: string, sha256: string): void {
  let header;
  try {
    header = parseEnvelope(bytes).header;
  } catch {
    return; // storeFile refuses it with the precise reason (and logs it)
  }
  if (header.node !== nodeId || header.sha256 !== sha256) {
    throw rejection('malformed', '上传声明的节点或摘要与附件数据包不符');
  }
}
