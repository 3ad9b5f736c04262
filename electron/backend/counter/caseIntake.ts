// Intake (收件): a complete application is accepted with a number, a promised date and a
// receipt; an incomplete one waits for its materials with a one-time notice; one the township
// does not handle is refused with a notice saying where to go.
import type { Insertable, Updateable } from 'kysely';
import { yearOf } from '../../../shared/calendar/dates';
import { MissingCalendarYearError, type WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { catalogItem, type CatalogItem } from '../../../shared/catalog/catalog';
import { isItemActive } from '../../../shared/catalog/search';
import { caseNumberScope, formatCaseNumber } from '../../../shared/counter/caseNumbers';
import type { ParsedInputOf } from '../../../shared/api/procedures';
import type { CaseMaterial, CaseCommandResult, ReceiptPaper } from '../../../shared/counter/casesApi';
import type { CaseStatus } from '../../../shared/counter/caseStatus';
import { promisedCompletionDate } from '../../../shared/counter/deadline';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { findIssuedDocument } from '../documents/archive';
import { findCatalogRow } from '../catalog/catalogStore';
import { caseIntakeLink } from '../workflow/caseIntakeLinks';
import { numberedPaper } from '../workflow/numbers';
import { createRecord, prepare, type PaperToIssue } from '../workflow/runStep';
import { saveSnapshot, snapshotId } from './itemSnapshots';
import { caseBinding, loadCaseRecord, runCaseStep } from './caseBinding';
import { hallInfo, missingMaterialsPaper, nonAcceptancePaper, receiptPaper } from './caseDocuments';
import { itemOf, loadResidentLine, materialsOf, type CaseRow, type CaseSteps, type ResidentLine } from './caseRows';

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
 * Accepting a case: the promised date, and the number drawn in the transaction with the columns
 * and the receipt that carry it (see workflow/numbers).
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
  const hall = await hallInfo(ctx.db);
  const number = await numberedPaper(
    ctx,
    caseNumberScope(year),
    async (sequence) => {
      const caseNumber = formatCaseNumber(year, sequence);
      const receipt = receiptPaper(
        { hall, ...base, window: acceptance.window },
        {
          paper: acceptance.paper,
          caseNumber,
          materials: acceptance.materials,
          acceptedOn: today,
          promisedDate,
          promisedDateProvisional: promisedDate !== null && calendar.isProvisional(promisedDate),
          completedOnTheSpot: acceptance.completeNow,
        },
      );
      return { set: acceptedColumns(ctx, acceptance, caseNumber, promisedDate), paper: await prepare(ctx, receipt) };
    },
    position,
  );
  return { promisedDate, number };
}

function acceptedColumns(
  ctx: RequestContext,
  acceptance: Acceptance,
  caseNumber: string,
  promisedDate: string | null,
): Updateable<Database['counter_cases']> {
  return {
    case_number: caseNumber,
    status: acceptance.completeNow ? 'completed' : 'accepted',
    accepted_at: ctx.now.toISOString(),
    accepted_on: ctx.today,
    original_promised_date: promisedDate,
    promised_date: promisedDate,
    window: acceptance.window,
    received_materials: receivedNames(acceptance.materials),
    ...(acceptance.completeNow
      ? { outcome: 'approved' as const, completed_on: ctx.today, completed_on_the_spot: 1 }
      : {}),
    last_step_on: ctx.today,
  };
}

async function findByIntakeKey(db: RequestContext['db'] | Tx, key: string): Promise<CaseRow | undefined> {
  return db.selectFrom('counter_cases').selectAll().where('intake_key', '=', key).executeTakeFirst();
}

/** The answer to an intake already made: the case and the paper it issued. */
async function replayIntake(ctx: RequestContext, row: CaseRow): Promise<CaseCommandResult> {
  const first = await ctx.db
    .selectFrom('issued_documents')
    .select('id')
    .where('record_entity', '=', caseBinding.kind.name)
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

  // The queue ticket called for this resident is taken in with the case (refused now, in its words,
  // before a number is pledged or a paper drawn).
  const ticket = input.ticketId ? await caseIntakeLink('queueTicket').prepare(ctx, input.ticketId) : null;
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
  let notice: PaperToIssue | undefined;
  if (input.decision === 'awaitMaterials') {
    if (missingRequired(materials).length === 0) {
      failFields({ receivedMaterials: '已收材料：必需材料已经齐全，请直接受理' });
    }
    notice = missingMaterialsPaper({ hall, ...base, window: input.window }, materials, today);
  }
  if (input.decision === 'refuse') {
    if (!input.refusalReason) failFields({ refusalReason: '不予受理理由：请写明不予受理的理由' });
    notice = nonAcceptancePaper({ hall, ...base, window: input.window }, input.refusalReason, input.redirectTo, today);
  }

  const steps: CaseSteps =
    input.decision === 'refuse' ? { refusal: { reason: input.refusalReason, redirectTo: input.redirectTo } } : {};
  try {
    const { record, document } = await createRecord(ctx, caseBinding, {
      id,
      op: 'intake',
      requires: requiresItem(item),
      values: caseValues(ctx, {
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
      }),
      number: acceptance?.number,
      document: notice,
      also: ticket ? (scope) => ticket(scope, id) : undefined,
      summary: (numbered) =>
        intakeSummary(input.decision, item, numbered.case_number ?? null, input.completeNow ?? false),
      data: {
        decision: input.decision,
        residentId: resident.id,
        itemCode: item.code,
        received: materials.filter((m) => m.received).map((m) => m.name),
        promisedDate: acceptance?.promisedDate ?? null,
        completeNow: input.completeNow ?? false,
      },
    });
    return { case: record, document };
  } catch (error) {
    // Two submissions of one intake raced: the first made the case, the second answers with it.
    const again = await findByIntakeKey(ctx.db, input.requestId);
    if (again) return replayIntake(ctx, again);
    throw error;
  }
}

function intakeSummary(decision: IntakeInput['decision'], item: CatalogItem, caseNumber: string | null, now: boolean) {
  if (decision === 'refuse') return `不予受理“${item.name}”，出具不予受理告知书`;
  if (decision === 'awaitMaterials') return `收件“${item.name}”，材料不全，出具一次性告知书`;
  return `受理“${item.name}”，编号 ${caseNumber}${now ? '，当场办结' : ''}`;
}

/**
 * A new case's columns: the item (its snapshot, which `requiresItem` stores), the resident's name
 * and village copied as they are today.
 */
export function caseValues(
  ctx: RequestContext,
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
    errand?: { errandId: string; agentId: string };
  },
): Insertable<Database['counter_cases']> {
  return {
    id: values.id,
    intake_key: values.requestKey,
    case_number: null,
    status: values.status,
    resident_id: values.resident.id,
    resident_name: values.resident.name,
    village_id: values.resident.villageId,
    item_code: values.item.code,
    item_name: values.item.name,
    category: values.item.category,
    handling_type: values.item.handlingType,
    item_snapshot: snapshotId(values.item),
    received_materials: receivedNames(values.materials),
    window: values.window,
    note: values.note,
    clerk_id: values.clerk.id,
    clerk_name: values.clerk.displayName,
    intake_at: ctx.now.toISOString(),
    intake_on: ctx.today,
    steps: JSON.stringify(values.steps),
    last_step_on: ctx.today,
    updated_at: ctx.now.toISOString(),
    errand_id: values.errand?.errandId ?? null,
    agent_id: values.errand?.agentId ?? null,
  };
}

/** The item as accepted, stored once per distinct content before the case that points at it. */
export function requiresItem(item: CatalogItem) {
  return async (tx: Tx) => {
    await saveSnapshot(tx, item);
  };
}

/** 补齐后受理: the case waiting for materials is accepted with what was kept from its intake. */
export async function acceptAwaiting(
  ctx: RequestContext,
  input: ParsedInputOf<'counter.accept'>,
): Promise<CaseCommandResult> {
  const user = ctx.requireUser();
  return runCaseStep(ctx, input, 'accept', async ({ row, calendar }) => {
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
    const acceptance = await acceptanceStep(
      ctx,
      { resident: { ...resident, name: row.resident_name }, item, clerkName: user.displayName },
      { materials, window: input.window, completeNow: input.completeNow ?? false, paper: input.receiptPaper ?? 'a5' },
      calendar,
    );
    return {
      set: { clerk_id: user.id, clerk_name: user.displayName },
      number: acceptance.number,
      summary: (numbered) => `材料补齐，受理“${item.name}”，编号 ${numbered.case_number}`,
      data: { received: materials.filter((m) => m.received).map((m) => m.name) },
    };
  });
}
