// Number blocks (号段, docs/numbers.md), stored and moved: the township reserves blocks for its
// village nodes out of its own counters and records what a retired node gives back; a village
// node receives them, draws from them (db/heldBlocks.ts, through `nextNumber`), and says which
// scopes run low and how far it drew. Every reservation, return and receipt is a write with its
// change-log entry. The sync carries the blocks down and the needs and uses up (the lead's
// wiring): these are the functions it calls. The rules themselves are in
// shared/workflow/numberBlocks.ts.
import {
  blockRequest as blockRequestSchema,
  cut,
  drawRank,
  exhaustedMessage,
  isUndrawn,
  needOf,
  numberBlock,
  rangesText,
  reservedSummary,
  restOf,
  returnedSummary,
  scopeLabel,
  scopeRefusal,
  scopeYear,
  sizeRefusal,
  upcoming,
  useRefusal,
  wantedScopes,
  type BlockNeed,
  type BlockRange,
  type BlockRequest,
  type BlockUse,
  type NumberBlock,
} from '../../../shared/workflow/numberBlocks';
import { fail } from '../api/failure';
import type { Db } from '../db/database';
import { drawsFromBlocks, heldBlocksOf } from '../db/heldBlocks';
import { isVillageNode } from '../db/nodeTier';
import { uuidv7 } from '../db/uuidv7';
import type { WriteScope } from '../db/writeScope';
import { advanceCounter, type Tx } from '../db/writes';

export { isVillageNode, nodeTier, NODE_TIER_SETTING, type NodeTier } from '../db/nodeTier';

type Reader = Db | Tx;

/** The change-log entity of every block operation (`reserve`, `return` at the township; `receive` on a village). */
export const NUMBER_BLOCK_ENTITY = 'numberBlock';

// ---------------------------------------------------------------------------------------------
// Township: the issuer
// ---------------------------------------------------------------------------------------------

type LedgerRow = {
  id: string;
  node_id: string;
  scope: string;
  first: number;
  last: number;
  reserved_at: string;
  reissues: string | null;
  returned_from: number | null;
  returned_at: string | null;
};

function asBlock(row: LedgerRow): NumberBlock {
  return {
    id: row.id,
    nodeId: row.node_id,
    scope: row.scope,
    first: row.first,
    last: row.last,
    reservedAt: row.reserved_at,
  };
}

/**
 * The lowest rest of a returned block of `scope` still to be issued again (what the retired node
 * did not use, less what was issued again already), with the block it is cut from.
 */
async function lowestRest(tx: Tx, scope: string): Promise<{ from: string; range: BlockRange } | null> {
  const returned = await tx
    .selectFrom('number_blocks as r')
    .select(['r.id', 'r.first', 'r.last', 'r.returned_from'])
    .select((eb) =>
      eb
        .selectFrom('number_blocks as c')
        .select((c) => c.fn.max('c.last').as('through'))
        .whereRef('c.reissues', '=', 'r.id')
        .as('reissued_through'),
    )
    .where('r.scope', '=', scope)
    .where('r.returned_from', 'is not', null)
    .whereRef('r.returned_from', '<=', 'r.last')
    .execute();
  let lowest: { from: string; range: BlockRange } | null = null;
  for (const row of returned) {
    const range = restOf({ first: row.first, last: row.last, returnedFrom: row.returned_from }, row.reissued_through);
    if (range && (!lowest || range.first < lowest.range.first)) lowest = { from: row.id, range };
  }
  return lowest;
}

/**
 * Reserves a block of `size` numbers of `scope` for village node `nodeId`, on the township: the
 * lowest rest a retired node gave back first (so the run has no gaps in the end; the block is
 * then at most that rest, and may be smaller than asked), else the next `size` numbers of the
 * township's own counter, which moves past them. One entry (`numberBlock` / `reserve`).
 */
export async function reserveBlock(
  scope: WriteScope,
  request: { nodeId: string; scope: string; size: number },
): Promise<NumberBlock> {
  const refusal = scopeRefusal(request.scope) ?? sizeRefusal(request.size);
  if (refusal) fail('VALIDATION', refusal);
  if (!request.nodeId) fail('VALIDATION', '预留号段：没有指明村级节点');
  if (await isVillageNode(scope.tx)) fail('CONFLICT', '号段由乡镇预留下发，村级节点不能为别的节点预留号段');
  const id = uuidv7();
  let block: NumberBlock | undefined;
  await scope.change({ entity: NUMBER_BLOCK_ENTITY, id, op: 'reserve' }, async (tx) => {
    const rest = await lowestRest(tx, request.scope);
    let range: BlockRange;
    if (rest) {
      range = cut(rest.range, request.size);
    } else {
      const last = await advanceCounter(tx, request.scope, request.size);
      range = { first: last - request.size + 1, last };
    }
    const row: LedgerRow = {
      id,
      node_id: request.nodeId,
      scope: request.scope,
      first: range.first,
      last: range.last,
      reserved_at: scope.at,
      reissues: rest?.from ?? null,
      returned_from: null,
      returned_at: null,
    };
    await tx.insertInto('number_blocks').values(row).execute();
    block = asBlock(row);
    return {
      nodeId: request.nodeId,
      scope: request.scope,
      first: range.first,
      last: range.last,
      reissues: row.reissues,
      summary: reservedSummary(request.nodeId, request.scope, range, rest !== null),
    };
  });
  return block!;
}

/**
 * Records what a retired node did not use: for each block named, how far the node drew from it
 * (null: nothing); the rest is returned and will be issued again by `reserveBlock`. Blocks not
 * named stay held — a block whose use is not known must never be issued twice. A block returned
 * already with the same use changes nothing (the report may arrive twice); with another it is
 * refused. One entry per block (`numberBlock` / `return`).
 * @returns the rests returned (empty ranges left out).
 */
export async function returnUnused(
  scope: WriteScope,
  nodeId: string,
  uses: readonly BlockUse[],
): Promise<(BlockRange & { blockId: string; scope: string })[]> {
  const rests: (BlockRange & { blockId: string; scope: string })[] = [];
  for (const use of uses) {
    const row = await scope.tx.selectFrom('number_blocks').selectAll().where('id', '=', use.blockId).executeTakeFirst();
    if (!row || row.node_id !== nodeId) fail('NOT_FOUND', `号段 ${use.blockId} 不是为村级节点 ${nodeId} 预留的`);
    const refusal = useRefusal(row, use.usedThrough);
    if (refusal) fail('VALIDATION', refusal);
    const returnedFrom = (use.usedThrough ?? row.first - 1) + 1;
    if (row.returned_from !== null) {
      if (row.returned_from === returnedFrom) continue;
      fail(
        'CONFLICT',
        `${scopeLabel(row.scope)}${rangesText([row])}已于 ${row.returned_at} 退回（自第 ${row.returned_from} 号起未用），与这次报告的不一致`,
      );
    }
    await scope.change({ entity: NUMBER_BLOCK_ENTITY, id: row.id, op: 'return' }, async (tx) => {
      await tx
        .updateTable('number_blocks')
        .set({ returned_from: returnedFrom, returned_at: scope.at })
        .where('id', '=', row.id)
        .execute();
      return {
        nodeId,
        scope: row.scope,
        usedThrough: use.usedThrough,
        returnedFrom,
        summary: returnedSummary(nodeId, row.scope, row, returnedFrom),
      };
    });
    if (returnedFrom <= row.last)
      rests.push({ blockId: row.id, scope: row.scope, first: returnedFrom, last: row.last });
  }
  return rests;
}

/** The blocks reserved for `nodeId` and not returned, in the order they were reserved: what travels down. */
export async function blocksFor(db: Reader, nodeId: string): Promise<NumberBlock[]> {
  const rows = await db
    .selectFrom('number_blocks')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('returned_from', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(asBlock);
}

/**
 * The township's answer to a node's request at a sync: a block for each scope running low —
 * unless one reserved for it is still on its way down (not among those it holds), so a request
 * repeated before the answer arrived reserves nothing more — and every block the node does not
 * hold yet, to carry down (receiving is idempotent, so sending one twice is harmless).
 */
export async function answerBlockRequest(
  scope: WriteScope,
  nodeId: string,
  request: BlockRequest,
): Promise<NumberBlock[]> {
  const { needs, held } = blockRequestSchema.parse(request);
  const holds = new Set(held);
  const onTheWay = (await blocksFor(scope.tx, nodeId)).filter((block) => !holds.has(block.id));
  for (const need of needs) {
    if (onTheWay.some((block) => block.scope === need.scope)) continue;
    onTheWay.push(await reserveBlock(scope, { nodeId, scope: need.scope, size: need.ask }));
  }
  return onTheWay;
}

// ---------------------------------------------------------------------------------------------
// Village node: the user
// ---------------------------------------------------------------------------------------------

/**
 * Stores blocks the township reserved for this node (from a downward package or file). A block
 * held already changes nothing; one whose id is held with other numbers, or whose numbers overlap
 * a block held under another id, is refused (CONFLICT) — it would issue a number twice. One entry
 * per block stored (`numberBlock` / `receive`). @returns how many were new.
 */
export async function receiveBlocks(scope: WriteScope, blocks: readonly NumberBlock[]): Promise<number> {
  let received = 0;
  for (const given of blocks) {
    const block = numberBlock.parse(given);
    const held = await scope.tx
      .selectFrom('held_number_blocks')
      .selectAll()
      .where('id', '=', block.id)
      .executeTakeFirst();
    if (held) {
      if (held.scope === block.scope && held.first === block.first && held.last === block.last) continue;
      fail('CONFLICT', `号段 ${block.id} 与本机已收到的不一致（本机：${scopeLabel(held.scope)}${rangesText([held])}）`);
    }
    const overlap = await scope.tx
      .selectFrom('held_number_blocks')
      .select(['first', 'last'])
      .where('scope', '=', block.scope)
      .where('first', '<=', block.last)
      .where('last', '>=', block.first)
      .executeTakeFirst();
    if (overlap) {
      fail(
        'CONFLICT',
        `收到的${scopeLabel(block.scope)}${rangesText([block])}与本机已有的${rangesText([overlap])}重叠，未收下`,
      );
    }
    await scope.change({ entity: NUMBER_BLOCK_ENTITY, id: block.id, op: 'receive' }, async (tx) => {
      await tx
        .insertInto('held_number_blocks')
        .values({
          id: block.id,
          node_id: block.nodeId,
          scope: block.scope,
          first: block.first,
          last: block.last,
          reserved_at: block.reservedAt,
          received_at: scope.at,
          used_through: null,
        })
        .execute();
      return {
        scope: block.scope,
        first: block.first,
        last: block.last,
        summary: `收到乡镇下发的${scopeLabel(block.scope)}${rangesText([block])}`,
      };
    });
    received++;
  }
  return received;
}

/** How far this node drew from each block it holds (null: nothing): what it reports when it retires. */
export async function usedThrough(db: Reader): Promise<(BlockUse & { scope: string })[]> {
  const rows = await db
    .selectFrom('held_number_blocks')
    .select(['id', 'scope', 'used_through'])
    .orderBy('scope')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ blockId: row.id, scope: row.scope, usedThrough: row.used_through }));
}

/**
 * The scopes this village node runs low on as of `today` (YYYY-MM-DD): those it wants (this
 * year's, and next year's in December) and those it holds blocks of, except past years'. Empty on
 * a township, which draws from its counters.
 */
export async function blockNeeds(db: Reader, today: string): Promise<BlockNeed[]> {
  if (!(await isVillageNode(db))) return [];
  const year = Number(today.slice(0, 4));
  const heldScopes = await db.selectFrom('held_number_blocks').select('scope').distinct().execute();
  const scopes = new Set(wantedScopes(today));
  for (const { scope } of heldScopes) {
    const of = scopeYear(scope);
    if (of === null || of >= year) scopes.add(scope);
  }
  const needs: BlockNeed[] = [];
  for (const scope of [...scopes].sort()) {
    const need = needOf(scope, await heldBlocksOf(db, scope));
    if (need) needs.push(need);
  }
  return needs;
}

/** What this node's sync sends up to ask for blocks: the scopes running low and the blocks it holds. */
export async function blockRequestOf(db: Reader, today: string): Promise<BlockRequest> {
  const held = await db.selectFrom('held_number_blocks').select('id').orderBy('id').execute();
  return { needs: await blockNeeds(db, today), held: held.map((row) => row.id) };
}

// ---------------------------------------------------------------------------------------------
// The forecast a numbered paper is drawn with (workflow/numbers.ts)
// ---------------------------------------------------------------------------------------------

/** What `nextNumber` will most likely give next in a scope, read outside the transaction. */
export interface NumberForecast {
  /** The number the k-th draw from now gives (0: the next); null when there is none. */
  nth(k: number): number | null;
  /** Whether `n` was drawn already (or is not this node's to draw). */
  drawn(n: number): boolean;
  /** Where `n` comes in the order numbers are drawn (lower: sooner). */
  rank(n: number): number;
  /** Why there is no number, when `nth` answers null. */
  exhausted(): string;
}

/** From the held blocks on a village node for a block-drawn scope, else from the counter. */
export async function numberForecast(db: Reader, scope: string): Promise<NumberForecast> {
  if (await drawsFromBlocks(db, scope)) {
    const held = await heldBlocksOf(db, scope);
    return {
      nth: (k) => upcoming(held, k),
      drawn: (n) => !isUndrawn(held, n),
      rank: (n) => drawRank(held, n) ?? Number.MAX_SAFE_INTEGER,
      exhausted: () => exhaustedMessage(scope, held),
    };
  }
  const row = await db.selectFrom('number_counters').select('last_value').where('scope', '=', scope).executeTakeFirst();
  const last = row?.last_value ?? 0;
  return { nth: (k) => last + 1 + k, drawn: (n) => n <= last, rank: (n) => n, exhausted: () => '' };
}
