import { catalogItem } from '../../../shared/catalog/catalog';
import { isItemActive } from '../../../shared/catalog/search';
import { canRun } from '../../../shared/counter/caseStatus';
import { DELIVERY_METHOD_LABELS } from '../../../shared/counter/casesApi';
import type { ErrandMaterial } from '../../../shared/errands/api';
import { maskIdNumber } from '../../../shared/residents/masking';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { SETTING_NODE_ID, readSetting } from '../auth/nodeSettings';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { findCatalogRow } from '../catalog/catalogStore';
import { applyPlan, stepDate } from '../counter/caseCommands';
import { hallInfo } from '../counter/caseDocuments';
import { findCaseRow, loadResidentLine, stepsOf } from '../counter/caseRows';
import { uuidv7 } from '../db/uuidv7';
import { findIssuedDocument } from '../documents/archive';
import { archivePrepared, prepareDocument } from '../documents/issue';
import { errandAuthorisation } from './documents';
import {
  ERRAND_ENTITY,
  errandMaterialsOf,
  findErrandRow,
  listAgents,
  toErrandRecords,
  type ErrandRow,
} from './errandRows';
import { handOver } from './handover';
import { monthlyErrandCounts } from './monthlyCounts';

type ErrandProcedures =
  | 'errands.register'
  | 'errands.collect'
  | 'errands.withdraw'
  | 'errands.mine'
  | 'errands.awaitingHandover'
  | 'errands.handOver'
  | 'errands.recordDelivery'
  | 'errands.agents'
  | 'errands.setAgentVillage'
  | 'errands.monthlyCounts';

async function errandRecord(ctx: RequestContext, id: string) {
  const row = await findErrandRow(ctx.db, id);
  const [record] = await toErrandRecords(ctx.db, [row!], await loadWorkingCalendar(ctx.db), ctx.today);
  return record!;
}

/** An errand of the signed-in agent, at the version they saw. */
async function ownErrand(ctx: RequestContext, input: { errandId: string; version: number }): Promise<ErrandRow> {
  const user = ctx.requireUser();
  const row = await findErrandRow(ctx.db, input.errandId);
  if (!row) fail('NOT_FOUND', '没有这项代办');
  if (row.agent_id !== user.id && !user.roles.includes('administrator')) {
    fail('FORBIDDEN', '这项代办不是您登记的，只能由登记它的代办员处理');
  }
  if (row.version !== input.version) fail('STALE', '这项代办刚被修改过，请刷新后再操作');
  return row;
}

/** Writes a change to an errand if it is still at the version read. */
async function updateErrand(
  ctx: RequestContext,
  row: ErrandRow,
  op: string,
  set: Partial<Omit<ErrandRow, 'id' | 'version'>>,
  data: Record<string, unknown>,
) {
  await ctx.write(async (scope) => {
    const updated = await scope.tx
      .updateTable('errands')
      .set((eb) => ({ ...set, updated_at: scope.at, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) fail('STALE', '这项代办刚被修改过，请刷新后再操作');
    await scope.log(ERRAND_ENTITY, row.id, op, data);
  });
  return { errand: await errandRecord(ctx, row.id) };
}

export const errandsHandlers: HandlersFor<ErrandProcedures> = {
  async 'errands.register'(input, ctx) {
    const agent = ctx.requireUser();
    const earlier = await ctx.db
      .selectFrom('errands')
      .select('id')
      .where('request_key', '=', input.requestId)
      .executeTakeFirst();
    if (earlier) return replayRegistration(ctx, earlier.id);
    const resident = await loadResidentLine(ctx.db, input.residentId);
    if (!resident) failFields({ residentId: '委托人：没有这位居民（可能已作废），请重新查找' });
    const itemRow = await findCatalogRow(ctx.db, input.itemCode);
    if (!itemRow) failFields({ itemCode: `代办事项：事项目录中没有编码为 ${input.itemCode} 的事项` });
    const item = catalogItem.parse(JSON.parse(itemRow.item));
    if (!isItemActive(item, ctx.today)) failFields({ itemCode: `代办事项：“${item.name}”今天不在有效期内` });
    if (!item.agentAllowed) failFields({ itemCode: `代办事项：“${item.name}”须本人到窗口办理，不能代办` });
    const village = await ctx.db
      .selectFrom('agent_villages as a')
      .innerJoin('villages as v', 'v.id', 'a.village_id')
      .select(['v.id', 'v.name'])
      .where('a.user_id', '=', agent.id)
      .executeTakeFirst();
    const materials: ErrandMaterial[] = item.materials.map((m) => ({ ...m, collected: false }));
    const draft = {
      hall: await hallInfo(ctx.db),
      residentName: resident.name,
      idNumberMasked: maskIdNumber(resident.idNumber),
      itemCode: item.code,
      itemName: item.name,
      department: item.department,
      villageName: village?.name ?? resident.villageName,
      agentName: agent.displayName,
      materials: item.materials.map(({ name, form, copies, note, required }) =>
        note ? { name, form, copies, note, required } : { name, form, copies, required },
      ),
      authorisedOn: ctx.today,
    };
    const prepared = await prepareDocument(ctx.documents, errandAuthorisation, draft, ctx.now);
    const nodeId = (await readSetting(ctx.db, SETTING_NODE_ID)) ?? 'unknown';
    const id = uuidv7();
    const written = await ctx.write(async (scope) => {
      const again = await scope.tx
        .selectFrom('errands')
        .select('id')
        .where('request_key', '=', input.requestId)
        .executeTakeFirst();
      if (again) return { replay: again.id };
      await scope.tx
        .insertInto('errands')
        .values({
          id,
          request_key: input.requestId,
          node_id: nodeId,
          agent_id: agent.id,
          agent_name: agent.displayName,
          village_id: village?.id ?? null,
          resident_id: resident.id,
          resident_name: resident.name,
          item_code: item.code,
          item_name: item.name,
          item: JSON.stringify(item),
          materials: JSON.stringify(materials),
          note: input.note,
          status: 'authorised',
          authorised_at: scope.at,
          authorised_on: ctx.today,
          updated_at: scope.at,
        })
        .execute();
      await scope.log(ERRAND_ENTITY, id, 'register', {
        nodeId,
        residentId: resident.id,
        itemCode: item.code,
        summary: `${agent.displayName}受${resident.name}委托代办“${item.name}”`,
      });
      return {
        document: await archivePrepared(scope, ctx.documents, prepared, { recordEntity: ERRAND_ENTITY, recordId: id }),
      };
    });
    if ('replay' in written) return replayRegistration(ctx, written.replay!);
    return { errand: await errandRecord(ctx, id), document: written.document };
  },

  async 'errands.collect'(input, ctx) {
    const row = await ownErrand(ctx, input);
    if (row.status !== 'authorised' && row.status !== 'collected') {
      fail('CONFLICT', '这项代办已交接或已撤回，材料不能再改');
    }
    const materials = errandMaterialsOf(row);
    const known = new Set(materials.map((m) => m.name));
    const unknown = input.collectedMaterials.filter((name) => !known.has(name));
    if (unknown.length)
      failFields({ collectedMaterials: `已收材料：“${unknown.join('”“')}”不是“${row.item_name}”所列的材料` });
    const collected = new Set(input.collectedMaterials);
    const ticked = materials.map((m) => ({ ...m, collected: collected.has(m.name) }));
    const complete = ticked.every((m) => !m.required || m.collected);
    return updateErrand(
      ctx,
      row,
      'collect',
      { materials: JSON.stringify(ticked), status: complete ? 'collected' : 'authorised' },
      { collected: input.collectedMaterials, complete },
    );
  },

  async 'errands.withdraw'(input, ctx) {
    const row = await ownErrand(ctx, input);
    if (row.status !== 'authorised' && row.status !== 'collected') {
      fail('CONFLICT', '这项代办已交窗口办理，不能撤回；如需终止，请窗口作废对应办件');
    }
    return updateErrand(
      ctx,
      row,
      'withdraw',
      { status: 'withdrawn', withdraw_reason: input.reason },
      { reason: input.reason },
    );
  },

  async 'errands.mine'(input, ctx) {
    const user = ctx.requireUser();
    let query = ctx.db.selectFrom('errands').selectAll().where('agent_id', '=', user.id);
    if (!input.includeClosed) query = query.where('status', 'in', ['authorised', 'collected', 'handedOver']);
    const rows = await query.orderBy('authorised_at', 'desc').limit(500).execute();
    return { errands: await toErrandRecords(ctx.db, rows, await loadWorkingCalendar(ctx.db), ctx.today) };
  },

  async 'errands.awaitingHandover'(_input, ctx) {
    const rows = await ctx.db
      .selectFrom('errands')
      .selectAll()
      .where('status', '=', 'collected')
      .orderBy('authorised_at')
      .execute();
    const records = await toErrandRecords(ctx.db, rows, await loadWorkingCalendar(ctx.db), ctx.today);
    const agents = await listAgents(ctx.db);
    return {
      agents: agents
        .map((agent) => ({ agent, errands: records.filter((e) => e.agentId === agent.userId) }))
        .filter((group) => group.errands.length > 0),
    };
  },

  'errands.handOver': (input, ctx) => handOver(ctx, input),

  async 'errands.recordDelivery'(input, ctx) {
    const row = await ownErrand(ctx, input);
    if (row.status !== 'handedOver' || !row.case_id) fail('CONFLICT', '这项代办还没有交窗口办理，不能登记送达');
    const caseRow = await findCaseRow(ctx.db, row.case_id);
    if (!caseRow || !canRun('deliver', caseRow.status)) {
      fail('CONFLICT', '窗口还没有办结这一件，结果尚不能送达');
    }
    const deliveredOn = stepDate('deliveredOn', '送达日期', input.deliveredOn, caseRow, ctx.today);
    await ctx.write(async (scope) => {
      const current = await findCaseRow(scope.tx, caseRow.id);
      if (current?.version !== caseRow.version) fail('STALE', '该办件刚被别人处理过，请刷新后再操作');
      const errandNow = await findErrandRow(scope.tx, row.id);
      if (errandNow?.version !== row.version) fail('STALE', '这项代办刚被修改过，请刷新后再操作');
      // The case and the errand record the delivery together: the case is delivered by an agent.
      await applyPlan(
        scope,
        ctx,
        caseRow.id,
        'deliver',
        {
          set: { status: 'delivered', delivered_on: deliveredOn, last_step_on: deliveredOn },
          steps: { ...stepsOf(caseRow), delivery: { method: 'agent', signedBy: input.signedBy, deliveredOn } },
          summary: `送达：${DELIVERY_METHOD_LABELS.agent}（${row.agent_name}），${input.signedBy}签收`,
          data: { method: 'agent', signedBy: input.signedBy, deliveredOn, errandId: row.id },
        },
        null,
      );
      await scope.tx
        .updateTable('errands')
        .set((eb) => ({
          status: 'delivered',
          delivered_on: deliveredOn,
          delivery_signed_by: input.signedBy,
          updated_at: scope.at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', row.id)
        .execute();
      await scope.log(ERRAND_ENTITY, row.id, 'deliver', { signedBy: input.signedBy, deliveredOn });
    });
    return { errand: await errandRecord(ctx, row.id) };
  },

  async 'errands.agents'(_input, ctx) {
    return { agents: await listAgents(ctx.db) };
  },

  async 'errands.setAgentVillage'(input, ctx) {
    const agent = (await listAgents(ctx.db)).find((a) => a.userId === input.userId);
    if (!agent) failFields({ userId: '代办员：该用户没有“代办员”角色' });
    const village = await ctx.db
      .selectFrom('villages')
      .select('name')
      .where('id', '=', input.villageId)
      .executeTakeFirst();
    if (!village) failFields({ villageId: '村（社区）：没有这个村（社区）' });
    await ctx.write(async (scope) => {
      await scope.tx
        .insertInto('agent_villages')
        .values({ user_id: input.userId, village_id: input.villageId, updated_at: scope.at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ village_id: input.villageId, updated_at: scope.at }))
        .execute();
      await scope.log('agentVillage', input.userId, 'set', {
        villageId: input.villageId,
        summary: `${agent.name}所属${village.name}`,
      });
    });
    return { ...agent, villageId: input.villageId, villageName: village.name };
  },

  async 'errands.monthlyCounts'(input, ctx) {
    return monthlyErrandCounts(ctx.db, input.month);
  },
};

async function replayRegistration(ctx: RequestContext, id: string) {
  const document = await ctx.db
    .selectFrom('issued_documents')
    .select('id')
    .where('record_entity', '=', ERRAND_ENTITY)
    .where('record_id', '=', id)
    .orderBy('issued_at')
    .executeTakeFirstOrThrow();
  return { errand: await errandRecord(ctx, id), document: (await findIssuedDocument(ctx.db, { id: document.id }))! };
}
