// A hall screen's row as the administrator's list shows it: never its code or token hashes.
import type { Selectable } from 'kysely';
import type { HallScreen } from '../../../shared/hallScreens/api';
import { fail } from '../api/failure';
import type { Db } from '../db/database';
import type { Tx } from '../db/writeScope';
import type { Database } from '../db/schema';

export type ScreenRow = Selectable<Database['hall_screens']>;

export const SCREEN_MISSING = '没有这台大厅设备';
export const SCREEN_STALE = '这台设备刚被别人修改过，请刷新后再操作';

export function toHallScreen(row: ScreenRow, now: Date): HallScreen {
  const codeOpen = row.pairing_code_hash !== null && row.pairing_expires_at !== null;
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    name: row.name,
    windowName: row.window_name,
    status: row.status,
    pairingExpiresAt: codeOpen && Date.parse(row.pairing_expires_at!) > now.getTime() ? row.pairing_expires_at : null,
    pairedAt: row.paired_at,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    revokedAt: row.revoked_at,
  };
}

export async function findScreenRow(db: Db | Tx, id: string): Promise<ScreenRow> {
  const row = await db.selectFrom('hall_screens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) fail('NOT_FOUND', SCREEN_MISSING);
  return row;
}

/** The screen's row at the version the administrator saw, or the refusal. */
export async function screenAtVersion(db: Db | Tx, id: string, version: number): Promise<ScreenRow> {
  const row = await findScreenRow(db, id);
  if (row.version !== version) fail('STALE', SCREEN_STALE);
  return row;
}
