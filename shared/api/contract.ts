import type { z } from 'zod';
import type { Role } from '../auth/roles';

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
  /** `public`: no session needed; `signedIn`: any role; otherwise the roles allowed. */
  access: 'public' | 'signedIn' | readonly Role[];
  input: I;
  output: O;
}

export function defineProcedures<const T extends Record<string, ProcedureSpec>>(procedures: T): T {
  return procedures;
}
