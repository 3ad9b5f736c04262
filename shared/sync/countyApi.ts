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
import { DEFAULT_SUITE, SUITE_IDS, type SuiteId } from './suiteIds';

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
} as const;

/** Who the hub says issued an instruction when the form leaves it empty. */
export const DEFAULT_ISSUER = '县级平台';

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
    nodeIds,
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'assign' && !input.dueOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: '交办须给出期限' });
    }
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
  unacknowledgedAfter30Min: boolean;
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
