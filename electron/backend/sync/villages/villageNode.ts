// Which tier this machine is: a township (no setting) or a village node enrolled to its
// township, serving one village. Kept in node settings beside the node's id.
import type { EnrollmentFile } from '../../../../shared/sync/protocol';
import { readSetting, writeSetting } from '../../auth/nodeSettings';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/writes';
import { isVillageNode, NODE_TIER_SETTING } from '../../db/nodeTier';

export const VILLAGE_ID_SETTING = 'node.villageId';
export const VILLAGE_NAME_SETTING = 'node.villageName';

export interface VillageOfNode {
  id: string;
  name: string;
  townshipName: string;
}

export async function markVillageNode(tx: Tx, village: NonNullable<EnrollmentFile['village']>): Promise<void> {
  await writeSetting(tx, NODE_TIER_SETTING, 'village');
  await writeSetting(tx, VILLAGE_ID_SETTING, village.id);
  await writeSetting(tx, VILLAGE_NAME_SETTING, village.name);
}

/** The village this node serves, or null on a township. */
export async function villageOfNode(db: Db | Tx): Promise<{ id: string; name: string } | null> {
  if (!(await isVillageNode(db))) return null;
  return {
    id: (await readSetting(db, VILLAGE_ID_SETTING)) ?? '',
    name: (await readSetting(db, VILLAGE_NAME_SETTING)) ?? '',
  };
}
