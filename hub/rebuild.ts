// Rebuilding a township from the hub's copy (docs/rebuild.md): after the county authorised a
// replacement PC (nodes.ts `authorizeReplacement`) and the replacement registered its new keys,
// it downloads the township's own change log page by page and its attachments one by one, each
// sealed to its new box key and signed by the hub, over the pinned link. The hub notes how far
// it got, for the county's page; the replacement says when it is done, and the download closes.
import { utf8 } from '../shared/sync/bytes';
import { sealEnvelope } from '../shared/sync/envelope';
import { changeEntryOfRow, rebuildPayload, type ChangeEntry, type RebuildPayload } from '../shared/sync/protocol';
import { fromBase64Url } from '../shared/sync/bytes';
import type { HubContext } from './context';
import { packContainer } from '../shared/sync/container';
import { hubKeysFor } from './identity';
import { rejection } from './rejection';

/** Entries per page: a page stays a few MiB of JSON, a few seconds at 2 Mbit/s once deflated. */
export const REBUILD_PAGE_ENTRIES = 2_000;
const REBUILD_PAGE_JSON_BYTES = 6 * 1024 * 1024;

interface RebuildingNode {
  id: string;
  suite: HubNodeSuite;
  applied_through: number;
  last_batch_hash: string;
  down_applied: number;
  boxKey: Uint8Array;
}
type HubNodeSuite = Parameters<typeof hubKeysFor>[1];

/** The node, if a rebuild is authorised, registered and not finished; refused otherwise. */
async function rebuildingNode(ctx: HubContext, nodeId: string): Promise<RebuildingNode> {
  const node = await ctx.db
    .selectFrom('hub_nodes')
    .select([
      'id',
      'township_name',
      'status',
      'suite',
      'applied_through',
      'last_batch_hash',
      'down_applied',
      'rebuild_authorized_at',
      'rebuild_finished_at',
    ])
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (!node) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
  if (!node.rebuild_authorized_at) {
    throw rejection('not-authorized', `县级平台未授权「${node.township_name}」从平台重建数据`);
  }
  if (node.rebuild_finished_at) {
    throw rejection(
      'not-authorized',
      `「${node.township_name}」已于 ${node.rebuild_finished_at} 完成重建，不能再次下载`,
    );
  }
  const box = await ctx.db
    .selectFrom('hub_node_keys')
    .select('public_key')
    .where('node_id', '=', nodeId)
    .where('purpose', '=', 'box')
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!box) throw rejection('unknown-key', `「${node.township_name}」的新电脑尚未登记密钥`);
  return {
    id: node.id,
    suite: node.suite,
    applied_through: Number(node.applied_through),
    last_batch_hash: node.last_batch_hash,
    down_applied: Number(node.down_applied),
    boxKey: fromBase64Url(box.public_key),
  };
}

function sealTo(
  ctx: HubContext,
  node: RebuildingNode,
  kind: 'rebuild' | 'file',
  plaintext: Uint8Array,
  sha256?: string,
) {
  return sealEnvelope({
    suite: node.suite,
    header: { kind, node: node.id, created: ctx.now().toISOString(), ...(sha256 ? { sha256 } : {}) },
    plaintext,
    recipientPublicKey: node.boxKey,
    signer: hubKeysFor(ctx.identity, node.suite).signing,
  });
}

/** The page of entries after `after`, sealed to the replacement, and the last entry in it. */
async function sealPage(
  ctx: HubContext,
  node: RebuildingNode,
  after: number,
): Promise<{ sealed: Uint8Array; through: number }> {
  const rows = await ctx.db
    .selectFrom('hub_entries')
    .selectAll()
    .where('node_id', '=', node.id)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(REBUILD_PAGE_ENTRIES)
    .execute();
  const entries: ChangeEntry[] = [];
  let size = 0;
  for (const row of rows) {
    size += row.data.length + (row.row_images?.length ?? 0) + 200;
    if (entries.length > 0 && size > REBUILD_PAGE_JSON_BYTES) break;
    entries.push(changeEntryOfRow(row));
  }
  const payload: RebuildPayload = rebuildPayload.parse({
    nodeId: node.id,
    after,
    entries,
    appliedThrough: node.applied_through,
    lastBatchHash: node.last_batch_hash,
    downApplied: node.down_applied,
    issuedAt: ctx.now().toISOString(),
  });
  return {
    sealed: sealTo(ctx, node, 'rebuild', utf8(JSON.stringify(payload))),
    through: entries.at(-1)?.seq ?? after,
  };
}

/**
 * The page of the node's entries after `after`, sealed. Asking for a page also says the node
 * has received everything up to `after` (it asks for the next page while it puts one in): that
 * is the progress the county sees.
 */
export async function rebuildPage(ctx: HubContext, nodeId: string, after: number): Promise<Uint8Array> {
  const node = await rebuildingNode(ctx, nodeId);
  const { sealed } = await sealPage(ctx, node, after);
  await ctx.db
    .updateTable('hub_nodes')
    .set({ rebuild_through: after, last_contact_at: ctx.now().toISOString() })
    .where('id', '=', nodeId)
    .execute();
  return sealed;
}

/** One of the node's attachments the hub holds, sealed to the replacement. */
export async function rebuildFile(ctx: HubContext, nodeId: string, sha256: string): Promise<Uint8Array> {
  const node = await rebuildingNode(ctx, nodeId);
  const sealed = await sealFile(ctx, node, sha256);
  await ctx.db
    .updateTable('hub_nodes')
    .set((eb) => ({ rebuild_files: eb(eb.fn.coalesce('rebuild_files', eb.val(0)), '+', 1) }))
    .where('id', '=', nodeId)
    .execute();
  return sealed;
}

async function sealFile(ctx: HubContext, node: RebuildingNode, sha256: string): Promise<Uint8Array> {
  const stored = await ctx.db
    .selectFrom('hub_files')
    .select('sha256')
    .where('node_id', '=', node.id)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!stored) throw rejection('not-found', `县级平台没有这个附件（${sha256.slice(0, 12)}…）：原电脑未曾上报`);
  return sealTo(ctx, node, 'file', await ctx.files.read(node.id, sha256), sha256);
}

/** The replacement has everything: the download closes, and the county's page says so. */
export async function finishRebuild(ctx: HubContext, nodeId: string): Promise<void> {
  const node = await rebuildingNode(ctx, nodeId);
  const at = ctx.now().toISOString();
  await ctx.db
    .updateTable('hub_nodes')
    .set({ rebuild_finished_at: at, rebuild_through: node.applied_through, last_contact_at: at })
    .where('id', '=', nodeId)
    .execute();
  ctx.log(`节点 ${nodeId} 已从县级平台重建完成（至第 ${node.applied_through} 号变更）`);
}

/**
 * Everything a replacement PC without a link needs, in one USB file (`shared/sync/container.ts`):
 * every page of the township's entries, then every attachment the hub holds, each sealed to the
 * replacement's registered key as over the link. The county hands it over after importing the
 * replacement's registration file; the rebuild is counted finished when the township's first
 * batch after it arrives.
 */
export async function rebuildPackage(ctx: HubContext, nodeId: string): Promise<Uint8Array> {
  const node = await rebuildingNode(ctx, nodeId);
  const envelopes: Uint8Array[] = [];
  for (let after = 0; ;) {
    const page = await sealPage(ctx, node, after);
    envelopes.push(page.sealed);
    if (page.through === after || page.through >= node.applied_through) break;
    after = page.through;
  }
  const files = await ctx.db
    .selectFrom('hub_files')
    .select('sha256')
    .where('node_id', '=', nodeId)
    .orderBy('sha256')
    .execute();
  for (const { sha256 } of files) envelopes.push(await sealFile(ctx, node, sha256));
  await ctx.db
    .updateTable('hub_nodes')
    .set({ rebuild_through: node.applied_through, rebuild_files: files.length })
    .where('id', '=', nodeId)
    .execute();
  ctx.log(`已为节点 ${nodeId} 导出重建文件（至第 ${node.applied_through} 号变更，附件 ${files.length} 个）`);
  return packContainer(envelopes);
}
