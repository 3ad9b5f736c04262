// The county page ↔ hub admin API (`/county/api/*`): request bodies (validated by the hub with
// these schemas, so each refusal names the field) and the JSON the page receives. Lives in
// shared/ because the page (a browser) and the hub server (Node) both read it and neither may
// import the other.
import { z } from 'zod';
import { calendarFile } from '../calendar/workingCalendar';
import { catalogFile } from '../catalog/catalog';
import { dateString, oneOf, optionalText, requiredText, MULTILINE } from '../validation/fields';
import {
  INSTRUCTION_KINDS,
  INSTRUCTION_ROLES,
  type EnrollmentFile,
  type Instruction,
  type MonthlyFiguresReport,
  type SyncRejectCode,
} from './protocol';
import { INSTRUCTION_RECORD_KINDS, readRecordNumber } from './instructionAbout';
import { DEFAULT_SUITE, SUITE_IDS, type SuiteId } from './suiteIds';
import { OPEN_MATTER_STATUSES, type MatterStatus } from '../matters/matters';

export const COUNTY_API_PREFIX = '/county/api/';

export const COUNTY_PATHS = {
  townships: 'townships',
  nodes: 'nodes',
  revoke: (nodeId: string) => `nodes/${encodeURIComponent(nodeId)}/revoke`,
  replacement: (nodeId: string) => `nodes/${encodeURIComponent(nodeId)}/replacement`,
  rebuildFile: (nodeId: string) => `nodes/${encodeURIComponent(nodeId)}/rebuild-file`,
  replyFile: (nodeId: string) => `nodes/${encodeURIComponent(nodeId)}/reply-file`,
  importFile: 'import-file',
  catalog: 'catalog',
  calendar: 'calendar',
  instructions: 'instructions',
  rejections: 'rejections',
  escalations: 'escalations',
} as const;

/** Who the hub says issued an instruction when the form leaves it empty. */
export const DEFAULT_ISSUER = '县级平台';
/** Who issued a 督办 the hub sent by itself when a 交办's deadline passed without a reply. */
export const AUTO_SUPERVISION_ISSUER = '县级平台（自动督办）';

/** Absent or null: every active township. An empty list is refused (it would reach nobody). */
const nodeIds = z
  .array(z.string().min(1).max(64).describe('节点编号'))
  .min(1, { message: '请至少选择一个乡镇' })
  .max(1000)
  .nullish()
  .describe('接收乡镇');

export const createNodeRequest = z.strictObject({
  townshipName: requiredText('乡镇名称', 60),
  /** The township's cipher suite for every envelope both ways; absent: the international suite. */
  suite: oneOf('加密算法', SUITE_IDS).default(DEFAULT_SUITE),
});

export const revokeNodeRequest = z.strictObject({ reason: requiredText('吊销原因', 200) });

/** A replacement PC for a township whose PC and backups are lost (docs/rebuild.md). */
export const replaceNodeRequest = z.strictObject({ reason: requiredText('更换原因', 200) });

export const publishCatalogRequest = z.strictObject({ file: catalogFile.describe('目录文件'), nodeIds });

export const publishCalendarRequest = z.strictObject({
  file: calendarFile.describe('日历文件'),
  version: requiredText('日历版本', 20),
  nodeIds,
});

export const issueInstructionRequest = z
  .strictObject({
    kind: oneOf('类别', INSTRUCTION_KINDS),
    title: requiredText('标题', 100),
    body: requiredText('内容', 4000, MULTILINE),
    dueOn: dateString('期限').nullable(),
    responsibleRole: oneOf('负责岗位', INSTRUCTION_ROLES),
    refersTo: z.uuid({ message: '应为交办的编号' }).nullish().describe('督办的交办事项'),
    issuedBy: optionalText('下发单位', 100).nullish(),
    /** The township's record it is about (shared/sync/instructionAbout.ts); only to one township. */
    about: z
      .strictObject({ kind: oneOf('记录类别', INSTRUCTION_RECORD_KINDS), number: requiredText('记录编号', 60) })
      .nullish()
      .describe('关于乡镇的记录'),
    nodeIds,
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'assign' && !input.dueOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: '交办须给出期限' });
    }
    if (input.about) {
      const read = readRecordNumber(input.about.kind, input.about.number);
      if (!read.ok) ctx.addIssue({ code: 'custom', path: ['about', 'number'], message: read.message });
      // A record is one township's: its number means nothing at another.
      if (!input.nodeIds || input.nodeIds.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['nodeIds'],
          message: '指向乡镇记录的交办督办只能发给该记录所在的一个乡镇',
        });
      }
    }
  });

/**
 * Which escalated matters the county lists: `open` — still in hand at the township (已提交统筹 or
 * 已答复待办结), or one status. Absent: all.
 */
export const ESCALATION_STATUS_FILTERS = ['open', 'escalated', 'replied', 'closed', 'voided'] as const;
export type EscalationStatusFilter = (typeof ESCALATION_STATUS_FILTERS)[number];
export const ESCALATION_STATUS_FILTER_LABELS: Record<EscalationStatusFilter, string> = {
  open: '未办结',
  escalated: '已提交统筹',
  replied: '已答复待办结',
  closed: '已办结',
  voided: '已作废',
};

/** Whether an escalated matter at `status` is one the filter lists (absent: every one): the hub's route and the page alike. */
export function escalationListed(status: MatterStatus, filter: EscalationStatusFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'open') return OPEN_MATTER_STATUSES.includes(status);
  return status === filter;
}

/** The query of `GET escalations` (`?nodeId=…&status=…`). */
export const escalationsQuery = z.strictObject({
  nodeId: z.string().min(1).max(64).optional().describe('乡镇'),
  status: oneOf('状态', ESCALATION_STATUS_FILTERS).optional(),
});

export type CreateNodeRequest = z.input<typeof createNodeRequest>;
export type RevokeNodeRequest = z.infer<typeof revokeNodeRequest>;
export type ReplaceNodeRequest = z.infer<typeof replaceNodeRequest>;
export type PublishCatalogRequest = z.input<typeof publishCatalogRequest>;
export type PublishCalendarRequest = z.input<typeof publishCalendarRequest>;
export type IssueInstructionRequest = z.input<typeof issueInstructionRequest>;

// ---------------------------------------------------------------------------------------------
// Responses (times are ISO strings).
// ---------------------------------------------------------------------------------------------

export type NodeStatus = 'pending' | 'active' | 'revoked';
export const NODE_STATUS_LABELS: Record<NodeStatus, string> = {
  pending: '待入网',
  active: '在网',
  revoked: '已吊销',
};

/**
 * Whether the county may authorise a replacement PC for a township: not for one that never
 * enrolled and sent nothing (its original file is what it needs). The hub refuses by this rule
 * and the county page greys its button by it.
 */
export function canAuthorizeReplacement(node: { status: NodeStatus; appliedThrough: number }): boolean {
  return !(node.status === 'pending' && node.appliedThrough === 0);
}

/**
 * Whether the county can export a rebuild file for a township (docs/rebuild.md): a replacement
 * authorised, not yet finished, and its new PC's keys registered (the file is sealed to them).
 */
export function canExportRebuildFile(node: {
  status: NodeStatus;
  rebuild: { finishedAt: string | null } | null;
}): boolean {
  return node.rebuild !== null && node.rebuild.finishedAt === null && node.status === 'active';
}

export interface TownshipRow {
  nodeId: string;
  townshipName: string;
  status: NodeStatus;
  /** The cipher suite the county chose for the township at its creation. */
  suite: SuiteId;
  enrolledAt: string | null;
  lastContactAt: string | null;
  appliedThrough: number;
  /** From the township's latest daily report; null before the first one. */
  backlog: number | null;
  lastError: { at: string; code: string; message: string } | null;
  figures: MonthlyFiguresReport | null;
  /**
   * A replacement PC rebuilding the township from the hub (docs/rebuild.md): when the county
   * authorised it, how far its download got (entries, attachments), when it finished.
   */
  rebuild: { authorizedAt: string; through: number | null; files: number; finishedAt: string | null } | null;
  entries: number;
}

export interface InstructionStatusRow {
  instruction: Instruction;
  nodeId: string;
  townshipName: string;
  deliveredAt: string | null;
  arrivedAt: string | null;
  acknowledgedAt: string | null;
  /** Who at the township acknowledged / answered (names as the township's users are called). */
  acknowledgedBy?: string | null;
  repliedAt: string | null;
  reply: string | null;
  repliedBy?: string | null;
  /** null until it has arrived (or while the 5 minutes are still running). */
  ackWithin5Min: boolean | null;
  /** Not acknowledged within 30 minutes of arrival — or of delivery, when it never arrived (docs/sync.md). */
  unacknowledgedAfter30Min: boolean;
  /** Its deadline (the county's calendar day) has passed and the township has not replied. */
  replyOverdue: boolean;
  /** The 督办 the hub sent by itself when this 交办's deadline passed without a reply (hub/instructionFollowUp.ts). */
  autoSupervision: { id: string; issuedAt: string } | null;
}

/** An instruction the county sent the township whose title or text names the matter's number. */
export interface EscalationInstruction {
  id: string;
  kind: Instruction['kind'];
  title: string;
  issuedAt: string;
  dueOn: string | null;
  acknowledgedAt: string | null;
  repliedAt: string | null;
}

/**
 * A residents' matter a township escalated (提交统筹), as the county reads it from the records the
 * township synced (hub/escalations.ts): the counterpart of an instruction, coming up instead of
 * going down. Only what the county needs to follow it up: the resident's name, never an ID
 * number or a phone number.
 */
export interface EscalatedMatterRow {
  nodeId: string;
  townshipName: string;
  matterId: string;
  /** 诉求编号, e.g. `SQ-2026-000123` (numbered per township: two townships may share one). */
  number: string;
  villageId: string;
  /** From the township's villages rows the hub holds; null when none of them has reached it. */
  villageName: string | null;
  /** `request` | `problem` | `suggestion` (shared/matters/matters.ts). */
  type: string;
  /** A category code of the township's `MATTER_CATEGORIES`. */
  category: string;
  residentName: string;
  description: string;
  escalatedTo: string;
  escalationReason: string;
  /** The triage date (分流日期). */
  escalatedOn: string;
  status: MatterStatus;
  repliedOn: string | null;
  reply: string;
  closedOn: string | null;
  voidedOn: string | null;
  /** The village node that collected it (its entries forwarded by the township), or null: collected at the township. */
  villageNodeId: string | null;
  /** When the township last changed it (its latest entry). */
  changedAt: string;
  instructions: EscalationInstruction[];
}

export interface RejectionRow {
  id?: string;
  at: string;
  nodeId: string | null;
  kind: string | null;
  code: SyncRejectCode | string;
  reason: string;
  first: number | null;
  last: number | null;
  bytes: number | null;
  via: 'link' | 'file' | string;
}

export interface ImportOutcomeRow {
  /** Position of the envelope in the file, from 1. */
  index: number;
  nodeId: string | null;
  kind: string | null;
  first: number | null;
  last: number | null;
  /** accepted | replay | rejected (or another word of the hub's). */
  result: string;
  code: string | null;
  message: string;
}

export interface ReplyFileRow {
  nodeId: string;
  townshipName: string;
  fileName: string;
  /** The reply file itself, base64 (a few hundred kilobytes at most). */
  base64: string;
}

export interface ImportFileResponse {
  outcomes: ImportOutcomeRow[];
  replies: ReplyFileRow[];
}

export interface ReplaceNodeResponse {
  nodeId: string;
  enrollment: EnrollmentFile;
  fileName: string;
}

export interface CreateNodeResponse {
  nodeId: string;
  enrollment: EnrollmentFile;
  fileName: string;
}

export interface PublishResponse {
  delivered: number;
}

/** The file names the county hands out, so that a clerk can tell them apart in a folder. */
export function enrollmentFileName(townshipName: string): string {
  return `${safeFileName(townshipName)}-入网文件.json`;
}

export function replacementFileName(townshipName: string): string {
  return `${safeFileName(townshipName)}-更换电脑入网文件.json`;
}

export function rebuildFileName(townshipName: string): string {
  return `${safeFileName(townshipName)}-重建文件.tdsync`;
}

/** `青山镇-回执文件-202603021405.tdsync`, stamped in the hub's local time (what the clerk's clock shows). */
export function replyFileName(townshipName: string, at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}${two(at.getHours())}${two(at.getMinutes())}`;
  return `${safeFileName(townshipName)}-回执文件-${stamp}.tdsync`;
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_') || '乡镇';
}
