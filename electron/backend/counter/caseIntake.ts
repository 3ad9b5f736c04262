// Intake (收件): a complete application is accepted with a number, a promised date and a
// receipt; an incomplete one waits for its materials with a one-time notice; one the township
// does not handle is refused with a notice saying where to go.
import type { Updateable } from 'kysely';
import { yearOf } from '../../../shared/calendar/dates';
import { MissingCalendarYearError, type WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { catalogItem, type CatalogItem } from '../../../shared/catalog/catalog';
import { isItemActive } from '../../../shared/catalog/search';
import { caseNumberScope, formatCaseNumber } from '../../../shared/counter/caseNumbers';
import type { ParsedInputOf } from '../../../shared/api/procedures';
import type { CaseMaterial, CaseCommandResult, ReceiptPaper } from '../../../shared/counter/casesApi';
import type { CaseStatus } from '../../../shared/counter/caseStatus';
import { promisedCompletionDate } from '../../../shared/counter/deadline';
import type { RequestContext, WriteScope } from '../api/context';
import { fail, failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import { nextNumber, type Tx } from '../db/writes';
import { findIssuedDocument } from '../documents/archive';
import { archivePrepared, prepareDocument, type PreparedDocument } from '../documents/issue';
import { findCatalogRow } from '../catalog/catalogStore';
import { saveSnapshot } from './itemSnapshots';
import { CASE_ENTITY, applyPlan, loadCaseRecord, type CasePlan } from './caseCommands';
import { hallInfo, missingMaterialsPaper, nonAcceptancePaper, receiptPaper } from './caseDocuments';
import {
  findCaseRow,
  itemOf,
  loadResidentLine,
  materialsOf,
  type CaseRow,
  type CaseSteps,
  type ResidentLine,
} from './caseRows';

type IntakeInput = ParsedInputOf<'counter.intake'>;

/** The item's materials with what was handed in ticked; a name the item does not list is refused. */
export function tickMaterials(item: CatalogItem, received: readonly string[]): CaseMaterial[] {
  const names = new Set(item.materials.map((m) => m.name));
  const unknown = received.filter((name) => !names.has(name));
  if (unknown.length > 0) {
    failFields({ receivedMaterials: `已收材料：“${unknown.join('”“')}”不是“${item.name}”所列的材料` });
  }
  const ticked = new Set(received);
  return item.materials.map((m) => ({ ...m, received: ticked.has(m.name) }));
}

function receivedNames(materials: readonly CaseMaterial[]): string {
  return JSON.stringify(materials.filter((m) => m.received).map((m) => m.name));
}

export function missingRequired(materials: readonly CaseMaterial[]): CaseMaterial[] {
  return materials.filter((m) => m.required && !m.received);
}

function promisedDateOrFail(calendar: WorkingCalendar, item: CatalogItem, today: string, completeNow: boolean) {
  if (completeNow && item.handlingType !== 'immediate') {
    failFields({ completeNow: `当场办结：只有即办件可以当场办结，“${item.name}”不是即办件` });
  }
  try {
    return promisedCompletionDate(calendar, today, item.promisedWorkingDays, item.handlingType === 'immediate');
  } catch (error) {
    if (error instanceof MissingCalendarYearError) {
      fail('VALIDATION', `无法计算承诺办结日期：${error.message}`, { details: { year: error.year } });
    }
    throw error;
  }
}

export interface Acceptance {
  materials: CaseMaterial[];
  window: string;
  completeNow: boolean;
  paper: ReceiptPaper;
}

/**
 * Accepts inside `tx`: draws the number and archives the receipt. The receipt was drawn before
 * the transaction with the number the counter was expected to give; if another window took it
 * meanwhile, the receipt is drawn again here (rare, and a receipt takes milliseconds).
 */
export async function acceptanceStep(
  ctx: RequestContext,
  base: { resident: ResidentLine; item: CatalogItem; clerkName: string },
  acceptance: Acceptance,
  calendar: WorkingCalendar,
  /** The place in a batch: the n-th case accepted in one transaction expects the n-th number. */
  position = 0,
) {
  const today = ctx.today;
  const missing = missingRequired(acceptance.materials);
  if (missing.length > 0) {
    failFields({
      receivedMaterials: `已收材料：缺少必需材料“${missing.map((m) => m.name).join('”“')}”，不能受理；请出具一次性告知书`,
    });
  }
  const promisedDate = promisedDateOrFail(calendar, base.item, today, acceptance.completeNow);
  const year = yearOf(today);
  const scope = caseNumberScope(year);
  const hall = await hallInfo(ctx.db);
  const paperFor = (sequence: number) =>
    receiptPaper(
      { hall, ...base, window: acceptance.window },
      {
        paper: acceptance.paper,
        caseNumber: formatCaseNumber(year, sequence),
        materials: acceptance.materials,
        acceptedOn: today,
        promisedDate,
        completedOnTheSpot: acceptance.completeNow,
      },
    );
  const expected = (await expectedNumber(ctx, scope)) + position;
  const draft = paperFor(expected);
  const prepared = await prepareDocument(ctx.documents, draft.definition, draft.record as never, ctx.now);
  return {
    promisedDate,
    /** The number this case will most likely get (another window may take it first). */
    expectedCaseNumber: formatCaseNumber(year, expected),
    /** Inside the transaction: the number, and the receipt that carries it. */
    async draw(tx: Tx): Promise<{ caseNumber: string; receipt: PreparedDocument }> {
      const sequence = await nextNumber(tx, scope);
      if (sequence === expected) return { caseNumber: formatCaseNumber(year, sequence), receipt: prepared };
      const again = paperFor(sequence);
      const receipt = await prepareDocument(ctx.documents, again.definition, again.record as never, ctx.now);
      return { caseNumber: formatCaseNumber(year, sequence), receipt };
    },
    columns(caseNumber: string, at: string) {
      return {
        case_number: caseNumber,
        status: acceptance.completeNow ? ('completed' as const) : ('accepted' as const),
        accepted_at: at,
        accepted_on: today,
        original_promised_date: promisedDate,
        promised_date: promisedDate,
        window: acceptance.window,
        received_materials: receivedNames(acceptance.materials),
        ...(acceptance.completeNow
          ? { outcome: 'approved' as const, completed_on: today, completed_on_the_spot: 1 }
          : {}),
        last_step_on: today,
      };
    },
  };
}

async function expectedNumber(ctx: RequestContext, scope: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('number_counters')
    .select('last_value')
    .where('scope', '=', scope)
    .executeTakeFirst();
  return (row?.last_value ?? 0) + 1;
}

async function findByIntakeKey(db: RequestContext['db'] | Tx, key: string): Promise<CaseRow | undefined> {
  return db.selectFrom('counter_cases').selectAll().where('intake_key', '=', key).executeTakeFirst();
}

/** The answer to an intake already made: the case and the paper it issued. */
async function replayIntake(ctx: RequestContext, row: CaseRow): Promise<CaseCommandResult> {
  const first = await ctx.db
    .selectFrom('issued_documents')
    .select('id')
    .where('record_entity', '=', CASE_ENTITY)
    .where('record_id', '=', row.id)
    .orderBy('issued_at')
    .executeTakeFirst();
  const document = first ? await findIssuedDocument(ctx.db, { id: first.id }) : null;
  return { case: await loadCaseRecord(ctx, row), document };
}

async function activeItem(ctx: RequestContext, code: string): Promise<CatalogItem> {
  const row = await findCatalogRow(ctx.db, code);
  if (!row) failFields({ itemCode: `办理事项：事项目录中没有编码为 ${code} 的事项` });
  const item = catalogItem.parse(JSON.parse(row.item));
  if (!isItemActive(item, ctx.today)) failFields({ itemCode: `办理事项：“${item.name}”今天不在有效期内，不能受理` });
  return item;
}

export async function intake(ctx: RequestContext, input: IntakeInput): Promise<CaseCommandResult> {
  const user = ctx.requireUser();
  const earlier = await findByIntakeKey(ctx.db, input.requestId);
  if (earlier) return replayIntake(ctx, earlier);

  const resident = await loadResidentLine(ctx.db, input.residentId);
  if (!resident) failFields({ residentId: '申请人：没有这位居民（可能已作废），请重新查找' });
  const item = await activeItem(ctx, input.itemCode);
  const materials = tickMaterials(item, input.receivedMaterials);
  const calendar = await loadWorkingCalendar(ctx.db);
  const base = { resident, item, clerkName: user.displayName };
  const hall = await hallInfo(ctx.db);
  const id = uuidv7();
  const today = ctx.today;

  const acceptance =
    input.decision === 'accept'
      ? await acceptanceStep(
          ctx,
          base,
          {
            materials,
            window: input.window,
            completeNow: input.completeNow ?? false,
            paper: input.receiptPaper ?? 'a5',
          },
          calendar,
        )
      : null;
  let notice: PreparedDocument | null = null;
  if (input.decision === 'awaitMaterials') {
    if (missingRequired(materials).length === 0) {
      failFields({ receivedMaterials: '已收材料：必需材料已经齐全，请直接受理' });
    }
    const draft = missingMaterialsPaper({ hall, ...base, window: input.window }, materials, today);
    notice = await prepareDocument(ctx.documents, draft.definition, draft.record as never, ctx.now);
  }
  if (input.decision === 'refuse') {
    if (!input.refusalReason) failFields({ refusalReason: '不予受理理由：请写明不予受理的理由' });
    const draft = nonAcceptancePaper(
      { hall, ...base, window: input.window },
      input.refusalReason,
      input.redirectTo,
      today,
    );
    notice = await prepareDocument(ctx.documents, draft.definition, draft.record as never, ctx.now);
  }

  const written = await ctx.write(async (scope) => {
    // Two submissions of one intake queue on the one writer: the second finds the first here.
    const again = await findByIntakeKey(scope.tx, input.requestId);
    if (again) return { replay: again };
    const drawn = acceptance ? await acceptance.draw(scope.tx) : null;
    const steps: CaseSteps =
      input.decision === 'refuse' ? { refusal: { reason: input.refusalReason, redirectTo: input.redirectTo } } : {};
    await insertCase(scope, {
      id,
      requestKey: input.requestId,
      status: input.decision === 'refuse' ? 'notAccepted' : 'awaitingMaterials',
      resident,
      item,
      materials,
      window: input.window,
      note: input.note,
      clerk: user,
      steps,
      today,
      accepted: drawn && acceptance ? acceptance.columns(drawn.caseNumber, scope.at) : {},
    });
    await scope.log(CASE_ENTITY, id, 'intake', {
      decision: input.decision,
      caseNumber: drawn?.caseNumber ?? null,
      residentId: resident.id,
      itemCode: item.code,
      received: materials.filter((m) => m.received).map((m) => m.name),
      promisedDate: acceptance?.promisedDate ?? null,
      completeNow: input.completeNow ?? false,
      summary: intakeSummary(input.decision, item, drawn?.caseNumber ?? null, input.completeNow ?? false),
    });
    const paper = drawn?.receipt ?? notice;
    const document = paper
      ? await archivePrepared(scope, ctx.documents, paper, { recordEntity: CASE_ENTITY, recordId: id })
      : null;
    return { document };
  });
  if ('replay' in written) return replayIntake(ctx, written.replay!);
  const row = await findCaseRow(ctx.db, id);
  return { case: await loadCaseRecord(ctx, row!, calendar), document: written.document };
}

function intakeSummary(decision: IntakeInput['decision'], item: CatalogItem, caseNumber: string | null, now: boolean) {
  if (decision === 'refuse') return `不予受理“${item.name}”，出具不予受理告知书`;
  if (decision === 'awaitMaterials') return `收件“${item.name}”，材料不全，出具一次性告知书`;
  return `受理“${item.name}”，编号 ${caseNumber}${now ? '，当场办结' : ''}`;
}

/** A new case row: the item, the resident's name and village copied as they are today. */
export async function insertCase(
  scope: WriteScope,
  values: {
    id: string;
    requestKey: string;
    status: CaseStatus;
    resident: ResidentLine;
    item: CatalogItem;
    materials: CaseMaterial[];
    window: string;
    note: string;
    clerk: { id: string; displayName: string };
    steps: CaseSteps;
    today: string;
    accepted: Updateable<Database['counter_cases']>;
    errand?: { errandId: string; agentId: string };
  },
): Promise<void> {
  const village = await scope.tx
    .selectFrom('residents')
    .select('village_id')
    .where('id', '=', values.resident.id)
    .executeTakeFirstOrThrow();
  await scope.tx
    .insertInto('counter_cases')
    .values({
      id: values.id,
      intake_key: values.requestKey,
      case_number: null,
      status: values.status,
      resident_id: values.resident.id,
      resident_name: values.resident.name,
      village_id: village.village_id,
      item_code: values.item.code,
      item_name: values.item.name,
      category: values.item.category,
      handling_type: values.item.handlingType,
      item_snapshot: await saveSnapshot(scope.tx, values.item),
      received_materials: receivedNames(values.materials),
      window: values.window,
      note: values.note,
      clerk_id: values.clerk.id,
      clerk_name: values.clerk.displayName,
      intake_at: scope.at,
      intake_on: values.today,
      steps: JSON.stringify(values.steps),
      last_step_on: values.today,
      updated_at: scope.at,
      errand_id: values.errand?.errandId ?? null,
      agent_id: values.errand?.agentId ?? null,
      ...values.accepted,
    })
    .execute();
}

/** 补齐后受理: the case waiting for materials is accepted with what was kept from its intake. */
export async function acceptAwaiting(
  ctx: RequestContext,
  input: ParsedInputOf<'counter.accept'>,
): Promise<CaseCommandResult> {
  const user = ctx.requireUser();
  const row = await findCaseRow(ctx.db, input.caseId);
  if (!row) fail('NOT_FOUND', '没有这一办件');
  if (row.version !== input.version) fail('STALE', '该办件刚被别人处理过，请刷新后再操作');
  if (row.status !== 'awaitingMaterials') fail('CONFLICT', `该件当前不是“待补齐材料”，不能再次受理`);
  const item = await itemOf(ctx.db, row);
  const resident = await loadResidentLine(ctx.db, row.resident_id);
  if (!resident) fail('INTERNAL', '该件的申请人记录缺失');
  // Keep what was ticked at intake: materials handed in then are still here.
  const before = new Set(
    materialsOf(item, row)
      .filter((m) => m.received)
      .map((m) => m.name),
  );
  const materials = tickMaterials(item, [...new Set([...before, ...input.receivedMaterials])]);
  const calendar = await loadWorkingCalendar(ctx.db);
  const acceptance = await acceptanceStep(
    ctx,
    { resident: { ...resident, name: row.resident_name }, item, clerkName: user.displayName },
    { materials, window: input.window, completeNow: input.completeNow ?? false, paper: input.receiptPaper ?? 'a5' },
    calendar,
  );
  const document = await ctx.write(async (scope) => {
    const current = await findCaseRow(scope.tx, row.id);
    if (current?.version !== row.version) fail('STALE', '该办件刚被别人处理过，请刷新后再操作');
    const drawn = await acceptance.draw(scope.tx);
    const plan: CasePlan = {
      set: { ...acceptance.columns(drawn.caseNumber, scope.at), clerk_id: user.id, clerk_name: user.displayName },
      summary: `材料补齐，受理“${item.name}”，编号 ${drawn.caseNumber}`,
      data: { caseNumber: drawn.caseNumber, received: materials.filter((m) => m.received).map((m) => m.name) },
    };
    return applyPlan(scope, ctx, row.id, 'accept', plan, drawn.receipt);
  });
  const updated = await findCaseRow(ctx.db, row.id);
  return { case: await loadCaseRecord(ctx, updated!, calendar), document };
}
