// The petition desk (信访): registering visits and letters, earlier petitions of the same people,
// acceptance or not, handling, the extension, the reply, review and re-review, leaders'
// reception days and the settings of the clock.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { describeReportExport, reportFormat } from '../documents/reports';
import { reportPeriod } from '../documents/reportPeriods';
import { attachmentLink, attachmentUploadFields, fileLink, issuedDocument } from '../documents/api';
import { SEXES } from '../residents/api';
import { dateString, entityId, optionalPhone, optionalText, requiredText, MULTILINE } from '../validation/fields';
import { DAY_COUNTS, PETITION_PERIODS, MAX_EXTENSION_DAYS } from './periods';
import { PETITION_READERS, PETITION_STAFF } from './petitionKind';
import {
  GROUP_VISIT_MIN_PEOPLE,
  HANDLING_EVENT_KINDS,
  LEADER_DECISIONS,
  MAX_REPRESENTATIVES,
  NOT_ACCEPTED_GROUNDS,
  PETITION_CATEGORY_CODES,
  PETITION_CHANNELS,
  PETITION_SOURCES,
  PETITION_STATUSES,
  REVIEW_LEVELS,
  SATISFACTIONS,
  SKIPPED_LEVELS,
  PAPER_DELIVERY_METHODS,
  DELIVERED_PAPERS,
} from './petitions';

export { PETITION_READERS, PETITION_STAFF };

const petitionId = entityId('信访件');
/** The petition as the receptionist last saw it: a command on one changed since is refused. */
const petitionVersion = z.number().int().min(1).describe('版本');
/** A step's date: today when absent; never in the future, never before the previous step. */
const stepDate = (label: string) => dateString(label).optional();
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 时:分，如 09:30' })
  .describe('时间');

export const petitionerInput = z.strictObject({
  /** A person taken from the resident registry (the fields come with it, editable). */
  residentId: entityId('居民').nullable().optional().describe('居民'),
  name: requiredText('姓名', 30),
  sex: z.enum(SEXES).nullable().optional().describe('性别'),
  /** Checked (GB 11643 checksum) on the backend; blank when the petitioner gives none. */
  idNumber: optionalText('身份证号码', 18),
  phone: optionalPhone('联系电话'),
  address: optionalText('住址', 100),
  /** One of the representatives a group visit chose (推选代表). */
  representative: z.boolean().default(false).describe('代表'),
});
export type PetitionerInput = z.input<typeof petitionerInput>;

export const letterInput = z.strictObject({
  /** 邮戳日期 */
  postmarkOn: dateString('邮戳日期').nullable().optional(),
  /** 寄信地址 as written on the envelope. */
  fromAddress: optionalText('寄信地址', 100),
  /** 挂号信、快递单号 */
  mailNumber: optionalText('挂号或快递单号', 40),
  pages: z.number().int().min(1, { message: '至少 1 页' }).max(500).nullable().optional().describe('信件页数'),
});

export const handedDownInput = z.strictObject({
  /** 县信访局, 县人民政府办公室 … */
  from: requiredText('转送交办单位', 60),
  on: dateString('转送交办日期'),
  reference: optionalText('转送交办文号', 60),
});

export const registerPetitionInput = z
  .strictObject({
    /** Makes a double submit register once. */
    requestId: z.uuid({ message: '请求编号无效' }).describe('请求编号'),
    channel: z.enum(PETITION_CHANNELS).describe('信访形式'),
    /** The day the visit came or the letter arrived: the acceptance clock starts here. Today when absent. */
    receivedOn: stepDate('收到日期'),
    /** Visits: the time of day. */
    receivedAt: timeOfDay.nullable().optional(),
    /** Visits: people who came (人次); letters: people who signed it. */
    peopleCount: z.number().int().min(1, { message: '至少 1 人' }).max(10000).describe('人数'),
    petitioners: z.array(petitionerInput).min(1, { message: '至少登记一名信访人' }).max(50).describe('信访人'),
    letter: letterInput.nullable().optional(),
    source: z.enum(PETITION_SOURCES).default('desk').describe('来源'),
    handedDown: handedDownInput.nullable().optional(),
    /** 越级访: the level the petitioner went to past the township. */
    skippedTo: z.enum(SKIPPED_LEVELS).nullable().optional().describe('越级情况'),
    /** 重复访, as the receptionist marks it after seeing the earlier petitions. */
    repeat: z.boolean().default(false).describe('重复信访'),
    repeatOfId: entityId('此前信访件').nullable().optional().describe('此前信访件'),
    category: z.enum(PETITION_CATEGORY_CODES).describe('内容分类'),
    /** 信访事项 */
    matter: requiredText('信访事项', 4000, MULTILINE),
    /** 诉求 */
    requests: optionalText('信访诉求', 2000, MULTILINE),
    villageId: entityId('问题发生地村（社区）').nullable().optional().describe('问题发生地村（社区）'),
    place: optionalText('问题发生地点', 100),
    /** 涉及单位 */
    departmentConcerned: optionalText('涉及单位', 60),
    /** Registered during a leader's reception day: the leader receiving it. */
    receptionDayId: entityId('领导接访日').nullable().optional().describe('领导接访日'),
  })
  .superRefine((value, ctx) => {
    const representatives = value.petitioners.filter((p) => p.representative).length;
    if (value.channel === 'visit' && value.peopleCount >= GROUP_VISIT_MIN_PEOPLE && representatives === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['petitioners'],
        message: `${value.peopleCount}人来访属集体访，应推选代表：请在信访人中勾选代表（1至${MAX_REPRESENTATIVES}人）`,
      });
    if (representatives > MAX_REPRESENTATIVES)
      ctx.addIssue({
        code: 'custom',
        path: ['petitioners'],
        message: `代表人数不超过${MAX_REPRESENTATIVES}人（现勾选${representatives}人）`,
      });
    if (value.channel === 'visit' && value.peopleCount < value.petitioners.length)
      ctx.addIssue({
        code: 'custom',
        path: ['peopleCount'],
        message: `来访人数不能少于登记的信访人数（${value.petitioners.length}人）`,
      });
    if (value.channel === 'letter' && value.receptionDayId)
      ctx.addIssue({ code: 'custom', path: ['receptionDayId'], message: '来信不在领导接访日登记' });
    if (value.channel === 'visit' && value.letter)
      ctx.addIssue({ code: 'custom', path: ['letter'], message: '来访不填写信封信息' });
    if (value.source === 'handedDown' && !value.handedDown)
      ctx.addIssue({ code: 'custom', path: ['handedDown'], message: '上级转送、交办的信访件须填写转送交办单位和日期' });
    if (value.source !== 'handedDown' && value.handedDown)
      ctx.addIssue({ code: 'custom', path: ['handedDown'], message: '只有上级转送、交办的信访件才填写转送交办单位' });
    if (value.repeatOfId && !value.repeat)
      ctx.addIssue({ code: 'custom', path: ['repeat'], message: '关联了此前信访件的，应标为重复信访' });
  });
export type RegisterPetitionInput = z.input<typeof registerPetitionInput>;

export const petitionerRecord = z.object({
  id: z.string(),
  residentId: z.string().nullable(),
  name: z.string(),
  sex: z.enum(SEXES).nullable(),
  idNumberMasked: z.string(),
  phone: z.string(),
  address: z.string(),
  representative: z.boolean(),
});
export type PetitionerRecord = z.infer<typeof petitionerRecord>;

const deadlineState = z.object({
  period: z.enum(PETITION_PERIODS),
  dueOn: z.string(),
  colour: z.enum(['green', 'yellow', 'red']),
  daysLeft: z.number(),
  provisional: z.boolean(),
});

export const petitionSummary = z.object({
  id: z.string(),
  version: z.number(),
  /** 青信〔2026〕12号 */
  number: z.string(),
  status: z.enum(PETITION_STATUSES),
  channel: z.enum(PETITION_CHANNELS),
  receivedOn: z.string(),
  category: z.enum(PETITION_CATEGORY_CODES),
  /** 张三等6人 */
  petitionerNames: z.string(),
  peopleCount: z.number(),
  groupVisit: z.boolean(),
  repeat: z.boolean(),
  skippedTo: z.enum(SKIPPED_LEVELS).nullable(),
  leaderName: z.string(),
  /** The matter's first 60 characters. */
  matterExcerpt: z.string(),
  /** The office's deadline running today, or null. */
  deadline: deadlineState.nullable(),
});
export type PetitionSummary = z.infer<typeof petitionSummary>;

/** A petition found as earlier than the one being registered, and how it matched. */
export const earlierPetition = petitionSummary.extend({
  matchedBy: z.enum(['idNumber', 'namePhone']),
  /** The petitioner it matched on. */
  matchedName: z.string(),
});
export type EarlierPetition = z.infer<typeof earlierPetition>;

export const handlingEvent = z.object({
  id: z.string(),
  kind: z.enum(HANDLING_EVENT_KINDS),
  on: z.string(),
  /** The department or body it went to (assigned, transferred, handed over). */
  toBody: z.string(),
  /** The person in charge there (assigned). */
  person: z.string(),
  note: z.string(),
  byName: z.string(),
});
export type HandlingEvent = z.infer<typeof handlingEvent>;

export const petitionAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  caption: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
});
export type PetitionAttachment = z.infer<typeof petitionAttachment>;

/** When and how a written answer reached the petitioner. */
const paperDelivery = z.object({ deliveredOn: z.string(), method: z.enum(PAPER_DELIVERY_METHODS) });

const reviewRecord = z.object({
  level: z.enum(REVIEW_LEVELS),
  requestedOn: z.string(),
  /** The body reviewing (the township's superior: 县人民政府 …). */
  body: z.string(),
  dueOn: z.string(),
  answeredOn: z.string().nullable(),
  opinion: z.string(),
  /** 维持 or 变更 the answer under review. */
  outcome: z.enum(['upheld', 'changed']).nullable(),
  /** The 复查意见书 reaching the petitioner (starts the re-review window); null for a re-review. */
  delivery: paperDelivery.nullable(),
  /** A re-review's hearing (听证), not counted in its period. */
  hearing: z.object({ from: z.string(), to: z.string(), days: z.number() }).nullable(),
});
export type ReviewRecord = z.infer<typeof reviewRecord>;

export const petitionRecord = petitionSummary.extend({
  source: z.enum(PETITION_SOURCES),
  handedDown: z.object({ from: z.string(), on: z.string(), reference: z.string() }).nullable(),
  receivedAt: z.string().nullable(),
  letter: z
    .object({
      postmarkOn: z.string().nullable(),
      fromAddress: z.string(),
      mailNumber: z.string(),
      pages: z.number().nullable(),
    })
    .nullable(),
  petitioners: z.array(petitionerRecord),
  matter: z.string(),
  requests: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string(),
  place: z.string(),
  departmentConcerned: z.string(),
  repeatOf: z.object({ id: z.string(), number: z.string() }).nullable(),
  receptionDay: z
    .object({ id: z.string(), on: z.string(), leaderName: z.string(), leaderTitle: z.string() })
    .nullable(),
  registeredByName: z.string(),
  /** The acceptance decision is due by this day (15 days from receipt). */
  acceptanceDueOn: z.string(),
  acceptedOn: z.string().nullable(),
  handlingUnit: z.string(),
  notAccepted: z
    .object({ decidedOn: z.string(), ground: z.enum(NOT_ACCEPTED_GROUNDS), reason: z.string(), channel: z.string() })
    .nullable(),
  /** 60 days from acceptance, the extension included once granted. */
  handlingDueOn: z.string().nullable(),
  extension: z
    .object({ extendedOn: z.string(), days: z.number(), reason: z.string(), originalDueOn: z.string() })
    .nullable(),
  leaderDecision: z
    .object({
      decision: z.enum(LEADER_DECISIONS),
      decidedOn: z.string(),
      dueOn: z.string().nullable(),
      caseLeader: z.string(),
    })
    .nullable(),
  assignedDepartment: z.string(),
  assignedPerson: z.string(),
  events: z.array(handlingEvent),
  reply: z
    .object({
      repliedOn: z.string(),
      facts: z.string(),
      opinion: z.string(),
      basis: z.string(),
      byName: z.string(),
      /** The 答复意见书 reaching the petitioner: the review window counts from it. */
      delivery: paperDelivery.nullable(),
    })
    .nullable(),
  /** Replied within the handling period; null before the reply. */
  repliedOnTime: z.boolean().nullable(),
  /** The petitioner may ask for a review until this day (30 days from receiving the reply; null until its delivery is recorded). */
  reviewRequestDueOn: z.string().nullable(),
  /** …and for a re-review until this day (30 days from receiving the review's answer). */
  reReviewRequestDueOn: z.string().nullable(),
  reviews: z.array(reviewRecord),
  satisfaction: z.object({ value: z.enum(SATISFACTIONS), on: z.string() }).nullable(),
  closedOn: z.string().nullable(),
  /** The last step's date: no later step may be dated before it. */
  lastStepOn: z.string(),
  attachments: z.array(petitionAttachment),
  documents: z.array(issuedDocument),
});
export type PetitionRecord = z.infer<typeof petitionRecord>;

const commandResult = z.object({ petition: petitionRecord, document: issuedDocument.nullable() });
export type PetitionCommandResult = z.infer<typeof commandResult>;

const command = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ id: petitionId, version: petitionVersion, ...shape });

export const receptionDayInput = z
  .strictObject({
    /** Absent: a new day on the rota. */
    id: entityId('接访安排').optional(),
    on: dateString('接访日期'),
    startsAt: timeOfDay.describe('开始时间'),
    endsAt: timeOfDay.describe('结束时间'),
    place: requiredText('接访地点', 60),
    leaderName: requiredText('接访领导', 30),
    /** 镇长, 党委副书记 … */
    leaderTitle: requiredText('领导职务', 30),
    /** 重点接待事项 or a note for the posting. */
    note: optionalText('备注', 200),
  })
  .superRefine((value, ctx) => {
    if (value.endsAt <= value.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `结束时间应晚于开始时间（${value.startsAt}）` });
  });
export type ReceptionDayInput = z.input<typeof receptionDayInput>;

export const receptionDay = z.object({
  id: z.string(),
  on: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  note: z.string(),
  /** Petitions registered on it. */
  petitions: z.number(),
});
export type ReceptionDay = z.infer<typeof receptionDay>;

export const petitionSettings = z.object({
  /** How each period counts (default: calendar days as the regulation reads). */
  counting: z.record(z.enum(PETITION_PERIODS), z.enum(DAY_COUNTS)),
  /** The office named on the notices: 青石镇人民政府. */
  officeName: z.string(),
  /** The body a review goes to: 某某县人民政府. */
  reviewBody: z.string(),
  /** 信访接待电话 printed on the notices. */
  phone: z.string(),
  /** 青信: the numbers' prefix. */
  numberPrefix: z.string(),
});
export type PetitionSettings = z.infer<typeof petitionSettings>;

export const PETITION_LIST_LIMIT = 200;

const listInput = z.strictObject({
  /** Number, a petitioner's name or phone, or words of the matter. */
  query: optionalText('查询', 60),
  statuses: z.array(z.enum(PETITION_STATUSES)).max(PETITION_STATUSES.length).optional().describe('状态'),
  colour: z.enum(['green', 'yellow', 'red']).optional().describe('期限'),
  receivedFrom: dateString('收到日期起').optional(),
  receivedTo: dateString('收到日期止').optional(),
  limit: z.number().int().min(1).max(PETITION_LIST_LIMIT).default(100).describe('条数'),
});

/**
 * The statistics of a month, a quarter or a year. Visits count 批次 (each visit once) and 人次
 * (its people); letters count 件. See electron/backend/petitions/statistics.ts for what each
 * figure counts.
 */
export const petitionFigures = z.object({
  received: z.number(),
  visitBatches: z.number(),
  visitPeople: z.number(),
  letters: z.number(),
  groupVisitBatches: z.number(),
  groupVisitPeople: z.number(),
  repeatBatches: z.number(),
  repeatPeople: z.number(),
  skippedBatches: z.number(),
  skippedPeople: z.number(),
  handedDown: z.number(),
  leaderReceived: z.number(),
  /** Leaders' decisions at a reception (领导接访) dated in the period: settled on the spot (当场解决). */
  leaderOnTheSpot: z.number(),
  /** …or given a deadline and an owner (限期办理). */
  leaderDeadline: z.number(),
  accepted: z.number(),
  notAccepted: z.number(),
  replied: z.number(),
  repliedOnTime: z.number(),
  /** Deadlines that fell in the period and were not met by their day. */
  overdue: z.number(),
  extended: z.number(),
  closed: z.number(),
  reviewsRequested: z.number(),
  reReviewsRequested: z.number(),
});
export type PetitionFigures = z.infer<typeof petitionFigures>;

/** A month of the trend. */
export const petitionMonth = z.object({
  month: z.string(),
  /** 收到 (批次/件) and 来访人次. */
  received: z.number(),
  visitPeople: z.number(),
  replied: z.number(),
  repliedOnTime: z.number(),
  /** 按期答复率 = repliedOnTime ÷ replied. */
  onTimeRate: z.number().nullable(),
  /** Evaluated (unreachable left out), and of them 满意 or 基本满意. */
  evaluated: z.number(),
  content: z.number(),
  /** 满意率 = content ÷ evaluated. */
  satisfactionRate: z.number().nullable(),
});
export type PetitionMonth = z.infer<typeof petitionMonth>;

export const petitionStatistics = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** The last day counted: the period's last day, or today while it runs. */
  asOf: z.string(),
  totals: petitionFigures,
  /** 按期答复率 = repliedOnTime ÷ replied, one decimal; null when none replied. */
  onTimeRate: z.number().nullable(),
  byCategory: z.array(
    z.object({
      category: z.enum(PETITION_CATEGORY_CODES),
      label: z.string(),
      batches: z.number(),
      people: z.number(),
    }),
  ),
  satisfaction: z.array(z.object({ value: z.enum(SATISFACTIONS), label: z.string(), count: z.number() })),
  /** 满意 + 基本满意 ÷ evaluated (unreachable left out), one decimal; null when none. */
  satisfactionRate: z.number().nullable(),
  /** The months of the trend: a quarter's or year's own, or the twelve up to a month. */
  trend: z.array(petitionMonth),
});
export type PetitionStatistics = z.infer<typeof petitionStatistics>;

export const petitionsProcedures = defineProcedures({
  'petitions.settings': {
    summary: '信访期限的计算方式（自然日或工作日）、告知书落款单位、复查机关、接待电话',
    kind: 'query',
    access: PETITION_READERS,
    input: z.strictObject({}),
    output: petitionSettings,
  },
  'petitions.saveSettings': {
    summary: '设定信访期限的计算方式与告知书上的单位（只影响此后计算的期限）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      counting: z.strictObject(
        Object.fromEntries(PETITION_PERIODS.map((p) => [p, z.enum(DAY_COUNTS).describe('计算方式')])) as Record<
          (typeof PETITION_PERIODS)[number],
          z.ZodEnum<{ calendarDays: 'calendarDays'; workingDays: 'workingDays' }>
        >,
      ),
      officeName: requiredText('落款单位', 40),
      reviewBody: requiredText('复查机关', 40),
      phone: optionalPhone('信访接待电话'),
      numberPrefix: requiredText('编号字头', 6),
    }),
    output: petitionSettings,
  },
  'petitions.list': {
    summary: '信访件列表：按编号、信访人、电话或事项查找，按状态和期限（红黄绿）筛选',
    kind: 'query',
    access: PETITION_READERS,
    audit: { what: '查看信访件列表', list: { kind: 'petition', fields: ['petitions'] } },
    input: listInput,
    output: z.object({ petitions: z.array(petitionSummary), truncated: z.boolean() }),
  },
  'petitions.findEarlier': {
    summary: '查找信访人此前的信访件（按身份证号码，或姓名加电话）',
    kind: 'query',
    access: PETITION_READERS,
    audit: { what: '查找信访人此前的信访件', list: { kind: 'petition', fields: ['petitions'] } },
    input: z.strictObject({
      petitioners: z
        .array(
          z.strictObject({
            idNumber: optionalText('身份证号码', 18),
            name: optionalText('姓名', 30),
            phone: optionalText('联系电话', 20),
          }),
        )
        .max(50)
        .describe('信访人'),
      /** The petition being looked at, left out of its own earlier list. */
      excludeId: petitionId.optional(),
    }),
    output: z.object({ petitions: z.array(earlierPetition) }),
  },
  'petitions.get': {
    summary: '一件信访件的全部情况（信访人、期限、办理过程、答复、复查复核、文书、附件）',
    kind: 'query',
    access: PETITION_READERS,
    record: { kind: 'petition', field: 'id' },
    audit: { what: '查看' },
    input: z.strictObject({ id: petitionId }),
    output: petitionRecord,
  },
  'petitions.register': {
    summary: '登记来访或来信，出具信访登记表（集体访须有代表）',
    kind: 'command',
    access: PETITION_STAFF,
    input: registerPetitionInput,
    output: commandResult,
  },
  'petitions.accept': {
    summary: '受理（收到之日起15日内），出具受理告知书，办理期限自受理之日起60日',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      acceptedOn: stepDate('受理日期'),
      /** 承办单位 named on the notice: 镇司法所, 镇自然资源所 … */
      handlingUnit: requiredText('承办单位', 60),
    }),
    output: commandResult,
  },
  'petitions.notAccept': {
    summary: '不予受理，出具不予受理告知书（写明理由和应当通过的途径）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      decidedOn: stepDate('决定日期'),
      ground: z.enum(NOT_ACCEPTED_GROUNDS).describe('不予受理情形'),
      reason: requiredText('不予受理理由', 1000, MULTILINE),
      /** 可向某县人民法院提起诉讼 … */
      channel: requiredText('告知的途径', 500, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.extend': {
    summary: '延长办理期限（只能一次，不超过30日），出具延期办理告知书',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      extendedOn: stepDate('延期决定日期'),
      days: z
        .number()
        .int({ message: '应为整数天' })
        .min(1, { message: '至少延长 1 日' })
        .max(MAX_EXTENSION_DAYS, { message: `延长期限不得超过${MAX_EXTENSION_DAYS}日` })
        .describe('延长天数'),
      reason: requiredText('延期理由', 500, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.recordLeaderDecision': {
    summary: '记录接访领导的处理意见：当场解决，或限期办理并确定包案领导',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      decision: z.enum(LEADER_DECISIONS).describe('处理意见'),
      decidedOn: stepDate('决定日期'),
      dueOn: dateString('限办日期').nullable().optional(),
      caseLeader: optionalText('包案领导', 30),
    }),
    output: commandResult,
  },
  'petitions.addHandlingEvent': {
    summary: '办理过程：交承办单位（人）、办理进展、转送或交办其他机关',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      kind: z.enum(HANDLING_EVENT_KINDS).describe('事项'),
      on: stepDate('日期'),
      toBody: optionalText('承办或接收单位', 60),
      person: optionalText('承办人', 30),
      note: optionalText('情况说明', 2000, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.reply': {
    summary: '书面答复（件件有回复），出具答复意见书；复查请求期限自答复之日起30日',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      repliedOn: stepDate('答复日期'),
      /** 查明的事实 */
      facts: requiredText('查明情况', 4000, MULTILINE),
      /** 处理意见 */
      opinion: requiredText('处理意见', 4000, MULTILINE),
      /** 依据 (laws, policies) */
      basis: optionalText('政策法规依据', 1000, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.recordSatisfaction': {
    summary: '记录信访人对答复的满意度',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({ value: z.enum(SATISFACTIONS).describe('满意度'), on: stepDate('回访日期') }),
    output: commandResult,
  },
  'petitions.requestReview': {
    summary: '登记复查或复核请求（答复或复查意见送达之日起30日内）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      level: z.enum(REVIEW_LEVELS).describe('复查或复核'),
      requestedOn: stepDate('请求日期'),
      body: optionalText('复查（复核）机关', 40),
    }),
    output: commandResult,
  },
  'petitions.recordReview': {
    summary: '登记复查或复核意见（收到请求之日起30日内）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      level: z.enum(REVIEW_LEVELS).describe('复查或复核'),
      answeredOn: stepDate('意见日期'),
      outcome: z.enum(['upheld', 'changed']).describe('结论'),
      opinion: requiredText('复查（复核）意见', 4000, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.recordDelivery': {
    summary: '登记答复意见书或复查意见书的送达（请求复查、复核的30日自收到之日起算）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      paper: z.enum(DELIVERED_PAPERS).describe('送达的文书'),
      method: z.enum(PAPER_DELIVERY_METHODS, { message: '送达方式：请选择' }).describe('送达方式'),
      deliveredOn: stepDate('送达日期'),
    }),
    output: commandResult,
  },
  'petitions.recordHearing': {
    summary: '登记复核听证（听证时间不计入复核期限）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({
      heldFrom: dateString('听证开始日期'),
      heldTo: stepDate('听证结束日期'),
      note: optionalText('听证情况', 400, MULTILINE),
    }),
    output: commandResult,
  },
  'petitions.close': {
    summary: '办结（须已书面答复）',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'id' },
    input: command({ closedOn: stepDate('办结日期') }),
    output: commandResult,
  },
  'petitions.addAttachment': {
    summary: '添加附件（来信扫描件、照片），保存在数据目录并记下哈希',
    kind: 'command',
    access: PETITION_STAFF,
    record: { kind: 'petition', field: 'petitionId' },
    input: z.strictObject({
      petitionId,
      ...attachmentUploadFields,
    }),
    output: petitionAttachment,
  },
  'petitions.attachmentFile': {
    summary: '打开信访件的一个附件（短时有效的文件链接）',
    kind: 'query',
    access: PETITION_READERS,
    record: { kind: 'petition', attachment: 'attachmentId' },
    audit: { what: '查看附件：' },
    input: z.strictObject({ attachmentId: entityId('附件') }),
    output: attachmentLink,
  },
  'petitions.receptionDays': {
    summary: '领导接访安排（谁、何时、何地）',
    kind: 'query',
    access: PETITION_READERS,
    input: z.strictObject({ from: dateString('起始日期'), to: dateString('截止日期') }),
    output: z.object({ days: z.array(receptionDay) }),
  },
  'petitions.saveReceptionDay': {
    summary: '新增或修改一天的领导接访安排',
    kind: 'command',
    access: PETITION_STAFF,
    input: receptionDayInput,
    output: receptionDay,
  },
  'petitions.deleteReceptionDay': {
    summary: '取消一天的领导接访安排（已有登记的不能取消）',
    kind: 'command',
    access: PETITION_STAFF,
    input: z.strictObject({ id: entityId('接访安排') }),
    output: z.object({ ok: z.literal(true) }),
  },
  'petitions.printReceptionRota': {
    summary: '打印领导接访安排公示（接访公示）',
    kind: 'command',
    access: PETITION_STAFF,
    input: z.strictObject({ from: dateString('起始日期'), to: dateString('截止日期') }),
    output: z.object({ document: issuedDocument }),
  },
  'petitions.statistics': {
    summary:
      '信访统计（月度、季度、年度）：渠道、批次人次、集体访、重复访、越级访、领导接访及当场解决与限期办理、分类、受理、按期答复、超期、满意度、按月趋势',
    kind: 'query',
    access: PETITION_READERS,
    input: z.strictObject({ period: reportPeriod }),
    output: petitionStatistics,
  },
  'petitions.exportStatistics': {
    summary: '导出信访统计（月度、季度、年度）：PDF 统计表或 Excel（.xlsx）',
    kind: 'query',
    access: PETITION_READERS,
    audit: { action: 'export', what: '导出信访统计', describe: describeReportExport('信访统计') },
    input: z.strictObject({ period: reportPeriod, format: reportFormat }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }) }),
  },
});
