// How every step of a petition runs: read it, refuse what its status or the dates forbid, draw
// the paper (outside the transaction), then write the row, the change-log entry and the paper in
// one transaction that first checks nobody changed the petition since. The deadline running
// after the step is kept in running_due_on.
import type { Updateable } from 'kysely';
import { MissingCalendarYearError, type WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { IssuedDocument } from '../../../shared/documents/api';
import type { PetitionCommandResult } from '../../../shared/petitions/api';
import { runningDeadline } from '../../../shared/petitions/periods';
import { PETITION_STATUS_LABELS, type PetitionStatus } from '../../../shared/petitions/petitions';
import type { RequestContext, WriteScope } from '../api/context';
import { fail, failFields } from '../api/failure';
import { stepDate } from '../api/stepDate';
import type { Database } from '../db/schema';
import { archivePrepared, prepareDocument } from '../documents/issue';
import type { DocumentDefinition } from '../documents/registry';
import { findPetitionRow, loadPetitionRecord, PETITION_ENTITY, type PetitionRow } from './petitionRows';

type PetitionColumns = Omit<Updateable<Database['petitions']>, 'id' | 'version' | 'updated_at' | 'running_due_on'>;

/** What a step changes; `summary` is the history line, `data` the change-log entry. */
export interface PetitionPlan {
  set: PetitionColumns;
  summary: string;
  data: Record<string, unknown>;
  document?: { definition: DocumentDefinition<unknown>; record: unknown };
  /** The step's own rows (handling events), written in the same transaction. */
  write?: (scope: WriteScope) => Promise<void>;
}

const STALE = '该信访件刚被别人处理过，请刷新后再操作';

/**
 * A step's date: today when not given; never in the future and never before the petition's
 * previous step (so never before it was received).
 */
export function petitionStepDate(
  field: string,
  label: string,
  given: string | undefined | null,
  row: PetitionRow,
  today: string,
): string {
  return stepDate(field, label, given, row.last_step_on, today);
}

/** The refusal when `row` is not in one of `allowed`. */
export function requireStatus(row: PetitionRow, allowed: readonly PetitionStatus[], action: string): void {
  if (allowed.includes(row.status)) return;
  const allowedLabels = allowed.map((s) => `“${PETITION_STATUS_LABELS[s]}”`).join('或');
  fail(
    'CONFLICT',
    `该信访件当前为“${PETITION_STATUS_LABELS[row.status]}”，不能${action}（只有${allowedLabels}的信访件可以）`,
  );
}

/**
 * A deadline from the working calendar; a year the calendar lacks (a period counted in working
 * days) is refused with the administrator's task in the message, never guessed.
 */
export function computeDue(field: string, compute: () => string): string {
  try {
    return compute();
  } catch (error) {
    if (error instanceof MissingCalendarYearError) failFields({ [field]: error.message });
    throw error;
  }
}

export type CalendarReader = () => Promise<WorkingCalendar>;

export async function findPetitionOrFail(ctx: RequestContext, id: string): Promise<PetitionRow> {
  const row = await findPetitionRow(ctx.db, id);
  if (!row) fail('NOT_FOUND', '没有这件信访件');
  return row;
}

/** The office's deadline running once `set` is applied to `row`. */
function runningDueOn(row: PetitionRow, set: PetitionColumns): string | null {
  const next = { ...row, ...set } as PetitionRow;
  return (
    runningDeadline({
      status: next.status,
      acceptanceDueOn: next.acceptance_due_on,
      handlingDueOn: next.handling_due_on,
      reviewDueOn: next.review_due_on,
      reReviewDueOn: next.re_review_due_on,
    })?.dueOn ?? null
  );
}

/** Runs one step on a petition at `version`. */
export async function runPetitionCommand(
  ctx: RequestContext,
  input: { id: string; version: number },
  command: string,
  plan: (row: PetitionRow) => PetitionPlan | Promise<PetitionPlan>,
): Promise<PetitionCommandResult> {
  const row = await findPetitionOrFail(ctx, input.id);
  if (row.version !== input.version) fail('STALE', STALE);
  const planned = await plan(row);
  const prepared = planned.document
    ? await prepareDocument(ctx.documents, planned.document.definition, planned.document.record, ctx.now)
    : null;
  const document = await ctx.write(async (scope): Promise<IssuedDocument | null> => {
    const current = await findPetitionRow(scope.tx, row.id);
    if (current?.version !== row.version) fail('STALE', STALE);
    await scope.tx
      .updateTable('petitions')
      .set((eb) => ({
        ...planned.set,
        running_due_on: runningDueOn(row, planned.set),
        updated_at: scope.at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await planned.write?.(scope);
    await scope.log(PETITION_ENTITY, row.id, command, { ...planned.data, summary: planned.summary });
    if (!prepared) return null;
    return archivePrepared(scope, ctx.documents, prepared, { recordEntity: PETITION_ENTITY, recordId: row.id });
  });
  const updated = await findPetitionRow(ctx.db, row.id);
  return { petition: await loadPetitionRecord(ctx.db, updated!, ctx.today), document };
}
