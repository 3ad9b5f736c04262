// The township's village nodes (ARCHITECTURE principle 9) on the typed API: the administrator
// enrolls a village committee PC or an agent's laptop (the township issues the file, the keys
// are made on the village node), sees each node's last contact and how far its records came in,
// carries USB files both ways for a village without a link, and retires a node.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { uploadIdField } from '../api/uploads';
import { entityId, requiredText } from '../validation/fields';
import { SYNC_ADMINS, SYNC_READERS } from './api';

export const VILLAGE_NODE_STATUS_LABELS = { active: '在用', retired: '已停用' } as const;

export const villageNodeRecord = z.object({
  id: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  name: z.string(),
  status: z.enum(['active', 'retired']),
  /** Keys registered (the village imported its file and reached the township, or sent its registration file). */
  registered: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string(),
  lastContactAt: z.string().nullable(),
  /** The village's entries the township has received, and taken into its own records. */
  receivedThrough: z.number(),
  takenInThrough: z.number(),
  retiredAt: z.string().nullable(),
  version: z.number(),
});
export type VillageNodeRecord = z.infer<typeof villageNodeRecord>;

const fileUrl = z.object({ fileUrl: z.string(), fileName: z.string() });
/** A node's id at the receiving library (a UUID, as the county's are). */
const villageNodeId = z.uuid({ message: '村级节点编号无效' }).describe('村级节点');

export const villageNodesProcedures = defineProcedures({
  'villageNodes.list': {
    summary: '村级节点：本乡镇为各村发放的节点、最近联系时间、已接收与已并入的记录',
    kind: 'query',
    access: SYNC_READERS,
    input: z.strictObject({}),
    output: z.object({ nodes: z.array(villageNodeRecord), lanUrl: z.string().nullable() }),
  },
  'villageNodes.create': {
    summary:
      '为一个村（社区）发放村级节点入网文件：村里的电脑导入后生成自己的密钥，经大厅网络（或 U 盘文件）与乡镇同步；须先开放大厅网络',
    kind: 'command',
    access: SYNC_ADMINS,
    audit: {
      action: 'export',
      what: '发放村级节点入网文件',
      describe: (_input: unknown, output: { node: { villageName: string } }) =>
        `为“${output.node.villageName}”发放村级节点入网文件`,
    },
    input: z.strictObject({
      villageId: entityId('村（社区）'),
      name: requiredText('节点名称', 40),
      validDays: z
        .number({ message: '有效天数：请填写 1–30 之间的整数' })
        .int({ message: '有效天数：应为整数' })
        .min(1, { message: '有效天数：至少 1 天' })
        .max(30, { message: '有效天数：最多 30 天' })
        .optional()
        .describe('有效天数'),
      blockSize: z
        .number({ message: '每段号数：请填写 10–10000 之间的整数' })
        .int({ message: '每段号数：应为整数' })
        .min(10, { message: '每段号数：至少 10 个' })
        .max(10_000, { message: '每段号数：最多 10000 个' })
        .optional()
        .describe('每段号数（委托书、诉求编号各预留一段；用到剩两成时自动再领）'),
    }),
    output: fileUrl.extend({ node: villageNodeRecord }),
  },
  'villageNodes.retire': {
    summary: '停用村级节点（电脑报废、丢失或更换）：此后它发来的一切均被拒绝',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({
      id: villageNodeId,
      version: z.number().int(),
      reason: requiredText('停用原因', 200),
    }),
    output: z.object({ node: villageNodeRecord }),
  },
  'villageNodes.replyFile': {
    summary: '为没有网络的村导出回执文件（U 盘带回村里导入）：乡镇的答复、基础数据与号段',
    kind: 'command',
    access: SYNC_ADMINS,
    audit: {
      action: 'export',
      what: '导出给村级节点的回执文件',
      describe: (_input: unknown, output: { fileName: string }) => `导出回执文件“${output.fileName}”`,
    },
    input: z.strictObject({ id: villageNodeId }),
    output: fileUrl,
  },
  'villageNodes.importFile': {
    summary: '导入村级节点用 U 盘带来的同步文件：接收其记录并并入本乡镇，生成给该村的回执文件',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({
      fileName: z.string().max(200),
      uploadId: uploadIdField('同步文件'),
    }),
    output: z.object({
      outcomes: z.array(
        z.object({
          kind: z.string().nullable(),
          result: z.string(),
          nodeId: z.string().nullable(),
          message: z.string(),
        }),
      ),
      replies: z.array(fileUrl.extend({ villageName: z.string() })),
    }),
  },
});
