// The one step runner: every step on every kind of record goes load → version → the
// declaration's refusal → the step's date → the paper drawn outside the transaction → in one
// transaction the row (version re-checked, bumped) with its change-log entry, the step's own
// rows, a number drawn, the paper archived → the record as it now is.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { IssuedDocument } from '../../../shared/documents/api';
import { refusalOf, stepDateOf, transitionRefusal, type Actor, type RecordKind } from '../../../shared/workflow/kind';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { Database } from '../db/schema';
import type { Tx, VersionedTable, WriteScope } from '../db/writeScope';
import { archivePrepared, prepareDocument, type PreparedDocument } from '../documents/issue';
import type { DocumentDefinition } from '../documents/registry';
import { drawNumber, type NumberedPaper } from './numbers';

/** A record's row as read. */
export type RowOf<T extends VersionedTable> = Selectable<Database[T]>;

/** How the runner finds a kind's rows and makes its record (what the declaration reads). */
export interface KindBinding<S extends string, K extends string, R, T extends VersionedTable> {
  kind: RecordKind<S, K, R>;
  table: T;
  /** Said when there is no record with the id given. */
  missing: string;
  find(db: RequestContext['db'] | Tx, id: string): Promise<RowOf<T> | undefined>;
  /** The record as the API answers it (and as the declaration reads it). */
  load(ctx: RequestContext, row: RowOf<T>): Promise<R>;
  /** Columns that follow from the row as a step leaves it (a petition's running deadline). */
  derive?(next: RowOf<T>): Updateable<Database[T]>;
}

export interface PaperToIssue {
  definition: DocumentDefinition<unknown>;
  record: unknown;
}

/** What a step changes: the record's columns, the history line, the entry's data, its paper. */
export interface StepPlan<T extends VersionedTable> {
  set: Updateable<Database[T]>;
  /** The history line of the step (kept in the change-log entry); it may name the number drawn. */
  summary: string | ((numbered: Updateable<Database[T]>) => string);
  data: Record<string, unknown>;
  document?: PaperToIssue;
  /** The document the new paper replaces (a case file drawn again). */
  supersedes?: string;
  /** A number drawn in the transaction, and the columns and paper that carry it. */
  number?: NumberedPaper<Updateable<Database[T]>>;
  /** The step's own rows (records, mediators, events), covered by the step's entry. */
  write?(tx: Tx, scope: WriteScope): Promise<void>;
  /** After the paper is archived, in the same transaction (to point a row at it). */
  archived?(tx: Tx, document: IssuedDocument): Promise<void>;
  /** Further changes to other records in the same transaction, each with its own entry. */
  also?(scope: WriteScope): Promise<void>;
}

export interface StepContext<R, T extends VersionedTable> {
  row: RowOf<T>;
  record: R;
  /** The step's date by its declared rule (today when the step has none). */
  on: string;
}

export interface StepInput {
  id: string;
  /** The version the user saw; steps that change nothing of the record's own may leave it out. */
  version?: number;
}

/**
 * Loads a record and checks a step on it: found, at the version the user saw, allowed by the
 * declaration for this user today, dated by the declared rule.
 */
export async function prepareStep<S extends string, K extends string, R, T extends VersionedTable>(
  ctx: RequestContext,
  binding: KindBinding<S, K, R, T>,
  step: K,
  input: StepInput & Record<string, unknown>,
): Promise<StepContext<R, T>> {
  const row = await binding.find(ctx.db, input.id);
  if (!row) fail('NOT_FOUND', binding.missing);
  const current = row as { version: number };
  if (input.version !== undefined && current.version !== input.version) fail('STALE', binding.kind.stale);
  const record = await binding.load(ctx, row);
  const refusal = refusalOf(binding.kind, step, record, stepActor(ctx), ctx.today);
  if (refusal) fail(refusal.code, refusal.message);
  const rule = binding.kind.steps[step].date;
  const given = rule ? (input[rule.field] as string | null | undefined) : undefined;
  const dated = stepDateOf(binding.kind, step, record, given, ctx.today);
  if (!dated.ok) failFields({ [dated.field]: dated.message });
  return { row, record, on: dated.on };
}

/**
 * Who takes a step: the signed-in user, or the paired hall screen calling (a rating pad rates the
 * case presented to it) — a screen has no roles, so only the steps declaring its kind are its.
 */
export function stepActor(ctx: RequestContext): Actor {
  if (ctx.screen) return { id: ctx.screen.id, roles: [], villageIds: [], committeeIds: [], screen: ctx.screen.kind };
  return ctx.requireUser();
}

/** Runs one declared step on a record; answers the record as it now is and the paper issued. */
export async function runStep<S extends string, K extends string, R, T extends VersionedTable>(
  ctx: RequestContext,
  binding: KindBinding<S, K, R, T>,
  step: K,
  input: StepInput & Record<string, unknown>,
  plan: (context: StepContext<R, T>) => StepPlan<T> | Promise<StepPlan<T>>,
): Promise<{ row: RowOf<T>; record: R; document: IssuedDocument | null }> {
  const context = await prepareStep(ctx, binding, step, input);
  const planned = await plan(context);
  // Drawn before the transaction: a 50-page case file takes half a second, and the database's one
  // writer must not wait for it.
  const prepared = planned.document ? await prepare(ctx, planned.document) : null;
  const document = await ctx.write((scope) => applyStep(ctx, scope, binding, step, context, planned, prepared));
  const row = (await binding.find(ctx.db, input.id))!;
  return { row, record: await binding.load(ctx, row), document };
}

/**
 * Writes a planned step inside `scope`: the paper is drawn before (outside any transaction, so
 * the one writer never waits for a render), or, for a numbered paper, drawn with the number it
 * most likely gets and again inside only when another window took that number meanwhile.
 */
export async function applyStep<S extends string, K extends string, R, T extends VersionedTable>(
  ctx: RequestContext,
  scope: WriteScope,
  binding: KindBinding<S, K, R, T>,
  step: K,
  context: StepContext<R, T>,
  planned: StepPlan<T>,
  prepared?: PreparedDocument | null,
): Promise<IssuedDocument | null> {
  let paper = prepared ?? (planned.document ? await prepare(ctx, planned.document) : null);
  let numbered: Updateable<Database[T]> = {};
  if (planned.number) {
    const drawn = await drawNumber(ctx, scope.tx, planned.number);
    numbered = drawn.set;
    paper = drawn.paper;
  }
  const set = { ...planned.set, ...numbered, updated_at: scope.at } as Updateable<Database[T]>;
  const before = binding.kind.status(context.record);
  const after = ((set as { status?: S }).status ?? before) as S;
  const impossible = transitionRefusal(binding.kind, step, before, after);
  if (impossible) fail('INTERNAL', `程序错误：${impossible}（与${binding.kind.noun}的声明不符），已停止，未做任何修改`);
  const derived = binding.derive?.({ ...context.row, ...set } as RowOf<T>) ?? {};
  const id = (context.row as { id: string }).id;
  const version = (context.row as { version: number }).version;
  await planned.write?.(scope.tx, scope);
  await scope.update(
    binding.table,
    { id, version },
    { ...set, ...derived },
    {
      entity: binding.kind.name,
      id,
      op: step,
      data: { ...planned.data, ...numberData(numbered), summary: summaryOf(planned.summary, numbered) },
    },
    binding.kind.stale,
  );
  await planned.also?.(scope);
  if (!paper) return null;
  const issued = await archivePrepared(scope, ctx.documents, paper, {
    recordEntity: binding.kind.name,
    recordId: id,
    supersedes: planned.supersedes,
  });
  await planned.archived?.(scope.tx, issued);
  return issued;
}

function summaryOf<C>(summary: string | ((numbered: C) => string), numbered: C): string {
  return typeof summary === 'string' ? summary : summary(numbered);
}

/** The number a step drew goes into its entry with the columns that carry it. */
function numberData(set: object): Record<string, unknown> {
  return Object.keys(set).length ? { numbered: set } : {};
}

export function prepare(ctx: RequestContext, paper: PaperToIssue): Promise<PreparedDocument> {
  return prepareDocument(ctx.documents, paper.definition, paper.record, ctx.now);
}

/** A new record: its first row, the rows that belong to it, its entry, its number and paper. */
export interface CreationPlan<T extends VersionedTable> {
  id: string;
  /** The change-log operation (`register`, `intake`). */
  op: string;
  /** The row's columns (those the number brings come with it; `updated_at` and `version` the runner sets). */
  values: Partial<Insertable<Database[T]>>;
  summary: string | ((numbered: Updateable<Database[T]>) => string);
  data: Record<string, unknown>;
  document?: PaperToIssue;
  number?: NumberedPaper<Updateable<Database[T]>>;
  /** Rows the new record points at (the item as accepted), written before it. */
  requires?(tx: Tx): Promise<void>;
  /** Rows that belong to the new record (its parties, petitioners), covered by its entry. */
  write?(tx: Tx): Promise<void>;
  /** Further changes to other records in the same transaction, each with its own entry (a ticket taken in). */
  also?(scope: WriteScope): Promise<void>;
}

/** Creates a record of a declared kind; answers it as the API does, with the paper it issued. */
export async function createRecord<S extends string, K extends string, R, T extends VersionedTable>(
  ctx: RequestContext,
  binding: KindBinding<S, K, R, T>,
  plan: CreationPlan<T>,
): Promise<{ row: RowOf<T>; record: R; document: IssuedDocument | null }> {
  const prepared = plan.document ? await prepare(ctx, plan.document) : null;
  const document = await ctx.write((scope) => insertRecord(ctx, scope, binding, plan, prepared));
  const row = (await binding.find(ctx.db, plan.id))!;
  return { row, record: await binding.load(ctx, row), document };
}

/** Writes a planned record inside `scope` (a batch writes several in one transaction). */
export async function insertRecord<S extends string, K extends string, R, T extends VersionedTable>(
  ctx: RequestContext,
  scope: WriteScope,
  binding: KindBinding<S, K, R, T>,
  plan: CreationPlan<T>,
  prepared: PreparedDocument | null,
): Promise<IssuedDocument | null> {
  let paper = prepared;
  let numbered: Updateable<Database[T]> = {};
  if (plan.number) {
    const drawn = await drawNumber(ctx, scope.tx, plan.number);
    numbered = drawn.set;
    paper = drawn.paper;
  }
  const status = (plan.values as { status?: S }).status;
  if (status !== undefined && !binding.kind.initial.includes(status)) {
    fail('INTERNAL', `程序错误：${binding.kind.noun}不能以“${binding.kind.statusLabels[status]}”开始，未做任何修改`);
  }
  await plan.requires?.(scope.tx);
  const values = { ...plan.values, ...numbered, updated_at: scope.at, version: 1 };
  const derived = binding.derive?.(values as unknown as RowOf<T>) ?? {};
  await scope.insert(binding.table, { ...values, ...derived } as unknown as Insertable<Database[T]>, {
    entity: binding.kind.name,
    id: plan.id,
    op: plan.op,
    data: { ...plan.data, ...numberData(numbered), summary: summaryOf(plan.summary, numbered) },
  });
  await plan.write?.(scope.tx);
  await plan.also?.(scope);
  return paper
    ? archivePrepared(scope, ctx.documents, paper, { recordEntity: binding.kind.name, recordId: plan.id })
    : null;
}
