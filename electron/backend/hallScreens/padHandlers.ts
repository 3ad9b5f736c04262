// The rating pad facing the resident at a window. It shows the case just accepted at its window
// (to check), or the case the clerk presents with 请群众评价 (to rate); the resident's tap is the
// case's declared `rate` step taken by the pad itself — channel 群众评价, the pad as the actor —
// on that case only, once.
import { caseKind } from '../../../shared/counter/caseKind';
import { CASE_STATUS_LABELS } from '../../../shared/counter/caseStatus';
import type { PadCase } from '../../../shared/hallScreens/api';
import { maskHolderName } from '../../../shared/documents/verificationLink';
import { refusalOf, type Actor } from '../../../shared/workflow/kind';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { caseBinding, loadCaseRecord, withSteps } from '../counter/caseBinding';
import { hallInfo } from '../counter/caseDocuments';
import { ratingPlan } from '../counter/casePlans';
import { findCaseRow, stepsOf } from '../counter/caseRows';
import type { Db } from '../db/database';
import { runStep } from '../workflow/runStep';
import { shownOnPad } from './padShows';

type PadProcedures = 'hallScreens.padState' | 'hallScreens.padRate' | 'hallScreens.windowPads' | 'hallScreens.present';

const NOT_ON_PAD = '该办件已不在本评价器上，请工作人员重新点击“请群众评价”';

export const padHandlers: HandlersFor<PadProcedures> = {
  async 'hallScreens.padState'(_input, ctx) {
    const windowName = padWindow(ctx);
    const shown = await shownOnPad(ctx.db, windowName, ctx.now);
    return {
      hallName: (await hallInfo(ctx.db)).hallName,
      windowName,
      shown: shown && {
        stage: shown.stage,
        presentedAt: shown.presentedAt,
        case: await padCase(ctx.db, shown.caseId),
      },
    };
  },

  async 'hallScreens.padRate'(input, ctx) {
    const windowName = padWindow(ctx);
    const shown = await shownOnPad(ctx.db, windowName, ctx.now);
    if (!shown || shown.stage !== 'rating' || shown.caseId !== input.caseId) fail('CONFLICT', NOT_ON_PAD);
    const { row } = await runStep(ctx, caseBinding, 'rate', { id: input.caseId }, (context) =>
      withSteps({
        ...ratingPlan(
          stepsOf(context.row),
          { level: input.level, channel: 'resident', comment: input.comment },
          ctx.now.toISOString(),
        ),
        // The presentation is used up in the rating's own transaction: a second tap finds it gone.
        async write(tx) {
          const used = await tx
            .updateTable('pad_presentations')
            .set({ rated_at: ctx.now.toISOString() })
            .where('window_name', '=', windowName)
            .where('case_id', '=', input.caseId)
            .where('stage', '=', 'rating')
            .where('rated_at', 'is', null)
            .executeTakeFirst();
          if (Number(used.numUpdatedRows) !== 1) fail('CONFLICT', NOT_ON_PAD);
        },
      }),
    );
    return { caseNumber: row.case_number ?? '', level: input.level };
  },

  async 'hallScreens.windowPads'(_input, ctx) {
    const rows = await ctx.db
      .selectFrom('hall_screens')
      .select(['window_name', 'name', 'last_seen_at'])
      .where('kind', '=', 'ratingPad')
      .where('status', '=', 'paired')
      .orderBy('window_name')
      .execute();
    return {
      pads: rows.map((r) => ({ windowName: r.window_name!, screenName: r.name, lastSeenAt: r.last_seen_at })),
    };
  },

  async 'hallScreens.present'(input, ctx) {
    const pad = await ctx.db
      .selectFrom('hall_screens')
      .select(['id', 'name', 'last_seen_at'])
      .where('kind', '=', 'ratingPad')
      .where('window_name', '=', input.windowName)
      .where('status', '=', 'paired')
      .executeTakeFirst();
    if (!pad) fail('CONFLICT', `${input.windowName}没有已配对的评价器，请系统管理员在“系统管理 → 大厅设备”中添加`);
    const row = await findCaseRow(ctx.db, input.caseId);
    if (!row) fail('NOT_FOUND', caseBinding.missing);
    // Whether the pad could rate it is the declaration's to say (delivered, not yet rated).
    const record = await loadCaseRecord(ctx, row);
    const refusal = refusalOf(caseKind, 'rate', record, padActor(pad.id), ctx.today);
    if (refusal) fail(refusal.code, refusal.message);
    await ctx.write((scope) =>
      scope.change({ entity: caseKind.name, id: row.id, op: 'presentToPad' }, async (tx) => {
        const presentation = {
          case_id: row.id,
          stage: 'rating' as const,
          presented_at: scope.at,
          presented_by_name: scope.actor.name,
          rated_at: null,
        };
        await tx
          .insertInto('pad_presentations')
          .values({ window_name: input.windowName, ...presentation })
          .onConflict((oc) => oc.column('window_name').doUpdateSet(presentation))
          .execute();
        return { windowName: input.windowName, pad: pad.name, summary: `请群众评价（${pad.name}）` };
      }),
    );
    return { windowName: input.windowName, screenName: pad.name, lastSeenAt: pad.last_seen_at };
  },
};

/** The window of the pad calling: a rating pad always has one (the table's check says so). */
function padWindow(ctx: RequestContext): string {
  const windowName = ctx.screen?.windowName;
  if (!windowName) fail('FORBIDDEN', '本屏幕不是评价器');
  return windowName;
}

function padActor(screenId: string): Actor {
  return { id: screenId, roles: [], villageIds: [], committeeIds: [], screen: 'ratingPad' };
}

async function padCase(db: Db, caseId: string): Promise<PadCase> {
  const row = await db
    .selectFrom('counter_cases')
    .select([
      'id',
      'case_number',
      'item_name',
      'resident_name',
      'status',
      'accepted_on',
      'promised_date',
      'completed_on',
    ])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    caseId: row.id,
    caseNumber: row.case_number ?? '',
    itemName: row.item_name,
    applicantName: maskHolderName(row.resident_name),
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    acceptedOn: row.accepted_on,
    promisedDate: row.promised_date,
    completedOn: row.completed_on,
  };
}
