// What travels between a township node and the county hub, inside the sealed envelopes of
// envelope.ts: the payload of each kind of envelope, the enrollment file the county hands
// out, the HTTP paths, and the reasons a batch is refused. Both sides parse every payload
// through these schemas, so a well-signed but malformed payload is refused like any other.
import { z } from 'zod';
import { calendarFile } from '../calendar/workingCalendar';
import { catalogFile } from '../catalog/catalog';
import { numberBlock } from '../workflow/numberBlocks';
import { instructionAbout } from './instructionAbout';
import { SUITE_IDS } from './suiteIds';

export const SYNC_PROTOCOL_VERSION = 1;

/** One entry of a node's change log, as it travels upward. */
/**
 * A row an entry's write left behind, whole (its columns as stored), or — `deleted` — the key of
 * a row it removed: what rebuilding a township from the county's copy replays.
 */
export const rowImage = z.strictObject({
  table: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'table 应为表名'),
  row: z.record(z.string(), z.unknown()),
  deleted: z.literal(true).optional(),
});
export type RowImage = z.infer<typeof rowImage>;

export const changeEntry = z.strictObject({
  seq: z.number().int().positive(),
  id: z.string().min(1).max(64),
  entity: z.string().min(1).max(64),
  entityId: z.string().min(1).max(200),
  op: z.string().min(1).max(64),
  data: z.unknown(),
  actorId: z.string().max(64).nullable(),
  actorName: z.string().max(200),
  at: z.string().min(1).max(40),
  /** The rows the entry's write left (entries from before row images have none). */
  rows: z.array(rowImage).max(100_000).optional(),
});
export type ChangeEntry = z.infer<typeof changeEntry>;

/** A change-log row as both ends store it (the township's `change_log`, the hub's `hub_entries`). */
export interface ChangeEntryRow {
  seq: number;
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  /** JSON. */
  data: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  /** JSON array of row images; null: none. */
  row_images: string | null;
}

export function changeEntryOfRow(row: ChangeEntryRow): ChangeEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    data: JSON.parse(row.data) as unknown,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    ...(row.row_images ? { rows: JSON.parse(row.row_images) as RowImage[] } : {}),
  };
}

export function rowOfChangeEntry(entry: ChangeEntry): ChangeEntryRow {
  return {
    seq: entry.seq,
    id: entry.id,
    entity: entry.entity,
    entity_id: entry.entityId,
    op: entry.op,
    data: JSON.stringify(entry.data ?? null),
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    at: entry.at,
    row_images: entry.rows ? JSON.stringify(entry.rows) : null,
  };
}

/** Envelope kind 'batch': a contiguous run of change-log entries, first..last of the header. */
export const batchPayload = z.strictObject({ entries: z.array(changeEntry).min(1).max(100_000) });
export type BatchPayload = z.infer<typeof batchPayload>;

/**
 * The daily report a node appends to its change log before it sends (有事报事、无事报平安: an
 * all-clear is itself a report). The hub keeps the latest per township and month.
 */
export const REPORT_ENTITY = 'syncReport';
export const REPORT_OP = 'monthlyFigures';
export const monthlyFiguresReport = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  reportedAt: z.string(),
  /** Entries not yet acknowledged by the hub when the report was written. */
  backlog: z.number().int().nonnegative(),
  counter: z.strictObject({
    received: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    overdue: z.number().int().nonnegative(),
  }),
  mediation: z.strictObject({
    accepted: z.number().int().nonnegative(),
    successful: z.number().int().nonnegative(),
    concluded: z.number().int().nonnegative(),
    /** Per cent with one decimal, or null when nothing concluded. */
    successRate: z.number().nullable(),
  }),
  /** The petition desk; absent in reports of townships from before it. */
  petitions: z
    .strictObject({
      /** Visits (批次) and letters (件) received. */
      received: z.number().int().nonnegative(),
      /** People of the visits (人次). */
      visitPeople: z.number().int().nonnegative(),
      groupVisits: z.number().int().nonnegative(),
      replied: z.number().int().nonnegative(),
      overdue: z.number().int().nonnegative(),
    })
    .optional(),
  /**
   * Residents' matters (三事分流, shared/matters/statistics.ts): collected = on the spot + with a
   * deadline + escalated + advised + not yet sorted; absent in reports of townships from before it.
   */
  matters: z
    .strictObject({
      collected: z.number().int().nonnegative(),
      onTheSpot: z.number().int().nonnegative(),
      deadline: z.number().int().nonnegative(),
      escalated: z.number().int().nonnegative(),
      advised: z.number().int().nonnegative(),
      pending: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
      inHand: z.number().int().nonnegative(),
      replied: z.number().int().nonnegative(),
      overdue: z.number().int().nonnegative(),
    })
    .optional(),
});
export type MonthlyFiguresReport = z.infer<typeof monthlyFiguresReport>;

// ---------------------------------------------------------------------------------------------
// Instructions: 交办 (a matter with a deadline) and 督办 (a reminder on an overdue matter).
// ---------------------------------------------------------------------------------------------

export const INSTRUCTION_KINDS = ['assign', 'supervise'] as const;
export type InstructionKind = (typeof INSTRUCTION_KINDS)[number];
export const INSTRUCTION_KIND_LABELS: Record<InstructionKind, string> = { assign: '交办', supervise: '督办' };

/** Which role at the township must acknowledge it (the responsible desk). */
export const INSTRUCTION_ROLES = [
  'administrator',
  'counterClerk',
  'mediator',
  'committeeHead',
  'petitionReceptionist',
  'leader',
] as const;

/**
 * Not strict, unlike the rest of the protocol: a field a later hub adds to an instruction (as
 * `about` was added) is dropped by a township that does not know it instead of refusing the whole
 * downward payload. (Townships from before `about` had a strict schema: update them before the
 * hub, as every upgrade does — hub/README.md.)
 */
export const instruction = z.object({
  id: z.uuid(),
  kind: z.enum(INSTRUCTION_KINDS),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(4000),
  /** 交办: the deadline; 督办: the deadline of the overdue matter it chases. */
  dueOn: z.iso.date().nullable(),
  responsibleRole: z.enum(INSTRUCTION_ROLES),
  issuedAt: z.string(),
  issuedBy: z.string().max(100),
  /** 督办 points at the 交办 it chases. */
  refersTo: z.uuid().nullable(),
  /**
   * The township's record it is about (kind and number, instructionAbout.ts); absent when it is
   * about none. Optional, and left out rather than null when absent, so an instruction without
   * it is the same bytes an older township already reads.
   */
  about: instructionAbout.optional(),
});
export type Instruction = z.infer<typeof instruction>;

/** The township's side of an instruction travels up as change-log entries of this entity. */
export const INSTRUCTION_ENTITY = 'instruction';
export const instructionArrived = z.strictObject({ arrivedAt: z.string() });
export const instructionAcknowledged = z.strictObject({ acknowledgedAt: z.string(), acknowledgedBy: z.string() });
export const instructionAnswered = z.strictObject({
  reply: z.string().min(1).max(4000),
  repliedAt: z.string(),
  repliedBy: z.string(),
});
/** op → data schema of the instruction entries. */
export const INSTRUCTION_OPS = {
  arrive: instructionArrived,
  acknowledge: instructionAcknowledged,
  reply: instructionAnswered,
} as const;

// ---------------------------------------------------------------------------------------------
// Downward packages (envelope kind 'down').
// ---------------------------------------------------------------------------------------------

export const downPackage = z.discriminatedUnion('kind', [
  z.strictObject({
    seq: z.number().int().positive(),
    kind: z.literal('catalog'),
    publishedAt: z.string(),
    file: catalogFile,
  }),
  z.strictObject({
    seq: z.number().int().positive(),
    kind: z.literal('calendar'),
    publishedAt: z.string(),
    /** The county's version label of the calendar (the file format has none of its own). */
    version: z.string().min(1).max(20),
    file: calendarFile,
  }),
  z.strictObject({
    seq: z.number().int().positive(),
    kind: z.literal('instruction'),
    publishedAt: z.string(),
    instruction,
  }),
  /**
   * Rows the level above owns, as they now are, for a node below that holds copies of them: a
   * township's answers to its village (the case an errand became, a triage), and the reference
   * rows the village works from (its residents, the township's places, the agents' accounts).
   */
  z.strictObject({
    seq: z.number().int().positive(),
    kind: z.literal('records'),
    publishedAt: z.string(),
    /** What the rows are, for the node's history (`窗口受理了代办`). */
    about: z.string().min(1).max(200),
    rows: z.array(rowImage).min(1).max(100_000),
  }),
  /** Number blocks the township reserved for a village node (ARCHITECTURE principle 4). */
  z.strictObject({
    seq: z.number().int().positive(),
    kind: z.literal('numberBlocks'),
    publishedAt: z.string(),
    blocks: z.array(numberBlock).min(1).max(1000),
  }),
]);
export type DownPackage = z.infer<typeof downPackage>;

/** What the hub tells a node: how far it applied the node's batches, and what comes down. */
export const downPayload = z.strictObject({
  nodeId: z.string(),
  appliedThrough: z.number().int().nonnegative(),
  lastBatchHash: z.string(),
  /** Packages with seq greater than the node asked for, in order. */
  packages: z.array(downPackage).max(1000),
  /**
   * Attachments the hub holds for this node, stored in the last 30 days (SHA-256 hex): how a
   * file carried on a USB stick learns that its attachments arrived.
   */
  storedFiles: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(20_000),
  /** When the node has been revoked the hub says so (and nothing else comes down). */
  revoked: z.boolean(),
  issuedAt: z.string(),
});
export type DownPayload = z.infer<typeof downPayload>;

/**
 * Envelope kind 'rebuild': a page of a township's own change log as the hub holds it, sealed to
 * the replacement PC the county authorised (docs/rebuild.md). Entries after the page's `after`,
 * in order; with where the hub stands, so the replacement continues the chain from there.
 */
export const rebuildPayload = z.strictObject({
  nodeId: z.string(),
  after: z.number().int().nonnegative(),
  entries: z.array(changeEntry).max(10_000),
  /** The hub's last applied entry: the rebuild is complete when the pages reach it. */
  appliedThrough: z.number().int().nonnegative(),
  lastBatchHash: z.string(),
  /** The node's downward sequence as the hub last heard it. */
  downApplied: z.number().int().nonnegative(),
  issuedAt: z.string(),
});
export type RebuildPayload = z.infer<typeof rebuildPayload>;

// ---------------------------------------------------------------------------------------------
// Enrollment.
// ---------------------------------------------------------------------------------------------

export const ENROLLMENT_FORMAT = 'township-desk/enrollment';

/** The one-time file the county hands to a township (or the same as a pasted code). */
export const enrollmentFile = z.strictObject({
  format: z.literal(ENROLLMENT_FORMAT, { message: '不是县级平台发放的入网文件' }),
  version: z.literal(SYNC_PROTOCOL_VERSION),
  nodeId: z.string().min(1).max(64),
  townshipName: z.string().min(1).max(60),
  /** `https://host:port` of the hub. */
  hubUrl: z.url({ message: '平台地址不是有效的网址' }),
  /**
   * The suite the county chose for this township (absent in files of hubs from before the
   * choice: the international suite). Every envelope both ways, and the node's keys, are of it.
   */
  suite: z.enum(SUITE_IDS, { message: '加密算法套件不是本系统支持的套件' }).optional(),
  /**
   * The hub's keys of that suite, base64url: its box key (batches are sealed to it: X25519, or
   * an SM2 encryption key) and its signing key (it signs what comes down: Ed25519, or SM2).
   */
  hubBoxPublicKey: z.string().min(40).max(100),
  hubSigningPublicKey: z.string().min(40).max(100),
  /** SHA-256 fingerprint of the hub's TLS certificate (as Node prints it: `AB:CD:…`), pinned. */
  certificateFingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, '证书指纹格式不对'),
  /** The certificate itself (PEM), so a self-signed hub certificate can be trusted without a CA. */
  certificatePem: z.string().min(100).max(20_000),
  /** One-time secret, presented with the township's public keys; spent on first use. */
  token: z.string().min(32).max(128),
  expiresAt: z.string(),
  /**
   * Present in the file for a replacement PC: the county authorised it to rebuild the township
   * from the hub's copy (the old PC's keys are revoked), and how far the hub's copy goes.
   */
  replacement: z.strictObject({ authorizedAt: z.string(), appliedThrough: z.number().int().nonnegative() }).optional(),
  /**
   * Present in a file a township issues to one of its villages (ARCHITECTURE principle 9: the
   * village enrolls to its township as the township to the county): the node becomes a village
   * node serving this village, and the "hub" above it is the township's hall.
   */
  village: z
    .strictObject({
      id: z.string().min(1).max(64),
      name: z.string().min(1).max(60),
      townshipName: z.string().min(1).max(60),
    })
    .optional(),
});
export type EnrollmentFile = z.infer<typeof enrollmentFile>;

/** Envelope kind 'registration', signed with the new signing key it announces. */
export const registrationPayload = z.strictObject({
  nodeId: z.string(),
  token: z.string(),
  signingPublicKey: z.string(),
  boxPublicKey: z.string(),
  townshipName: z.string(),
  registeredAt: z.string(),
});
export type RegistrationPayload = z.infer<typeof registrationPayload>;

/** Envelope kind 'rotation', signed with the *current* signing key; announces the next keys. */
export const rotationPayload = z.strictObject({
  nodeId: z.string(),
  signingPublicKey: z.string(),
  boxPublicKey: z.string(),
  rotatedAt: z.string(),
});
export type RotationPayload = z.infer<typeof rotationPayload>;

// ---------------------------------------------------------------------------------------------
// HTTP.
// ---------------------------------------------------------------------------------------------

export const SYNC_PATHS = {
  register: '/sync/v1/register',
  rotate: '/sync/v1/rotate',
  batches: '/sync/v1/batches',
  state: (nodeId: string) => `/sync/v1/nodes/${encodeURIComponent(nodeId)}/state`,
  down: (nodeId: string, after: number) => `/sync/v1/nodes/${encodeURIComponent(nodeId)}/down?after=${after}`,
  files: '/sync/v1/files',
  rebuild: (nodeId: string, after: number) => `/sync/v1/nodes/${encodeURIComponent(nodeId)}/rebuild?after=${after}`,
  rebuildFile: (nodeId: string, sha256: string) =>
    `/sync/v1/nodes/${encodeURIComponent(nodeId)}/rebuild/files/${sha256}`,
  rebuildDone: (nodeId: string) => `/sync/v1/nodes/${encodeURIComponent(nodeId)}/rebuild/done`,
} as const;

export const SYNC_REJECT_CODES = [
  'malformed',
  'too-large',
  'unsupported-version',
  'unsupported-suite',
  'bad-signature',
  'undecryptable',
  'unknown-node',
  'unknown-key',
  'revoked',
  'gap',
  'broken-chain',
  'conflict',
  'bad-token',
  'unauthenticated',
  'clock-skew',
  'not-authorized',
  'not-found',
] as const;
export type SyncRejectCode = (typeof SYNC_REJECT_CODES)[number];

/** What the township's sync screen says for each refusal (the hub adds the details). */
export const SYNC_REJECT_LABELS: Record<SyncRejectCode, string> = {
  malformed: '数据包格式不正确',
  'too-large': '数据包超过大小上限',
  'unsupported-version': '数据包版本不受支持',
  'unsupported-suite': '加密算法套件不受支持',
  'bad-signature': '签名校验失败',
  undecryptable: '无法解密（密钥不匹配）',
  'unknown-node': '县级平台上没有本乡镇节点',
  'unknown-key': '签名密钥未在县级平台登记',
  revoked: '本节点或其密钥已被县级平台吊销',
  gap: '序号不连续：前面的数据尚未送达',
  'broken-chain': '前一批次的摘要不符（哈希链断开）',
  conflict: '同一序号的批次内容不同',
  'bad-token': '入网口令无效、已使用或已过期',
  unauthenticated: '请求未经本节点签名或签名无效',
  'clock-skew': '本机时间与县级平台时间相差过大',
  'not-authorized': '县级平台未授权此操作',
  'not-found': '县级平台上没有所要的数据',
};

export const SYNC_REJECT_STATUS: Record<SyncRejectCode, number> = {
  malformed: 400,
  'too-large': 413,
  'unsupported-version': 400,
  'unsupported-suite': 400,
  'bad-signature': 400,
  undecryptable: 400,
  'unknown-node': 404,
  'unknown-key': 403,
  revoked: 403,
  gap: 409,
  'broken-chain': 409,
  conflict: 409,
  'bad-token': 403,
  unauthenticated: 401,
  'clock-skew': 401,
  'not-authorized': 403,
  'not-found': 404,
};

export const syncErrorBody = z.object({
  error: z.object({ code: z.enum(SYNC_REJECT_CODES), message: z.string() }),
  appliedThrough: z.number().int().nonnegative().optional(),
  /** With 'clock-skew': the hub's time, so the node can sign again on the hub's clock. */
  hubTime: z.string().max(40).optional(),
});

export const batchAccepted = z.object({
  appliedThrough: z.number().int().nonnegative(),
  lastBatchHash: z.string(),
  replay: z.boolean(),
});
export type BatchAccepted = z.infer<typeof batchAccepted>;

export const nodeState = z.object({ appliedThrough: z.number().int().nonnegative(), lastBatchHash: z.string() });
