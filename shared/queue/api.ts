// The hall's queue (排队叫号): the administrator's categories and windows; the ticket kiosk at the
// entrance (a paired screen, nobody signed in) taking tickets; each window's calling panel (叫号,
// 重呼, 过号, 转窗口, 办结; 开始办理 is the intake of the case); the calling screen's board; the
// waiting and service times per window and per category.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { isReportPeriod } from '../documents/reportPeriods';
import { entityId, isRealDate, requiredText } from '../validation/fields';
import { CATEGORY_PREFIX_PATTERN, MAX_QUEUE_CATEGORIES, TICKET_EVENT_KINDS, TICKET_STATUSES } from './queue';
import { COUNTER_READERS, COUNTER_STAFF, QUEUE_ADMINISTRATORS } from './ticketKind';

const ticketId = entityId('排队号');
const windowId = entityId('窗口');
const categoryId = entityId('取号类别');
/** The ticket as the clerk last saw it: a step on one changed since (another window) is refused. */
const ticketVersion = z.number().int().min(1).describe('版本');
const settingVersion = z.number().int().min(1).describe('版本');

// ---------------------------------------------------------------- set-up

export const queueCategory = z.object({
  id: z.string(),
  version: z.number(),
  /** A, B, C: the letter before the number. */
  prefix: z.string(),
  /** 社保医保 */
  name: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});
export type QueueCategory = z.infer<typeof queueCategory>;

export const queueWindow = z.object({
  id: z.string(),
  version: z.number(),
  /** 3号窗口 */
  name: z.string(),
  /** The categories it calls, in the categories' order. */
  categoryIds: z.array(z.string()),
  active: z.boolean(),
});
export type QueueWindow = z.infer<typeof queueWindow>;

export const saveCategoryInput = z.strictObject({
  /** Absent: a new category. */
  id: categoryId.optional(),
  version: settingVersion.optional(),
  prefix: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(CATEGORY_PREFIX_PATTERN, { message: '字母应为 A 到 Z 中的一个' }))
    .describe('号码字母'),
  name: requiredText('类别名称', 20),
  sortOrder: z
    .number({ message: '请填写排序' })
    .int({ message: '排序应为整数' })
    .min(0, { message: '排序不能小于 0' })
    .max(999, { message: '排序不超过 999' })
    .describe('排序'),
  active: z.boolean().describe('启用'),
});
export type SaveCategoryInput = z.input<typeof saveCategoryInput>;

export const saveWindowInput = z.strictObject({
  id: windowId.optional(),
  version: settingVersion.optional(),
  name: requiredText('窗口名称', 20),
  categoryIds: z
    .array(categoryId)
    .min(1, { message: '请至少选择一个办理类别' })
    .max(MAX_QUEUE_CATEGORIES)
    .refine((ids) => new Set(ids).size === ids.length, { message: '办理类别重复' })
    .describe('办理类别'),
  active: z.boolean().describe('启用'),
});
export type SaveWindowInput = z.input<typeof saveWindowInput>;

const queueSettings = z.object({ categories: z.array(queueCategory), windows: z.array(queueWindow) });
export type QueueSettings = z.infer<typeof queueSettings>;

// ---------------------------------------------------------------- tickets

export const ticketHistoryLine = z.object({
  at: z.string(),
  kind: z.enum(TICKET_EVENT_KINDS),
  windowName: z.string(),
  /** Transferred to. */
  toWindowName: z.string(),
  actorName: z.string(),
});

export const queueTicket = z.object({
  id: z.string(),
  version: z.number(),
  /** A001 */
  number: z.string(),
  /** The day it was taken (the township's time zone). */
  day: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  status: z.enum(TICKET_STATUSES),
  takenAt: z.string(),
  /** 取号机 (its name) or the clerk who took it for the resident. */
  takenByName: z.string(),
  /** The window it waits for after a transfer (it is called there first); null: any of its category's. */
  forWindowId: z.string().nullable(),
  forWindowName: z.string(),
  /** The window that called it last (where the resident goes); null before the first call. */
  windowId: z.string().nullable(),
  windowName: z.string(),
  firstCalledAt: z.string().nullable(),
  lastCalledAt: z.string().nullable(),
  /** 重呼 since its last call: the calling screen speaks again for each. */
  recallCount: z.number(),
  transferCount: z.number(),
  takenInAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The counter case it was taken in as. */
  caseId: z.string().nullable(),
  caseNumber: z.string(),
  /** The day of its last step. */
  lastStepOn: z.string(),
  history: z.array(ticketHistoryLine),
});
export type QueueTicket = z.infer<typeof queueTicket>;

const ticketCommand = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ id: ticketId, version: ticketVersion, ...shape });

/** The ticket as the resident gets it: the kiosk's answer, and the counter's. */
export const takenTicket = z.object({
  ticketId: z.string(),
  number: z.string(),
  categoryName: z.string(),
  /** Tickets of its category waiting before it (前面还有 N 人等候). */
  waitingBefore: z.number(),
  takenAt: z.string(),
  /** The 80 mm ticket, a short-lived link. */
  ticketPdfUrl: z.string(),
});
export type TakenTicket = z.infer<typeof takenTicket>;

const takeTicketInput = z.strictObject({
  /** Makes a double tap take one ticket. */
  requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
  categoryId: categoryId.describe('取号类别'),
});
export type TakeTicketInput = z.input<typeof takeTicketInput>;

export const waitingCount = z.object({
  categoryId: z.string(),
  prefix: z.string(),
  categoryName: z.string(),
  waiting: z.number(),
});
export type WaitingCount = z.infer<typeof waitingCount>;

export const queuePanel = z.object({
  window: queueWindow,
  /** Waiting tickets of each of its categories (today). */
  waiting: z.array(waitingCount),
  /** Transferred to this window and waiting. */
  transferredHere: z.number(),
  /** The ticket called or being served at this window, or null. */
  current: queueTicket.nullable(),
  /** Today's tickets skipped at this window, newest first: called again when their holder asks. */
  skipped: z.array(queueTicket.pick({ id: true, version: true, number: true, categoryName: true, lastCalledAt: true })),
  /** The other active windows, for 转窗口. */
  otherWindows: z.array(queueWindow.pick({ id: true, name: true })),
});
export type QueuePanel = z.infer<typeof queuePanel>;

// ---------------------------------------------------------------- the screens

/** A call on the calling screen. A recall is a new line, so the screen speaks again. */
export const boardCall = z.object({
  /** The event's id: the screen speaks each id once. */
  id: z.string(),
  ticketNumber: z.string(),
  categoryName: z.string(),
  windowName: z.string(),
  at: z.string(),
  /** 0 for the call, 1 for the first 重呼, … */
  recallCount: z.number(),
});
export type BoardCall = z.infer<typeof boardCall>;

export const queueBoard = z.object({
  hallName: z.string(),
  /** The latest calls and recalls today, newest first. */
  calls: z.array(boardCall),
  waiting: z.array(waitingCount),
  /** Each active window and the ticket it serves now ('' for none). */
  windows: z.array(z.object({ windowId: z.string(), windowName: z.string(), ticketNumber: z.string() })),
  /** The host's clock, for the screen's clock. */
  now: z.string(),
});
export type QueueBoard = z.infer<typeof queueBoard>;

export const kioskCategories = z.object({
  hallName: z.string(),
  categories: z.array(waitingCount),
});
export type KioskCategories = z.infer<typeof kioskCategories>;

// ---------------------------------------------------------------- statistics

/** A day (2026-03-05), a month (2026-03), a quarter (2026-Q1) or a year (2026). */
export const queuePeriod = z
  .string()
  .refine((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value)) || isReportPeriod(value), {
    message: '统计期间应为 年-月-日、年-月、年-季度（如 2026-Q1）或 年',
  })
  .describe('统计期间');

/** Durations in seconds over the tickets that have them; null when none has. */
export const durationFigures = z.object({
  count: z.number(),
  totalSeconds: z.number(),
  averageSeconds: z.number().nullable(),
  medianSeconds: z.number().nullable(),
  maxSeconds: z.number().nullable(),
});
export type DurationFigures = z.infer<typeof durationFigures>;

export const queueFigures = z.object({
  /** Tickets taken (per window: null, a ticket is taken for a category). */
  taken: z.number().nullable(),
  /** Tickets called at least once (per window: where first called). */
  called: z.number(),
  /** Tickets finished (per window: where finished). */
  served: z.number(),
  /** Tickets left skipped (per window: where skipped last). */
  skipped: z.number(),
  /** Transfers (per window: out of it). */
  transferred: z.number(),
  /** Taken → first call (per window: tickets first called there). */
  waiting: durationFigures,
  /** Start of service → finish (per window: tickets finished there). */
  service: durationFigures,
});
export type QueueFigures = z.infer<typeof queueFigures>;

export const queueStatistics = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  hall: queueFigures,
  byWindow: z.array(queueFigures.extend({ windowId: z.string(), windowName: z.string() })),
  byCategory: z.array(queueFigures.extend({ categoryId: z.string(), prefix: z.string(), categoryName: z.string() })),
});
export type QueueStatistics = z.infer<typeof queueStatistics>;

// ---------------------------------------------------------------- procedures

export const queueProcedures = defineProcedures({
  'queue.settings': {
    summary: '排队叫号设置：取号类别和窗口（含停用的）',
    kind: 'query',
    access: [...QUEUE_ADMINISTRATORS],
    input: z.strictObject({}),
    output: queueSettings,
  },
  'queue.saveCategory': {
    summary: '新增或修改取号类别（号码字母、名称、排序、启用）',
    kind: 'command',
    access: [...QUEUE_ADMINISTRATORS],
    input: saveCategoryInput,
    output: queueSettings,
  },
  'queue.saveWindow': {
    summary: '新增或修改窗口（名称、办理的取号类别、启用）',
    kind: 'command',
    access: [...QUEUE_ADMINISTRATORS],
    input: saveWindowInput,
    output: queueSettings,
  },
  'queue.windows': {
    summary: '启用的窗口，供本机选择所在窗口',
    kind: 'query',
    access: [...COUNTER_READERS],
    input: z.strictObject({}),
    output: z.object({ windows: z.array(queueWindow), categories: z.array(queueCategory) }),
  },
  'queue.panel': {
    summary: '窗口叫号面板：本窗口各类别等候人数、当前号、过号的号',
    kind: 'query',
    access: [...COUNTER_STAFF],
    input: z.strictObject({ windowId }),
    output: queuePanel,
  },
  'queue.call': {
    summary: '叫号：本窗口办理类别中下一个等候的号（转到本窗口的优先，其次取号最早的）；给出 ticketId 时回叫该过号的号',
    kind: 'command',
    access: [...COUNTER_STAFF],
    input: z.strictObject({
      windowId,
      /** A skipped ticket whose holder came back (过号回叫). */
      ticketId: ticketId.optional(),
      version: ticketVersion.optional(),
    }),
    output: z.object({ ticket: queueTicket }),
  },
  'queue.recall': {
    summary: '重呼：叫号屏再显示、再播报一次',
    kind: 'command',
    access: [...COUNTER_STAFF],
    record: { kind: 'queueTicket', field: 'id' },
    input: ticketCommand({}),
    output: z.object({ ticket: queueTicket }),
  },
  'queue.skip': {
    summary: '过号：叫号后群众未到',
    kind: 'command',
    access: [...COUNTER_STAFF],
    record: { kind: 'queueTicket', field: 'id' },
    input: ticketCommand({}),
    output: z.object({ ticket: queueTicket }),
  },
  'queue.transfer': {
    summary: '转窗口：该号回到等候，由另一窗口优先叫号（保留原取号时间）',
    kind: 'command',
    access: [...COUNTER_STAFF],
    record: { kind: 'queueTicket', field: 'id' },
    input: ticketCommand({ toWindowId: windowId.describe('转至窗口') }),
    output: z.object({ ticket: queueTicket }),
  },
  'queue.finish': {
    summary: '办结：该号的服务结束',
    kind: 'command',
    access: [...COUNTER_STAFF],
    record: { kind: 'queueTicket', field: 'id' },
    input: ticketCommand({}),
    output: z.object({ ticket: queueTicket }),
  },
  'queue.ticket': {
    summary: '一个排队号：状态、各环节时间、关联的办件',
    kind: 'query',
    access: [...COUNTER_READERS],
    record: { kind: 'queueTicket', field: 'id' },
    input: z.strictObject({ id: ticketId }),
    output: queueTicket,
  },
  'queue.ticketOfCase': {
    summary: '办件受理时所叫的排队号（没有则为空）',
    kind: 'query',
    access: [...COUNTER_READERS],
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId: entityId('办件') }),
    output: z.object({ ticket: queueTicket.nullable() }),
  },
  'queue.takeTicketAtCounter': {
    summary: '在窗口代群众取号（没有取号的群众）',
    kind: 'command',
    access: [...COUNTER_STAFF],
    input: takeTicketInput,
    output: takenTicket,
  },
  'queue.kiosk': {
    summary: '取号机：可取号的类别和各类别等候人数',
    kind: 'query',
    access: { screens: ['ticketKiosk'] },
    input: z.strictObject({}),
    output: kioskCategories,
  },
  'queue.takeTicket': {
    summary: '取号机取号：号码、类别、前面等候人数、取号时间和 80 毫米小票',
    kind: 'command',
    access: { screens: ['ticketKiosk'] },
    input: takeTicketInput,
    output: takenTicket,
  },
  'queue.board': {
    summary: '叫号屏：最近的叫号（重呼另列一行以便再播报）、各窗口当前号、各类别等候人数',
    kind: 'query',
    access: { screens: ['callingScreen'] },
    input: z.strictObject({}),
    output: queueBoard,
  },
  'queue.statistics': {
    summary: '排队叫号统计：各窗口、各类别的取号、叫号、办结、过号、转窗口数和等候、办理时长',
    kind: 'query',
    access: [...COUNTER_READERS],
    input: z.strictObject({ period: queuePeriod }),
    output: queueStatistics,
  },
});
