// A request of a node that carries no envelope (today: asking the hub how far it got) proves
// its sender the way an envelope does: signed with the node's current signing key, of the node's
// suite (Ed25519, or SM2 with the default user id under the 国密 suite). The signature covers the
// method, the path (with its query), the node, the key id and the time, in one `Authorization`
// header whose scheme names the suite:
//
//   Authorization: TDE1-Ed25519 node=<node id, percent-encoded>,signer=<key id>,time=<ISO>,signature=<base64url>
//   Authorization: TDE1-SM2 …the same fields…
//
// The time bounds a replay to a few minutes; a node whose clock is off is told the hub's time
// and signs again with it (see hubApi.getState), so a wrong PC clock never stops the sync.
import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, suiteOf, type SuiteId } from './suites';

/** The scheme of each suite's signed requests. */
export const NODE_AUTH_SCHEMES: Record<SuiteId, string> = {
  [SUITE_INTERNATIONAL]: 'TDE1-Ed25519',
  [SUITE_GUOMI]: 'TDE1-SM2',
};
/** The international suite's scheme (the only one before the 国密 suite). */
export const NODE_AUTH_SCHEME = NODE_AUTH_SCHEMES[SUITE_INTERNATIONAL];
/** How far the signed time may be from the hub's clock, either way. */
export const NODE_REQUEST_MAX_SKEW_MS = 5 * 60_000;
// Domain separation: these bytes can never be mistaken for an envelope (which starts with "TDE1"
// and a 4-byte header length) or for a paper's verification link.
const CONTEXT = 'township-desk/v1/node-request';

export interface NodeRequestAuthorization {
  /** The suite the scheme names; the hub refuses one that is not the node's. */
  suite: SuiteId;
  node: string;
  signer: string;
  time: string;
  signature: Uint8Array;
}

export interface NodeRequestSigner {
  suite: SuiteId;
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
  const signature = suiteOf(signer.suite).sign(
    signer.signingPrivateKey,
    nodeRequestMessage(method, path, signer.nodeId, signer.signingKeyId, time),
  );
  return (
    `${NODE_AUTH_SCHEMES[signer.suite]} node=${encodeURIComponent(signer.nodeId)},signer=${signer.signingKeyId},` +
    `time=${time},signature=${toBase64Url(signature)}`
  );
}

const HEADER = new RegExp(
  `^(${Object.values(NODE_AUTH_SCHEMES).join('|')}) node=([^,\\s]{1,300}),signer=([0-9a-f]{16}),time=([0-9T:.Z+-]{20,35}),signature=([A-Za-z0-9_-]{86})$`,
);
const SUITE_OF_SCHEME = new Map(Object.entries(NODE_AUTH_SCHEMES).map(([suite, scheme]) => [scheme, suite as SuiteId]));

/** The parts of a node's `Authorization` header; null when it is absent or not one. */
export function parseNodeAuthorization(header: string | undefined): NodeRequestAuthorization | null {
  const match = HEADER.exec(header?.trim() ?? '');
  if (!match) return null;
  try {
    const signature = fromBase64Url(match[5]!);
    if (signature.length !== 64) return null;
    const suite = SUITE_OF_SCHEME.get(match[1]!)!;
    return { suite, node: decodeURIComponent(match[2]!), signer: match[3]!, time: match[4]!, signature };
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
  return suiteOf(auth.suite).verify(
    publicKey,
    nodeRequestMessage(method, path, auth.node, auth.signer, auth.time),
    auth.signature,
  );
}
