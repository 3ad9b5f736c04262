// The hub's node-facing routes (contract: /sync/v1/*), one function each, on top of the pinned
// client. An answer is either parsed through its schema or turned into a HubRejected (the hub
// refused, with its code) or a LinkError (no usable answer at all).
import { z } from 'zod';
import { fromUtf8 } from '../../../shared/sync/bytes';
import {
  SYNC_PATHS,
  SYNC_REJECT_LABELS,
  batchAccepted,
  nodeState,
  syncErrorBody,
  type BatchAccepted,
  type SyncRejectCode,
} from '../../../shared/sync/protocol';
import { signNodeRequest, type NodeRequestSigner } from '../../../shared/sync/nodeRequest';
import { LinkError, type HubClient, type HubResponse } from './transport';

/** The hub answered and said no: a reason it gives, not a network failure. */
export class HubRejected extends Error {
  constructor(
    readonly code: SyncRejectCode,
    readonly detail: string,
    readonly appliedThrough: number | undefined,
    readonly status: number,
  ) {
    super(`县级平台拒收：${describeRefusal(code, detail)}`);
    this.name = 'HubRejected';
  }
}

/** The label of the code, with the hub's details unless they already begin with it. */
function describeRefusal(code: SyncRejectCode, detail: string): string {
  const label = SYNC_REJECT_LABELS[code];
  if (!detail || detail === label) return label;
  return detail.startsWith(label) ? detail : `${label}（${detail}）`;
}

const OCTETS = { 'Content-Type': 'application/octet-stream' };

/** Throws for anything but the expected status; a refusal with the hub's error body becomes HubRejected. */
export function expectStatus(response: HubResponse, ...expected: number[]): HubResponse {
  if (expected.includes(response.status)) return response;
  const body = parseJson(response.body);
  const error = syncErrorBody.safeParse(body);
  if (error.success) {
    throw new HubRejected(error.data.error.code, error.data.error.message, error.data.appliedThrough, response.status);
  }
  if (response.status >= 500 || response.status === 429) {
    throw new LinkError('server', `县级平台暂时无法处理（HTTP ${response.status}）`, response.status);
  }
  throw new LinkError('other', `县级平台的应答不对（HTTP ${response.status}）`, response.status);
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(body));
  } catch {
    return null;
  }
}

function readJson<T>(response: HubResponse, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseJson(response.body));
  // A 200 with a body we cannot read is most likely a proxy's page, not the hub: retry later.
  if (!parsed.success) throw new LinkError('server', '县级平台的应答无法识别（可能经过了不正确的代理）');
  return parsed.data;
}

export async function postRegistration(client: HubClient, envelope: Uint8Array, signal?: AbortSignal) {
  const response = await client.request('POST', SYNC_PATHS.register, { body: envelope, headers: OCTETS, signal });
  return readJson(expectStatus(response, 200), z.object({ nodeId: z.string(), townshipName: z.string() }));
}

export async function postRotation(client: HubClient, envelope: Uint8Array, signal?: AbortSignal) {
  const response = await client.request('POST', SYNC_PATHS.rotate, { body: envelope, headers: OCTETS, signal });
  return readJson(expectStatus(response, 200), z.object({ nodeId: z.string(), keyIds: z.array(z.string()) }));
}

export async function postBatch(client: HubClient, envelope: Uint8Array, signal?: AbortSignal): Promise<BatchAccepted> {
  const response = await client.request('POST', SYNC_PATHS.batches, { body: envelope, headers: OCTETS, signal });
  return readJson(expectStatus(response, 200), batchAccepted);
}

/**
 * A request the hub answers only to this node: signed with the node's current signing key
 * (shared/sync/nodeRequest.ts). A PC whose clock is off is told the hub's time in the refusal
 * and signs once more on that time.
 */
async function signedRequest(
  client: HubClient,
  signer: NodeRequestSigner,
  method: 'GET' | 'POST',
  path: string,
  now: Date,
  signal?: AbortSignal,
): Promise<HubResponse> {
  const ask = (at: Date) =>
    client.request(method, path, { headers: { Authorization: signNodeRequest(signer, method, path, at) }, signal });
  let response = await ask(now);
  if (response.status === 401) {
    const refusal = syncErrorBody.safeParse(parseJson(response.body));
    const hubTime = refusal.success && refusal.data.error.code === 'clock-skew' ? refusal.data.hubTime : undefined;
    if (hubTime && !Number.isNaN(Date.parse(hubTime))) response = await ask(new Date(hubTime));
  }
  return response;
}

/** How far the hub got with this node (told only to the node itself). */
export async function getState(client: HubClient, signer: NodeRequestSigner, now: Date, signal?: AbortSignal) {
  const response = await signedRequest(client, signer, 'GET', SYNC_PATHS.state(signer.nodeId), now, signal);
  return readJson(expectStatus(response, 200), nodeState);
}

/**
 * A replacement PC's download (sealed to it): the next page of the township's entries
 * (`SYNC_PATHS.rebuild`) or one of its attachments (`SYNC_PATHS.rebuildFile`).
 */
export async function getRebuild(
  client: HubClient,
  signer: NodeRequestSigner,
  path: string,
  now: Date,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  return expectStatus(await signedRequest(client, signer, 'GET', path, now, signal), 200).body;
}

/** Tells the hub the replacement holds everything: its page on the county's screen says so. */
export async function postRebuildDone(client: HubClient, signer: NodeRequestSigner, now: Date, signal?: AbortSignal) {
  const path = SYNC_PATHS.rebuildDone(signer.nodeId);
  expectStatus(await signedRequest(client, signer, 'POST', path, now, signal), 200);
}

/** The next downward envelope after `after`, or null when the hub has nothing newer (204). */
export async function getDown(
  client: HubClient,
  nodeId: string,
  after: number,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  const response = expectStatus(await client.request('GET', SYNC_PATHS.down(nodeId, after), { signal }), 200, 204);
  return response.status === 204 || response.body.length === 0 ? null : response.body;
}
