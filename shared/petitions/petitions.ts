// The vocabulary of a petition (信访件) under 信访工作条例 (2022): how it came, who brought it, its
// category, the steps it goes through and the flags the statistics count.

/** 来访 (a visit to the desk) or 来信 (a letter). */
export const PETITION_CHANNELS = ['visit', 'letter'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];
export const PETITION_CHANNEL_LABELS: Record<PetitionChannel, string> = { visit: '来访', letter: '来信' };

/**
 * Five or more people bringing one matter together is a group visit (集体访); they choose
 * representatives, at most five (信访工作条例).
 */
export const GROUP_VISIT_MIN_PEOPLE = 5;
export const MAX_REPRESENTATIVES = 5;

/** Where the petition reached the township from. */
export const PETITION_SOURCES = ['desk', 'handedDown'] as const;
export type PetitionSource = (typeof PETITION_SOURCES)[number];
export const PETITION_SOURCE_LABELS: Record<PetitionSource, string> = {
  desk: '本级接待（来访、来信）',
  handedDown: '上级转送、交办',
};

/** 越级访: the level the petitioner went to past the township. */
export const SKIPPED_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type SkippedLevel = (typeof SKIPPED_LEVELS)[number];
export const SKIPPED_LEVEL_LABELS: Record<SkippedLevel, string> = {
  county: '越级到县',
  city: '越级到市',
  province: '越级到省',
  national: '越级进京',
};

/**
 * Categories of the matter (国家信访局 内容分类, as the county's tables group them), in table
 * order. A data table: the label is what the papers and the statistics print.
 */
export const PETITION_CATEGORIES = [
  { code: 'land', label: '农村农业（土地承包、宅基地）' },
  { code: 'expropriation', label: '征地拆迁与安置补偿' },
  { code: 'construction', label: '城乡建设与住房' },
  { code: 'labour', label: '劳动保障（欠薪、社保）' },
  { code: 'civilAffairs', label: '民政救助（低保、优抚、养老）' },
  { code: 'health', label: '卫生健康' },
  { code: 'education', label: '教育文体' },
  { code: 'environment', label: '生态环境' },
  { code: 'naturalResources', label: '自然资源（林地、矿产、水利）' },
  { code: 'transport', label: '交通运输' },
  { code: 'lawAndOrder', label: '政法（治安、涉法涉诉）' },
  { code: 'economy', label: '经济管理（企业、合作社、市场）' },
  { code: 'villageAffairs', label: '村务管理与财务' },
  { code: 'discipline', label: '纪检监察（检举控告）' },
  { code: 'personnel', label: '组织人事' },
  { code: 'suggestion', label: '建议意见' },
  { code: 'other', label: '其他' },
] as const;
export type PetitionCategory = (typeof PETITION_CATEGORIES)[number]['code'];
export const PETITION_CATEGORY_CODES = PETITION_CATEGORIES.map((c) => c.code) as [
  PetitionCategory,
  ...PetitionCategory[],
];
export const PETITION_CATEGORY_LABELS = Object.fromEntries(PETITION_CATEGORIES.map((c) => [c.code, c.label])) as Record<
  PetitionCategory,
  string
>;

/**
 * The steps: 登记 → 受理 (or 不予受理) → 答复 → 办结; a reply may be taken to 复查 and then 复核
 * (each request reopens a closed petition). 不予受理 ends it with the notice as its answer.
 */
export const PETITION_STATUSES = [
  'registered',
  'accepted',
  'notAccepted',
  'replied',
  'underReview',
  'reviewed',
  'underReReview',
  'reReviewed',
  'closed',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export const PETITION_STATUS_LABELS: Record<PetitionStatus, string> = {
  registered: '待受理',
  accepted: '办理中',
  notAccepted: '不予受理',
  replied: '已答复',
  underReview: '复查中',
  reviewed: '已复查',
  underReReview: '复核中',
  reReviewed: '已复核',
  closed: '已办结',
};

/** Statuses with a deadline of the office running. */
export const OPEN_PETITION_STATUSES: readonly PetitionStatus[] = [
  'registered',
  'accepted',
  'underReview',
  'underReReview',
];

/** Why a petition is not accepted: the notice names the proper channel (诉讼、仲裁、复议…). */
export const NOT_ACCEPTED_GROUNDS = [
  'litigation',
  'arbitration',
  'reconsideration',
  'handled',
  'notOurs',
  'other',
] as const;
export type NotAcceptedGround = (typeof NOT_ACCEPTED_GROUNDS)[number];
export const NOT_ACCEPTED_GROUND_LABELS: Record<NotAcceptedGround, string> = {
  litigation: '应当通过诉讼途径解决',
  arbitration: '应当通过仲裁途径解决',
  reconsideration: '应当通过行政复议途径解决',
  handled: '已经或者依法应当通过法定途径办理，或已办结且无新的事实和理由',
  notOurs: '不属于本机关职权范围',
  other: '其他不予受理的情形',
};

/** The leader's decision at a reception (一般案件当场解决，疑难案件限期办理). */
export const LEADER_DECISIONS = ['onTheSpot', 'deadline'] as const;
export type LeaderDecision = (typeof LEADER_DECISIONS)[number];
export const LEADER_DECISION_LABELS: Record<LeaderDecision, string> = {
  onTheSpot: '一般案件，当场解决',
  deadline: '疑难案件，限期办理',
};

/** What happened while the petition was being handled, in its progress list. */
export const HANDLING_EVENT_KINDS = ['assigned', 'progress', 'transferred', 'handedOver'] as const;
export type HandlingEventKind = (typeof HANDLING_EVENT_KINDS)[number];
export const HANDLING_EVENT_LABELS: Record<HandlingEventKind, string> = {
  assigned: '交承办',
  progress: '办理进展',
  transferred: '转送',
  handedOver: '交办',
};

export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'dissatisfied', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  unreachable: '未能联系到信访人',
};

/**
 * How a written answer reached the petitioner. Its day starts the petitioner's window to ask
 * for a review (收到答复意见书之日起30日内, 信访工作条例 第三十五条): by post, the day signed
 * for on the return receipt.
 */
export const PAPER_DELIVERY_METHODS = ['inPerson', 'post', 'electronic', 'leftAtAddress'] as const;
export type PaperDeliveryMethod = (typeof PAPER_DELIVERY_METHODS)[number];
export const PAPER_DELIVERY_METHOD_LABELS: Record<PaperDeliveryMethod, string> = {
  inPerson: '当面送达',
  post: '邮寄送达（以签收日期为准）',
  electronic: '电子送达',
  leftAtAddress: '留置送达',
};

/** Which written answer was delivered: the reply (答复意见书) or the review's (复查意见书). */
export const DELIVERED_PAPERS = ['reply', 'review'] as const;
export type DeliveredPaper = (typeof DELIVERED_PAPERS)[number];

/** 复查 and 复核: the same shape one level apart. */
export const REVIEW_LEVELS = ['review', 'reReview'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];
export const REVIEW_LEVEL_LABELS: Record<ReviewLevel, string> = { review: '复查', reReview: '复核' };
