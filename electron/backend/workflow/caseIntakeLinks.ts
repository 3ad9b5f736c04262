// A record a new counter case is taken in from — the queue ticket the clerk called to the window
// — has its own declared step (the ticket's 开始办理), taken in the case's transaction so that the
// case and the link exist together or not at all. The counter names the kind only; the desk that
// keeps the kind provides the link, and the composition root (backend.ts) puts the two together,
// so that neither desk imports the other.
import type { RecordKindName } from '../../../shared/workflow/kinds';
import type { RequestContext } from '../api/context';
import type { WriteScope } from '../db/writeScope';

export interface CaseIntakeLink {
  /**
   * Checks the record's step now (refused with its declaration's words, before the case's paper is
   * drawn) and answers the write to make inside the case's transaction, refused there as stale
   * when another window moved the record meanwhile.
   */
  prepare(ctx: RequestContext, recordId: string): Promise<(scope: WriteScope, caseId: string) => Promise<void>>;
}

const links = new Map<RecordKindName, CaseIntakeLink>();

export function provideCaseIntakeLink(kind: RecordKindName, link: CaseIntakeLink): void {
  links.set(kind, link);
}

export function caseIntakeLink(kind: RecordKindName): CaseIntakeLink {
  const link = links.get(kind);
  if (!link) throw new Error(`no case intake link is provided for ${kind}`);
  return link;
}
