import type { z } from 'zod';
import type { AuditAction } from '../audit/actions';
import type { Role } from '../auth/roles';
import type { HallScreenKind } from '../hallScreens/screens';
import type { RecordKindName } from '../workflow/kinds';

/**
 * The record a call reads or changes, named by a field of its input. The backend checks the
 * caller's access to that very record (its kind's read rules and scope) before the handler
 * runs; documents and attachments follow the record they belong to.
 */
export type RecordRef =
  | { kind: RecordKindName; field: string }
  /** An issued document's id: the access of the record it was issued for. */
  | { document: string }
  /** An attachment's id, of a record of `kind`. */
  | { kind: RecordKindName; attachment: string };

/**
 * An answer that carries unmasked personal data (an ID number, a phone, an address, what a
 * dispute or a petition is about) writes one audit event, decided here and not remembered by
 * the handler: who, which procedure, which record(s), when.
 */
export interface AuditSpec {
  /** `readPersonalData` unless said otherwise. */
  action?: Extract<AuditAction, 'readPersonalData' | 'print' | 'export'>;
  /** What the log says was done (`查看信访件`); the record's label follows. */
  what: string;
  /**
   * A list: the kind of its records and the output fields holding them, each record with an
   * `id` (`agents.errands`: the errands of every agent).
   */
  list?: { kind: RecordKindName; fields: readonly string[] };
  /**
   * An answer listing records of several kinds (the one search, a resident's history): one event
   * per kind that showed records, each naming its records (`<what or describe>（办件 2 条）`);
   * one event naming none when nothing was shown.
   */
  lists?: readonly { kind: RecordKindName; fields: readonly string[] }[];
  /** The whole summary, when it depends on the answer (`打印《…》2 份（补打）`). */
  describe?: (input: never, output: never) => string;
}

/** A paired hall screen of one of these kinds calls it (the ticket machine, the calling screen, a rating pad). */
export interface ScreenAccess {
  screens: readonly HallScreenKind[];
}

export type ProcedureAccess = 'public' | 'signedIn' | readonly Role[] | ScreenAccess;

/** Whether a procedure is called by a paired hall screen rather than by a user. */
export function isScreenAccess(access: ProcedureAccess): access is ScreenAccess {
  return typeof access === 'object' && 'screens' in access;
}

/**
 * One procedure of the API: its input schema (validated on the backend, whatever the
 * transport), its output schema (the backend parses every answer through it, so nothing
 * undeclared — a password hash, say — can leak), and who may call it.
 */
export interface ProcedureSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line in Chinese, shown in `GET /api` and the API document. */
  summary: string;
  /** A query reads; a command writes through the change log. */
  kind: 'query' | 'command';
  /**
   * `public`: no session needed; `signedIn`: any role; a list of roles: those roles; `screens`:
   * a paired hall screen of those kinds (its own credential, never a user's session).
   */
  access: ProcedureAccess;
  /** The record this call addresses, whose access is checked before the handler. */
  record?: RecordRef;
  audit?: AuditSpec;
  input: I;
  output: O;
}

export function defineProcedures<const T extends Record<string, ProcedureSpec>>(procedures: T): T {
  return procedures;
}
