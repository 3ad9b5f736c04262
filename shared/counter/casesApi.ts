// The counter's cases (办件): intake, each step of handling, the worklist.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { issuedDocument } from '../documents/api';
import { dateString, entityId, optionalText, requiredText, MULTILINE } from '../validation/fields';
import { HANDLING_TYPES, MATERIAL_FORMS, SERVICE_CATEGORIES } from '../catalog/catalog';
import { CASE_STATUSES } from './caseStatus';
import { COUNTER_READERS, COUNTER_STAFF } from './caseKind';
import { DEADLINE_COLOURS } from './deadline';

export { COUNTER_READERS, COUNTER_STAFF };

export const RECEIPT_PAPERS = ['a5', 'receipt80'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPERS)[number];
export const RECEIPT_PAPER_LABELS: Record<ReceiptPaper, string> = { a5: 'A5 纸', receipt80: '80 毫米小票' };

export const PAUSE_KINDS = ['materials', 'approved'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];
export const PAUSE_KIND_LABELS: Record<PauseKind, string> = {
  materials: '补正材料',
  approved: '经批准暂停（公示、鉴定、听证等）',
};

export const OUTCOMES = ['approved', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { approved: '准予办理', refused: '不予批准' };

export const DELIVERY_METHODS = ['collected', 'agent', 'post'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  collected: '本人（或家属）到窗口领取',
  agent: '代办员送达',
  post: '邮寄送达',
};

/** The national five levels of 好差评, best first. */
export const RATING_LEVELS = [
  'verySatisfied',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'veryDissatisfied',
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};
/** Counted as satisfied in the satisfaction rate (满意 or better). */
export const SATISFIED_LEVELS: readonly RatingLevel[] = ['verySatisfied', 'satisfied'];
/** A rating that opens a follow-up (整改) task. */
export const POOR_LEVELS: readonly RatingLevel[] = ['dissatisfied', 'veryDissatisfied'];

export const RATING_CHANNELS = ['resident', 'clerk', 'agent'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Record<RatingChannel, string> = {
  resident: '群众评价',
  clerk: '工作人员代为记录',
  agent: '代办员转达',
};
/**
 * What a clerk may record from their own screen: the resident's own rating comes only from the
 * rating pad paired to the window (hallScreens.padRate), never clicked in their name.
 */
export const CLERK_RATING_CHANNELS = ['clerk', 'agent'] as const satisfies readonly RatingChannel[];
export const CLERK_RATING_CHANNEL_MESSAGE =
  '群众本人的评价只能由群众在窗口评价器上点选，工作人员只能选择“工作人员代为记录”或“代办员转达”';

const caseId = entityId('办件');
/** The case as the clerk last saw it: a command on a case changed since is refused. */
const caseVersion = z.number().int().min(1).describe('版本');
/** A step's date, today when absent; never before the case's previous step, never in the future. */
const stepDate = (label: string) => dateString(label).optional();

export const caseMaterial = z.object({
  name: z.string(),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number(),
  required: z.boolean(),
  note: z.string().optional(),
  received: z.boolean(),
});
export type CaseMaterial = z.infer<typeof caseMaterial>;

const deadlineState = z.object({
  colour: z.enum(DEADLINE_COLOURS),
  dueDate: z.string().nullable(),
  workingDaysLeft: z.number().nullable(),
  /** The due date lies in a year without its official arrangement: 暂定. */
  provisional: z.boolean(),
});

export const caseSummary = z.object({
  id: z.string(),
  caseNumber: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  residentName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  handlingType: z.enum(HANDLING_TYPES),
  window: z.string(),
  clerkName: z.string(),
  intakeAt: z.string(),
  acceptedOn: z.string().nullable(),
  promisedDate: z.string().nullable(),
  /** Open cases only: the warning today. */
  deadline: deadlineState.nullable(),
  /** A poor rating whose follow-up is not closed. */
  followUpOpen: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseRecord = caseSummary.extend({
  resident: z.object({
    id: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    villageName: z.string(),
  }),
  item: z.object({
    code: z.string(),
    name: z.string(),
    category: z.enum(SERVICE_CATEGORIES),
    department: z.string(),
    handlingType: z.enum(HANDLING_TYPES),
    promisedWorkingDays: z.number().nullable(),
    forwardedTo: z.string().nullable(),
  }),
  materials: z.array(caseMaterial),
  note: z.string(),
  clerkId: z.string().nullable(),
  /** The promised date at acceptance, before any pause moved it. */
  originalPromisedDate: z.string().nullable(),
  pausedWorkingDays: z.number(),
  pause: z.object({ kind: z.enum(PAUSE_KINDS), reason: z.string(), pausedOn: z.string() }).nullable(),
  pauses: z.array(
    z.object({
      kind: z.enum(PAUSE_KINDS),
      reason: z.string(),
      pausedOn: z.string(),
      resumedOn: z.string().nullable(),
      workingDays: z.number().nullable(),
    }),
  ),
  forward: z
    .object({
      sentOn: z.string(),
      department: z.string(),
      repliedOn: z.string().nullable(),
      reply: z.string().nullable(),
    })
    .nullable(),
  outcome: z.object({ result: z.enum(OUTCOMES), note: z.string(), completedOn: z.string() }).nullable(),
  delivery: z.object({ method: z.enum(DELIVERY_METHODS), signedBy: z.string(), deliveredOn: z.string() }).nullable(),
  rating: z
    .object({
      level: z.enum(RATING_LEVELS),
      channel: z.enum(RATING_CHANNELS),
      comment: z.string(),
      ratedAt: z.string(),
    })
    .nullable(),
  followUp: z
    .object({
      openedAt: z.string(),
      closedAt: z.string().nullable(),
      actionTaken: z.string().nullable(),
      closedByName: z.string().nullable(),
    })
    .nullable(),
  refusal: z.object({ reason: z.string(), redirectTo: z.string() }).nullable(),
  voided: z.object({ reason: z.string(), at: z.string(), byName: z.string() }).nullable(),
  /** The last step's date: no later step may be dated before it. */
  lastStepOn: z.string(),
  version: z.number(),
});
export type CaseRecord = z.infer<typeof caseRecord>;

export const caseHistoryEntry = z.object({
  at: z.string(),
  op: z.string(),
  actorName: z.string(),
  summary: z.string(),
});
export type CaseHistoryEntry = z.infer<typeof caseHistoryEntry>;

/** A photo or scan of the case's materials, kept by content (SHA-256) and opened by a short-lived link. */
export const caseAttachment = z.object({
  id: z.string(),
  /** The material of the case's list it shows, or null. */
  material: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  caption: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
});
export type CaseAttachment = z.infer<typeof caseAttachment>;

export const caseDetail = z.object({
  case: caseRecord,
  documents: z.array(issuedDocument),
  history: z.array(caseHistoryEntry),
  /** Photos and scans of its materials, oldest first (`counter.attachmentFile` opens one). */
  attachments: z.array(caseAttachment),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** What a command answers: the case as it now is and the paper it issued, if any. */
const commandResult = z.object({ case: caseRecord, document: issuedDocument.nullable() });
export type CaseCommandResult = z.infer<typeof commandResult>;
export const caseCommandResult = commandResult;

export const INTAKE_DECISIONS = ['accept', 'awaitMaterials', 'refuse'] as const;
export type IntakeDecision = (typeof INTAKE_DECISIONS)[number];

export const WORKLIST_LIMIT = 200;

export const casesProcedures = defineProcedures({
  'counter.intake': {
    summary:
      '窗口收件：材料齐全即受理（编号、承诺办结日期、受理回执）；材料不全出具一次性告知书、件待补齐；不属受理范围出具不予受理告知书。同一 requestId 重复提交只生成一件',
    kind: 'command',
    access: COUNTER_STAFF,
    input: z.strictObject({
      /** Made by the form once per intake: a double click or a retry after a timeout returns the first result. */
      requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
      residentId: entityId('申请人'),
      itemCode: z.string().max(20).describe('办理事项'),
      receivedMaterials: z.array(z.string().max(80)).max(30).describe('已收材料'),
      window: requiredText('受理窗口', 20),
      decision: z.enum(INTAKE_DECISIONS).describe('收件结果'),
      /** 即办件: accepted and completed (approved) in one step. */
      completeNow: z.boolean().optional().describe('当场办结'),
      receiptPaper: z.enum(RECEIPT_PAPERS).optional().describe('回执纸张'),
      refusalReason: optionalText('不予受理理由', 200, MULTILINE),
      redirectTo: optionalText('建议办理机关', 100),
      note: optionalText('备注', 300, MULTILINE),
      /** The queue ticket the clerk called for this resident: taken in (开始办理) with the case, in its transaction. */
      ticketId: entityId('排队号').optional(),
    }),
    output: commandResult,
  },
  'counter.accept': {
    summary: '待补齐材料的件补齐后受理（不必重新录入）',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      receivedMaterials: z.array(z.string().max(80)).max(30).describe('已收材料'),
      window: requiredText('受理窗口', 20),
      completeNow: z.boolean().optional().describe('当场办结'),
      receiptPaper: z.enum(RECEIPT_PAPERS).optional().describe('回执纸张'),
    }),
    output: commandResult,
  },
  'counter.startHandling': {
    summary: '开始办理',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId, version: caseVersion }),
    output: commandResult,
  },
  'counter.forward': {
    summary: '转报县级部门（报送日期、接收部门）',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      sentOn: stepDate('报送日期'),
      department: requiredText('接收部门', 40),
    }),
    output: commandResult,
  },
  'counter.recordForwardReply': {
    summary: '登记县级部门的回复，件回到办理中',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      repliedOn: stepDate('回复日期'),
      reply: requiredText('回复内容', 500, MULTILINE),
    }),
    output: commandResult,
  },
  'counter.pause': {
    summary: '暂停计时（补正材料或经批准的特殊环节）：暂停期间不计入办理时限',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      kind: z.enum(PAUSE_KINDS).describe('暂停原因类别'),
      reason: requiredText('暂停原因', 200, MULTILINE),
      pausedOn: stepDate('暂停日期'),
    }),
    output: commandResult,
  },
  'counter.resume': {
    summary: '恢复计时：承诺办结日期顺延暂停的工作日数',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId, version: caseVersion, resumedOn: stepDate('恢复日期') }),
    output: commandResult,
  },
  'counter.complete': {
    summary: '办结（准予办理或不予批准），出具办结通知书',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      result: z.enum(OUTCOMES).describe('办理结果'),
      note: optionalText('结果说明', 500, MULTILINE),
      completedOn: stepDate('办结日期'),
    }),
    output: commandResult,
  },
  'counter.deliver': {
    summary: '送达：本人领取、代办员送达或邮寄，写明签收人',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      method: z.enum(DELIVERY_METHODS).describe('送达方式'),
      signedBy: requiredText('签收人', 50),
      deliveredOn: stepDate('送达日期'),
    }),
    output: commandResult,
  },
  'counter.rate': {
    summary: '好差评（五级）；不满意、非常不满意自动生成整改回访任务',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: caseVersion,
      level: z.enum(RATING_LEVELS).describe('评价等级'),
      channel: z.enum(CLERK_RATING_CHANNELS, { message: CLERK_RATING_CHANNEL_MESSAGE }).describe('评价渠道'),
      comment: optionalText('评价意见', 300, MULTILINE),
    }),
    output: commandResult,
  },
  'counter.closeFollowUp': {
    summary: '差评整改办结：写明采取的措施',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId, version: caseVersion, actionTaken: requiredText('整改情况', 500, MULTILINE) }),
    output: commandResult,
  },
  'counter.void': {
    summary: '作废（写明原因，记录保留不删除）',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId, version: caseVersion, reason: requiredText('作废原因', 200, MULTILINE) }),
    output: commandResult,
  },
  'counter.get': {
    summary: '一件的全部情况：申请人、事项、材料、各环节、文书、操作记录',
    kind: 'query',
    access: COUNTER_READERS,
    record: { kind: 'counterCase', field: 'caseId' },
    audit: { what: '查看' },
    input: z.strictObject({ caseId }),
    output: caseDetail,
  },
  'counter.worklist': {
    summary: '工作台：在办件按紧急程度排列（超期件始终列出），待补齐、待送达、差评整改件，及红黄绿计数',
    kind: 'query',
    access: COUNTER_READERS,
    audit: {
      what: '查看办件工作台',
      list: { kind: 'counterCase', fields: ['open', 'awaitingMaterials', 'awaitingDelivery', 'followUps'] },
    },
    input: z.strictObject({
      /** Only the cases this user accepted (a clerk's own worklist); the whole hall otherwise. */
      mine: z.boolean().optional().describe('只看本人'),
      colour: z.enum(DEADLINE_COLOURS).optional().describe('预警颜色'),
    }),
    output: z.object({
      open: z.array(caseSummary),
      awaitingMaterials: z.array(caseSummary),
      awaitingDelivery: z.array(caseSummary),
      followUps: z.array(caseSummary),
      counts: z.object({ red: z.number(), yellow: z.number(), green: z.number() }),
      /** More open cases than the list holds. */
      truncated: z.boolean(),
    }),
  },
});
