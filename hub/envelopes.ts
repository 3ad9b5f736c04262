// Reading what a township sent: the envelope's frame and header, the node it names and the suite
// agreed for that node, the signing key, the signature, and the sealed payload, in that order, so
// that the cheap checks refuse before the expensive ones run and nothing is decrypted for a
// sender we do not know.
import type { z } from 'zod';
import { fromBase64Url, fromUtf8 } from '../shared/sync/bytes';
import {
  MAX_ENVELOPE_BYTES,
  openEnvelope,
  parseEnvelope,
  requireSuite,
  verifyEnvelope,
  type EnvelopeKind,
  type ParsedEnvelope,
} from '../shared/sync/envelope';
import { SUITE_LABELS, suiteOf, type SuiteId } from '../shared/sync/suites';
import type { HubContext } from './context';
import { hubKeysFor } from './identity';
import type { HubNodeKeysTable, HubNodesTable } from './db/schema';
import { rejection } from './rejection';

const KIND_LABELS: Record<EnvelopeKind, string> = {
  batch: '数据批次',
  file: '附件',
  registration: '入网登记',
  rotation: '密钥更换',
  down: '下发数据包',
  rebuild: '重建数据包',
};

/** Splits an envelope that must be of `kind`, refusing an oversized one before parsing it. */
export function parseKind(bytes: Uint8Array, kind: EnvelopeKind): ParsedEnvelope {
  const max = MAX_ENVELOPE_BYTES[kind];
  if (bytes.length > max) {
    throw rejection('too-large', `${KIND_LABELS[kind]} ${bytes.length} 字节，上限为 ${max} 字节`);
  }
  const parsed = parseEnvelope(bytes);
  if (parsed.header.kind !== kind) {
    throw rejection(
      'malformed',
      `这是「${KIND_LABELS[parsed.header.kind]}」数据包，此处只接收「${KIND_LABELS[kind]}」数据包`,
    );
  }
  return parsed;
}

export type NodeRow = HubNodesTable;
export type KeyRow = HubNodeKeysTable;

/** The node an envelope names, refusing an unknown or revoked one. */
export async function loadNode(ctx: HubContext, nodeId: string): Promise<NodeRow> {
  const node = await ctx.db.selectFrom('hub_nodes').selectAll().where('id', '=', nodeId).executeTakeFirst();
  if (!node) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
  if (node.status === 'revoked') throw revokedNode(node);
  return node;
}

export function revokedNode(node: Pick<NodeRow, 'township_name' | 'revoked_at' | 'revoke_reason'>) {
  return rejection(
    'revoked',
    `「${node.township_name}」节点已于 ${node.revoked_at ?? '此前'} 被县级平台吊销${
      node.revoke_reason ? `（原因：${node.revoke_reason}）` : ''
    }`,
  );
}

/**
 * Refuses an envelope sealed with another suite than the county chose for its node
 * ('unsupported-suite'): a 国密 township cannot be spoken for in the international suite, nor the
 * other way round.
 */
export function checkNodeSuite(node: Pick<NodeRow, 'suite' | 'township_name'>, parsed: ParsedEnvelope): void {
  try {
    requireSuite(parsed, node.suite);
  } catch {
    throw rejection(
      'unsupported-suite',
      `「${node.township_name}」约定使用${SUITE_LABELS[node.suite]}，数据包却使用${SUITE_LABELS[parsed.header.suite]}`,
    );
  }
}

/** The node's signing key named by the envelope, refusing an unknown or revoked one. */
export async function loadSigningKey(ctx: HubContext, nodeId: string, signer: string): Promise<KeyRow> {
  const key = await ctx.db
    .selectFrom('hub_node_keys')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('key_id', '=', signer)
    .where('purpose', '=', 'signing')
    .executeTakeFirst();
  if (!key) throw rejection('unknown-key', `签名密钥 ${signer} 未在县级平台登记`);
  if (key.state === 'revoked') {
    throw rejection('revoked', `签名密钥 ${signer} 已于 ${key.revoked_at ?? '此前'} 被县级平台吊销`);
  }
  return key;
}

/**
 * Whether a retired key may still vouch for this envelope: only for what the node sealed
 * before the rotation that retired it (batches built offline and sent afterwards, a USB file
 * carried in later). Both times are the node's own clock.
 */
export function checkRetiredKey(
  key: Pick<KeyRow, 'key_id' | 'state' | 'sealed_before' | 'retired_at'>,
  created: string,
) {
  if (key.state !== 'retired') return;
  const cutoff = key.sealed_before ? Date.parse(key.sealed_before) : NaN;
  if (!(Date.parse(created) <= cutoff)) {
    throw rejection(
      'unknown-key',
      `签名密钥 ${key.key_id} 已于 ${key.retired_at ?? '此前'} 更换，更换之后封装的数据须使用新密钥签名`,
    );
  }
}

/**
 * Until when a township's signing key vouches for the papers it signed: for ever while active;
 * up to `sealed_before` once retired by a rotation or revoked because the county authorised a
 * replacement PC (nodes.ts); never once revoked as compromised (revokeKey, revokeNode, which
 * leave `sealed_before` empty). The one rule the county's 核验 applies to a key.
 */
export function papersVouchedUntil(
  key: Pick<KeyRow, 'state' | 'sealed_before'>,
): { vouches: false } | { vouches: true; until: string | null } {
  if (key.state === 'active') return { vouches: true, until: null };
  if (key.sealed_before === null) return { vouches: false };
  return { vouches: true, until: key.sealed_before.slice(0, 10) };
}

/** Decodes a base64url public key of a payload in `suite`, refusing anything else as malformed. */
export function publicKeyOf(text: string, field: string, suite: SuiteId): Uint8Array {
  let key: Uint8Array;
  try {
    key = fromBase64Url(text);
  } catch {
    throw rejection('malformed', `${field} 不是有效的 base64url 公钥`);
  }
  const s = suiteOf(suite);
  if (key.length !== s.publicKeyBytes) {
    throw rejection('malformed', `${field} 应为 ${s.publicKeyBytes} 字节，实为 ${key.length} 字节`);
  }
  if (!s.isPublicKey(key)) throw rejection('malformed', `${field} 不是有效的 SM2 公钥（不在曲线上）`);
  return key;
}

/** Decrypts an envelope addressed to the hub's box key of the envelope's suite (checked against the node's before). */
export function openForHub(ctx: HubContext, parsed: ParsedEnvelope): Uint8Array {
  const keys = hubKeysFor(ctx.identity, parsed.header.suite);
  if (parsed.header.recipient !== keys.boxKeyId) {
    throw rejection(
      'undecryptable',
      `数据包是加密给密钥 ${parsed.header.recipient} 的，本平台的加密密钥是 ${keys.boxKeyId}（入网文件是否来自本平台？）`,
    );
  }
  return openEnvelope(parsed, keys.box.privateKey);
}

/** Node, signing key, signature, decryption: everything an envelope from an enrolled node needs. */
export async function authenticate(
  ctx: HubContext,
  parsed: ParsedEnvelope,
): Promise<{ node: NodeRow; key: KeyRow; plaintext: Uint8Array }> {
  const node = await loadNode(ctx, parsed.header.node);
  checkNodeSuite(node, parsed);
  const key = await loadSigningKey(ctx, node.id, parsed.header.signer);
  checkRetiredKey(key, parsed.header.created);
  verifyEnvelope(parsed, fromBase64Url(key.public_key));
  const plaintext = openForHub(ctx, parsed);
  return { node, key, plaintext };
}

/** JSON payload through its schema; a well-signed payload of the wrong shape is malformed. */
export function parsePayload<S extends z.ZodType>(schema: S, plaintext: Uint8Array): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw rejection('malformed', '数据包内容不是有效的 JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw rejection('malformed', `数据包内容不符合格式${field ? `（${field}）` : ''}：${issue?.message ?? '未知错误'}`);
  }
  return result.data;
}
