// A request of a node that carries no envelope (today: asking the hub how far it got) proves
// its sender the way an envelope does: signed with the node's current Ed25519 signing key. The
// signature covers the method, the path (with its query), the node, the key id and the time, in
// one `Authorization` header:
//
//   Authorization: TDE1-Ed25519 node=<node id, percent-encoded>,signer=<key id>,time=<ISO>,signature=<base64url>
//
// The time bounds a replay to a few minutes; a node whose clock is off is told the hub's time
// and signs again with it (see hubApi.getState), so a wrong PC clock never stops the sync.
import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import { sign, verify } from './keys';

export const NODE_AUTH_SCHEME = 'TDE1-Ed25519';
/** How far the signed time may be from the hub's clock, either way. */
export const NODE_REQUEST_MAX_SKEW_MS = 5 * 60_000;
// Domain separation: these bytes can never be mistaken for an envelope (which starts with "TDE1"
// and a 4-byte header length) or for a paper's verification link.
const CONTEXT = 'township-desk/v1/node-request';

export interface NodeRequestAuthorization {
  node: string;
  signer: string;
  time: string;
  signature: Uint8Array;
}

export interface NodeRequestSigner {
  nodeId: string;
  signingKeyId: string;
  signingPrivateKey: Uint8Array;
}

/** The bytes a node signs for `method path` at `time`. */
export function nodeRequestMessage(
  method: string,
  path: string,
  node: string,
  signer: string,
  time: string,
): Uint8Array {
  return utf8([CONTEXT, method.toUpperCase(), path, node, signer, time].join('\n'));
}

/** The `Authorization` header value of `method path`, signed at `at`. */
export function signNodeRequest(signer: NodeRequestSigner, method: string, path: string, at: Date): string {
  const time = at.toISOString();
  const signature = sign(
    signer.signingPrivateKey,
    nodeRequestMessage(method, path, signer.nodeId, signer.signingKeyId, time),
  );
  return (
    `${NODE_AUTH_SCHEME} node=${encodeURIComponent(signer.nodeId)},signer=${signer.signingKeyId},` +
    `time=${time},signature=${toBase64Url(signature)}`
  );
}

const HEADER = new RegExp(
  `^${NODE_AUTH_SCHEME} node=([^,\\s]{1,300}),signer=([0-9a-f]{16}),time=([0-9T:.Z+-]{20,35}),signature=([A-Za-z0-9_-]{86})$`,
);

/** The parts of a node's `Authorization` header; null when it is absent or not one. */
export function parseNodeAuthorization(header: string | undefined): NodeRequestAuthorization | null {
  const match = HEADER.exec(header?.trim() ?? '');
  if (!match) return null;
  try {
    const signature = fromBase64Url(match[4]!);
    if (signature.length !== 64) return null;
    return { node: decodeURIComponent(match[1]!), signer: match[2]!, time: match[3]!, signature };
  } catch {
    return null;
  }
}

/** Whether `auth` is a valid signature of `method path` by `publicKey` (the time is the caller's business). */
export function verifyNodeRequest(
  auth: NodeRequestAuthorization,
  method: string,
  path: string,
  publicKey: Uint8Array,
): boolean {
  return verify(publicKey, nodeRequestMessage(method, path, auth.node, auth.signer, auth.time), auth.signature);
}
