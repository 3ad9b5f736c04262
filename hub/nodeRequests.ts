// Requests of a node that carry no envelope (its state at the hub) are signed by the node's
// current signing key in an Authorization header (shared/sync/nodeRequest.ts). Checked here in
// the order envelopes are: the header's shape and time (cheap, no database), then the node and
// its key, then the signature. A refusal is logged like any other (bounded per address), but
// one that proves nothing about its sender is not put down to the node it names (the county page
// shows a township's last refusal), and a clock that is off is not logged at all: the node signs
// again on the hub's time at once.
import { fromBase64Url } from '../shared/sync/bytes';
import { NODE_REQUEST_MAX_SKEW_MS, parseNodeAuthorization, verifyNodeRequest } from '../shared/sync/nodeRequest';
import { SUITE_LABELS } from '../shared/sync/suiteIds';
import type { HubContext } from './context';
import { loadNode, loadSigningKey } from './envelopes';
import { HubRejection, asRejection, recordRejection, rejection } from './rejection';

export interface NodeRequest {
  method: string;
  /** The path with its query, exactly as requested. */
  path: string;
  authorization: string | undefined;
  /** The client address, for the bounded rejection log. */
  address?: string;
}

/** Resolves when `request` is signed by `nodeId`'s current signing key; throws the refusal otherwise. */
export async function authenticateNodeRequest(ctx: HubContext, nodeId: string, request: NodeRequest): Promise<void> {
  try {
    await check(ctx, nodeId, request);
  } catch (error) {
    const refusal = asRejection(error);
    if (!refusal) throw error;
    if (refusal.code === 'clock-skew') throw refusal;
    const unproven = refusal.code === 'unauthenticated';
    const about = {
      nodeId: unproven ? null : nodeId,
      kind: 'state',
      bytes: 0,
      via: 'link' as const,
      address: request.address,
    };
    await recordRejection(ctx, about, refusal);
    throw refusal;
  }
}

async function check(ctx: HubContext, nodeId: string, request: NodeRequest): Promise<void> {
  const auth = parseNodeAuthorization(request.authorization);
  if (!auth) {
    throw rejection(
      'unauthenticated',
      `只有本节点（用其签名密钥签名的请求）或县级平台可以查询节点 ${nodeId.slice(0, 100)} 的接收进度`,
    );
  }
  if (auth.node !== nodeId)
    throw rejection('unauthenticated', `请求由节点 ${auth.node} 签名，查询的却是节点 ${nodeId}`);
  const now = ctx.now();
  const signedAt = Date.parse(auth.time);
  if (!(Math.abs(now.getTime() - signedAt) <= NODE_REQUEST_MAX_SKEW_MS)) {
    throw new HubRejection(
      'clock-skew',
      `本机时间与县级平台时间相差过大：请求签于 ${auth.time}，平台时间 ${now.toISOString()}`,
      undefined,
      now.toISOString(),
    );
  }
  const node = await loadNode(ctx, nodeId);
  if (auth.suite !== node.suite) {
    throw rejection(
      'unsupported-suite',
      `「${node.township_name}」约定使用${SUITE_LABELS[node.suite]}，请求却按${SUITE_LABELS[auth.suite]}签名`,
    );
  }
  const key = await loadSigningKey(ctx, node.id, auth.signer);
  // A retired key vouches only for envelopes sealed before the rotation; a live request is
  // always made with the current key.
  if (key.state !== 'active') {
    throw rejection('unknown-key', `签名密钥 ${auth.signer} 已于 ${key.retired_at ?? '此前'} 更换，请用当前密钥签名`);
  }
  if (!verifyNodeRequest(auth, request.method, request.path, fromBase64Url(key.public_key))) {
    throw rejection('unauthenticated', '请求签名无效');
  }
}
