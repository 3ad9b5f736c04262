// A village node asks its township for number blocks before it runs out: an entry in its change
// log, carried up with its records at the next sync (or in the next USB file), answered with a
// package of blocks. Asked again only when what it needs has changed, so a week without a link
// does not pile up requests.
import { isVillageNode } from '../../db/nodeTier';
import type { Db } from '../../db/database';
import { runWrite } from '../../db/writeScope';
import { localDate } from '../../api/settings';
import { blockRequestOf, NUMBER_BLOCK_ENTITY } from '../../workflow/numberBlocks';
import { readText, writeText } from '../syncState';

export const BLOCK_REQUEST_OP = 'request';
const LAST_REQUEST = 'sync.blockRequest';

/** Appends the request when blocks run low and it differs from the last one. @returns whether it did. */
export async function appendBlockRequest(db: Db, now: Date, timeZone: string): Promise<boolean> {
  if (!(await isVillageNode(db))) return false;
  const request = await blockRequestOf(db, localDate(now, timeZone));
  if (request.needs.length === 0) return false;
  const text = JSON.stringify(request);
  if ((await readText(db, LAST_REQUEST)) === text) return false;
  return runWrite(db, { id: null, name: '系统' }, now.toISOString(), async (scope) => {
    if ((await readText(scope.tx, LAST_REQUEST)) === text) return false;
    await scope.change({ entity: NUMBER_BLOCK_ENTITY, id: BLOCK_REQUEST_OP, op: BLOCK_REQUEST_OP }, async (tx) => {
      await writeText(tx, LAST_REQUEST, text);
      return request;
    });
    return true;
  });
}
