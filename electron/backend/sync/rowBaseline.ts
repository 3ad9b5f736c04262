// The baseline of row images (db/rowImages.ts): every replicated row as it stands, filed in the
// change log a couple of hundred rows per entry before the next batch is sealed — when a
// township's log began before row images existed (the upgrade marks it due) or rows were
// written in bulk without entries (the demo). With it the county's copy can rebuild all of
// them; later writes carry their own images. Each entry is its own short transaction, so the
// counter is never held up for long.
import { fileTableImages, replicatedTables } from '../db/rowImages';
import type { Db } from '../db/database';
import { runWrite } from '../db/writeScope';
import type { Actor } from '../db/writes';
import { SYNC_SETTINGS, readText, writeText } from './syncState';

/** Rows per baseline entry: an entry stays well under a batch's 400 KiB of JSON. */
const ROWS_PER_ENTRY = 200;
export const BASELINE_ENTITY = 'rowBaseline';

/** The setting's value while a baseline is due (after it: when it was filed). */
export const BASELINE_DUE = 'due';

/** Marks a baseline due: the rows now in the tables did not all come with images. */
export async function markRowBaselineDue(db: Db): Promise<void> {
  await writeText(db, SYNC_SETTINGS.rowBaseline, BASELINE_DUE);
}

/** Files the baseline if one is due. @returns how many entries it took. */
export async function fileRowBaseline(db: Db, actor: Actor, now: () => Date): Promise<number> {
  if ((await readText(db, SYNC_SETTINGS.rowBaseline)) !== BASELINE_DUE) return 0;
  let entries = 0;
  for (const shape of await replicatedTables(db)) {
    let afterKey: unknown[] | null = null;
    for (;;) {
      const filed = await runWrite(db, actor, now().toISOString(), async (scope) => {
        const result = await fileTableImages(scope.tx, shape, afterKey, ROWS_PER_ENTRY);
        // The images filed above ride on this entry, as if its own write had left them.
        if (result.count > 0)
          await scope.change({ entity: BASELINE_ENTITY, id: shape.name, op: 'baseline' }, async () => ({
            table: shape.name,
            rows: result.count,
          }));
        return result;
      });
      if (filed.count === 0) break;
      entries++;
      if (filed.count < ROWS_PER_ENTRY || !filed.lastKey) break;
      afterKey = filed.lastKey;
    }
  }
  await writeText(db, SYNC_SETTINGS.rowBaseline, now().toISOString());
  return entries;
}
