// Townships as the hub knows them: a node is created by the county with a one-time token
// (handed over in the enrollment file) and the cipher suite the county chose for it, becomes
// active when the township registers its public keys (of that suite) with that token, may rotate
// its keys (signed by the current key), and can be revoked, after which everything it sends is
// refused.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { toBase64Url } from '../shared/sync/bytes';
import { verifyEnvelope } from '../shared/sync/envelope';
import { DEFAULT_SUITE, SUITE_LABELS, suiteOf, type SuiteId } from '../shared/sync/suites';
import {
  ENROLLMENT_FORMAT,
  SYNC_PROTOCOL_VERSION,
  enrollmentFile,
  registrationPayload,
  rotationPayload,
  type EnrollmentFile,
} from '../shared/sync/protocol';
import { canAuthorizeReplacement } from '../shared/sync/countyApi';
import type { HubContext } from './context';
import { deliverLatestReference } from './down';
import {
  checkNodeSuite,
  loadNode,
  loadSigningKey,
  openForHub,
  parseKind,
  parsePayload,
  publicKeyOf,
} from './envelopes';
import { hubKeysFor } from './identity';
import { asRejection, HubInputError, recordRejection, rejection, type RejectionContext } from './rejection';
import type { Via } from './db/schema';

/**
 * How long an enrollment file is good for unless the county says otherwise: a week, as
 * docs/sync.md tells the county. The token in it is the only secret until the township has
 * registered its keys, so it should not lie around for long.
 */
export const DEFAULT_ENROLLMENT_DAYS = 7;

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface CreateNodeInput {
  townshipName: string;
  hubUrl: string;
  certificatePem: string;
  certificateFingerprint: string;
  validDays?: number;
  /** The cipher suite of every envelope both ways; the international suite when not given. */
  suite?: SuiteId;
  /** A township enrolling one of its villages (the same library, one level down). */
  village?: EnrollmentFile['village'];
}

/** A fresh one-time token and when it expires (`validDays` after now, a week by default). */
function oneTimeToken(now: Date, validDays: number | undefined): { token: string; expiresAt: string } {
  // 32 random bytes: the token is the only secret between the county and the township until
  // the township's keys are registered. Only its hash is kept, so a copy of the database does
  // not let anyone enroll in the township's place.
  const token = toBase64Url(randomBytes(32));
  const days = validDays ?? DEFAULT_ENROLLMENT_DAYS;
  if (!(days > 0 && days <= 365)) throw new HubInputError('入网文件有效期应在 1 至 365 天之间');
  return { token, expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString() };
}

/** The enrollment file of a node, checked against the protocol. */
function enrollmentFileOf(
  ctx: HubContext,
  node: { id: string; townshipName: string; suite: SuiteId },
  input: Omit<CreateNodeInput, 'townshipName' | 'suite' | 'validDays'>,
  token: { token: string; expiresAt: string },
  replacement?: EnrollmentFile['replacement'],
): EnrollmentFile {
  const hubKeys = hubKeysFor(ctx.identity, node.suite);
  const checked = enrollmentFile.safeParse({
    format: ENROLLMENT_FORMAT,
    version: SYNC_PROTOCOL_VERSION,
    nodeId: node.id,
    townshipName: node.townshipName.trim(),
    hubUrl: input.hubUrl,
    suite: node.suite,
    hubBoxPublicKey: toBase64Url(hubKeys.box.publicKey),
    hubSigningPublicKey: toBase64Url(hubKeys.signing.publicKey),
    certificateFingerprint: input.certificateFingerprint,
    certificatePem: input.certificatePem,
    ...token,
    ...(replacement ? { replacement } : {}),
    ...(input.village ? { village: input.village } : {}),
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new HubInputError(`无法生成入网文件（${issue?.path.join('.') ?? ''}）：${issue?.message ?? '内容不正确'}`);
  }
  return checked.data;
}

export async function createNode(
  ctx: HubContext,
  input: CreateNodeInput,
): Promise<{ nodeId: string; enrollment: EnrollmentFile }> {
  const now = ctx.now();
  const nodeId = randomUUID();
  const token = oneTimeToken(now, input.validDays);
  const suite = input.suite ?? DEFAULT_SUITE;
  const enrollment = enrollmentFileOf(ctx, { id: nodeId, townshipName: input.townshipName, suite }, input, token);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('hub_nodes')
      .values({
        id: nodeId,
        township_name: enrollment.townshipName,
        status: 'pending',
        suite,
        token_hash: tokenHash(token.token),
        token_expires_at: token.expiresAt,
        created_at: now.toISOString(),
        registered_at: null,
        registered_key_id: null,
        revoked_at: null,
        revoke_reason: null,
        applied_through: 0,
        last_batch_hash: '',
        last_contact_at: null,
        down_applied: 0,
        down_next_seq: 1,
      })
      .execute();
    // A township that joins after the county published its catalog and calendar gets the
    // current ones with its first download, not only what is published after it joined.
    await deliverLatestReference(tx, nodeId);
  });
  ctx.log(
    `已为「${enrollment.townshipName}」创建节点 ${nodeId}（${SUITE_LABELS[suite]}），入网文件有效至 ${token.expiresAt}`,
  );
  return { nodeId, enrollment };
}

export type ReplacementInput = Omit<CreateNodeInput, 'townshipName' | 'suite'> & { reason: string };

/**
 * The county authorises a replacement PC for a township whose PC (and backups) are lost: every
 * key of the old PC is revoked, the node waits for a new registration with a new one-time token,
 * and the new PC may download the township's own entries and attachments to rebuild from them
 * (rebuild.ts). Where the hub stands — applied entries, the batch chain, the downward sequence —
 * is kept: the replacement continues from there.
 */
export async function authorizeReplacement(
  ctx: HubContext,
  nodeId: string,
  input: ReplacementInput,
): Promise<{ enrollment: EnrollmentFile }> {
  const reason = input.reason.trim();
  if (!reason) throw new HubInputError('请填写更换原因（如：原电脑硬盘损坏且无可用备份）');
  const now = ctx.now();
  const at = now.toISOString();
  const token = oneTimeToken(now, input.validDays);
  return ctx.db.transaction().execute(async (tx) => {
    const node = await tx
      .selectFrom('hub_nodes')
      .select(['id', 'township_name', 'suite', 'status', 'applied_through'])
      .where('id', '=', nodeId)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!node) throw new HubInputError(`县级平台上没有编号为 ${nodeId} 的乡镇节点`);
    if (!canAuthorizeReplacement({ status: node.status, appliedThrough: Number(node.applied_through) })) {
      throw new HubInputError(`「${node.township_name}」尚未入网，无须更换：把原入网文件交给乡镇即可`);
    }
    const enrollment = enrollmentFileOf(
      ctx,
      { id: node.id, townshipName: node.township_name, suite: node.suite },
      input,
      token,
      { authorizedAt: at, appliedThrough: Number(node.applied_through) },
    );
    // Nothing the old PC sends is taken any more; but the papers it signed before today stay
    // genuine (a dead disk is not a forger): `sealed_before` says until when its key vouched.
    // An explicit revocation (revokeKey, revokeNode) leaves it empty, and no paper of that key passes.
    await tx
      .updateTable('hub_node_keys')
      .set((eb) => ({
        state: 'revoked',
        revoked_at: at,
        sealed_before: eb.fn.coalesce('sealed_before', eb.val(at)),
      }))
      .where('node_id', '=', node.id)
      .where('state', '!=', 'revoked')
      .execute();
    await tx
      .updateTable('hub_nodes')
      .set({
        status: 'pending',
        token_hash: tokenHash(token.token),
        token_expires_at: token.expiresAt,
        registered_key_id: null,
        revoked_at: null,
        revoke_reason: null,
        rebuild_authorized_at: at,
        rebuild_through: null,
        rebuild_files: 0,
        rebuild_finished_at: null,
      })
      .where('id', '=', node.id)
      .execute();
    ctx.log(`已授权「${node.township_name}」更换电脑并从县级平台重建（${reason}），原电脑的密钥已吊销`);
    return { enrollment };
  });
}

export async function revokeNode(ctx: HubContext, nodeId: string, reason: string): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('hub_nodes')
      .set({ status: 'revoked', revoked_at: at, revoke_reason: reason.trim() || null })
      .where('id', '=', nodeId)
      .where('status', '!=', 'revoked')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await tx.selectFrom('hub_nodes').select('id').where('id', '=', nodeId).executeTakeFirst();
      if (!exists) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
      return; // already revoked: nothing more to do
    }
    // Revoked as compromised: the keys vouch for no paper either (documentVerification.ts).
    await tx
      .updateTable('hub_node_keys')
      .set({ state: 'revoked', revoked_at: at, sealed_before: null })
      .where('node_id', '=', nodeId)
      .where('state', '!=', 'revoked')
      .execute();
  });
  ctx.log(`已吊销节点 ${nodeId}：${reason}`);
}

/** Revokes one key of a node (a stolen laptop): what it signed from now on is refused. */
export async function revokeKey(ctx: HubContext, nodeId: string, keyIdToRevoke: string): Promise<void> {
  const result = await ctx.db
    .updateTable('hub_node_keys')
    .set({ state: 'revoked', revoked_at: ctx.now().toISOString(), sealed_before: null })
    .where('node_id', '=', nodeId)
    .where('key_id', '=', keyIdToRevoke)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw rejection('unknown-key', `节点 ${nodeId} 没有编号为 ${keyIdToRevoke} 的密钥`);
  }
  ctx.log(`已吊销节点 ${nodeId} 的密钥 ${keyIdToRevoke}`);
}

/** Runs `work`, logging a refusal (in its own write) before passing it on. */
async function refusalsLogged<T>(ctx: HubContext, about: RejectionContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = asRejection(error);
    if (!refusal) throw error;
    await recordRejection(ctx, about, refusal);
    throw refusal;
  }
}

export async function register(
  ctx: HubContext,
  bytes: Uint8Array,
  via: Via,
  address?: string,
): Promise<{ nodeId: string; townshipName: string }> {
  const about: RejectionContext = { nodeId: null, kind: 'registration', bytes: bytes.length, via, address };
  return refusalsLogged(ctx, about, async () => {
    const parsed = parseKind(bytes, 'registration');
    about.nodeId = parsed.header.node;
    const node = await loadNode(ctx, parsed.header.node);
    // The keys must be of the suite the county chose: refused before anything is decrypted.
    checkNodeSuite(node, parsed);
    const suite = suiteOf(node.suite);
    // The registration is signed with the key it announces, which is inside: decrypt first,
    // then verify against that key, then check the token that ties the key to the county's file.
    const payload = parsePayload(registrationPayload, openForHub(ctx, parsed));
    if (payload.nodeId !== parsed.header.node) {
      throw rejection('malformed', `登记内容的节点编号 ${payload.nodeId} 与数据包头 ${parsed.header.node} 不符`);
    }
    const signingKey = publicKeyOf(payload.signingPublicKey, 'signingPublicKey', node.suite);
    const boxKey = publicKeyOf(payload.boxPublicKey, 'boxPublicKey', node.suite);
    verifyEnvelope(parsed, signingKey);
    if (!sameHash(tokenHash(payload.token), node.token_hash)) {
      throw rejection('bad-token', '入网口令不正确，请使用县级平台为本乡镇生成的入网文件');
    }
    const signingKeyId = suite.keyId(signingKey);
    if (node.status === 'active') {
      // The same registration again (its answer was lost, or the USB file was imported twice):
      // the keys are already the node's, so answer as before and change nothing.
      if (node.registered_key_id === signingKeyId) return { nodeId: node.id, townshipName: node.township_name };
      throw rejection('bad-token', `入网口令已于 ${node.registered_at ?? '此前'} 使用过，不能再次使用`);
    }
    if (ctx.now().getTime() > Date.parse(node.token_expires_at)) {
      throw rejection('bad-token', `入网口令已于 ${node.token_expires_at} 过期，请县级平台重新生成入网文件`);
    }
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      // Guarded on 'pending': of two registrations racing with the same token, one wins.
      const updated = await tx
        .updateTable('hub_nodes')
        .set({ status: 'active', registered_at: at, registered_key_id: signingKeyId, last_contact_at: at })
        .where('id', '=', node.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw rejection('bad-token', '入网口令刚刚已被使用，不能再次使用');
      await tx
        .insertInto('hub_node_keys')
        .values([
          keyRow(node.id, signingKeyId, 'signing', payload.signingPublicKey, at),
          keyRow(node.id, suite.keyId(boxKey), 'box', payload.boxPublicKey, at),
        ])
        .execute();
    });
    ctx.log(`「${node.township_name}」已入网（签名密钥 ${signingKeyId}，经${via === 'file' ? '文件' : '网络'}）`);
    return { nodeId: node.id, townshipName: node.township_name };
  });
}

function keyRow(nodeId: string, id: string, purpose: 'signing' | 'box', publicKey: string, at: string) {
  return {
    node_id: nodeId,
    key_id: id,
    purpose,
    public_key: publicKey,
    state: 'active' as const,
    created_at: at,
    retired_at: null,
    sealed_before: null,
    revoked_at: null,
  };
}

export async function rotate(
  ctx: HubContext,
  bytes: Uint8Array,
  via: Via,
  address?: string,
): Promise<{ nodeId: string; keyIds: string[] }> {
  const about: RejectionContext = { nodeId: null, kind: 'rotation', bytes: bytes.length, via, address };
  return refusalsLogged(ctx, about, async () => {
    const parsed = parseKind(bytes, 'rotation');
    about.nodeId = parsed.header.node;
    const node = await loadNode(ctx, parsed.header.node);
    checkNodeSuite(node, parsed);
    const suite = suiteOf(node.suite);
    const key = await loadSigningKey(ctx, node.id, parsed.header.signer);
    verifyEnvelope(parsed, publicKeyOf(key.public_key, '已登记的公钥', node.suite));
    const payload = parsePayload(rotationPayload, openForHub(ctx, parsed));
    if (payload.nodeId !== node.id) {
      throw rejection('malformed', `更换内容的节点编号 ${payload.nodeId} 与数据包头 ${node.id} 不符`);
    }
    if (Number.isNaN(Date.parse(payload.rotatedAt))) throw rejection('malformed', 'rotatedAt 不是有效的时间');
    const signingKey = publicKeyOf(payload.signingPublicKey, 'signingPublicKey', node.suite);
    const boxKey = publicKeyOf(payload.boxPublicKey, 'boxPublicKey', node.suite);
    const keyIds = [suite.keyId(signingKey), suite.keyId(boxKey)];
    const at = ctx.now().toISOString();

    await ctx.db.transaction().execute(async (tx) => {
      // The node row first, as apply does, so a rotation and a batch of the same node queue
      // behind each other instead of locking in opposite orders.
      if (ctx.dialect === 'postgres') {
        await tx.selectFrom('hub_nodes').select('id').where('id', '=', node.id).forUpdate().execute();
      }
      const current = await tx
        .selectFrom('hub_node_keys')
        .select(['key_id', 'purpose', 'state'])
        .where('node_id', '=', node.id)
        .where('state', '=', 'active')
        .execute();
      const signer = current.find((k) => k.key_id === key.key_id);
      if (!signer) {
        // Signed by a key that is no longer current: either the repeat of the very rotation that
        // retired it (its answer was lost; the announced keys are already current) or a stale one.
        const announcedCurrent = keyIds.every((id) => current.some((k) => k.key_id === id));
        if (announcedCurrent) return;
        throw rejection('unknown-key', `签名密钥 ${key.key_id} 已更换，不能再用它更换密钥`);
      }
      if (keyIds.some((id) => id === key.key_id) || keyIds[0] === keyIds[1]) {
        throw rejection('malformed', '新密钥不能与当前密钥相同');
      }
      const known = await tx
        .selectFrom('hub_node_keys')
        .select('key_id')
        .where('node_id', '=', node.id)
        .where('key_id', 'in', keyIds)
        .execute();
      if (known.length > 0) throw rejection('malformed', `密钥 ${known[0]!.key_id} 此前已登记过，请生成新的密钥`);
      await tx
        .updateTable('hub_node_keys')
        .set({ state: 'retired', retired_at: at, sealed_before: payload.rotatedAt })
        .where('node_id', '=', node.id)
        .where('state', '=', 'active')
        .execute();
      await tx
        .insertInto('hub_node_keys')
        .values([
          keyRow(node.id, keyIds[0]!, 'signing', payload.signingPublicKey, at),
          keyRow(node.id, keyIds[1]!, 'box', payload.boxPublicKey, at),
        ])
        .execute();
      await tx.updateTable('hub_nodes').set({ last_contact_at: at }).where('id', '=', node.id).execute();
    });
    ctx.log(`节点 ${node.id} 已更换密钥：签名 ${keyIds[0]}，加密 ${keyIds[1]}`);
    return { nodeId: node.id, keyIds };
  });
}
