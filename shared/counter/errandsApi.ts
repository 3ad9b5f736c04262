// Village agents' errands (代办): the resident authorises an agent, the agent collects the
// materials, hands a batch over at the counter (each errand then runs as an ordinary case),
// and brings the result back. An errand is made on the agent's own node — possibly a laptop
// in a village with no link — so it has a UUID, and its authorisation form's number (委托书编号)
// comes from a block the township reserved for that node (errandAuthorisationNumbers.ts).
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { COUNTER_READERS, COUNTER_STAFF, RECEIPT_PAPERS, caseSummary } from './casesApi';
import { MATERIAL_FORMS } from '../catalog/catalog';
import { attachmentLink, attachmentUploadFields, issuedDocument } from '../documents/api';
import { dateString, entityId, optionalText, requiredText, MULTILINE } from '../validation/fields';
import { AGENTS } from './errandKind';
import { ERRAND_STATUSES } from './errandStatuses';

export { AGENTS } from './errandKind';
export { ERRAND_STATUS_LABELS, ERRAND_STATUSES, type ErrandStatus } from './errandStatuses';

export const errandMaterial = z.object({
  name: z.string(),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number(),
  required: z.boolean(),
  note: z.string().optional(),
  collected: z.boolean(),
});
export type ErrandMaterial = z.infer<typeof errandMaterial>;

/** A photo or scan of the errand's materials, kept by content (SHA-256) and opened by a short-lived link. */
export const errandAttachment = z.object({
  id: z.string(),
  /** The material of the errand's list it shows, or null. */
  material: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  caption: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
});
export type ErrandAttachment = z.infer<typeof errandAttachment>;

export const errandRecord = z.object({
  id: z.string(),
  status: z.enum(ERRAND_STATUSES),
  agentId: z.string(),
  agentName: z.string(),
  villageName: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  idNumberMasked: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  materials: z.array(errandMaterial),
  note: z.string(),
  authorisedOn: z.string(),
  /** Once handed over: the case it became, as the counter sees it now. */
  case: caseSummary.nullable(),
  delivery: z.object({ signedBy: z.string(), deliveredOn: z.string() }).nullable(),
  withdrawReason: z.string().nullable(),
  /** The 委托代办授权书 issued at registration, for a reprint. */
  authorisationDocumentId: z.string().nullable(),
  /** Its number (委托书编号, `WT-2026-000123`); null on errands registered before forms were numbered. */
  authorisationNumber: z.string().nullable(),
  /** Photos and scans of its materials, oldest first (`errands.attachmentFile` opens one). */
  attachments: z.array(errandAttachment),
  version: z.number(),
});
export type ErrandRecord = z.infer<typeof errandRecord>;

export const agentRecord = z.object({
  userId: z.string(),
  name: z.string(),
  active: z.boolean(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
});
export type AgentRecord = z.infer<typeof agentRecord>;

const errandId = entityId('代办事项');
const errandVersion = z.number().int().min(1).describe('版本');

const countsRow = {
  registered: z.number(),
  handedOver: z.number(),
  delivered: z.number(),
};

export const errandsProcedures = defineProcedures({
  'errands.register': {
    summary: '代办员登记一项代办（居民委托），出具委托代办授权书供居民签字；同一 requestId 重复提交只登记一次',
    kind: 'command',
    access: AGENTS,
    input: z.strictObject({
      requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
      residentId: entityId('委托人'),
      itemCode: z.string().max(20).describe('代办事项'),
      note: optionalText('备注', 300),
    }),
    output: z.object({ errand: errandRecord, document: issuedDocument }),
  },
  'errands.collect': {
    summary: '代办员登记已收取的材料（必需材料齐全后可交接）',
    kind: 'command',
    access: AGENTS,
    record: { kind: 'errand', field: 'errandId' },
    input: z.strictObject({
      errandId,
      version: errandVersion,
      collectedMaterials: z.array(z.string().max(80)).max(30).describe('已收材料'),
    }),
    output: z.object({ errand: errandRecord }),
  },
  'errands.attach': {
    summary: '添加代办材料的照片或扫描件（可注明是哪项材料），保存在数据目录并记下哈希',
    kind: 'command',
    access: [...AGENTS, ...COUNTER_STAFF],
    record: { kind: 'errand', field: 'errandId' },
    input: z.strictObject({
      errandId,
      material: z.string().max(80).nullable().optional().describe('所示材料'),
      ...attachmentUploadFields,
    }),
    output: errandAttachment,
  },
  'errands.attachmentFile': {
    summary: '打开代办的一个附件（短时有效的文件链接）',
    kind: 'query',
    access: [...AGENTS, ...COUNTER_READERS],
    record: { kind: 'errand', attachment: 'attachmentId' },
    audit: { what: '查看代办附件：' },
    input: z.strictObject({ attachmentId: entityId('附件') }),
    output: attachmentLink,
  },
  'errands.withdraw': {
    summary: '撤回未交接的代办（写明原因）',
    kind: 'command',
    access: [...AGENTS, 'administrator'],
    record: { kind: 'errand', field: 'errandId' },
    input: z.strictObject({ errandId, version: errandVersion, reason: requiredText('撤回原因', 200, MULTILINE) }),
    output: z.object({ errand: errandRecord }),
  },
  'errands.mine': {
    summary: '代办员本人的代办及各件进度',
    kind: 'query',
    access: AGENTS,
    audit: { what: '查看本人的代办', list: { kind: 'errand', fields: ['errands'] } },
    input: z.strictObject({ includeClosed: z.boolean().optional().describe('含已送达、已撤回') }),
    output: z.object({ errands: z.array(errandRecord) }),
  },
  'errands.awaitingHandover': {
    summary: '窗口：各代办员材料已收齐、待交接的代办',
    kind: 'query',
    access: COUNTER_STAFF,
    audit: { what: '查看待交接的代办', list: { kind: 'errand', fields: ['agents.errands'] } },
    input: z.strictObject({}),
    output: z.object({
      agents: z.array(z.object({ agent: agentRecord, errands: z.array(errandRecord) })),
    }),
  },
  'errands.handOver': {
    summary: '窗口接收一批代办材料：每项受理为办件（编号、承诺日期、受理回执），出具双方签字的材料交接单',
    kind: 'command',
    access: COUNTER_STAFF,
    input: z.strictObject({
      requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
      agentId: entityId('代办员'),
      errandIds: z.array(errandId).min(1, { message: '请至少选择一项代办' }).max(50).describe('交接的代办'),
      window: requiredText('受理窗口', 20),
      receiptPaper: z.enum(RECEIPT_PAPERS).optional().describe('回执纸张'),
    }),
    output: z.object({
      handoverId: z.string(),
      errands: z.array(errandRecord),
      handoverList: issuedDocument,
      receipts: z.array(issuedDocument),
    }),
  },
  'errands.recordDelivery': {
    summary: '代办员把办理结果交给居民后登记送达（居民签收）',
    kind: 'command',
    access: AGENTS,
    record: { kind: 'errand', field: 'errandId' },
    input: z.strictObject({
      errandId,
      version: errandVersion,
      signedBy: requiredText('签收人', 50),
      deliveredOn: dateString('送达日期').optional(),
    }),
    output: z.object({ errand: errandRecord }),
  },
  'errands.agents': {
    summary: '代办员名单及所属村（社区）',
    kind: 'query',
    access: [...COUNTER_READERS],
    input: z.strictObject({}),
    output: z.object({ agents: z.array(agentRecord) }),
  },
  'errands.setAgentVillage': {
    summary: '设定代办员所属的村（社区）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({ userId: entityId('代办员'), villageId: entityId('村（社区）') }),
    output: agentRecord,
  },
  'errands.monthlyCounts': {
    summary: '某月各代办员、各村的代办件数（登记、交接、送达），用于报酬和考核',
    kind: 'query',
    access: COUNTER_READERS,
    input: z.strictObject({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 年-月，如 2026-10' })
        .describe('月份'),
    }),
    output: z.object({
      byAgent: z.array(z.object({ agentId: z.string(), agentName: z.string(), villageName: z.string(), ...countsRow })),
      byVillage: z.array(z.object({ villageName: z.string(), ...countsRow })),
    }),
  },
});
