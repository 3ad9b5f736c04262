// A village node's numbers of a block-drawn scope come from the blocks its township reserved for
// it (shared/workflow/numberBlocks.ts), never from its own counter: the township has no way to
// know what a village's counter gave, but it knows what it reserved. Drawn inside the caller's
// transaction, like the counter, so a number and the record carrying it commit or roll back
// together. Receiving, returning and asking for blocks: workflow/numberBlocks.ts.
import { exhaustedMessage, isBlockDrawnScope, nextIn, type HeldBlock } from '../../../shared/workflow/numberBlocks';
import { fail } from '../api/failure';
import type { Db } from './database';
import { isVillageNode } from './nodeTier';
import type { Transaction } from 'kysely';
import type { Database } from './schema';

// Spelled out: writes.ts imports this file.
type Tx = Transaction<Database>;

/** Whether numbers of `scope` come from held blocks here (a village node, a block-drawn scope). */
export async function drawsFromBlocks(db: Db | Tx, scope: string): Promise<boolean> {
  return isBlockDrawnScope(scope) && (await isVillageNode(db));
}

/** The blocks of `scope` this node holds, in the order they are drawn (as reserved: UUIDv7 order). */
export async function heldBlocksOf(db: Db | Tx, scope: string): Promise<HeldBlock[]> {
  const rows = await db
    .selectFrom('held_number_blocks')
    .select(['id', 'first', 'last', 'used_through'])
    .where('scope', '=', scope)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, first: row.first, last: row.last, usedThrough: row.used_through }));
}

/**
 * The next number of `scope` from the held blocks, block by block; when none is left, refused
 * (CONFLICT) with words saying which numbers are used up and how to get more — the transaction
 * rolls back, and the form the user filled in stays as it was.
 */
export async function drawFromHeldBlocks(tx: Tx, scope: string): Promise<number> {
  const held = await heldBlocksOf(tx, scope);
  for (const block of held) {
    const next = nextIn(block);
    if (next === null) continue;
    await tx.updateTable('held_number_blocks').set({ used_through: next }).where('id', '=', block.id).execute();
    return next;
  }
  fail('CONFLICT', exhaustedMessage(scope, held), { details: { scope, exhausted: true } });
}
