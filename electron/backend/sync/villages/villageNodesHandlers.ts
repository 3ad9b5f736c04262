import type { VillageNodeRecord } from '../../../../shared/sync/villageNodesApi';
import type { RequestContext } from '../../api/context';
import { fail } from '../../api/failure';
import type { HandlersFor } from '../../api/handlers';
import { readSetting, SETTING_TOWNSHIP_NAME } from '../../auth/nodeSettings';
import type { HallNetworkController } from '../../hallNetwork/hallNetworkController';
import { readNumber, writeNumber } from '../syncState';
import { answeredSetting, packagesOf, referenceRows } from './answers';
import { projectedSetting, reportedBlockUse } from './projection';
import { DEFAULT_BLOCK_SIZE, wantedScopes } from '../../../../shared/workflow/numberBlocks';
import { blocksFor, reserveBlock, returnUnused } from '../../workflow/numberBlocks';
import type { VillageReceiver } from './receiver';

const NO_LAN =
  '请先在“系统管理 → 大厅网络”开放局域网访问：村级节点经大厅网络与乡镇同步，入网文件要写明它的地址和证书（没有网络的村也一样，以后可改用 U 盘文件）';
const UPLOAD_FIELD = { name: 'uploadId', label: '同步文件' };
const FILE_TYPE = 'application/octet-stream';

type Names =
  | 'villageNodes.list'
  | 'villageNodes.create'
  | 'villageNodes.retire'
  | 'villageNodes.replyFile'
  | 'villageNodes.importFile';

function fileLink(ctx: RequestContext, bytes: Uint8Array, fileName: string, urlName: string, contentType = FILE_TYPE) {
  return {
    fileUrl: ctx.documents.tickets.issue({ urlName, downloadName: fileName, contentType, read: async () => bytes }),
    fileName,
  };
}

export function villageNodesHandlers(
  receiver: VillageReceiver,
  hallNetwork: HallNetworkController | null,
): HandlersFor<Names> {
  async function recordsOf(ctx: RequestContext, id?: string): Promise<VillageNodeRecord[]> {
    const rows = await ctx.db
      .selectFrom('village_nodes as n')
      .innerJoin('villages as v', 'v.id', 'n.village_id')
      .select([
        'n.id',
        'n.village_id',
        'v.name as village_name',
        'n.name',
        'n.status',
        'n.created_at',
        'n.created_by_name',
        'n.retired_at',
        'n.version',
      ])
      .$if(id !== undefined, (q) => q.where('n.id', '=', id!))
      .orderBy('v.name')
      .orderBy('n.created_at')
      .execute();
    if (rows.length === 0) return [];
    const hub = await receiver.hub();
    const states = await hub.db
      .selectFrom('hub_nodes')
      .select(['id', 'status', 'last_contact_at', 'applied_through', 'registered_at'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const stateOf = new Map(states.map((s) => [s.id, s]));
    return Promise.all(
      rows.map(async (row) => {
        const state = stateOf.get(row.id);
        return {
          id: row.id,
          villageId: row.village_id,
          villageName: row.village_name,
          name: row.name,
          status: row.status,
          registered: Boolean(state?.registered_at),
          createdAt: row.created_at,
          createdByName: row.created_by_name,
          lastContactAt: state?.last_contact_at ?? null,
          receivedThrough: Number(state?.applied_through ?? 0),
          takenInThrough: await readNumber(ctx.db, projectedSetting(row.id)),
          retiredAt: row.retired_at,
          version: row.version,
        };
      }),
    );
  }

  return {
    async 'villageNodes.list'(_input, ctx) {
      const status = hallNetwork ? await hallNetwork.status() : null;
      return { nodes: await recordsOf(ctx), lanUrl: status?.listening ? (status.urls[0] ?? null) : null };
    },

    async 'villageNodes.create'(input, ctx) {
      const status = hallNetwork ? await hallNetwork.status() : null;
      const url = status?.urls[0];
      if (!status?.certificate || !url) fail('CONFLICT', NO_LAN);
      const village = await ctx.db
        .selectFrom('villages')
        .select(['id', 'name'])
        .where('id', '=', input.villageId)
        .executeTakeFirst();
      if (!village)
        fail('VALIDATION', '没有这个村（社区），请重新选择', {
          fieldErrors: { villageId: '没有这个村（社区），请重新选择' },
        });
      const townshipName = (await readSetting(ctx.db, SETTING_TOWNSHIP_NAME)) ?? '';
      const hub = await receiver.hub();
      const { nodeId, enrollment } = await hub.createNode({
        townshipName: input.name,
        hubUrl: url.replace(/\/$/, ''),
        certificatePem: status.certificate.pem,
        certificateFingerprint: status.certificate.fingerprint,
        validDays: input.validDays,
        village: { id: village.id, name: village.name, townshipName },
      });
      const blocks = await ctx.write(async (scope) => {
        await scope.insert(
          'village_nodes',
          {
            id: nodeId,
            village_id: village.id,
            name: input.name,
            status: 'active',
            created_at: scope.at,
            created_by_name: scope.actor.name,
            retired_at: null,
            retire_reason: null,
          },
          { entity: 'villageNode', id: nodeId, op: 'create', data: { villageId: village.id, name: input.name } },
        );
        // Its first numbers, so that it can work before it ever reaches the township again.
        const first = [];
        for (const numbers of wantedScopes(ctx.today)) {
          first.push(
            await reserveBlock(scope, { nodeId, scope: numbers, size: input.blockSize ?? DEFAULT_BLOCK_SIZE }),
          );
        }
        return first;
      });
      await hub.publishNumberBlocks(blocks, [nodeId]);
      // What the village starts from, queued for its first download; later changes follow from here.
      const through = (
        await ctx.db
          .selectFrom('change_log')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq;
      for (const pkg of packagesOf(`${townshipName}的基础数据`, await referenceRows(ctx.db, village.id))) {
        await hub.publishRecords(pkg.about, pkg.rows, [nodeId]);
      }
      await writeNumber(ctx.db, answeredSetting(nodeId), Number(through ?? 0));
      const [node] = await recordsOf(ctx, nodeId);
      const bytes = new TextEncoder().encode(JSON.stringify(enrollment, null, 2));
      return {
        ...fileLink(ctx, bytes, `村级节点入网文件-${village.name}.json`, 'village-enrollment.json', 'application/json'),
        node: node!,
      };
    },

    async 'villageNodes.retire'(input, ctx) {
      const [node] = await recordsOf(ctx, input.id);
      if (!node) fail('NOT_FOUND', '没有这个村级节点');
      if (node.status === 'retired') fail('CONFLICT', '这个村级节点已经停用');
      const hub = await receiver.hub();
      // Whatever it sent before is taken in first; from now on it is refused.
      await receiver.catchUp();
      await hub.revokeNode(input.id, input.reason);
      await ctx.write(async (scope) => {
        await scope.update(
          'village_nodes',
          { id: input.id, version: input.version },
          { status: 'retired', retired_at: scope.at, retire_reason: input.reason },
          { entity: 'villageNode', id: input.id, op: 'retire', data: { reason: input.reason } },
          '这个村级节点刚被修改过，请刷新后再操作',
        );
        // Its numbers it never drew go back, to be issued again; a block it never reported on
        // stays held (it may have drawn from it unseen: a number must never be issued twice).
        const uses = [];
        for (const block of await blocksFor(scope.tx, input.id)) {
          const used = await reportedBlockUse(scope.tx, input.id, block.id);
          if (used !== undefined) uses.push({ blockId: block.id, usedThrough: used });
        }
        await returnUnused(scope, input.id, uses);
      });
      const [retired] = await recordsOf(ctx, input.id);
      return { node: retired! };
    },

    async 'villageNodes.replyFile'(input, ctx) {
      const [node] = await recordsOf(ctx, input.id);
      if (!node) fail('NOT_FOUND', '没有这个村级节点');
      const file = await (await receiver.hub()).replyFile(node.id);
      return fileLink(ctx, file, `乡镇回执-${node.villageName}-${ctx.today}.tdsync`, 'village-reply.tdsync');
    },

    async 'villageNodes.importFile'(input, ctx) {
      const { bytes } = await ctx.documents.uploads.take(input.uploadId, ctx.requireSession().tokenHash, UPLOAD_FIELD);
      const hub = await receiver.hub();
      let result;
      try {
        result = await hub.importFile(bytes);
      } catch (error) {
        fail('VALIDATION', `同步文件无法使用：${error instanceof Error ? error.message : String(error)}`, {
          fieldErrors: { uploadId: '同步文件无法使用' },
        });
      }
      const names = new Map((await recordsOf(ctx)).map((n) => [n.id, n.villageName]));
      return {
        outcomes: result.outcomes.map((o) => ({
          kind: o.kind,
          result: o.result,
          nodeId: o.nodeId,
          message: o.message,
        })),
        replies: result.replies.map((reply) => ({
          ...fileLink(
            ctx,
            reply.file,
            `乡镇回执-${names.get(reply.nodeId) ?? reply.nodeId}-${ctx.today}.tdsync`,
            'village-reply.tdsync',
          ),
          villageName: names.get(reply.nodeId) ?? reply.townshipName,
        })),
      };
    },
  };
}
