// What comes down to the townships: the service catalog, the holiday calendar and the county's
// instructions. A publication is one package row plus one delivery row per township, numbered
// with that township's own downward sequence, so a node asks for "everything after N" and gets
// each package exactly once, in order, whether it comes over the link or in a USB reply file.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { calendarFile, type CalendarFile } from '../shared/calendar/workingCalendar';
import { catalogFile, type CatalogFile } from '../shared/catalog/catalog';
import { utf8 } from '../shared/sync/bytes';
import { sealEnvelope } from '../shared/sync/envelope';
import {
  INSTRUCTION_ROLES,
  downPayload,
  instruction as instructionSchema,
  type DownPackage,
  type DownPayload,
  type Instruction,
  type InstructionKind,
  type RowImage,
} from '../shared/sync/protocol';
import type { HubContext } from './context';
import type { HubTx } from './db/schema';
import { fromBase64Url } from '../shared/sync/bytes';
import { uuidv7 } from '../electron/backend/db/uuidv7';
import { HubInputError, rejection } from './rejection';
import type { NumberBlock } from '../shared/workflow/numberBlocks';
import { readRecordNumber, type InstructionAbout } from '../shared/sync/instructionAbout';
import { hubKeysFor } from './identity';

/** At most this many packages per downward envelope (the node asks again for the rest). */
export const MAX_PACKAGES_PER_DOWN = 200;
// A catalog is a few hundred kilobytes of JSON; keep one envelope well under its 64 MiB
// inflated cap and 16 MiB sealed cap however many catalogs are queued.
const MAX_DOWN_JSON_BYTES = 24 * 1024 * 1024;
/** How far back the down payload lists the attachments the hub holds (protocol: 30 days). */
const STORED_FILES_DAYS = 30;
const MAX_STORED_FILES = 20_000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A package as published: the same for every township, without the per-township `seq`. */
export type PackageBody = DistributiveOmit<DownPackage, 'seq'>;

export type Targets = string[] | 'all';

async function resolveTargets(tx: HubTx, targets: Targets): Promise<string[]> {
  if (targets === 'all') {
    // Pending nodes too: what they are sent waits for them and arrives with their first download.
    const rows = await tx.selectFrom('hub_nodes').select('id').where('status', '!=', 'revoked').orderBy('id').execute();
    return rows.map((r) => r.id);
  }
  const wanted = [...new Set(targets)];
  if (wanted.length === 0) throw new HubInputError('请至少选择一个接收乡镇');
  const rows = await tx
    .selectFrom('hub_nodes')
    .select(['id', 'status', 'township_name'])
    .where('id', 'in', wanted)
    .execute();
  for (const id of wanted) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new HubInputError(`县级平台上没有编号为 ${id} 的乡镇节点`);
    if (row.status === 'revoked') throw new HubInputError(`「${row.township_name}」节点已被吊销，不能再向其下发`);
  }
  return wanted;
}

/** One delivery row per target, each with the next number of that target's downward sequence. */
async function deliver(tx: HubTx, packageId: string, targets: string[]): Promise<number> {
  if (targets.length === 0) return 0;
  const numbered = await tx
    .updateTable('hub_nodes')
    .set((eb) => ({ down_next_seq: eb('down_next_seq', '+', 1) }))
    .where('id', 'in', targets)
    .returning(['id', 'down_next_seq'])
    .execute();
  await tx
    .insertInto('hub_deliveries')
    .values(numbered.map((row) => ({ node_id: row.id, seq: Number(row.down_next_seq) - 1, package_id: packageId })))
    .execute();
  return numbered.length;
}

async function publish(
  ctx: HubContext,
  body: PackageBody,
  targets: Targets,
  alongside?: (tx: HubTx, packageId: string, nodeIds: string[]) => Promise<void>,
): Promise<{ delivered: number }> {
  const packageId = uuidv7(ctx.now().getTime());
  const delivered = await ctx.db.transaction().execute(async (tx) => {
    const nodeIds = await resolveTargets(tx, targets);
    await tx
      .insertInto('hub_packages')
      .values({ id: packageId, kind: body.kind, payload: JSON.stringify(body), published_at: body.publishedAt })
      .execute();
    await alongside?.(tx, packageId, nodeIds);
    return deliver(tx, packageId, nodeIds);
  });
  ctx.log(`已下发${PACKAGE_WORDS[body.kind]}，共 ${delivered} 个${ctx.nodeNoun ?? '乡镇'}`);
  return { delivered };
}

function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new HubInputError(`${what}不正确${field ? `（${field}）` : ''}：${issue?.message ?? '内容不符合格式'}`);
}

const PACKAGE_WORDS: Record<PackageBody['kind'], string> = {
  catalog: '事项目录',
  calendar: '工作日历',
  instruction: '指令',
  records: '记录',
  numberBlocks: '号段',
};

/**
 * Rows the level above owns, to the nodes below that hold copies of them (a township's answers
 * and reference rows to one village). The caller checked what goes to whom.
 */
export async function publishRecords(
  ctx: HubContext,
  about: string,
  rows: RowImage[],
  targets: Targets,
): Promise<{ delivered: number }> {
  return publish(ctx, { kind: 'records', publishedAt: ctx.now().toISOString(), about, rows }, targets);
}

/** Number blocks reserved for one node below (a township's village). */
export async function publishNumberBlocks(
  ctx: HubContext,
  blocks: NumberBlock[],
  targets: Targets,
): Promise<{ delivered: number }> {
  return publish(ctx, { kind: 'numberBlocks', publishedAt: ctx.now().toISOString(), blocks }, targets);
}

export async function publishCatalog(ctx: HubContext, file: CatalogFile, targets: Targets) {
  const valid = checked(catalogFile, file, '事项目录文件');
  return publish(ctx, { kind: 'catalog', publishedAt: ctx.now().toISOString(), file: valid }, targets);
}

export async function publishCalendar(ctx: HubContext, file: CalendarFile, version: string, targets: Targets) {
  const valid = checked(calendarFile, file, '工作日历文件');
  const label = checked(z.string().trim().min(1).max(20), version, '日历版本');
  return publish(ctx, { kind: 'calendar', publishedAt: ctx.now().toISOString(), version: label, file: valid }, targets);
}

export interface IssueInstructionInput {
  kind: InstructionKind;
  title: string;
  body: string;
  dueOn: string | null;
  responsibleRole: (typeof INSTRUCTION_ROLES)[number];
  issuedBy: string;
  refersTo: string | null;
  /** The record of the (one) township it goes to that it is about; absent or null: none. */
  about?: InstructionAbout | null;
}

/**
 * Issues a 交办 or 督办 to `targets`. `alongside` runs in the same transaction once the
 * instruction and its receipts are written (the automatic 督办 records itself there).
 */
export async function issueInstruction(
  ctx: HubContext,
  input: IssueInstructionInput,
  targets: Targets,
  alongside?: (tx: HubTx, instruction: Instruction, nodeIds: string[]) => Promise<void>,
): Promise<Instruction> {
  const issuedAt = ctx.now().toISOString();
  const about = input.about ? canonicalAbout(input.about, targets) : null;
  const item = checked(
    instructionSchema,
    {
      id: randomUUID(),
      kind: input.kind,
      title: input.title,
      body: input.body,
      dueOn: input.dueOn,
      responsibleRole: input.responsibleRole,
      issuedAt,
      issuedBy: input.issuedBy,
      refersTo: input.refersTo,
      // Left out when absent: the package an older township reads stays as it was.
      ...(about ? { about } : {}),
    },
    '指令',
  );
  await publish(
    ctx,
    { kind: 'instruction', publishedAt: issuedAt, instruction: item },
    targets,
    async (tx, packageId, nodeIds) => {
      if (item.refersTo) {
        const chased = await tx
          .selectFrom('hub_instructions')
          .select('id')
          .where('id', '=', item.refersTo)
          .executeTakeFirst();
        if (!chased) throw new HubInputError(`督办所指的交办（${item.refersTo}）不存在`);
      }
      await tx
        .insertInto('hub_instructions')
        .values({
          id: item.id,
          kind: item.kind,
          title: item.title,
          body: item.body,
          due_on: item.dueOn,
          responsible_role: item.responsibleRole,
          issued_at: item.issuedAt,
          issued_by: item.issuedBy,
          refers_to: item.refersTo,
          package_id: packageId,
          about_kind: item.about?.kind ?? null,
          about_number: item.about?.number ?? null,
        })
        .execute();
      if (nodeIds.length > 0) {
        await tx
          .insertInto('hub_instruction_receipts')
          .values(
            nodeIds.map((nodeId) => ({
              instruction_id: item.id,
              node_id: nodeId,
              delivered_at: issuedAt,
              arrived_at: null,
              acknowledged_at: null,
              acknowledged_by: null,
              replied_at: null,
              reply: null,
              replied_by: null,
              // Only a 交办's deadline is followed up by the hub (a 督办's is the one it chases).
              due_on: item.kind === 'assign' ? item.dueOn : null,
              auto_supervision_id: null,
            })),
          )
          .execute();
      }
      await alongside?.(tx, item, nodeIds);
    },
  );
  return item;
}

/** The pointer with its number in canonical form; a record is one township's, so one target only. */
function canonicalAbout(about: InstructionAbout, targets: Targets): InstructionAbout {
  const read = readRecordNumber(about.kind, about.number);
  if (!read.ok) throw new HubInputError(`记录编号：${read.message}`);
  if (targets === 'all' || new Set(targets).size !== 1) {
    throw new HubInputError('指向乡镇记录的交办督办只能发给该记录所在的一个乡镇');
  }
  return { kind: about.kind, number: read.number };
}

/** Queues the latest catalog and calendar for a node that has just been created. */
export async function deliverLatestReference(tx: HubTx, nodeId: string): Promise<void> {
  for (const kind of ['catalog', 'calendar'] as const) {
    const latest = await tx
      .selectFrom('hub_packages')
      .select('id')
      .where('kind', '=', kind)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest) await deliver(tx, latest.id, [nodeId]);
  }
}

/**
 * The sealed 'down' envelope for a node: its acknowledgement (how far its batches were
 * applied) and the packages after `after`. Null when there is nothing after `after` and the
 * caller does not want an acknowledgement alone (`always`), and for a node that has not
 * registered a key yet (nothing can be sealed to it). A revoked node gets only the notice.
 */
export async function sealDown(
  ctx: HubContext,
  nodeId: string,
  after: number,
  always: boolean,
): Promise<Uint8Array | null> {
  const node = await ctx.db
    .selectFrom('hub_nodes')
    .select(['id', 'status', 'suite', 'applied_through', 'last_batch_hash'])
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (!node) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
  const boxKeys = await ctx.db
    .selectFrom('hub_node_keys')
    .select(['public_key', 'state', 'created_at'])
    .where('node_id', '=', nodeId)
    .where('purpose', '=', 'box')
    .orderBy('created_at', 'desc')
    .execute();
  const revoked = node.status === 'revoked';
  // A revoked node's keys are revoked with it, but the notice is still sealed to its last key,
  // so that the township learns why it is refused from the hub itself.
  const box = revoked ? boxKeys[0] : boxKeys.find((k) => k.state === 'active');
  if (!box) return null;

  const packages: DownPackage[] = [];
  if (!revoked) {
    const rows = await ctx.db
      .selectFrom('hub_deliveries as d')
      .innerJoin('hub_packages as p', 'p.id', 'd.package_id')
      .select(['d.seq', 'p.payload'])
      .where('d.node_id', '=', nodeId)
      .where('d.seq', '>', after)
      .orderBy('d.seq')
      .limit(MAX_PACKAGES_PER_DOWN)
      .execute();
    let size = 0;
    for (const row of rows) {
      size += row.payload.length;
      if (packages.length > 0 && size > MAX_DOWN_JSON_BYTES) break;
      packages.push({ ...(JSON.parse(row.payload) as PackageBody), seq: Number(row.seq) } as DownPackage);
    }
    if (packages.length === 0 && !always) return null;
  }
  // Attachments that arrived lately, so that a node whose files went by USB (and got no tus
  // answer) learns which of them the hub holds.
  const since = new Date(ctx.now().getTime() - STORED_FILES_DAYS * 86_400_000).toISOString();
  const storedFiles = revoked
    ? []
    : (
        await ctx.db
          .selectFrom('hub_files')
          .select('sha256')
          .where('node_id', '=', nodeId)
          .where('stored_at', '>=', since)
          .orderBy('stored_at', 'desc')
          .limit(MAX_STORED_FILES)
          .execute()
      ).map((r) => r.sha256);
  const payload: DownPayload = downPayload.parse({
    nodeId,
    appliedThrough: Number(node.applied_through),
    lastBatchHash: node.last_batch_hash,
    packages,
    storedFiles,
    revoked,
    issuedAt: ctx.now().toISOString(),
  });
  // In the node's suite both ways: sealed to its box key, signed by the hub's key of that suite.
  return sealEnvelope({
    suite: node.suite,
    header: { kind: 'down', node: nodeId, created: ctx.now().toISOString() },
    plaintext: utf8(JSON.stringify(payload)),
    recipientPublicKey: fromBase64Url(box.public_key),
    signer: hubKeysFor(ctx.identity, node.suite).signing,
  });
}
