// Exactly-once apply of a township's batch. Everything that can be checked without the
// database (frame, signature, decryption, payload shape) is checked before the transaction, so
// the transaction itself is short: lock the node's row, decide replay / conflict / gap /
// broken chain from its applied_through and last_batch_hash, then write the entries, the
// current records, the instruction receipts and figures they carry, the node's new position
// and the batch row, all or nothing.
import {
  INSTRUCTION_ENTITY,
  INSTRUCTION_OPS,
  REPORT_ENTITY,
  REPORT_OP,
  batchPayload,
  monthlyFiguresReport,
  rowOfChangeEntry,
  type BatchAccepted,
  type ChangeEntry,
} from '../shared/sync/protocol';
import type { ParsedEnvelope } from '../shared/sync/envelope';
import type { HubContext } from './context';
import type { HubTx, Via } from './db/schema';
import { authenticate, checkRetiredKey, parseKind, parsePayload, revokedNode } from './envelopes';
import { asRejection, recordRejection, rejection, type RejectionContext } from './rejection';
import { keepRows } from './rowKeepers';

// Rows per multi-row INSERT: 11 columns × 500 = 5,500 parameters, far below both SQLite's
// (32,766) and PostgreSQL's (65,535) limits, and few enough round trips per batch.
const CHUNK = 500;

export async function applyBatch(
  ctx: HubContext,
  bytes: Uint8Array,
  via: Via,
  address?: string,
): Promise<BatchAccepted> {
  const about: RejectionContext = { nodeId: null, kind: 'batch', bytes: bytes.length, via, address };
  try {
    const parsed = parseKind(bytes, 'batch');
    const { node: nodeId, first, last } = parsed.header;
    Object.assign(about, { nodeId, first: first ?? null, last: last ?? null });
    const { plaintext } = await authenticate(ctx, parsed);
    const { entries } = parsePayload(batchPayload, plaintext);
    checkEntries(entries, first!, last!);
    return await commit(ctx, parsed, entries, via);
  } catch (error) {
    const refusal = asRejection(error);
    if (!refusal) throw error;
    await recordRejection(ctx, about, refusal);
    throw refusal;
  }
}

/** The entries must be exactly first..last, in order: the header is what the chain orders by. */
function checkEntries(entries: ChangeEntry[], first: number, last: number): void {
  const expected = last - first + 1;
  if (entries.length !== expected) {
    throw rejection('malformed', `批次声明第 ${first}–${last} 号共 ${expected} 条，实有 ${entries.length} 条`);
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.seq !== first + i) {
      throw rejection('malformed', `批次第 ${i + 1} 条的序号为 ${entry.seq}，应为 ${first + i}（序号须连续）`);
    }
    // PostgreSQL cannot store U+0000 in text; the township never writes it, so it is damage.
    for (const value of [
      entry.id,
      entry.entity,
      entry.entityId,
      entry.op,
      entry.actorId ?? '',
      entry.actorName,
      entry.at,
    ]) {
      if (value.includes('\u0000')) throw rejection('malformed', `第 ${entry.seq} 号变更含有空字符`);
    }
  }
}

async function commit(
  ctx: HubContext,
  parsed: ParsedEnvelope,
  entries: ChangeEntry[],
  via: Via,
): Promise<BatchAccepted> {
  const header = parsed.header;
  const first = header.first!;
  const last = header.last!;
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    // The node row is the lock that orders one node's batches (SQLite's single writer does the
    // same by itself); the key is re-read under it, so a revocation that landed while the batch
    // was being decrypted is honoured.
    const row = await tx
      .selectFrom('hub_nodes as n')
      .innerJoin('hub_node_keys as k', (join) =>
        join.onRef('k.node_id', '=', 'n.id').on('k.key_id', '=', header.signer),
      )
      .select([
        'n.township_name',
        'n.status',
        'n.revoked_at',
        'n.revoke_reason',
        'n.applied_through',
        'n.last_batch_hash',
        'k.key_id',
        'k.state',
        'k.sealed_before',
        'k.retired_at',
        'k.revoked_at as key_revoked_at',
      ])
      .where('n.id', '=', header.node)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate('n'))
      .executeTakeFirst();
    if (!row) throw rejection('unknown-key', `签名密钥 ${header.signer} 未在县级平台登记`);
    if (row.status === 'revoked') throw revokedNode(row);
    if (row.state === 'revoked') {
      throw rejection('revoked', `签名密钥 ${header.signer} 已于 ${row.key_revoked_at ?? '此前'} 被县级平台吊销`);
    }
    checkRetiredKey(row, header.created);

    const appliedThrough = Number(row.applied_through);
    if (last <= appliedThrough) {
      const stored = await tx
        .selectFrom('hub_batches')
        .select(['hash', 'last_seq'])
        .where('node_id', '=', header.node)
        .where('first_seq', '=', first)
        .executeTakeFirst();
      if (stored && stored.hash === parsed.hash) {
        return { appliedThrough, lastBatchHash: row.last_batch_hash, replay: true };
      }
      throw rejection(
        'conflict',
        stored
          ? `第 ${first}–${Number(stored.last_seq)} 号已接收，本批（第 ${first}–${last} 号）内容与之不同`
          : `第 ${first}–${last} 号已由其他批次接收（已接收至 ${appliedThrough}），本批与之不同`,
        appliedThrough,
      );
    }
    if (first !== appliedThrough + 1) {
      throw rejection(
        'gap',
        first > appliedThrough + 1
          ? `已接收至 ${appliedThrough}，本批从 ${first} 开始`
          : `已接收至 ${appliedThrough}，本批从 ${first} 开始，与已接收的部分重叠`,
        appliedThrough,
      );
    }
    if ((header.prev ?? '') !== row.last_batch_hash) {
      throw rejection(
        'broken-chain',
        `本批所指的前一批次为 ${short(header.prev ?? '')}，平台上最后接收的批次为 ${short(row.last_batch_hash)}`,
        appliedThrough,
      );
    }

    await insertEntries(tx, header.node, entries);
    await upsertRecords(tx, header.node, entries);
    await keepRows(ctx, tx, header.node, entries);
    await applyFeedback(ctx, tx, header.node, entries);
    await tx
      .updateTable('hub_nodes')
      .set({
        applied_through: last,
        last_batch_hash: parsed.hash,
        last_contact_at: at,
        ...(header.downApplied !== undefined ? { down_applied: header.downApplied } : {}),
      })
      .where('id', '=', header.node)
      .execute();
    // A replacement rebuilt from a USB file says nothing when it is done: its first batch does.
    await tx
      .updateTable('hub_nodes')
      .set({ rebuild_finished_at: at, rebuild_through: appliedThrough })
      .where('id', '=', header.node)
      .where('rebuild_authorized_at', 'is not', null)
      .where('rebuild_finished_at', 'is', null)
      .execute();
    await tx
      .insertInto('hub_batches')
      .values({
        node_id: header.node,
        first_seq: first,
        last_seq: last,
        hash: parsed.hash,
        entries: entries.length,
        bytes: parsed.signedPart.length + parsed.signature.length,
        via,
        signer: header.signer,
        applied_at: at,
      })
      .execute();
    return { appliedThrough: last, lastBatchHash: parsed.hash, replay: false };
  });
}

function short(hash: string): string {
  return hash ? `${hash.slice(0, 12)}…` : '（无，第一批）';
}

async function insertEntries(tx: HubTx, nodeId: string, entries: ChangeEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    await tx
      .insertInto('hub_entries')
      .values(entries.slice(i, i + CHUNK).map((e) => ({ node_id: nodeId, ...rowOfChangeEntry(e) })))
      // The gap and replay checks above already make a duplicate impossible; this is the
      // second lock on the door, not the first.
      .onConflict((oc) => oc.columns(['node_id', 'seq']).doNothing())
      .execute();
  }
}

/** The current state: the last entry of each record wins (entries arrive in log order). */
async function upsertRecords(tx: HubTx, nodeId: string, entries: ChangeEntry[]): Promise<void> {
  // One row per record per statement: PostgreSQL refuses an upsert that touches a row twice.
  const latest = new Map<string, ChangeEntry>();
  for (const e of entries) {
    const key = `${e.entity}\u0000${e.entityId}`;
    latest.delete(key); // re-insert so the map keeps log order of last occurrence
    latest.set(key, e);
  }
  const rows = [...latest.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('hub_records')
      .values(
        rows.slice(i, i + CHUNK).map((e) => ({
          node_id: nodeId,
          entity: e.entity,
          entity_id: e.entityId,
          op: e.op,
          data: JSON.stringify(e.data ?? null),
          seq: e.seq,
          at: e.at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['node_id', 'entity', 'entity_id']).doUpdateSet((eb) => ({
          op: eb.ref('excluded.op'),
          data: eb.ref('excluded.data'),
          seq: eb.ref('excluded.seq'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }
}

/**
 * Instruction feedback (arrived, acknowledged, answered) and monthly figures, in the same
 * transaction as the entries that carry them. An entry whose data does not fit is kept as an
 * entry but changes no receipt: refusing the batch would stop the township's sync for good,
 * since its change log cannot be rewritten.
 */
async function applyFeedback(ctx: HubContext, tx: HubTx, nodeId: string, entries: ChangeEntry[]): Promise<void> {
  const figures = new Map<string, { report: string; reportedAt: string; seq: number }>();
  for (const e of entries) {
    if (e.entity === INSTRUCTION_ENTITY) {
      await applyInstructionEntry(ctx, tx, nodeId, e);
    } else if (e.entity === REPORT_ENTITY && e.op === REPORT_OP) {
      const report = monthlyFiguresReport.safeParse(e.data);
      if (!report.success) {
        ctx.log(`节点 ${nodeId} 第 ${e.seq} 号月度报表格式不正确，未计入：${report.error.issues[0]?.message ?? ''}`);
        continue;
      }
      figures.set(report.data.month, {
        report: JSON.stringify(report.data),
        reportedAt: report.data.reportedAt,
        seq: e.seq,
      });
    }
  }
  for (const [month, f] of figures) {
    await tx
      .insertInto('hub_figures')
      .values({ node_id: nodeId, month, report: f.report, reported_at: f.reportedAt, seq: f.seq })
      .onConflict((oc) =>
        oc.columns(['node_id', 'month']).doUpdateSet((eb) => ({
          report: eb.ref('excluded.report'),
          reported_at: eb.ref('excluded.reported_at'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

async function applyInstructionEntry(ctx: HubContext, tx: HubTx, nodeId: string, e: ChangeEntry): Promise<void> {
  const receipt = tx
    .updateTable('hub_instruction_receipts')
    .where('instruction_id', '=', e.entityId)
    .where('node_id', '=', nodeId);
  const skip = (why: string) => ctx.log(`节点 ${nodeId} 第 ${e.seq} 号指令反馈未计入：${why}`);
  switch (e.op) {
    case 'arrive': {
      const data = INSTRUCTION_OPS.arrive.safeParse(e.data);
      if (!data.success) return skip('到达时间格式不正确');
      // The first arrival counts (the 5- and 30-minute clocks start there).
      await receipt.set((eb) => ({ arrived_at: eb.fn.coalesce('arrived_at', eb.val(data.data.arrivedAt)) })).execute();
      return;
    }
    case 'acknowledge': {
      const data = INSTRUCTION_OPS.acknowledge.safeParse(e.data);
      if (!data.success) return skip('签收内容格式不正确');
      await receipt
        .set((eb) => ({
          acknowledged_at: eb.fn.coalesce('acknowledged_at', eb.val(data.data.acknowledgedAt)),
          acknowledged_by: eb.fn.coalesce('acknowledged_by', eb.val(data.data.acknowledgedBy)),
        }))
        .execute();
      return;
    }
    case 'reply': {
      const data = INSTRUCTION_OPS.reply.safeParse(e.data);
      if (!data.success) return skip('反馈内容格式不正确');
      // A later reply supersedes an earlier one: the township may report progress, then completion.
      await receipt
        .set({ reply: data.data.reply, replied_at: data.data.repliedAt, replied_by: data.data.repliedBy })
        .execute();
      return;
    }
    default:
      return skip(`未知的操作 ${e.op}`);
  }
}
