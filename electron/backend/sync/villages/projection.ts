// A village's entries, once the receiving library applied them (exactly once, in order), are
// taken into the township's own tables: each entry's rows the village owns are replayed here,
// and the township appends an entry of its own carrying them — so the same write goes on up to
// the county (逐级上报) naming the village node it came from, and nobody types anything twice.
// One township transaction per village entry, with the position reached: a crash between two
// leaves the next one to do, never one done twice. A row the village may not write (the
// township's, another village's, a step the declaration does not let a village take) is left
// out, and the township's entry says which and why; the township's copy then goes back down.
import { sql } from 'kysely';
import type { HubDb } from '../../../../hub/db/schema';
import { changeEntryOfRow, type ChangeEntry, type RowImage } from '../../../../shared/sync/protocol';
import type { Db } from '../../db/database';
import { RowReplay, replicatedTables } from '../../db/rowImages';
import type { Tx } from '../../db/writes';
import { readNumber, readText, writeNumber, writeText } from '../syncState';
import { VILLAGE_MOVES, VILLAGE_OWNED_TABLES, villageMoveRefusal, villageStepRefusal } from './villageTables';
import { blockRequest, type NumberBlock } from '../../../../shared/workflow/numberBlocks';
import { answerBlockRequest, NUMBER_BLOCK_ENTITY } from '../../workflow/numberBlocks';
import { writeScope } from '../../db/writeScope';
import { BLOCK_REQUEST_OP } from './blockRequest';
import { attachmentRowRefusal } from './villageFiles';

/** Entries read from the receiving library per round. */
const PAGE = 500;
const ENTRIES_PER_TRANSACTION = 50;

export const projectedSetting = (nodeId: string) => `sync.village.${nodeId}.projected`;

/** What the village last said it drew from `blockId` (null: drew nothing; undefined: never said). */
export async function reportedBlockUse(
  db: Db | Tx,
  nodeId: string,
  blockId: string,
): Promise<number | null | undefined> {
  const text = await readText(db, blockUseSetting(nodeId, blockId));
  if (text === null) return undefined;
  return text === '' ? null : Number(text);
}

/** What the township's entry for a village entry adds to its data: where it came from. */
export interface VillageOrigin {
  nodeId: string;
  seq: number;
  /** Rows left out, and why. */
  refused?: { table: string; id: string; reason: string }[];
}

export interface ProjectionResult {
  /** The village's entries taken in (forwarded or not). */
  entries: number;
  refusedRows: number;
  /** Number blocks reserved for the village in answer to its requests, to send down. */
  blocks: NumberBlock[];
}

/**
 * Takes in every entry of `nodeId` the receiving library holds and the township has not.
 * `attachmentTables`: the village-owned tables of attachments (villageFiles.ts), whose rows must
 * name their file where attachments are filed (their files follow, villageFiles.ts).
 */
export async function projectVillage(
  db: Db,
  receiver: HubDb,
  nodeId: string,
  attachmentTables: ReadonlySet<string> = new Set(),
): Promise<ProjectionResult> {
  const result: ProjectionResult = { entries: 0, refusedRows: 0, blocks: [] };
  let replay: RowReplay | null = null;
  for (;;) {
    const through = await readNumber(db, projectedSetting(nodeId));
    const rows = await receiver
      .selectFrom('hub_entries')
      .selectAll()
      .where('node_id', '=', nodeId)
      .where('seq', '>', through)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return result;
    replay ??= new RowReplay(await replicatedTables(db));
    // A few dozen entries per transaction: one commit (one flush to disk) for many, while the
    // counter's windows, which share the one writer, wait a moment at most.
    for (let start = 0; start < rows.length; start += ENTRIES_PER_TRANSACTION) {
      const chunk = rows.slice(start, start + ENTRIES_PER_TRANSACTION);
      // Counted only once committed: blocks reserved in a transaction that failed were never reserved.
      const done = await db.transaction().execute(async (tx) => {
        const counted: ProjectionResult = { entries: 0, refusedRows: 0, blocks: [] };
        for (const row of chunk) {
          const entry = changeEntryOfRow(row);
          // Re-read under the one writer: a second caller that got here first has done this one.
          if ((await readNumber(tx, projectedSetting(nodeId))) >= entry.seq) continue;
          const outcome =
            entry.entity === NUMBER_BLOCK_ENTITY && entry.op === BLOCK_REQUEST_OP
              ? { refused: 0, blocks: await answerRequest(tx, nodeId, entry) }
              : { refused: await takeIn(tx, replay!, nodeId, entry, attachmentTables), blocks: [] };
          await writeNumber(tx, projectedSetting(nodeId), entry.seq);
          counted.entries++;
          counted.refusedRows += outcome.refused;
          if (outcome.blocks.length) counted.blocks = outcome.blocks;
        }
        return counted;
      });
      result.entries += done.entries;
      result.refusedRows += done.refusedRows;
      // The latest answer carries every block still on its way: earlier ones are replaced.
      if (done.blocks.length) result.blocks = done.blocks;
    }
  }
}

/** One village entry into the township's tables and change log. @returns rows refused. */
async function takeIn(
  tx: Tx,
  replay: RowReplay,
  nodeId: string,
  entry: ChangeEntry,
  attachmentTables: ReadonlySet<string>,
): Promise<number> {
  await noteBlockUse(tx, nodeId, entry.rows ?? []);
  const accepted: RowImage[] = [];
  const refused: NonNullable<VillageOrigin['refused']> = [];
  // Rows of other tables (the village's own settings, its local accounts) stay in the village.
  for (const image of (entry.rows ?? []).filter((i) => i.table in VILLAGE_OWNED_TABLES || i.table in VILLAGE_MOVES)) {
    const reason =
      image.table in VILLAGE_MOVES
        ? await moveRefusalOf(tx, nodeId, image)
        : ((attachmentTables.has(image.table) && !image.deleted ? attachmentRowRefusal(image.row) : null) ??
          (await refusalOf(tx, nodeId, image)));
    if (reason) refused.push({ table: image.table, id: String(image.row['id'] ?? ''), reason });
    else accepted.push(image);
  }
  // A row the township cannot take (its resident or agent unknown here) must not stop the
  // village's later entries: the entry is noted as refused and the rows stay in the receiving
  // library, to be taken again once the cause is put right.
  try {
    await sql`SAVEPOINT village_entry`.execute(tx);
    await replay.apply(tx, accepted);
    for (const image of accepted) if (image.table in VILLAGE_OWNED_TABLES) await linkOwned(tx, nodeId, image);
    await sql`RELEASE village_entry`.execute(tx);
  } catch (error) {
    await sql`ROLLBACK TO village_entry`.execute(tx);
    await sql`RELEASE village_entry`.execute(tx);
    for (const image of accepted) {
      refused.push({
        table: image.table,
        id: String(image.row['id'] ?? ''),
        reason: `乡镇无法写入：${messageOf(error)}`,
      });
    }
  }
  // Only the village's records go on: its machinery (its own settings, accounts, sync
  // bookkeeping, the packages it applied) is its own business.
  if (accepted.length === 0 && refused.length === 0) return 0;
  const origin: VillageOrigin = { nodeId, seq: entry.seq, ...(refused.length ? { refused } : {}) };
  // The rows replayed above ride on it, as on every entry the write scope appends.
  await writeScope(tx, { id: entry.actorId, name: entry.actorName }, entry.at).change(
    { entity: entry.entity, id: entry.entityId, op: entry.op },
    async () => withOrigin(entry.data, origin),
  );
  return refused.length;
}

export const blockUseSetting = (nodeId: string, blockId: string) => `sync.village.${nodeId}.blockUse.${blockId}`;

/**
 * How far the village drew from each block it holds, as its own rows say (a draw writes the
 * block's row in the record's transaction): what its blocks are returned by when it retires.
 */
async function noteBlockUse(tx: Tx, nodeId: string, images: readonly RowImage[]): Promise<void> {
  for (const image of images) {
    if (image.table !== 'held_number_blocks' || image.deleted) continue;
    const used = image.row['used_through'];
    await writeText(tx, blockUseSetting(nodeId, String(image.row['id'])), used === null ? '' : String(used));
  }
}

/** A village's request for number blocks: reserved here, in the same transaction as the position reached. */
async function answerRequest(tx: Tx, nodeId: string, entry: ChangeEntry): Promise<NumberBlock[]> {
  const request = blockRequest.safeParse(entry.data);
  if (!request.success) return [];
  return answerBlockRequest(writeScope(tx, { id: null, name: '系统' }, entry.at), nodeId, request.data);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The village's data with where it came from; data that is not an object is kept under `value`. */
function withOrigin(data: unknown, village: VillageOrigin): Record<string, unknown> {
  if (data && typeof data === 'object' && !Array.isArray(data)) return { ...(data as object), village };
  return { value: data ?? null, village };
}

/** Why the township does not take this row from `nodeId`, or null when it does. */
async function refusalOf(tx: Tx, nodeId: string, image: RowImage): Promise<string | null> {
  if (image.deleted) return '记录不能删除，只能作废';
  const id = image.row['id'];
  if (typeof id !== 'string' || !id) return '缺少编号';
  const owner = await tx
    .selectFrom('village_links')
    .select(['node_id', 'owner'])
    .where('table_name', '=', image.table)
    .where('row_id', '=', id)
    .where('owner', '=', 'village')
    .executeTakeFirst();
  if (owner && owner.node_id !== nodeId) return '这条记录属于另一个村级节点';
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(image.table)} WHERE id = ${id}`.execute(
    tx,
  );
  const here = rows[0];
  if (!owner && here) return '乡镇已有同一编号的记录，不属于该村级节点';
  if (here && 'status' in image.row) {
    return villageStepRefusal(image.table, (here['status'] as string) ?? null, (image.row['status'] as string) ?? null);
  }
  return null;
}

/**
 * Why the township does not take a village's change to one of its own rows (VILLAGE_MOVES), or
 * null: the row must have gone down to that village, the village must have stepped from the
 * township's row as it stands (its version one more), and by a step it may take.
 */
async function moveRefusalOf(tx: Tx, nodeId: string, image: RowImage): Promise<string | null> {
  if (image.deleted) return '记录不能删除，只能作废';
  const id = String(image.row['id'] ?? '');
  const sent = await tx
    .selectFrom('village_links')
    .select('node_id')
    .where('table_name', '=', image.table)
    .where('row_id', '=', id)
    .where('node_id', '=', nodeId)
    .executeTakeFirst();
  if (!sent) return '这条记录属于乡镇，未下发给该村级节点';
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(image.table)} WHERE id = ${id}`.execute(
    tx,
  );
  const here = rows[0];
  if (!here) return '乡镇没有这条记录';
  if (Number(image.row['version']) !== Number(here['version']) + 1) {
    return '乡镇的这条记录已有新的变化，村级节点的修改未采用（以乡镇为准，已重新下发）';
  }
  return villageMoveRefusal(image.table, String(here['status']), String(image.row['status']));
}

async function linkOwned(tx: Tx, nodeId: string, image: RowImage): Promise<void> {
  await tx
    .insertInto('village_links')
    .values({ table_name: image.table, row_id: String(image.row['id']), node_id: nodeId, owner: 'village' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
