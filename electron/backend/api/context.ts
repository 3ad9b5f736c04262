import type { SessionUser } from '../../../shared/auth/api';
import type { AuditAction } from '../../../shared/audit/api';
import type { Db } from '../db/database';
import type { DocumentServices } from '../documents/issue';
import type { Actor, Tx } from '../db/writes';
import type { NodeSettings } from './settings';

/** Where a transport keeps the session token of one client (a cookie, a window). */
export interface SessionCarrier {
  token: string | null;
  setToken(token: string | null): void;
  /** Shown in the audit log: `ipc` or the client's address. */
  origin: string;
}

export interface ActiveSession {
  tokenHash: string;
  user: SessionUser;
  expiresAt: string;
  locked: boolean;
}

/** One write: rows and change-log entries commit together or not at all. */
export interface WriteScope {
  tx: Tx;
  at: string;
  actor: Actor;
  log(entity: string, entityId: string, op: string, data: unknown): Promise<void>;
}

export interface RequestContext {
  db: Db;
  now: Date;
  /** Today in the node's time zone, `YYYY-MM-DD`. */
  today: string;
  settings: NodeSettings;
  /** Rendering, archiving and short-lived file links for documents. */
  documents: DocumentServices;
  session: ActiveSession | null;
  carrier: SessionCarrier;
  actor: Actor;
  /** The signed-in user; throws UNAUTHENTICATED when there is none. */
  requireUser(): SessionUser;
  requireSession(): ActiveSession;
  /** Runs `work` in one transaction; `as` names the actor when there is no session yet (first run). */
  write<T>(work: (scope: WriteScope) => Promise<T>, as?: Actor): Promise<T>;
  /** Records a read, print, export or sign-in; `actor` defaults to the signed-in user. */
  audit(
    action: AuditAction,
    summary: string,
    target?: { entity: string; entityId: string },
    actor?: Actor,
  ): Promise<void>;
}
