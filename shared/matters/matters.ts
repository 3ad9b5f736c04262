// Residents' matters (群众诉求、问题、建议) and 三事分流: the words of a matter as data — where it
// was collected, what kind it is, its category, how it was sorted (大事、小事、私事) and handled
// (当即解决、限期解决、提交统筹, and 私事 advised), who owns it, how the reply reached the resident.
// DOMAIN.md §10 (Nan'an, Chongqing).

/** Where the matter was collected. */
export const MATTER_SOURCES = ['counter', 'grid', 'meeting', 'campaign'] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];
export const MATTER_SOURCE_LABELS: Record<MatterSource, string> = {
  counter: '窗口收集',
  grid: '网格走访（民情日记）',
  meeting: '议事会',
  campaign: '问计于民',
};

export const MATTER_TYPES = ['request', 'problem', 'suggestion'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const MATTER_TYPE_LABELS: Record<MatterType, string> = {
  request: '诉求',
  problem: '问题',
  suggestion: '建议',
};

/**
 * The categories, as data: a county that counts another way changes this list (and its codes
 * stay in the records already kept, so a code is never reused for another meaning).
 */
export const MATTER_CATEGORIES = [
  { code: 'infrastructure', label: '基础设施' },
  { code: 'dispute', label: '矛盾纠纷' },
  { code: 'livelihood', label: '民生保障' },
  { code: 'environment', label: '环境卫生' },
  { code: 'industry', label: '产业发展' },
  { code: 'other', label: '其他' },
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number]['code'];
export const MATTER_CATEGORY_CODES = MATTER_CATEGORIES.map((c) => c.code) as [MatterCategory, ...MatterCategory[]];
export const MATTER_CATEGORY_LABELS = Object.fromEntries(MATTER_CATEGORIES.map((c) => [c.code, c.label])) as Record<
  MatterCategory,
  string
>;

/** 三事分流: by who is responsible. */
export const MATTER_TRIAGES = ['major', 'minor', 'private'] as const;
export type MatterTriage = (typeof MATTER_TRIAGES)[number];
export const MATTER_TRIAGE_LABELS: Record<MatterTriage, string> = {
  major: '大事',
  minor: '小事',
  private: '私事',
};
export const MATTER_TRIAGE_NOTES: Record<MatterTriage, string> = {
  major: '由政府负责：乡镇或县级部门',
  minor: '由村（社区）委会、社会组织或群团组织负责',
  private: '由群众自己负责：劝导、释疑后办结',
};

/**
 * How a matter is handled. The first three are how Nan'an counts (当即解决 + 限期解决 + 提交统筹);
 * a 私事 is advised and closed, counted beside them so that the sum is explicit.
 */
export const MATTER_HANDLINGS = ['onTheSpot', 'deadline', 'escalated', 'advised'] as const;
export type MatterHandling = (typeof MATTER_HANDLINGS)[number];
export const MATTER_HANDLING_LABELS: Record<MatterHandling, string> = {
  onTheSpot: '当即解决',
  deadline: '限期解决',
  escalated: '提交统筹',
  advised: '私事劝导办结',
};

/** Which handlings each triage allows: a 私事 is only advised; only a 大事 goes upward. */
export const HANDLINGS_OF_TRIAGE: Record<MatterTriage, readonly MatterHandling[]> = {
  major: ['onTheSpot', 'deadline', 'escalated'],
  minor: ['onTheSpot', 'deadline'],
  private: ['advised'],
};

/** Who owns a matter given a deadline, by its triage. */
export const MATTER_OWNER_KINDS = [
  'township',
  'countyDepartment',
  'villageCommittee',
  'communityOrganisation',
] as const;
export type MatterOwnerKind = (typeof MATTER_OWNER_KINDS)[number];
export const MATTER_OWNER_KIND_LABELS: Record<MatterOwnerKind, string> = {
  township: '乡镇（站所）',
  countyDepartment: '县级部门',
  villageCommittee: '村（社区）委会',
  communityOrganisation: '社会组织、群团组织',
};
export const OWNER_KINDS_OF_TRIAGE: Record<MatterTriage, readonly MatterOwnerKind[]> = {
  major: ['township', 'countyDepartment'],
  minor: ['villageCommittee', 'communityOrganisation'],
  private: [],
};

/** A 限期解决 deadline, in working days after the triage. */
export const MAX_DEADLINE_WORKING_DAYS = 60;

export const REPLY_METHODS = ['inPerson', 'phone', 'written', 'meeting'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];
export const REPLY_METHOD_LABELS: Record<ReplyMethod, string> = {
  inPerson: '当面答复',
  phone: '电话答复',
  written: '书面答复',
  meeting: '议事会上答复',
};

export const MATTER_STATUSES = ['registered', 'inHand', 'escalated', 'replied', 'closed', 'voided'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
export const MATTER_STATUS_LABELS: Record<MatterStatus, string> = {
  registered: '待分流',
  inHand: '限期办理中',
  escalated: '已提交统筹',
  replied: '已答复待办结',
  closed: '已办结',
  voided: '已作废',
};
/** Statuses in which a matter is still in hand (在办). */
export const OPEN_MATTER_STATUSES: readonly MatterStatus[] = ['registered', 'inHand', 'escalated', 'replied'];
/** Statuses in which a 限期解决 matter's deadline runs (until it is closed). */
export const RUNNING_DEADLINE_STATUSES: readonly MatterStatus[] = ['inHand', 'replied'];

/** 诉求编号: `SQ-2026-000123`, one run per year, no gaps (drawn from number blocks on a village node). */
export function formatMatterNumber(year: number, sequence: number): string {
  return `SQ-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The number counter a year's matter numbers are drawn from. */
export function matterNumberScope(year: number): string {
  return `matter:${year}`;
}

export const MATTER_NUMBER_PATTERN = /^SQ-\d{4}-\d{6}$/;
