// How every step of a dispute runs: read it, refuse what its status or the dates forbid, draw
// the paper (outside the transaction), then write the row, the change-log entry and the paper
// in one transaction that first checks nobody changed the dispute since.
import type { Updateable } from 'kysely';
import type { IssuedDocument } from '../../../shared/documents/api';
import { DISPUTE_STATUS_LABELS, type DisputeStatus } from '../../../shared/mediation/disputes';
import type { DisputeCommandResult, ReferralOutInput } from '../../../shared/mediation/disputesApi';
import type { RequestContext, WriteScope } from '../api/context';
import { fail, failFields } from '../api/failure';
import { stepDate } from '../api/stepDate';
import type { Database } from '../db/schema';
import { archivePrepared, prepareDocument } from '../documents/issue';
import type { DocumentDefinition } from '../documents/registry';
import { DISPUTE_ENTITY, findDisputeRow, loadDisputeRecord, type DisputeRow } from './disputeRows';

type DisputeColumns = Omit<Updateable<Database['disputes']>, 'id' | 'version' | 'updated_at'>;

/** What a step changes; `summary` is the history line, `data` the change-log entry. */
export interface DisputePlan {
  set: DisputeColumns;
  summary: string;
  data: Record<string, unknown>;
  document?: { definition: DocumentDefinition<never>; record: unknown };
  /** The document the new paper replaces (a case file drawn again). */
  supersedes?: string;
  /** The step's own rows (records, mediators, follow-ups), written in the same transaction. */
  write?: (scope: WriteScope) => Promise<void>;
  /** Runs after the paper is archived, in the same transaction (to point a row at it). */
  archived?: (scope: WriteScope, document: IssuedDocument) => Promise<void>;
}

/**
 * A step's date: today when not given; never in the future and never before the dispute's
 * previous step (so never before its registration).
 */
export function disputeStepDate(
  field: string,
  label: string,
  given: string | undefined | null,
  row: DisputeRow,
  today: string,
): string {
  return stepDate(field, label, given, row.last_step_on, today);
}

/** A date that must not precede the registration (records, follow-ups): not a step of its own. */
export function notBeforeRegistration(field: string, label: string, date: string, row: DisputeRow, today: string) {
  if (date > today) failFields({ [field]: `${label}：不能晚于今天（${today}）` });
  if (date < row.registered_on) failFields({ [field]: `${label}：不能早于纠纷登记日期（${row.registered_on}）` });
}

/** The refusal when `row` is not in one of `allowed`. */
export function requireStatus(row: DisputeRow, allowed: readonly DisputeStatus[], action: string): void {
  if (allowed.includes(row.status)) return;
  if (row.status === 'closed') fail('CONFLICT', `该纠纷已结案，不能再${action}，只能加批注`);
  const allowedLabels = allowed.map((s) => `“${DISPUTE_STATUS_LABELS[s]}”`).join('或');
  fail(
    'CONFLICT',
    `该纠纷当前为“${DISPUTE_STATUS_LABELS[row.status]}”，不能${action}（只有${allowedLabels}的纠纷可以）`,
  );
}

/**
 * 三调联动 移出 on a refusal or a termination: the columns it sets (dated with that step, which the
 * statistics count it by) and the end of the history line.
 */
export function referralOut(
  referral: ReferralOutInput | null | undefined,
  on: string,
): { set: DisputeColumns; summary: string } {
  if (!referral) return { set: {}, summary: '' };
  return {
    set: { referral_out_kind: referral.kind, referral_out_to: referral.to, referral_out_on: on },
    summary: referral.kind === 'court' ? `，引导至${referral.to}` : `，移送${referral.to}`,
  };
}

export async function findDisputeOrFail(ctx: RequestContext, id: string): Promise<DisputeRow> {
  const row = await findDisputeRow(ctx.db, id);
  if (!row) fail('NOT_FOUND', '没有这件纠纷');
  return row;
}

const STALE = '该纠纷刚被别人处理过，请刷新后再操作';

/** Runs one step on a dispute at `version`. */
export async function runDisputeCommand(
  ctx: RequestContext,
  input: { id: string; version?: number },
  command: string,
  plan: (row: DisputeRow) => DisputePlan | Promise<DisputePlan>,
): Promise<DisputeCommandResult> {
  const row = await findDisputeOrFail(ctx, input.id);
  if (input.version !== undefined && row.version !== input.version) fail('STALE', STALE);
  const planned = await plan(row);
  const prepared = planned.document
    ? await prepareDocument(ctx.documents, planned.document.definition, planned.document.record as never, ctx.now)
    : null;
  const document = await ctx.write(async (scope): Promise<IssuedDocument | null> => {
    const current = await findDisputeRow(scope.tx, row.id);
    if (current?.version !== row.version) fail('STALE', STALE);
    await scope.tx
      .updateTable('disputes')
      .set((eb) => ({ ...planned.set, updated_at: scope.at, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    await planned.write?.(scope);
    await scope.log(DISPUTE_ENTITY, row.id, command, { ...planned.data, summary: planned.summary });
    if (!prepared) return null;
    const issued = await archivePrepared(scope, ctx.documents, prepared, {
      recordEntity: DISPUTE_ENTITY,
      recordId: row.id,
      supersedes: planned.supersedes,
    });
    await planned.archived?.(scope, issued);
    return issued;
  });
  const updated = await findDisputeRow(ctx.db, row.id);
  return { dispute: await loadDisputeRecord(ctx.db, updated!, ctx.today), document };
}
