import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../../shared/auth/roles';
import type { SessionUser } from '../../../shared/auth/api';
import type { ActiveSession } from '../api/context';
import type { NodeSettings } from '../api/settings';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

/** Only the hash of a token is stored: a copied database file opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The user as a session carries them: roles, and the places whose records they read. */
export async function toSessionUser(db: Db, row: Database['users']): Promise<SessionUser> {
  const [villages, committees] = await Promise.all([
    db.selectFrom('agent_villages').select('village_id').where('user_id', '=', row.id).execute(),
    db
      .selectFrom('committee_mediators as cm')
      .innerJoin('mediators as m', 'm.id', 'cm.mediator_id')
      .select('cm.committee_id')
      .where('m.user_id', '=', row.id)
      .where('m.active', '=', 1)
      .execute(),
  ]);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    mustChangePassword: row.must_change_password === 1,
    villageIds: villages.map((v) => v.village_id),
    committeeIds: [...new Set(committees.map((c) => c.committee_id))],
  };
}

export function parseRoles(json: string): Role[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
}

export async function startSession(
  db: Db,
  userId: string,
  origin: string,
  now: Date,
  settings: NodeSettings,
  via: string | null = null,
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      origin,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      locked_at: null,
      ended_at: null,
      via,
      ended_reason: null,
    })
    .execute();
  return { token, expiresAt };
}

/** The live session behind a token, or null when it is unknown, ended, expired or idle too long. */
export async function resolveSession(
  db: Db,
  token: string | null,
  now: Date,
  settings: NodeSettings,
): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.expires_at', 's.last_seen_at', 's.ended_at', 's.locked_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.ended_at || row.active !== 1) return null;
  const nowIso = now.toISOString();
  const idleLimit = new Date(Date.parse(row.last_seen_at) + settings.sessionIdleMinutes * 60_000).toISOString();
  if (row.expires_at <= nowIso || idleLimit <= nowIso) {
    await endSession(db, tokenHash, now);
    return null;
  }
  // Touch at most once a minute: a busy window should not write on every keystroke search.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('token_hash', '=', tokenHash).execute();
  }
  return { tokenHash, user: await toSessionUser(db, row), expiresAt: row.expires_at, locked: row.locked_at !== null };
}

export async function endSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .execute();
}

export async function endSessionsOfUser(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Locks or unlocks the screen of one session; the lock lives on the server, not in the page. */
export async function setSessionLocked(db: Db, tokenHash: string, lockedAt: string | null): Promise<void> {
  await db.updateTable('sessions').set({ locked_at: lockedAt }).where('token_hash', '=', tokenHash).execute();
}

/**
 * Ends every live session that came in through a LAN listener (大厅网络 turned off), keeping
 * `reason` for the window's next call; answers how many were ended.
 */
export async function endSessionsVia(db: Db, now: Date, reason: string): Promise<number> {
  const ended = await db
    .updateTable('sessions')
    .set({ ended_at: now.toISOString(), ended_reason: reason })
    .where('ended_at', 'is', null)
    .where('via', 'is not', null)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

/** Why the session behind `token` was ended, when it was ended for a reason its window must hear. */
export async function sessionEndReason(db: Db, token: string | null): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .select('ended_reason')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row?.ended_reason ?? null;
}
