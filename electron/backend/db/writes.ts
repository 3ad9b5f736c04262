import type { Transaction } from 'kysely';
import { drawFromHeldBlocks, drawsFromBlocks } from './heldBlocks';
import type { Database } from './schema';
import { takeRowImages } from './rowImages';
import { uuidv7 } from './uuidv7';

export type Tx = Transaction<Database>;

export interface Actor {
  id: string | null;
  name: string;
}

/**
 * Appends one entry to the change log, inside the caller's transaction, with the images of the
 * rows written since the previous entry (db/rowImages.ts).
 */
export async function appendChange(
  tx: Tx,
  entry: { entity: string; entityId: string; op: string; data: unknown; actor: Actor; at: string },
): Promise<number> {
  const images = await takeRowImages(tx);
  const row = await tx
    .insertInto('change_log')
    .values({
      id: uuidv7(),
      entity: entry.entity,
      entity_id: entry.entityId,
      op: entry.op,
      data: JSON.stringify(entry.data),
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      at: entry.at,
      row_images: images.length ? JSON.stringify(images) : null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

/**
 * The next number in a scope (e.g. `counter-case:2026`), inside the caller's transaction:
 * the counter and the record that uses it commit or roll back together, so numbers have
 * no gaps and no duplicates. The one place numbers come from: on a village node a block-drawn
 * scope (委托书编号, 诉求编号) is drawn from the blocks its township reserved for it
 * (heldBlocks.ts), and refused when they are used up.
 */
export async function nextNumber(tx: Tx, scope: string): Promise<number> {
  if (await drawsFromBlocks(tx, scope)) return drawFromHeldBlocks(tx, scope);
  return advanceCounter(tx, scope, 1);
}

/**
 * Moves a scope's counter on by `count` and answers its new last value: `nextNumber` by one, a
 * township reserving a block for a village node by the block's size (its own numbers go on after
 * the block, so the two never overlap).
 */
export async function advanceCounter(tx: Tx, scope: string, count: number): Promise<number> {
  const row = await tx
    .insertInto('number_counters')
    .values({ scope, last_value: count })
    .onConflict((oc) =>
      oc.column('scope').doUpdateSet((eb) => ({ last_value: eb('number_counters.last_value', '+', count) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}
