// On a village node: rows the township owns, as they now are — its answers (the case an errand
// became, its number and status; a triage) and the reference rows the village works from (its
// residents, the places, the catalog, the agents' accounts). They are copies here: replayed as
// they come, and never sent back up (the township holds them already).
import type { RowImage } from '../../../../shared/sync/protocol';
import { RowReplay, replicatedTables, takeRowImages } from '../../db/rowImages';
import type { WriteScope } from '../../db/writeScope';
import { SETTING_NODE_ID } from '../../auth/nodeSettings';
import { replaceSearchTokens } from '../../residents/residentRows';

/** Settings that are this machine's own, whatever comes down. */
const OWN_SETTINGS = new Set([SETTING_NODE_ID, 'node.tier', 'node.villageId', 'node.villageName']);

/**
 * Columns of an account that belong to the machine it signs in on: the village's administrator
 * gives the agent a password there (and its "change it first" and version with it).
 */
const OWN_USER_COLUMNS = ['must_change_password', 'version'];

function ownColumnsKept(image: RowImage): RowImage {
  if (image.table !== 'users' || image.deleted) return image;
  const row = { ...image.row };
  for (const column of OWN_USER_COLUMNS) delete row[column];
  return { ...image, row };
}

export async function applyRecordsFromAbove(
  scope: WriteScope,
  rows: readonly RowImage[],
  about: string,
): Promise<string> {
  const kept = rows
    .filter((image) => !(image.table === 'node_settings' && OWN_SETTINGS.has(String(image.row['key']))))
    .map(ownColumnsKept);
  const replay = new RowReplay(await replicatedTables(scope.tx));
  await replay.apply(scope.tx, kept);
  // The name index is derived, not replicated: made here, or the agent could not find a resident by name.
  for (const image of kept) {
    if (image.table !== 'residents') continue;
    const id = String(image.row['id']);
    if (image.deleted) await scope.tx.deleteFrom('resident_search_tokens').where('resident_id', '=', id).execute();
    else await replaceSearchTokens(scope.tx, id, String(image.row['name'] ?? ''));
  }
  // The replay's own row images would ride up on this package's entry: dropped, they are the township's.
  await takeRowImages(scope.tx);
  return `${about}（${replay.applied} 条记录）`;
}
