// Residents' matters (群众诉求) and 三事分流: registering a matter where it is collected, the
// worklist with its deadline colours, one matter with its history, the declared steps (分流办理,
// 当即解决 in the village, 答复, 办结, 作废), the statistics and their export, and which village
// each grid worker serves.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { DEADLINE_COLOURS } from '../calendar/deadlines';
import { reportPeriod } from '../documents/reportPeriods';
import { describeReportExport, reportFormat } from '../documents/reports';
import { fileLink } from '../documents/api';
import { dateString, entityId, MULTILINE, optionalPhone, optionalText, requiredText } from '../validation/fields';
import { MATTER_COLLECTORS, MATTER_READERS, MATTER_STAFF, VILLAGE_WORKERS } from './matterKind';
import {
  HANDLINGS_OF_TRIAGE,
  MATTER_CATEGORY_CODES,
  MATTER_HANDLING_LABELS,
  MATTER_HANDLINGS,
  MATTER_OWNER_KIND_LABELS,
  MATTER_OWNER_KINDS,
  MATTER_SOURCES,
  MATTER_STATUSES,
  MATTER_TRIAGE_LABELS,
  MATTER_TRIAGES,
  MATTER_TYPES,
  MAX_DEADLINE_WORKING_DAYS,
  OWNER_KINDS_OF_TRIAGE,
  REPLY_METHODS,
} from './matters';

export { MATTER_COLLECTORS, MATTER_READERS, MATTER_STAFF, VILLAGE_WORKERS };

const matterId = entityId('群众诉求');
/** The matter as the user last saw it: a step on one changed since is refused. */
const matterVersion = z.number().int().min(1).describe('版本');
/** A step's date: today when absent; never in the future, never before the previous step. */
const stepDate = (label: string) => dateString(label).optional();
const replyMethod = z.enum(REPLY_METHODS, { message: '请选择答复方式' }).describe('答复方式');

export const registerMatterInput = z.strictObject({
  /** Makes a double submit register once. */
  requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
  source: z.enum(MATTER_SOURCES, { message: '请选择收集渠道' }).describe('收集渠道'),
  villageId: entityId('村（社区）').describe('村（社区）'),
  /** The resident, when found in the registry; a meeting's collective matter names no one. */
  residentId: entityId('居民').nullable().optional().describe('居民'),
  /** 反映人: the resident's name, or who raised it (`第三村民小组议事会`). */
  residentName: requiredText('反映人', 60),
  phone: optionalPhone('联系电话'),
  type: z.enum(MATTER_TYPES, { message: '请选择类型' }).describe('类型'),
  category: z.enum(MATTER_CATEGORY_CODES, { message: '请选择分类' }).describe('分类'),
  description: requiredText('诉求内容', 2000, MULTILINE),
  /** Today when absent; never in the future. */
  collectedOn: stepDate('收集日期'),
});
export type RegisterMatterInput = z.input<typeof registerMatterInput>;

const reply = z.object({
  repliedOn: z.string(),
  method: z.enum(REPLY_METHODS),
  text: z.string(),
  byName: z.string(),
});

export const matterSummary = z.object({
  id: z.string(),
  version: z.number(),
  /** SQ-2026-000012 */
  number: z.string(),
  status: z.enum(MATTER_STATUSES),
  source: z.enum(MATTER_SOURCES),
  type: z.enum(MATTER_TYPES),
  category: z.enum(MATTER_CATEGORY_CODES),
  villageId: z.string(),
  villageName: z.string(),
  residentName: z.string(),
  /** The description's first 60 characters. */
  excerpt: z.string(),
  collectedOn: z.string(),
  triage: z.enum(MATTER_TRIAGES).nullable(),
  handling: z.enum(MATTER_HANDLINGS).nullable(),
  /** Who owns a 限期解决 matter, or where it was escalated to. */
  owner: z.string(),
  dueOn: z.string().nullable(),
  /** The warning of a 限期解决 matter in hand (the counter's rule), or null. */
  deadline: z
    .object({
      colour: z.enum(DEADLINE_COLOURS),
      dueDate: z.string().nullable(),
      workingDaysLeft: z.number().nullable(),
      provisional: z.boolean(),
    })
    .nullable(),
  replied: z.boolean(),
});
export type MatterSummary = z.infer<typeof matterSummary>;

export const matterHistoryLine = z.object({
  at: z.string(),
  op: z.string(),
  actorName: z.string(),
  summary: z.string(),
});

export const matterRecord = matterSummary.extend({
  residentId: z.string().nullable(),
  phone: z.string(),
  description: z.string(),
  collectedByName: z.string(),
  decidedOn: z.string().nullable(),
  decidedByName: z.string(),
  ownerKind: z.enum(MATTER_OWNER_KINDS).nullable(),
  workingDays: z.number().nullable(),
  escalation: z.object({ to: z.string(), reason: z.string() }).nullable(),
  reply: reply.nullable(),
  closedOn: z.string().nullable(),
  result: z.string(),
  voided: z.object({ on: z.string(), reason: z.string() }).nullable(),
  /** The last step's date: no later step may be dated before it. */
  lastStepOn: z.string(),
  history: z.array(matterHistoryLine),
});
export type MatterRecord = z.infer<typeof matterRecord>;

const commandResult = z.object({ matter: matterRecord });
export type MatterCommandResult = z.infer<typeof commandResult>;

const command = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ id: matterId, version: matterVersion, ...shape });

/**
 * 分流办理: the triage and the handling, with what the handling needs — the reply of a matter
 * settled or advised at once, the owner and the working days of a deadline, whom an escalation
 * goes to and why. What a handling does not need is not kept.
 */
export const triageInput = command({
  decidedOn: stepDate('分流日期'),
  triage: z.enum(MATTER_TRIAGES, { message: '请选择大事、小事或私事' }).describe('三事分流'),
  handling: z.enum(MATTER_HANDLINGS, { message: '请选择办理方式' }).describe('办理方式'),
  ownerKind: z.enum(MATTER_OWNER_KINDS).nullable().optional().describe('责任主体'),
  owner: optionalText('责任单位', 60),
  workingDays: z
    .number()
    .int({ message: '应为整数' })
    .min(1, { message: '至少 1 个工作日' })
    .max(MAX_DEADLINE_WORKING_DAYS, { message: `不超过 ${MAX_DEADLINE_WORKING_DAYS} 个工作日` })
    .nullable()
    .optional()
    .describe('办理时限（工作日）'),
  escalatedTo: optionalText('提交统筹至', 60),
  escalationReason: optionalText('提交理由', 1000, MULTILINE),
  reply: optionalText('答复内容', 2000, MULTILINE),
  replyMethod: replyMethod.nullable().optional(),
}).superRefine((value, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const allowed = HANDLINGS_OF_TRIAGE[value.triage];
  if (!allowed.includes(value.handling)) {
    const words = allowed.map((h) => `“${MATTER_HANDLING_LABELS[h]}”`).join('或');
    issue('handling', `${MATTER_TRIAGE_LABELS[value.triage]}只能${words}`);
    return;
  }
  if (value.handling === 'deadline') {
    const kinds = OWNER_KINDS_OF_TRIAGE[value.triage];
    if (!value.ownerKind || !kinds.includes(value.ownerKind))
      issue(
        'ownerKind',
        `${MATTER_TRIAGE_LABELS[value.triage]}由${kinds.map((k) => MATTER_OWNER_KIND_LABELS[k]).join('或')}负责，请选择`,
      );
    if (!value.owner) issue('owner', '限期解决须写明责任单位（人）');
    if (!value.workingDays) issue('workingDays', '限期解决须定办理时限（工作日）');
  }
  if (value.handling === 'escalated') {
    if (!value.escalatedTo) issue('escalatedTo', '提交统筹须写明提交给谁（如 区民政局、县联席会议）');
    if (!value.escalationReason) issue('escalationReason', '提交统筹须写明理由');
  }
  if (value.handling === 'onTheSpot' || value.handling === 'advised') {
    if (!value.reply) issue('reply', '当即解决、劝导办结的，须同时登记给群众的答复（件件有回复）');
    if (!value.replyMethod) issue('replyMethod', '请选择答复方式');
  }
});

/** A village worker settles a 小事 or advises on a 私事 on the spot; a 大事 is the township's. */
export const VILLAGE_TRIAGES = ['minor', 'private'] as const;

export const MATTER_LIST_LIMIT = 200;
export const MATTER_VIEWS = ['open', 'all'] as const;
export type MatterView = (typeof MATTER_VIEWS)[number];

const listInput = z.strictObject({
  /** 在办 (the worklist: by due date, the most overdue first) or 全部 (newest first). */
  view: z.enum(MATTER_VIEWS).default('open').describe('范围'),
  /** A number (or its tail), the name of who raised it, or words of the matter. */
  query: optionalText('查询', 60),
  statuses: z.array(z.enum(MATTER_STATUSES)).max(MATTER_STATUSES.length).optional().describe('状态'),
  colour: z.enum(DEADLINE_COLOURS).optional().describe('期限'),
  villageId: entityId('村（社区）').optional(),
  triage: z.enum(MATTER_TRIAGES).optional().describe('三事分流'),
  handling: z.enum(MATTER_HANDLINGS).optional().describe('办理方式'),
  limit: z.number().int().min(1).max(MATTER_LIST_LIMIT).default(100).describe('条数'),
});

const figures = z.object({
  collected: z.number(),
  onTheSpot: z.number(),
  deadline: z.number(),
  escalated: z.number(),
  advised: z.number(),
  pending: z.number(),
  major: z.number(),
  minor: z.number(),
  private: z.number(),
  completed: z.number(),
  inHand: z.number(),
  replied: z.number(),
  overdue: z.number(),
});

/** See shared/matters/statistics.ts for what each figure counts. */
export const matterStatistics = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  totals: figures,
  voided: z.number(),
  replyRate: z.number().nullable(),
  completionRate: z.number().nullable(),
  byVillage: z.array(figures.extend({ villageId: z.string(), villageName: z.string() })),
  byCategory: z.array(figures.extend({ category: z.enum(MATTER_CATEGORY_CODES), label: z.string() })),
  trend: z.array(figures.extend({ month: z.string(), replyRate: z.number().nullable() })),
});
export type MatterStatistics = z.infer<typeof matterStatistics>;

export const gridWorker = z.object({
  userId: z.string(),
  name: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string(),
});
export type GridWorker = z.infer<typeof gridWorker>;

export const mattersProcedures = defineProcedures({
  'matters.list': {
    summary: '群众诉求工作台：在办（按期限，红黄绿）或全部；按编号、反映人或内容查找，按状态、村、分流、办理方式筛选',
    kind: 'query',
    access: MATTER_READERS,
    audit: { what: '查看群众诉求列表', list: { kind: 'matter', fields: ['matters'] } },
    input: listInput,
    output: z.object({
      matters: z.array(matterSummary),
      /** The 限期解决 matters in hand the reader may see, by colour (whatever the filter). */
      counts: z.object({ red: z.number(), yellow: z.number(), green: z.number() }),
      truncated: z.boolean(),
    }),
  },
  'matters.get': {
    summary: '一件群众诉求的全部情况（反映人、内容、分流、期限、答复、办理经过）',
    kind: 'query',
    access: MATTER_READERS,
    record: { kind: 'matter', field: 'id' },
    audit: { what: '查看' },
    input: z.strictObject({ id: matterId }),
    output: matterRecord,
  },
  'matters.register': {
    summary: '登记群众诉求、问题、建议（窗口、网格走访、议事会），取得诉求编号',
    kind: 'command',
    access: MATTER_COLLECTORS,
    input: registerMatterInput,
    output: commandResult,
  },
  'matters.triage': {
    summary: '三事分流：定为大事、小事或私事，当即解决、限期解决（工作日）或提交统筹',
    kind: 'command',
    access: MATTER_STAFF,
    record: { kind: 'matter', field: 'id' },
    input: triageInput,
    output: commandResult,
  },
  'matters.settleInVillage': {
    summary: '村里当即解决小事或劝导私事，同时登记答复（小事不出村）',
    kind: 'command',
    access: VILLAGE_WORKERS,
    record: { kind: 'matter', field: 'id' },
    input: command({
      repliedOn: stepDate('答复日期'),
      triage: z
        .enum(VILLAGE_TRIAGES, { message: '村里只能当即解决小事或劝导私事；大事由乡镇分流办理' })
        .describe('三事分流'),
      reply: requiredText('答复内容', 2000, MULTILINE),
      replyMethod,
    }),
    output: commandResult,
  },
  'matters.reply': {
    summary: '登记给群众的答复（件件有回复；办结前必须答复）',
    kind: 'command',
    access: MATTER_COLLECTORS,
    record: { kind: 'matter', field: 'id' },
    input: command({
      repliedOn: stepDate('答复日期'),
      reply: requiredText('答复内容', 2000, MULTILINE),
      replyMethod,
    }),
    output: commandResult,
  },
  'matters.close': {
    summary: '办结（须已答复群众）',
    kind: 'command',
    access: MATTER_STAFF,
    record: { kind: 'matter', field: 'id' },
    input: command({ closedOn: stepDate('办结日期'), result: optionalText('办理结果', 1000, MULTILINE) }),
    output: commandResult,
  },
  'matters.void': {
    summary: '作废登记有误的诉求（写明理由；不计入统计，记录保留备查）',
    kind: 'command',
    access: MATTER_STAFF,
    record: { kind: 'matter', field: 'id' },
    input: command({ reason: requiredText('作废理由', 200) }),
    output: commandResult,
  },
  'matters.statistics': {
    summary:
      '群众诉求统计（月度、季度、年度）：收集 = 当即解决 + 限期解决 + 提交统筹（+ 私事劝导、待分流），新增 = 办结 + 在办，答复，按村、按分类、按月趋势',
    kind: 'query',
    access: MATTER_READERS,
    input: z.strictObject({ period: reportPeriod }),
    output: matterStatistics,
  },
  'matters.exportStatistics': {
    summary: '导出群众诉求统计（月度、季度、年度）：PDF 统计表或 Excel（.xlsx）',
    kind: 'query',
    access: MATTER_READERS,
    audit: { action: 'export', what: '导出群众诉求统计', describe: describeReportExport('群众诉求统计') },
    input: z.strictObject({ period: reportPeriod, format: reportFormat }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }) }),
  },
  'matters.gridWorkers': {
    summary: '网格员及其负责的村（社区）',
    kind: 'query',
    access: ['administrator'],
    input: z.strictObject({}),
    output: z.object({ gridWorkers: z.array(gridWorker) }),
  },
  'matters.setGridWorkerVillage': {
    summary: '设定网格员负责的村（社区）：只能查看和处理该村的群众诉求和居民',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({ userId: entityId('网格员'), villageId: entityId('村（社区）') }),
    output: gridWorker,
  },
});
