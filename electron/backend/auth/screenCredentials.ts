// The credential of a paired hall screen (the ticket machine, the calling screen, a rating pad):
// a long-lived random token in the screen's own cookie, stored here only as its hash. Dispatch
// resolves it for the procedures declared for screens, as it resolves a user's session for the
// others; the administrator's pairing and revoking live with the screens (hallScreens/).
import type { Db } from '../db/database';
import type { PairedScreen } from '../api/context';
import { hashToken } from './sessions';

/** A screen polls every few seconds: its “last seen” is written at most this often. */
const LAST_SEEN_EVERY_MS = 30_000;

/**
 * The live paired screen behind `token`, or null when the token is unknown, replaced by a new
 * pairing, or the screen was revoked. Notes the screen as seen, at most twice a minute.
 */
export async function resolveScreen(db: Db, token: string | null, now: Date): Promise<PairedScreen | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('hall_screens')
    .select(['id', 'kind', 'name', 'window_name', 'status', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.status !== 'paired') return null;
  if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) > LAST_SEEN_EVERY_MS) {
    // Outside the change log on purpose: a screen being alive is not a change of the hall's records.
    await db.updateTable('hall_screens').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { id: row.id, kind: row.kind, name: row.name, windowName: row.window_name };
}

/** The file-link owner of a screen's token (the kiosk's ticket PDF), when the screen is live. */
export async function screenLinkOwner(
  db: Db,
  token: string,
  now: Date,
): Promise<{ tokenHash: string; locked: false } | null> {
  return (await resolveScreen(db, token, now)) ? { tokenHash: hashToken(token), locked: false } : null;
}
