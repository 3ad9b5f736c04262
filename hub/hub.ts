// The county hub: opens its database and keys and offers the operations the node-facing HTTP
// routes (syncRoutes.ts) and the county's server, page and CLI (server.ts) are built on.
import { mkdir } from 'node:fs/promises';
import type { CalendarFile } from '../shared/calendar/workingCalendar';
import type { CatalogFile } from '../shared/catalog/catalog';
import type { BatchAccepted, EnrollmentFile, Instruction, RowImage } from '../shared/sync/protocol';
import type { SuiteId } from '../shared/sync/suiteIds';
import type { NumberBlock } from '../shared/workflow/numberBlocks';
import { applyBatch } from './apply';
import type { HubContext, RowKeeper } from './context';
import {
  instructionStatus,
  records,
  rejections,
  townships,
  type InstructionStatus,
  type RecordRow,
  type RejectionRecord,
  type TownshipSummary,
} from './county';
import { openHubDatabase } from './db/open';
import { escalatedMatters, type EscalationFilter } from './escalations';
import { countyFigures, figureRecords, figureTrend } from './figures/countyFigures';
import type { EscalatedMatterRow } from '../shared/sync/countyApi';
import { verifyDocumentLink } from './documentVerification';
import type { HubVerification } from '../shared/documents/hubVerification';
import type { HubDb, Via } from './db/schema';
import {
  issueInstruction,
  publishCalendar,
  publishCatalog,
  publishNumberBlocks,
  publishRecords,
  sealDown,
  type IssueInstructionInput,
  type Targets,
} from './down';
import { revokedNode } from './envelopes';
import { plainStoredFiles, pruneUploads, storedFilePath, storeFile, type StoredFiles } from './files';
import { loadOrCreateIdentity, type HubSuiteKeys } from './identity';
import {
  authorizeReplacement,
  createNode,
  register,
  revokeKey,
  revokeNode,
  rotate,
  type CreateNodeInput,
  type ReplacementInput,
} from './nodes';
import { finishRebuild, rebuildFile, rebuildPackage, rebuildPage } from './rebuild';
import { authenticateNodeRequest, type NodeRequest } from './nodeRequests';
import { HubRejection, flushSuppressed, rejection, recordRejection, type RejectionContext } from './rejection';
import { RejectionThrottle, type RejectionLimits } from './rejectionThrottle';
import { importFile, replyFile, type ImportOutcome, type ImportResult } from './usbFiles';
import { followUpSettled, superviseOverdue } from './instructionFollowUp';
import { catchUpRowKeepers } from './rowKeepers';
import { COUNTY_ROW_KEEPERS } from './countyViews';
import type { ReportPeriod } from '../shared/documents/reportPeriods';
import type { CountyFigures, FigureRecords, FigureTrend } from '../shared/sync/countyFiguresApi';

export { HubInputError, HubRejection } from './rejection';
export type {
  ImportOutcome,
  InstructionStatus,
  RejectionContext,
  IssueInstructionInput,
  RecordRow,
  RejectionRecord,
  TownshipSummary,
};

export interface HubOptions {
  dataDir: string;
  /** PostgreSQL connection string; SQLite in dataDir when absent. */
  postgres?: string;
  /** The SQLite database key (see db/open.ts); absent: a plain database. */
  databaseKey?: Uint8Array | null;
  now?: () => Date;
  log?: (line: string) => void;
  /** Bounds of the rejection log per client address (defaults: rejectionThrottle.ts). */
  rejectionLimits?: Partial<RejectionLimits>;
  /** What the nodes below are called in the log: 乡镇 (default) at the county, 村级节点 at a township. */
  nodeNoun?: string;
  /**
   * Seal the hub's private keys file under the database key (a township receiving its villages:
   * its laptop's data is encrypted at rest; the county keeps a plain file only its user reads).
   */
  sealKeysFile?: boolean;
  /**
   * Where the files the nodes send are kept; default: plain under <dataDir>/files/<node>/<sha256>.
   * A township gives its encrypted data files (electron/backend/sync/villages/receiver.ts).
   */
  storedFiles?: StoredFiles;
  /**
   * The views kept from the rows of every applied batch; default: the county's (countyViews.ts).
   * A township receiving its villages keeps none: it takes their rows into its own tables.
   */
  rowKeepers?: readonly RowKeeper[];
}

/** The public half of the hub's keys of one suite. */
export interface HubPublicKeys {
  boxPublicKey: Uint8Array;
  signingPublicKey: Uint8Array;
  boxKeyId: string;
  signingKeyId: string;
}

export interface Hub {
  readonly dialect: 'sqlite' | 'postgres';
  readonly dataDir: string;
  /** The international keys at the top (as before the 国密 suite), each suite's in `suites`. */
  readonly identity: HubPublicKeys & { suites: Record<SuiteId, HubPublicKeys> };
  createNode(input: CreateNodeInput): Promise<{ nodeId: string; enrollment: EnrollmentFile }>;
  revokeNode(nodeId: string, reason: string): Promise<void>;
  /** Revokes one key of a node (a lost or stolen machine); the node itself stays enrolled. */
  revokeKey(nodeId: string, keyId: string): Promise<void>;
  /** A replacement PC for a township whose PC and backups are lost (docs/rebuild.md). */
  authorizeReplacement(nodeId: string, input: ReplacementInput): Promise<{ enrollment: EnrollmentFile }>;
  /** The replacement's next page of the township's entries after `after`, sealed to it. */
  rebuildPage(nodeId: string, after: number): Promise<Uint8Array>;
  /** One of the township's attachments, sealed to the replacement. */
  rebuildFile(nodeId: string, sha256: string): Promise<Uint8Array>;
  finishRebuild(nodeId: string): Promise<void>;
  /** Everything a replacement without a link needs, as one USB file. */
  rebuildPackage(nodeId: string): Promise<Uint8Array>;
  // `address`: the client address of a request over the link; its refusals are logged within
  // that address's share (rejectionThrottle.ts).
  register(envelope: Uint8Array, via: Via, address?: string): Promise<{ nodeId: string; townshipName: string }>;
  rotate(envelope: Uint8Array, via: Via, address?: string): Promise<{ nodeId: string; keyIds: string[] }>;
  applyBatch(envelope: Uint8Array, via: Via, address?: string): Promise<BatchAccepted>;
  storeFile(envelope: Uint8Array, via: Via, address?: string): Promise<{ sha256: string }>;
  /**
   * Where a stored file is (for the county's server to serve) with the default store; the file
   * may not exist. A hub given its own `storedFiles` keeps them there instead.
   */
  filePath(nodeId: string, sha256: string): string;
  /** How far the hub got with a node. Over HTTP only for the node itself or the county (see authenticateNodeRequest). */
  nodeState(nodeId: string): Promise<{ appliedThrough: number; lastBatchHash: string }>;
  /** Resolves when the request is signed by the node's current key; throws (and logs) the refusal otherwise. */
  authenticateNodeRequest(nodeId: string, request: NodeRequest): Promise<void>;
  downFor(nodeId: string, after: number): Promise<Uint8Array | null>;
  importFile(bytes: Uint8Array): Promise<ImportResult>;
  replyFile(nodeId: string): Promise<Uint8Array>;
  publishCatalog(file: CatalogFile, nodeIds: Targets): Promise<{ delivered: number }>;
  publishCalendar(file: CalendarFile, version: string, nodeIds: Targets): Promise<{ delivered: number }>;
  issueInstruction(input: IssueInstructionInput, nodeIds: Targets): Promise<Instruction>;
  /**
   * The 督办 the hub sends by itself for each 交办 whose deadline passed without a reply, once per
   * township (instructionFollowUp.ts); the county's server runs it at start and every minute.
   */
  superviseOverdue(): Promise<Instruction[]>;
  /** Rows this level owns, to the nodes below holding copies (a township's answers to a village). */
  publishRecords(about: string, rows: RowImage[], nodeIds: Targets): Promise<{ delivered: number }>;
  /** Number blocks this level reserved for a node below (a township's village). */
  publishNumberBlocks(blocks: NumberBlock[], nodeIds: Targets): Promise<{ delivered: number }>;
  townships(): Promise<TownshipSummary[]>;
  instructionStatus(): Promise<InstructionStatus[]>;
  rejections(limit?: number): Promise<RejectionRecord[]>;
  records(nodeId: string, entity?: string, limit?: number): Promise<RecordRow[]>;
  /** The residents' matters townships escalated (提交统筹), newest first (escalations.ts). */
  escalatedMatters(filter?: EscalationFilter): Promise<EscalatedMatterRow[]>;
  /** Every township's figures of a period and the total (shared/sync/countyFiguresApi.ts). */
  countyFigures(period: ReportPeriod): Promise<CountyFigures>;
  figureTrend(query: Parameters<typeof figureTrend>[1]): Promise<FigureTrend>;
  figureRecords(query: Parameters<typeof figureRecords>[1]): Promise<FigureRecords>;
  /** Checks a paper's verification link against the enrolled townships' registered keys. */
  verifyDocument(link: string): Promise<HubVerification>;
  /** Logs a refusal that happened before the hub saw an envelope (an oversized HTTP body). */
  recordRejection(about: RejectionContext, refusal: HubRejection): Promise<void>;
  /** Writes the summary rows of refusals counted but not logged, for every window that is over. */
  flushRejectionSummaries(): Promise<void>;
  /** The database, for the routes' upload bookkeeping and for tests. */
  readonly db: HubDb;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  close(): Promise<void>;
}

function publicKeys(keys: HubSuiteKeys): HubPublicKeys {
  return {
    boxPublicKey: keys.box.publicKey,
    signingPublicKey: keys.signing.publicKey,
    boxKeyId: keys.boxKeyId,
    signingKeyId: keys.signingKeyId,
  };
}

export async function openHub(options: HubOptions): Promise<Hub> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  await mkdir(options.dataDir, { recursive: true });
  const identity = await loadOrCreateIdentity(
    options.dataDir,
    now,
    log,
    options.sealKeysFile ? (options.databaseKey ?? null) : null,
  );
  const { db, dialect } = await openHubDatabase({
    dataDir: options.dataDir,
    postgres: options.postgres,
    key: options.databaseKey,
    log,
  });
  const rejectionThrottle = new RejectionThrottle(options.rejectionLimits);
  const ctx: HubContext = {
    db,
    dialect,
    dataDir: options.dataDir,
    identity,
    now,
    log,
    rejectionThrottle,
    nodeNoun: options.nodeNoun,
    files: options.storedFiles ?? plainStoredFiles(options.dataDir),
    rowKeepers: options.rowKeepers ?? COUNTY_ROW_KEEPERS,
  };
  await pruneUploads(ctx);
  await catchUpRowKeepers(ctx);
  let closed = false;

  return {
    dialect,
    dataDir: options.dataDir,
    db,
    now,
    log,
    identity: {
      ...publicKeys(identity),
      suites: Object.fromEntries(
        Object.entries(identity.suites).map(([suite, keys]) => [suite, publicKeys(keys)]),
      ) as Record<SuiteId, HubPublicKeys>,
    },
    createNode: (input) => createNode(ctx, input),
    revokeNode: (nodeId, reason) => revokeNode(ctx, nodeId, reason),
    revokeKey: (nodeId, keyId) => revokeKey(ctx, nodeId, keyId),
    authorizeReplacement: (nodeId, input) => authorizeReplacement(ctx, nodeId, input),
    rebuildPage: (nodeId, after) => rebuildPage(ctx, nodeId, after),
    rebuildFile: (nodeId, sha256) => rebuildFile(ctx, nodeId, sha256),
    finishRebuild: (nodeId) => finishRebuild(ctx, nodeId),
    rebuildPackage: (nodeId) => rebuildPackage(ctx, nodeId),
    register: (envelope, via, address) => register(ctx, envelope, via, address),
    rotate: (envelope, via, address) => rotate(ctx, envelope, via, address),
    applyBatch: (envelope, via, address) => applyBatch(ctx, envelope, via, address),
    storeFile: (envelope, via, address) => storeFile(ctx, envelope, via, address),
    filePath: (nodeId, sha256) => storedFilePath(options.dataDir, nodeId, sha256),
    async nodeState(nodeId) {
      const node = await db
        .selectFrom('hub_nodes')
        .select(['status', 'applied_through', 'last_batch_hash', 'township_name', 'revoked_at', 'revoke_reason'])
        .where('id', '=', nodeId)
        .executeTakeFirst();
      if (!node) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
      if (node.status === 'revoked') throw revokedNode(node);
      return { appliedThrough: Number(node.applied_through), lastBatchHash: node.last_batch_hash };
    },
    downFor: (nodeId, after) => sealDown(ctx, nodeId, after, false),
    importFile: (bytes) => importFile(ctx, bytes),
    replyFile: (nodeId) => replyFile(ctx, nodeId),
    publishCatalog: (file, nodeIds) => publishCatalog(ctx, file, nodeIds),
    publishCalendar: (file, version, nodeIds) => publishCalendar(ctx, file, version, nodeIds),
    issueInstruction: (input, nodeIds) => issueInstruction(ctx, input, nodeIds),
    superviseOverdue: () => superviseOverdue(ctx),
    publishRecords: (about, rows, nodeIds) => publishRecords(ctx, about, rows, nodeIds),
    publishNumberBlocks: (blocks, nodeIds) => publishNumberBlocks(ctx, blocks, nodeIds),
    townships: () => townships(ctx),
    instructionStatus: () => instructionStatus(ctx),
    rejections: (limit) => rejections(ctx, limit),
    records: (nodeId, entity, limit) => records(ctx, nodeId, entity, limit),
    escalatedMatters: (filter) => escalatedMatters(ctx, filter),
    countyFigures: (period) => countyFigures(ctx, period),
    figureTrend: (query) => figureTrend(ctx, query),
    figureRecords: (query) => figureRecords(ctx, query),
    verifyDocument: (link) => verifyDocumentLink(ctx, link),
    authenticateNodeRequest: (nodeId, request) => authenticateNodeRequest(ctx, nodeId, request),
    recordRejection: (about, refusal) => recordRejection(ctx, about, refusal),
    flushRejectionSummaries: () => flushSuppressed(ctx),
    async close() {
      if (closed) return;
      closed = true;
      // What was counted but not yet summed up is written before the database goes.
      await flushSuppressed(ctx, true);
      await followUpSettled(ctx);
      await db.destroy();
    },
  };
}
