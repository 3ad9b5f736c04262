// What a village node tells every screen about itself (system.status): the village it serves,
// its township, and what its lists stand as of — the last time the township's answers arrived:
// the end of the last successful sync over the link, or the last reply file (U 盘) whose
// packages were applied, whichever is later.
import { readSetting, SETTING_TOWNSHIP_NAME } from '../../auth/nodeSettings';
import type { Db } from '../../db/database';
import { readText, SYNC_SETTINGS } from '../syncState';
import { villageOfNode } from './villageNode';

export interface VillageNodeStatus {
  villageName: string;
  /** The township's name, as it came down with the first sync (township.name). */
  townshipName: string;
  syncedAt: string | null;
}

/** Null on a township; `syncedAt` only for a signed-in user. */
export async function villageNodeStatus(db: Db, signedIn: boolean): Promise<VillageNodeStatus | null> {
  const village = await villageOfNode(db);
  if (!village) return null;
  return {
    villageName: village.name,
    townshipName: (await readSetting(db, SETTING_TOWNSHIP_NAME)) ?? '',
    syncedAt: signedIn ? await villageSyncedAt(db) : null,
  };
}

async function villageSyncedAt(db: Db): Promise<string | null> {
  const overLink = await readText(db, SYNC_SETTINGS.lastSuccessAt);
  const byFile = await db
    .selectFrom('sync_packages')
    .select((eb) => eb.fn.max('applied_at').as('at'))
    .where('via', '=', 'file')
    .executeTakeFirst();
  const fileAt = byFile?.at ?? null;
  if (!overLink || !fileAt) return overLink ?? fileAt;
  return overLink > fileAt ? overLink : fileAt;
}
