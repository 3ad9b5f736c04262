// The counter receives a batch of errands from an agent: every errand is accepted as a case of
// its own (number, promised date, receipt) and one handover list, signed by both sides, covers
// the batch. All of it commits together or not at all.
import type { ParsedInputOf } from '../../../../shared/api/procedures';
import { yearOf } from '../../../../shared/calendar/dates';
import { catalogItem, type CatalogItem } from '../../../../shared/catalog/catalog';
import { isItemActive } from '../../../../shared/catalog/search';
import { formatCaseNumber } from '../../../../shared/counter/caseNumbers';
import type { CaseMaterial } from '../../../../shared/counter/casesApi';
import { errandHandoverAccess, errandKind } from '../../../../shared/counter/errandKind';
import type { ErrandMaterial, ErrandRecord } from '../../../../shared/counter/errandsApi';
import { maskIdNumber } from '../../../../shared/residents/masking';
import { refusalOf } from '../../../../shared/workflow/kind';
import type { RequestContext } from '../../api/context';
import { fail, failFields } from '../../api/failure';
import { loadWorkingCalendar } from '../../calendar/calendarStore';
import type { Db } from '../../db/database';
import { uuidv7 } from '../../db/uuidv7';
import type { Tx } from '../../db/writes';
import { findIssuedDocument } from '../../documents/archive';
import { archivePrepared, type PreparedDocument } from '../../documents/issue';
import { applyStep, insertRecord, prepare, type PaperToIssue } from '../../workflow/runStep';
import { caseBinding } from '../caseBinding';
import { hallInfo } from '../caseDocuments';
import { acceptanceStep, caseValues, requiresItem } from '../caseIntake';
import { loadResidentLine, type ResidentLine } from '../caseRows';
import { handoverList } from './documents';
import type { HandoverListRecord } from './documents/records';
import { errandBinding, loadErrandRecord } from './errandBinding';
import { errandMaterialsOf, listAgents, toErrandRecords, type ErrandRow } from './errandRows';

type HandoverInput = ParsedInputOf<'errands.handOver'>;

function asCaseMaterials(materials: ErrandMaterial[]): CaseMaterial[] {
  return materials.map(({ collected, ...material }) => ({ ...material, received: collected }));
}

interface BatchEntry {
  row: ErrandRow;
  record: ErrandRecord;
  item: CatalogItem;
  resident: ResidentLine;
  materials: CaseMaterial[];
  acceptance: Awaited<ReturnType<typeof acceptanceStep>>;
  caseId: string;
}

export async function handOver(ctx: RequestContext, input: HandoverInput) {
  const clerk = ctx.requireUser();
  const earlier = await findHandover(ctx.db, input.requestId);
  if (earlier) return replayHandover(ctx, earlier);

  const agent = (await listAgents(ctx.db)).find((a) => a.userId === input.agentId);
  if (!agent) failFields({ agentId: '代办员：没有这位代办员' });
  const errandIds = [...new Set(input.errandIds)];
  const rows = await ctx.db.selectFrom('errands').selectAll().where('id', 'in', errandIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const calendar = await loadWorkingCalendar(ctx.db);
  const today = ctx.today;

  const batch: BatchEntry[] = [];
  for (const [position, errandId] of errandIds.entries()) {
    const row = byId.get(errandId);
    if (!row || row.agent_id !== agent.userId) {
      failFields({ errandIds: `交接的代办：第 ${position + 1} 项不是${agent.name}登记的代办` });
    }
    const label = `${row.resident_name}的“${row.item_name}”`;
    const record = await loadErrandRecord(ctx, row);
    const refusal = refusalOf(errandKind, 'handOver', record, clerk, today);
    if (refusal) failFields({ errandIds: `交接的代办：${label}${refusal.message}` });
    const item = catalogItem.parse(JSON.parse(row.item));
    if (!isItemActive(item, today)) failFields({ errandIds: `交接的代办：${label}的事项今天已停用，不能受理` });
    const resident = await loadResidentLine(ctx.db, row.resident_id);
    if (!resident) fail('INTERNAL', `${label}的委托人记录缺失`);
    const materials = asCaseMaterials(errandMaterialsOf(row));
    const acceptance = await acceptanceStep(
      ctx,
      { resident: { ...resident, name: row.resident_name }, item, clerkName: clerk.displayName },
      { materials, window: input.window, completeNow: false, paper: input.receiptPaper ?? 'a5' },
      calendar,
      position,
    );
    batch.push({ row, record, item, resident, materials, acceptance, caseId: uuidv7() });
  }

  const hall = await hallInfo(ctx.db);
  const listFor = (caseNumbers: string[]): HandoverListRecord => ({
    hall,
    agentName: agent.name,
    villageName: agent.villageName ?? '',
    handedOverOn: today,
    window: input.window,
    clerkName: clerk.displayName,
    errands: batch.map((entry, i) => ({
      caseNumber: caseNumbers[i]!,
      residentName: entry.row.resident_name,
      idNumberMasked: maskIdNumber(entry.resident.idNumber),
      itemName: entry.item.name,
      materials: entry.materials.filter((m) => m.received).map(({ name, form, copies }) => ({ name, form, copies })),
      promisedDate: entry.acceptance.promisedDate,
    })),
  });
  const expectedNumbers = batch.map((entry) => formatCaseNumber(yearOf(today), entry.acceptance.number.expected));
  const draftList = await prepare(ctx, {
    definition: handoverList as PaperToIssue['definition'],
    record: listFor(expectedNumbers),
  });
  const handoverId = uuidv7();

  const written = await ctx.write(async (scope) => {
    const again = await findHandover(scope.tx, input.requestId);
    if (again) return { replay: again };
    await scope.insert(
      'errand_handovers',
      {
        id: handoverId,
        request_key: input.requestId,
        agent_id: agent.userId,
        agent_name: agent.name,
        clerk_id: clerk.id,
        clerk_name: clerk.displayName,
        window: input.window,
        handed_over_at: scope.at,
        handed_over_on: today,
        errand_count: batch.length,
      },
      {
        entity: errandHandoverAccess.name,
        id: handoverId,
        op: 'create',
        data: { agentId: agent.userId, errandIds, summary: `${agent.name}交接代办 ${batch.length} 件` },
      },
    );
    const caseNumbers: string[] = [];
    const receipts = [];
    for (const entry of batch) {
      const receipt = await insertRecord(
        ctx,
        scope,
        caseBinding,
        {
          id: entry.caseId,
          op: 'intake',
          requires: requiresItem(entry.item),
          values: caseValues(ctx, {
            id: entry.caseId,
            requestKey: `${input.requestId}:${entry.row.id}`,
            status: 'accepted',
            resident: { ...entry.resident, name: entry.row.resident_name },
            item: entry.item,
            materials: entry.materials,
            window: input.window,
            note: entry.row.note,
            clerk,
            steps: {},
            errand: { errandId: entry.row.id, agentId: agent.userId },
          }),
          number: entry.acceptance.number,
          summary: (numbered) => `代办员${agent.name}交接，受理“${entry.item.name}”，编号 ${numbered.case_number}`,
          data: {
            decision: 'accept',
            residentId: entry.resident.id,
            itemCode: entry.item.code,
            errandId: entry.row.id,
            handoverId,
            promisedDate: entry.acceptance.promisedDate,
          },
        },
        null,
      );
      receipts.push(receipt!);
      const accepted = await scope.tx
        .selectFrom('counter_cases')
        .select('case_number')
        .where('id', '=', entry.caseId)
        .executeTakeFirstOrThrow();
      caseNumbers.push(accepted.case_number!);
      await applyStep(
        ctx,
        scope,
        errandBinding,
        'handOver',
        { row: entry.row, record: entry.record, on: today },
        {
          set: { status: 'handedOver', handover_id: handoverId, handed_over_on: today, case_id: entry.caseId },
          summary: `交窗口办理，编号 ${accepted.case_number}`,
          data: { handoverId, caseId: entry.caseId, caseNumber: accepted.case_number },
        },
      );
    }
    // Another window drew numbers meanwhile: the list must carry the numbers actually given.
    const list: PreparedDocument = caseNumbers.every((n, i) => n === expectedNumbers[i])
      ? draftList
      : await prepare(ctx, { definition: handoverList as PaperToIssue['definition'], record: listFor(caseNumbers) });
    const handoverDocument = await archivePrepared(scope, ctx.documents, list, {
      recordEntity: errandHandoverAccess.name,
      recordId: handoverId,
    });
    return { handoverDocument, receipts };
  });
  if ('replay' in written) return replayHandover(ctx, written.replay!);
  return {
    handoverId,
    errands: await handoverErrands(ctx, handoverId),
    handoverList: written.handoverDocument,
    receipts: written.receipts,
  };
}

async function findHandover(db: Db | Tx, key: string) {
  const row = await db.selectFrom('errand_handovers').select('id').where('request_key', '=', key).executeTakeFirst();
  return row?.id;
}

async function handoverErrands(ctx: RequestContext, handoverId: string) {
  const rows = await ctx.db.selectFrom('errands').selectAll().where('handover_id', '=', handoverId).execute();
  return toErrandRecords(ctx.db, rows, await loadWorkingCalendar(ctx.db), ctx.today);
}

/** The answer to a handover already made (a double click, a retry): nothing is done twice. */
async function replayHandover(ctx: RequestContext, handoverId: string) {
  const errands = await handoverErrands(ctx, handoverId);
  const documents = async (entity: string, ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await ctx.db
      .selectFrom('issued_documents')
      .select('id')
      .where('record_entity', '=', entity)
      .where('record_id', 'in', ids)
      .orderBy('issued_at')
      .execute();
    return Promise.all(rows.map(async (r) => (await findIssuedDocument(ctx.db, { id: r.id }))!));
  };
  const [list] = await documents(errandHandoverAccess.name, [handoverId]);
  return {
    handoverId,
    errands,
    handoverList: list!,
    receipts: await documents(
      caseBinding.kind.name,
      errands.map((e) => e.case?.id).filter((id): id is string => !!id),
    ),
  };
}
