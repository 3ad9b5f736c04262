import type { SessionUser } from '../../../shared/auth/api';
import type { AuditAction } from '../../../shared/audit/api';
import type { HallScreenKind } from '../../../shared/hallScreens/screens';
import type { Db } from '../db/database';
import type { DocumentServices } from '../documents/issue';
import type { Actor } from '../db/writes';
import type { WriteScope } from '../db/writeScope';
import type { NodeSettings } from './settings';
import type { RecordTables } from '../workflow/recordTables';

/** Where a transport keeps the session token of one client (a cookie, a window). */
export interface SessionCarrier {
  token: string | null;
  setToken(token: string | null): void;
  /** Shown in the audit log: `ipc` or the client's address. */
  origin: string;
  /** The LAN listener (`address:port`) the client came in through (大厅网络); absent: this machine's own. */
  via?: string | null;
  /**
   * A paired hall screen's own credential (its own cookie, apart from any user's session);
   * absent where no screen ever comes from (the desktop window's IPC).
   */
  screen?: ScreenCredentialCarrier;
}

/** Where a hall screen's long-lived token rides (an HttpOnly cookie of its own). */
export interface ScreenCredentialCarrier {
  token: string | null;
  setToken(token: string | null): void;
}

/** A paired hall screen as the backend knows it while it answers the screen's call. */
export interface PairedScreen {
  id: string;
  kind: HallScreenKind;
  /** `3号窗口评价器`: the actor the change log names for what the screen did. */
  name: string;
  /** The window a rating pad faces, as the counter writes it (`3号窗口`); null for the others. */
  windowName: string | null;
}

/**
 * `carrier` as dispatch sees it: when the session it carries is cleared or replaced (sign-out, a
 * session found expired, a new sign-in), `onEnd` gets the old token at once — the same way for
 * the hall host's cookies and the desktop window's token (file links and staged uploads go).
 */
export function watchSessionEnd(carrier: SessionCarrier, onEnd: (token: string) => void): SessionCarrier {
  return {
    get token() {
      return carrier.token;
    },
    get origin() {
      return carrier.origin;
    },
    get via() {
      return carrier.via;
    },
    get screen() {
      return carrier.screen;
    },
    setToken(token) {
      if (carrier.token && carrier.token !== token) onEnd(carrier.token);
      carrier.setToken(token);
    },
  };
}

export interface ActiveSession {
  tokenHash: string;
  user: SessionUser;
  expiresAt: string;
  locked: boolean;
}

export type { WriteScope };

/** What an audit event is about: one record, or (a list) the records it showed. */
export interface AuditTarget {
  entity: string;
  entityId: string | null;
  recordIds?: string[] | null;
}

export interface RequestContext {
  db: Db;
  now: Date;
  /** Today in the node's time zone, `YYYY-MM-DD`. */
  today: string;
  settings: NodeSettings;
  /** Rendering, archiving and short-lived file links for documents. */
  documents: DocumentServices;
  /** Where each kind of record lives, for its declared access. */
  records: RecordTables;
  session: ActiveSession | null;
  /** The paired screen calling a screen procedure; null for every other call. */
  screen: PairedScreen | null;
  carrier: SessionCarrier;
  actor: Actor;
  /** The signed-in user; throws UNAUTHENTICATED when there is none. */
  requireUser(): SessionUser;
  requireSession(): ActiveSession;
  /** Runs `work` in one transaction; `as` names the actor when there is no session yet (first run). */
  write<T>(work: (scope: WriteScope) => Promise<T>, as?: Actor): Promise<T>;
  /**
   * Records a read, print, export or sign-in, with the procedure that did it; `actor` defaults
   * to the signed-in user. Reads of personal data are declared on their procedures instead.
   */
  audit(action: AuditAction, summary: string, target?: AuditTarget, actor?: Actor): Promise<void>;
}
