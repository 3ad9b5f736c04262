// The county's views kept from the rows townships send (figures, the search index …): each is
// brought up to date in the transaction that applies a batch, from the row images its entries
// carry, so it never lags behind the records and nothing is recomputed from all rows per request.
//
// A view added by an upgrade to a hub that already holds entries starts behind: its position per
// township (hub_keeper_positions) says how far it has read, and `catchUpRowKeepers` reads the rest
// from hub_entries at start, in chunks, before the server takes batches. While a view is behind
// for a township, a live batch leaves it alone (the catch-up reads those entries too), so every
// entry is read into every view exactly once.
import { sql } from 'kysely';
import { changeEntryOfRow, type ChangeEntry } from '../shared/sync/protocol';
import type { HubContext } from './context';
import type { HubTx } from './db/schema';

/** Entries read per transaction while catching up. */
const CATCH_UP_CHUNK = 2000;

/** Keeps every view in step with a batch (first..last) being applied in `tx`. */
export async function keepRows(
  ctx: HubContext,
  tx: HubTx,
  nodeId: string,
  entries: readonly ChangeEntry[],
): Promise<void> {
  if (ctx.rowKeepers.length === 0 || entries.length === 0) return;
  const first = entries[0]!.seq;
  const last = entries[entries.length - 1]!.seq;
  const positions = await positionsOf(tx, nodeId);
  for (const keeper of ctx.rowKeepers) {
    const through = positions.get(keeper.name) ?? 0;
    // Behind: the catch-up will read these entries with the ones before them.
    if (through !== first - 1) continue;
    await keeper.apply(tx, nodeId, entries, ctx);
    await setPosition(tx, keeper.name, nodeId, last);
  }
}

/**
 * Reads into each view what it has not read of the entries the hub holds, township by township,
 * a chunk per transaction (a crash midway resumes from the last chunk's position).
 */
export async function catchUpRowKeepers(ctx: HubContext): Promise<void> {
  if (ctx.rowKeepers.length === 0) return;
  const nodes = await ctx.db.selectFrom('hub_nodes').select(['id', 'township_name', 'applied_through']).execute();
  for (const node of nodes) {
    const appliedThrough = Number(node.applied_through);
    const positions = await positionsOf(ctx.db, node.id);
    for (const keeper of ctx.rowKeepers) {
      let through = positions.get(keeper.name) ?? 0;
      if (through >= appliedThrough) continue;
      ctx.log(`正在为${keeper.name}补读${node.township_name}第 ${through + 1}–${appliedThrough} 号同步记录…`);
      while (through < appliedThrough) {
        const upTo = Math.min(appliedThrough, through + CATCH_UP_CHUNK);
        const from = through;
        await ctx.db.transaction().execute(async (tx) => {
          const rows = await tx
            .selectFrom('hub_entries')
            .selectAll()
            .where('node_id', '=', node.id)
            .where('seq', '>', from)
            .where('seq', '<=', upTo)
            .orderBy('seq')
            .execute();
          await keeper.apply(tx, node.id, rows.map(changeEntryOfRow), ctx);
          await setPosition(tx, keeper.name, node.id, upTo);
        });
        through = upTo;
      }
    }
  }
}

async function positionsOf(db: HubTx | HubContext['db'], nodeId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('hub_keeper_positions')
    .select(['keeper', 'through_seq'])
    .where('node_id', '=', nodeId)
    .execute();
  return new Map(rows.map((r) => [r.keeper, Number(r.through_seq)]));
}

async function setPosition(tx: HubTx, keeper: string, nodeId: string, through: number): Promise<void> {
  await tx
    .insertInto('hub_keeper_positions')
    .values({ keeper, node_id: nodeId, through_seq: through })
    .onConflict((oc) => oc.columns(['keeper', 'node_id']).doUpdateSet({ through_seq: sql`excluded.through_seq` }))
    .execute();
}
