// The mediation register's disputes (纠纷) and sweeps (排查): registration, acceptance,
// mediators, investigation and session records, the outcome, court confirmation, follow-ups,
// closing and the case file.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { attachmentLink, attachmentUploadFields, issuedDocument } from '../documents/api';
import { SEXES } from '../residents/api';
import { dateString, entityId, optionalPhone, optionalText, requiredText, MULTILINE } from '../validation/fields';
import { MEDIATION_READERS } from './committees';
import {
  COURT_DECISIONS,
  DISPUTE_CATEGORY_CODES,
  DISPUTE_SOURCES,
  DISPUTE_STATUSES,
  HANDOVER_KINDS,
  NORM_COLOURS,
  OUTCOME_KINDS,
  PARTY_KINDS,
  PARTY_SIDES,
  PERFORMANCE_LEVELS,
  RECORD_KINDS,
} from './disputes';
import { MEDIATION_WORKERS } from './disputeKind';

export { MEDIATION_WORKERS };

const disputeId = entityId('纠纷');
/** The dispute as the mediator last saw it: a command on a dispute changed since is refused. */
const disputeVersion = z.number().int().min(1).describe('版本');
/** A step's date: today when absent; never before registration, never in the future. */
const stepDate = (label: string) => dateString(label).optional();
const longText = (label: string) => optionalText(label, 4000, MULTILINE);

export const partyInput = z.strictObject({
  /** An existing party when the dispute is edited. */
  id: entityId('当事人').optional(),
  side: z.enum(PARTY_SIDES).describe('当事人一方'),
  kind: z.enum(PARTY_KINDS).describe('当事人类型'),
  /** A person taken from the resident registry (the fields come with it, editable). */
  residentId: entityId('居民').nullable().optional().describe('居民'),
  name: requiredText('姓名或名称', 60),
  sex: z.enum(SEXES).nullable().optional().describe('性别'),
  ethnicity: optionalText('民族', 20),
  birthDate: dateString('出生日期').nullable().optional(),
  occupation: optionalText('职业', 40),
  /**
   * Checked (GB 11643 checksum) on the backend. The screen shows it masked, so an edit that
   * leaves it blank keeps the number on file.
   */
  idNumber: optionalText('身份证号码', 18),
  address: optionalText('住址', 100),
  phone: optionalPhone('联系电话'),
  /** An organisation's legal representative (or principal) and their post. */
  legalRepresentative: optionalText('法定代表人', 30),
  legalRepresentativeTitle: optionalText('法定代表人职务', 20),
  /** 委托代理人 */
  agentName: optionalText('委托代理人', 30),
  agentRelation: optionalText('代理人与当事人关系', 20),
  agentPhone: optionalPhone('代理人电话'),
  agentIdNumber: optionalText('代理人身份证号码', 18),
});
export type PartyInput = z.input<typeof partyInput>;

export const handoverInput = z.strictObject({
  kind: z.enum(HANDOVER_KINDS).describe('移送方式'),
  /** 青石镇综治中心, 某县人民法院, 某派出所 … */
  from: requiredText('移送单位', 60),
  on: dateString('移送日期'),
  /** The sender's reference (委派函号), if any. */
  reference: optionalText('移送文号', 60),
});

/** 三调联动 移出: to whom a refused or terminated dispute is sent on (dated with that step). */
export const referralOutInput = z.strictObject({
  kind: z.enum(HANDOVER_KINDS).describe('移送去向'),
  /** 青石派出所, 某县人民法院, 县劳动人事争议仲裁委员会 … */
  to: requiredText('接收单位', 60),
});
export type ReferralOutInput = z.input<typeof referralOutInput>;

/** What a dispute is about: the registration's editable part. */
const disputeFields = {
  source: z.enum(DISPUTE_SOURCES).describe('纠纷来源'),
  /** The sweep that found it (source 排查). */
  sweepId: entityId('排查').nullable().optional().describe('排查'),
  /** Source 交办/委派/移送: who sent it and when. */
  handover: handoverInput.nullable().optional(),
  category: z.enum(DISPUTE_CATEGORY_CODES).describe('纠纷类别'),
  /** 简要案情 */
  facts: requiredText('简要案情', 4000, MULTILINE),
  villageId: entityId('发生地村（社区）').nullable().optional().describe('发生地村（社区）'),
  placeDetail: optionalText('发生地点', 100),
  /** 涉及金额 in yuan, two decimals at most. */
  amountYuan: z
    .number()
    .min(0, { message: '不能为负数' })
    .max(1e10, { message: '金额过大' })
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: '最多两位小数' })
    .nullable()
    .optional()
    .describe('涉及金额'),
  peopleInvolved: z.number().int().min(1, { message: '至少 1 人' }).max(100000).describe('涉及人数'),
  /** 可能激化（民转刑、群体性上访、械斗）: watched and counted as defused when settled. */
  risky: z.boolean().describe('防激化重点'),
  riskNote: optionalText('激化风险说明', 500, MULTILINE),
  parties: z.array(partyInput).min(1, { message: '至少登记一名当事人' }).max(50).describe('当事人'),
};

function refineSource(
  value: { source: string; sweepId?: string | null; handover?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.source === 'sweep' && !value.sweepId)
    ctx.addIssue({ code: 'custom', path: ['sweepId'], message: '排查发现的纠纷须选择所属排查' });
  if (value.source !== 'sweep' && value.sweepId)
    ctx.addIssue({ code: 'custom', path: ['sweepId'], message: '只有排查发现的纠纷才关联排查' });
  if (value.source === 'handover' && !value.handover)
    ctx.addIssue({ code: 'custom', path: ['handover'], message: '交办、委派、移送的纠纷须填写移送单位和日期' });
  if (value.source !== 'handover' && value.handover)
    ctx.addIssue({ code: 'custom', path: ['handover'], message: '只有交办、委派、移送的纠纷才填写移送单位' });
}

export const registerDisputeInput = z
  .strictObject({
    /** Makes a double submit register once. */
    requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
    committeeId: entityId('调委会'),
    registeredOn: stepDate('登记日期'),
    ...disputeFields,
  })
  .superRefine(refineSource);
export type RegisterDisputeInput = z.input<typeof registerDisputeInput>;

export const updateDisputeInput = z
  .strictObject({ id: disputeId, version: disputeVersion, ...disputeFields })
  .superRefine(refineSource);
export type UpdateDisputeInput = z.input<typeof updateDisputeInput>;

export const partyRecord = z.object({
  id: z.string(),
  side: z.enum(PARTY_SIDES),
  kind: z.enum(PARTY_KINDS),
  /** 甲方, 乙方 … in the order the papers print them. */
  label: z.string(),
  residentId: z.string().nullable(),
  name: z.string(),
  sex: z.enum(SEXES).nullable(),
  ethnicity: z.string(),
  birthDate: z.string().nullable(),
  occupation: z.string(),
  idNumberMasked: z.string(),
  address: z.string(),
  phone: z.string(),
  legalRepresentative: z.string(),
  legalRepresentativeTitle: z.string(),
  agentName: z.string(),
  agentRelation: z.string(),
  agentPhone: z.string(),
  agentIdNumberMasked: z.string(),
});
export type PartyRecord = z.infer<typeof partyRecord>;

const normState = z.object({ colour: z.enum(NORM_COLOURS), dueDate: z.string(), daysLeft: z.number() });

export const disputeSummary = z.object({
  id: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  caseNumber: z.string().nullable(),
  status: z.enum(DISPUTE_STATUSES),
  category: z.enum(DISPUTE_CATEGORY_CODES),
  source: z.enum(DISPUTE_SOURCES),
  /** 张三、李四 诉 某公司: the parties by side, for lists. */
  partyNames: z.string(),
  registeredOn: z.string(),
  acceptedOn: z.string().nullable(),
  risky: z.boolean(),
  /** Being mediated: the one-month norm today. */
  norm: normState.nullable(),
  mediatorNames: z.string(),
});
export type DisputeSummary = z.infer<typeof disputeSummary>;

/** The written agreement as drafted; every part may still be missing until it is issued. */
export const agreementDraft = z.strictObject({
  /** 纠纷主要事实 (defaults to the registered facts when blank). */
  facts: longText('纠纷主要事实'),
  /** 争议事项 */
  disputedMatters: longText('争议事项'),
  /** 各方责任 */
  responsibilities: longText('各方责任'),
  /** 协议内容, one term per entry. */
  terms: z
    .array(requiredText('协议条款', 1000, MULTILINE))
    .max(30)
    .describe('协议内容'),
  /** 履行方式 */
  performanceManner: longText('履行方式'),
  /** 履行期限: the last day the terms are to be performed. */
  performanceDueOn: dateString('履行期限').nullable().optional(),
  /** The recorder (记录人) named under the signatures. */
  recorder: optionalText('记录人', 30),
});
export type AgreementDraft = z.input<typeof agreementDraft>;

const court = z.object({
  effectiveOn: z.string(),
  closesOn: z.string(),
  remindFrom: z.string(),
  /** Today falls on or after day 20 and nothing is applied yet. */
  reminderDue: z.boolean(),
  windowClosed: z.boolean(),
  appliedOn: z.string().nullable(),
  court: z.string(),
  decision: z.enum(COURT_DECISIONS).nullable(),
  decidedOn: z.string().nullable(),
});

export const disputeRecord = disputeSummary.extend({
  sweep: z.object({ id: z.string(), heldOn: z.string(), area: z.string() }).nullable(),
  handover: z
    .object({ kind: z.enum(HANDOVER_KINDS), from: z.string(), on: z.string(), reference: z.string() })
    .nullable(),
  facts: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  placeDetail: z.string(),
  amountYuan: z.number().nullable(),
  peopleInvolved: z.number(),
  riskNote: z.string(),
  parties: z.array(partyRecord),
  mediators: z.array(
    z.object({
      mediatorId: z.string(),
      name: z.string(),
      lead: z.boolean(),
      assignedOn: z.string(),
    }),
  ),
  recusals: z.array(
    z.object({
      mediatorId: z.string(),
      mediatorName: z.string(),
      requestedBy: z.string(),
      reason: z.string(),
      on: z.string(),
    }),
  ),
  refusal: z.object({ reason: z.string(), on: z.string() }).nullable(),
  /** Sent on when refused or terminated (三调联动 移出); `on` is that step's date. */
  referralOut: z.object({ kind: z.enum(HANDOVER_KINDS), to: z.string(), on: z.string() }).nullable(),
  agreement: agreementDraft.extend({ performanceDueOn: z.string().nullable() }).nullable(),
  outcome: z
    .object({
      kind: z.enum(OUTCOME_KINDS),
      on: z.string(),
      /** Oral agreement: its content; termination: the reason. */
      text: z.string(),
      /** Written agreement: copies printed (parties + 1). */
      copies: z.number().nullable(),
    })
    .nullable(),
  court: court.nullable(),
  closing: z.object({ on: z.string(), summary: z.string(), byName: z.string() }).nullable(),
  /** The follow-up visits (回访): how many were made, the last, the next planned. */
  visits: z.object({ done: z.number(), lastDoneOn: z.string().nullable(), nextPlannedOn: z.string().nullable() }),
  /** The last step's date: no later step may be dated before it. */
  lastStepOn: z.string(),
  version: z.number(),
});
export type DisputeRecord = z.infer<typeof disputeRecord>;

export const disputeRecordEntry = z.object({
  id: z.string(),
  kind: z.enum(RECORD_KINDS),
  heldOn: z.string(),
  place: z.string(),
  mediatorNames: z.string(),
  attendees: z.string(),
  /** Investigation: the person or place looked into. */
  subject: z.string(),
  /** Investigation: what was found; session: the result of the session. */
  findings: z.string(),
  statements: z.array(z.object({ partyId: z.string(), partyName: z.string(), statement: z.string() })),
  recorder: z.string(),
  documentId: z.string().nullable(),
  attachmentIds: z.array(z.string()),
});
export type DisputeRecordEntry = z.infer<typeof disputeRecordEntry>;

export const attachmentRecord = z.object({
  id: z.string(),
  recordId: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  caption: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
});
export type AttachmentRecord = z.infer<typeof attachmentRecord>;

export const followUpRecord = z.object({
  id: z.string(),
  plannedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  byName: z.string(),
  performance: z.enum(PERFORMANCE_LEVELS).nullable(),
  notes: z.string(),
  nextVisitOn: z.string().nullable(),
  version: z.number(),
});
export type FollowUpRecord = z.infer<typeof followUpRecord>;

export const annotationRecord = z.object({ id: z.string(), at: z.string(), byName: z.string(), text: z.string() });

export const disputeDetail = z.object({
  dispute: disputeRecord,
  records: z.array(disputeRecordEntry),
  attachments: z.array(attachmentRecord),
  followUps: z.array(followUpRecord),
  annotations: z.array(annotationRecord),
  documents: z.array(issuedDocument),
  history: z.array(z.object({ at: z.string(), op: z.string(), actorName: z.string(), summary: z.string() })),
});
export type DisputeDetail = z.infer<typeof disputeDetail>;

/** What a command answers: the dispute as it now is and the paper it issued, if any. */
const commandResult = z.object({ dispute: disputeRecord, document: issuedDocument.nullable() });
export type DisputeCommandResult = z.infer<typeof commandResult>;

export const sweepInput = z.strictObject({
  id: entityId('排查').optional(),
  version: z.number().int().min(1).optional().describe('版本'),
  committeeId: entityId('调委会'),
  heldOn: dateString('排查日期'),
  /** 排查范围: villages, groups, a market … */
  area: requiredText('排查范围', 100),
  /** 排查人员 */
  team: requiredText('排查人员', 200),
  note: optionalText('排查情况', 2000, MULTILINE),
});
export type SweepInput = z.input<typeof sweepInput>;

export const sweepRecord = z.object({
  id: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  heldOn: z.string(),
  area: z.string(),
  team: z.string(),
  note: z.string(),
  disputesFound: z.number(),
  version: z.number(),
});
export type SweepRecord = z.infer<typeof sweepRecord>;

export const DISPUTE_LIST_LIMIT = 100;

const command = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ id: disputeId, version: disputeVersion, ...shape });

export const disputesProcedures = defineProcedures({
  'mediation.sweeps': {
    summary: '矛盾纠纷排查记录（日期、范围、人员、发现纠纷数）',
    kind: 'query',
    access: MEDIATION_READERS,
    input: z.strictObject({
      committeeId: entityId('调委会').optional(),
      from: dateString('起始日期').optional(),
      to: dateString('截止日期').optional(),
    }),
    output: z.object({ sweeps: z.array(sweepRecord) }),
  },
  'mediation.saveSweep': {
    summary: '登记或修改一次排查',
    kind: 'command',
    access: MEDIATION_WORKERS,
    input: sweepInput,
    output: sweepRecord,
  },
  'mediation.registerDispute': {
    summary: '登记纠纷（申请、排查发现、交办委派移送），打印申请书或纠纷登记表',
    kind: 'command',
    access: MEDIATION_WORKERS,
    input: registerDisputeInput,
    output: commandResult,
  },
  'mediation.updateDispute': {
    summary: '修改纠纷登记内容与当事人（结案前）',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: updateDisputeInput,
    output: commandResult,
  },
  'mediation.disputes': {
    summary: '纠纷台账：按当事人姓名、案号、调委会、状态、期限颜色查找',
    kind: 'query',
    access: MEDIATION_READERS,
    audit: { what: '查看纠纷台账', list: { kind: 'dispute', fields: ['disputes'] } },
    input: z.strictObject({
      query: optionalText('查询', 40),
      committeeId: entityId('调委会').optional(),
      status: z.enum(DISPUTE_STATUSES).optional().describe('状态'),
      colour: z.enum(NORM_COLOURS).optional().describe('期限'),
      /** Only disputes that need attention: overdue, court reminder, follow-up due. */
      attention: z.boolean().optional().describe('需关注'),
      cursor: z.string().max(200).optional().describe('翻页'),
      limit: z.number().int().min(1).max(DISPUTE_LIST_LIMIT).optional().describe('每页条数'),
    }),
    output: z.object({ disputes: z.array(disputeSummary), nextCursor: z.string().nullable() }),
  },
  'mediation.dispute': {
    summary: '一件纠纷的全部内容：当事人、调解员、记录、附件、回访、文书、经过',
    kind: 'query',
    access: MEDIATION_READERS,
    record: { kind: 'dispute', field: 'id' },
    audit: { what: '查看' },
    input: z.strictObject({ id: disputeId }),
    output: disputeDetail,
  },
  'mediation.acceptDispute': {
    summary: '受理纠纷：编调解案号，打印人民调解权利义务告知书',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({ acceptedOn: stepDate('受理日期') }),
    output: commandResult,
  },
  'mediation.refuseDispute': {
    summary: '不予受理（如已进入诉讼、仲裁），可移送或引导至其他单位（三调联动移出），打印不予受理告知书',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      reason: requiredText('不予受理理由', 500, MULTILINE),
      refusedOn: stepDate('决定日期'),
      referral: referralOutInput.nullable().optional(),
    }),
    output: commandResult,
  },
  'mediation.assignMediators': {
    summary: '指派调解员（可多名，一名主调）',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      mediatorIds: z.array(entityId('调解员')).min(1, { message: '至少指派一名调解员' }).max(10).describe('调解员'),
      leadMediatorId: entityId('主调解员'),
      assignedOn: stepDate('指派日期'),
    }),
    output: commandResult,
  },
  'mediation.recordRecusal': {
    summary: '记录当事人申请调解员回避，并撤换该调解员',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      mediatorId: entityId('回避的调解员'),
      requestedByPartyId: entityId('申请回避的当事人'),
      reason: requiredText('回避理由', 500, MULTILINE),
      decidedOn: stepDate('决定日期'),
    }),
    output: commandResult,
  },
  'mediation.addRecord': {
    summary: '记录一次调查或调解（调查记录、调解记录），打印供签名',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      kind: z.enum(RECORD_KINDS).describe('记录类型'),
      heldOn: dateString('日期'),
      place: requiredText('地点', 100),
      mediatorIds: z.array(entityId('调解员')).min(1, { message: '至少一名调解员' }).max(10).describe('调解员'),
      attendees: optionalText('参加人', 500),
      subject: optionalText('被调查人或调查对象', 200),
      findings: longText('调查情况或调解结果'),
      statements: z
        .array(z.strictObject({ partyId: entityId('当事人'), statement: requiredText('陈述', 4000, MULTILINE) }))
        .max(50)
        .describe('当事人陈述'),
      recorder: optionalText('记录人', 30),
      /** Attachments added to the dispute beforehand, listed in this record. */
      attachmentIds: z.array(entityId('附件')).max(50).optional().describe('附件'),
    }),
    output: commandResult.extend({ record: disputeRecordEntry }),
  },
  'mediation.addAttachment': {
    summary: '添加附件（照片、扫描件），保存在数据目录并记下哈希',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'disputeId' },
    input: z.strictObject({
      disputeId,
      recordId: entityId('记录').nullable().optional().describe('所属记录'),
      ...attachmentUploadFields,
    }),
    output: attachmentRecord,
  },
  'mediation.attachmentFile': {
    summary: '打开一个附件（短时有效的文件链接）',
    kind: 'query',
    access: MEDIATION_READERS,
    record: { kind: 'dispute', attachment: 'attachmentId' },
    audit: { what: '查看附件：' },
    input: z.strictObject({ attachmentId: entityId('附件') }),
    output: attachmentLink,
  },
  'mediation.saveAgreementDraft': {
    summary: '保存书面调解协议草稿（可不完整）',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({ agreement: agreementDraft }),
    output: commandResult,
  },
  'mediation.issueAgreement': {
    summary: '核对第二十九条要素后出具人民调解协议书（当事人数加一份，副本加水印），调解成功',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({ agreedOn: stepDate('协议日期') }),
    output: commandResult,
  },
  'mediation.recordOralAgreement': {
    summary: '记录口头调解协议（第二十八条），调解成功',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({ content: requiredText('口头协议内容', 4000, MULTILINE), agreedOn: stepDate('达成日期') }),
    output: commandResult,
  },
  'mediation.terminate': {
    summary: '终止调解，可移送公安、法院、行政机关等（三调联动移出），打印终止调解告知书（告知其他解决途径）',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      reason: requiredText('终止理由', 1000, MULTILINE),
      terminatedOn: stepDate('终止日期'),
      referral: referralOutInput.nullable().optional(),
    }),
    output: commandResult,
  },
  'mediation.courtApplicationForm': {
    summary: '为当事人准备司法确认申请书',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: z.strictObject({ id: disputeId, court: requiredText('受理法院', 60) }),
    output: commandResult,
  },
  'mediation.recordCourtConfirmation': {
    summary: '记录是否申请司法确认及法院裁定',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      appliedOn: dateString('申请日期').nullable().describe('申请日期'),
      court: optionalText('受理法院', 60),
      decision: z.enum(COURT_DECISIONS).nullable().describe('法院裁定'),
      decidedOn: dateString('裁定日期').nullable().describe('裁定日期'),
    }),
    output: commandResult,
  },
  'mediation.saveFollowUp': {
    summary: '计划或记录一次回访（履行情况、下次回访）',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({
      followUpId: entityId('回访').optional(),
      plannedOn: dateString('计划日期').nullable().optional(),
      doneOn: dateString('回访日期').nullable().optional(),
      byName: optionalText('回访人', 30),
      performance: z.enum(PERFORMANCE_LEVELS).nullable().optional().describe('履行情况'),
      notes: optionalText('回访情况', 2000, MULTILINE),
      nextVisitOn: dateString('下次回访日期').nullable().optional(),
    }),
    output: commandResult,
  },
  'mediation.closeDispute': {
    summary: '结案：填写结案登记表，此后只能批注',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: command({ summary: requiredText('结案情况', 2000, MULTILINE), closedOn: stepDate('结案日期') }),
    output: commandResult,
  },
  'mediation.annotate': {
    summary: '在纠纷（含已结案）上加批注',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: z.strictObject({ id: disputeId, text: requiredText('批注', 1000, MULTILINE) }),
    output: annotationRecord,
  },
  'mediation.caseFile': {
    summary: '生成卷宗 PDF（封面、目录及页码、全部文书与记录）并存档',
    kind: 'command',
    access: MEDIATION_WORKERS,
    record: { kind: 'dispute', field: 'id' },
    input: z.strictObject({ id: disputeId }),
    output: commandResult,
  },
});
