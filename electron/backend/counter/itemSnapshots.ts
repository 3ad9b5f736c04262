// Each case keeps the catalog item exactly as it was at intake, but a township accepts the same
// few dozen items a million times: the item is stored once per distinct content (its hash) and
// cases point at it. A snapshot never changes, so reading one can be cached for good.
import { createHash } from 'node:crypto';
import { catalogItem, type CatalogItem } from '../../../shared/catalog/catalog';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';

const cache = new Map<string, CatalogItem>();

export function snapshotId(item: CatalogItem): string {
  return createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 32);
}

/** Stores `item` if no case has used this exact content before; returns its id. */
export async function saveSnapshot(tx: Tx | Db, item: CatalogItem): Promise<string> {
  const id = snapshotId(item);
  // Always written: the cache may have been filled from another database (tests, a restore).
  await tx
    .insertInto('catalog_snapshots')
    .values({ id, item: JSON.stringify(item) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  cache.set(id, item);
  return id;
}

export async function loadSnapshot(db: Db | Tx, id: string): Promise<CatalogItem> {
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await db.selectFrom('catalog_snapshots').select('item').where('id', '=', id).executeTakeFirstOrThrow();
  const item = catalogItem.parse(JSON.parse(row.item));
  cache.set(id, item);
  return item;
}
