import type { Db } from '../db/database';
import { appendChange, type Actor } from '../db/writes';
import type { WriteScope } from './context';

/** One transaction whose change-log entries carry `actor` and `at`: the only way anything writes. */
export function runWrite<T>(db: Db, actor: Actor, at: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return db.transaction().execute((tx) =>
    work({
      tx,
      at,
      actor,
      log: async (entity, entityId, op, data) => {
        await appendChange(tx, { entity, entityId, op, data, actor, at });
      },
    }),
  );
}
