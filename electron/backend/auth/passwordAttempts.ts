// Checking a user's password against the account's lockout, safe against parallel attempts.
// Each attempt first claims one of the `lockoutThreshold` tries in a single UPDATE, before the
// (slow) password hash is computed, so no more than that many guesses are ever checked between
// two locks, however many arrive at once. A wrong password then locks the account, again in one
// UPDATE, once the tries are used up; a right one gives them back — unless the account was locked
// meanwhile. (Reading `failed_logins`, hashing and writing it back let a burst of 29 parallel
// guesses all be checked, and the right one sign in.) Sign-in, screen unlock and password change
// all go through here.
import type { NodeSettings } from '../api/settings';
import type { Db } from '../db/database';
import { decoyPasswordHash, verifyPassword } from './passwords';

export type PasswordCheck =
  /** The password is right; the account's tries are given back. */
  | { kind: 'right' }
  /** Wrong; `failures` in a row so far (this one included). */
  | { kind: 'wrong'; failures: number }
  /**
   * Wrong, and the tries are used up: the account is locked until `until`. (With parallel
   * attempts the others may still be being checked; a right one among them is refused.)
   */
  | { kind: 'lockedNow'; until: string }
  /**
   * Not checked: the account is locked (`until`), or every try is already taken by attempts
   * being checked right now (`until` null) — or, for a right password, it was locked meanwhile.
   */
  | { kind: 'refused'; until: string | null };

export async function checkPassword(
  db: Db,
  userId: string,
  password: string,
  now: Date,
  settings: Pick<NodeSettings, 'lockoutThreshold' | 'lockoutMinutes'>,
): Promise<PasswordCheck> {
  const nowIso = now.toISOString();
  const claimed = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .where('failed_logins', '<', settings.lockoutThreshold)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning(['failed_logins', 'password_hash'])
    .executeTakeFirst();
  if (!claimed) {
    // The same work as a check, so that the time of the answer does not tell a lock apart.
    await verifyPassword(password, await decoyPasswordHash());
    return { kind: 'refused', until: await lockedUntil(db, userId, nowIso) };
  }
  if (await verifyPassword(password, claimed.password_hash)) {
    const accepted = await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
      .returning('id')
      .executeTakeFirst();
    return accepted ? { kind: 'right' } : { kind: 'refused', until: await lockedUntil(db, userId, nowIso) };
  }
  const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString();
  const locked = await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: until })
    .where('id', '=', userId)
    .where('failed_logins', '>=', settings.lockoutThreshold)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning('locked_until')
    .executeTakeFirst();
  return locked ? { kind: 'lockedNow', until } : { kind: 'wrong', failures: claimed.failed_logins };
}

async function lockedUntil(db: Db, userId: string, nowIso: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('locked_until').where('id', '=', userId).executeTakeFirst();
  return row?.locked_until && row.locked_until > nowIso ? row.locked_until : null;
}
