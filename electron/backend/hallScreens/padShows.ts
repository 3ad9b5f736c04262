// What a window's rating pad shows now. Two things put a case on it: the clerk accepting a case
// at that window (the case row itself says where and when: `window`, `accepted_at` — whichever
// desk or client accepted it), and the clerk's 请群众评价 (a row of pad_presentations). The newer
// wins; each shows for a while and then the pad goes back to its welcome screen.
import type { PadStage } from '../../../shared/hallScreens/screens';
import type { Db } from '../db/database';

/** A case to check stays up this long after acceptance (the resident reads it at the window). */
export const ACCEPTANCE_SHOWN_MINUTES = 5;
/** A case to rate waits this long for the resident's tap. */
export const RATING_SHOWN_MINUTES = 15;

export interface ShownOnPad {
  stage: PadStage;
  caseId: string;
  presentedAt: string;
}

export async function shownOnPad(db: Db, windowName: string, now: Date): Promise<ShownOnPad | null> {
  const since = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const presented = await db
    .selectFrom('pad_presentations')
    .select(['case_id', 'stage', 'presented_at', 'rated_at'])
    .where('window_name', '=', windowName)
    .executeTakeFirst();
  const accepted = await db
    .selectFrom('counter_cases')
    .select(['id', 'accepted_at'])
    .where('window', '=', windowName)
    .where('accepted_at', '>', since(ACCEPTANCE_SHOWN_MINUTES))
    .where('accepted_at', '<=', now.toISOString())
    .orderBy('accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const live =
    presented &&
    presented.rated_at === null &&
    presented.presented_at > since(presented.stage === 'rating' ? RATING_SHOWN_MINUTES : ACCEPTANCE_SHOWN_MINUTES)
      ? { stage: presented.stage, caseId: presented.case_id, presentedAt: presented.presented_at }
      : null;
  const acceptance = accepted?.accepted_at
    ? { stage: 'acceptance' as const, caseId: accepted.id, presentedAt: accepted.accepted_at }
    : null;
  // A later presentation hides an earlier acceptance, and a later acceptance an earlier presentation.
  if (presented && acceptance && presented.presented_at >= acceptance.presentedAt) return live;
  return acceptance ?? live;
}
