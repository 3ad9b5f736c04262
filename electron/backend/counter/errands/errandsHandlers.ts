import { catalogItem } from '../../../../shared/catalog/catalog';
import { isItemActive } from '../../../../shared/catalog/search';
import { caseKind } from '../../../../shared/counter/caseKind';
import {
  errandAuthorisationScope,
  formatErrandAuthorisationNumber,
} from '../../../../shared/counter/errandAuthorisationNumbers';
import type { ErrandMaterial } from '../../../../shared/counter/errandsApi';
import { maskIdNumber } from '../../../../shared/residents/masking';
import { residentAccess } from '../../../../shared/residents/residentAccess';
import { accessRefusal, stepDateOf } from '../../../../shared/workflow/kind';
import type { RequestContext } from '../../api/context';
import { fail, failFields } from '../../api/failure';
import type { HandlersFor } from '../../api/handlers';
import { SETTING_NODE_ID, readSetting } from '../../auth/nodeSettings';
import { loadWorkingCalendar } from '../../calendar/calendarStore';
import { findCatalogRow } from '../../catalog/catalogStore';
import { uuidv7 } from '../../db/uuidv7';
import { findIssuedDocument } from '../../documents/archive';
import { attachmentFileLink, attachToRecord } from '../../workflow/attachments';
import { numberedPaper } from '../../workflow/numbers';
import { applyStep, createRecord, prepare, type PaperToIssue } from '../../workflow/runStep';
import { caseBinding, loadCaseRecord, withSteps } from '../caseBinding';
import { hallInfo } from '../caseDocuments';
import { deliveryPlan } from '../casePlans';
import { findCaseRow, loadResidentLine, stepsOf } from '../caseRows';
import { errandAuthorisation } from './documents';
import { errandBinding, loadErrandRecord, runErrandStep } from './errandBinding';
import { errandMaterialsOf, findErrandRow, listAgents, toErrandAttachment, toErrandRecords } from './errandRows';
import { handOver } from './handover';
import { monthlyErrandCounts } from './monthlyCounts';

type ErrandProcedures =
  | 'errands.register'
  | 'errands.collect'
  | 'errands.attach'
  | 'errands.attachmentFile'
  | 'errands.withdraw'
  | 'errands.mine'
  | 'errands.awaitingHandover'
  | 'errands.handOver'
  | 'errands.recordDelivery'
  | 'errands.agents'
  | 'errands.setAgentVillage'
  | 'errands.monthlyCounts';

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
    const outOfScope = accessRefusal(residentAccess, agent, { villageId: resident.villageId }, '代办');
    if (outOfScope) failFields({ residentId: `委托人：${outOfScope}` });
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
    const nodeId = (await readSetting(ctx.db, SETTING_NODE_ID)) ?? 'unknown';
    const id = uuidv7();
    // 委托书编号: on a village node from the blocks its township reserved for it, refused (and
    // nothing written) when they are used up; the form is drawn with the number it will get.
    const year = Number(ctx.today.slice(0, 4));
    const number = await numberedPaper(ctx, errandAuthorisationScope(year), async (sequence) => {
      const set = { authorisation_number: formatErrandAuthorisationNumber(year, sequence) };
      const record = { ...draft, authorisationNumber: set.authorisation_number };
      const definition = errandAuthorisation as PaperToIssue['definition'];
      return { set, paper: await prepare(ctx, { definition, record }) };
    });
    try {
      const { record, document } = await createRecord(ctx, errandBinding, {
        id,
        op: 'register',
        values: {
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
          authorised_at: ctx.now.toISOString(),
          authorised_on: ctx.today,
        },
        summary: (numbered) =>
          `${agent.displayName}受${resident.name}委托代办“${item.name}”（委托书${numbered.authorisation_number ?? ''}）`,
        data: { nodeId, residentId: resident.id, itemCode: item.code },
        number,
      });
      return { errand: record, document: document! };
    } catch (error) {
      // Two submissions of one registration raced: the first made it, the second answers with it.
      const again = await ctx.db
        .selectFrom('errands')
        .select('id')
        .where('request_key', '=', input.requestId)
        .executeTakeFirst();
      if (again) return replayRegistration(ctx, again.id);
      throw error;
    }
  },

  async 'errands.collect'(input, ctx) {
    return runErrandStep(ctx, input, 'collect', ({ row }) => {
      const materials = errandMaterialsOf(row);
      const known = new Set(materials.map((m) => m.name));
      const unknown = input.collectedMaterials.filter((name) => !known.has(name));
      if (unknown.length)
        failFields({ collectedMaterials: `已收材料：“${unknown.join('”“')}”不是“${row.item_name}”所列的材料` });
      const collected = new Set(input.collectedMaterials);
      const ticked = materials.map((m) => ({ ...m, collected: collected.has(m.name) }));
      const complete = ticked.every((m) => !m.required || m.collected);
      return {
        set: { materials: JSON.stringify(ticked), status: complete ? 'collected' : 'authorised' },
        summary: complete ? '必需材料已收齐' : `已收材料 ${input.collectedMaterials.length} 项`,
        data: { collected: input.collectedMaterials, complete },
      };
    });
  },

  // A photo or scan of the materials, on the agent's node or at the counter; naming a material
  // only records what it shows (ticking it collected is the collect step's, see the UI).
  async 'errands.attach'(input, ctx) {
    const material = input.material ?? null;
    const row = await findErrandRow(ctx.db, input.errandId);
    if (row && material !== null && !errandMaterialsOf(row).some((m) => m.name === material))
      failFields({ material: `所示材料：“${material}”不是“${row.item_name}”所列的材料` });
    const id = await attachToRecord(ctx, errandBinding, 'attach', input.errandId, input, 'errand_attachments', () => ({
      errand_id: input.errandId,
      material,
    }));
    const saved = await ctx.db.selectFrom('errand_attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!saved) fail('INTERNAL', '附件保存失败');
    return toErrandAttachment(saved);
  },

  async 'errands.attachmentFile'(input, ctx) {
    return attachmentFileLink(ctx, 'errand_attachments', input.attachmentId);
  },

  async 'errands.withdraw'(input, ctx) {
    return runErrandStep(ctx, input, 'withdraw', () => ({
      set: { status: 'withdrawn', withdraw_reason: input.reason },
      summary: `撤回：${input.reason}`,
      data: { reason: input.reason },
    }));
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

  // The agent brings the result back: the errand and its case are delivered together, the case
  // by the counter's own 送达 step (its version re-checked, its entry written).
  async 'errands.recordDelivery'(input, ctx) {
    const caseRow = async (caseId: string | null) => {
      const row = caseId ? await findCaseRow(ctx.db, caseId) : undefined;
      if (!row) fail('CONFLICT', '这项代办还没有交窗口办理，不能登记送达');
      return row;
    };
    return runErrandStep(ctx, input, 'deliver', async ({ row }) => {
      const linked = await caseRow(row.case_id);
      const caseRecord = await loadCaseRecord(ctx, linked);
      const dated = stepDateOf(caseKind, 'deliver', caseRecord, input.deliveredOn, ctx.today);
      if (!dated.ok) failFields({ [dated.field]: dated.message });
      const deliveredOn = dated.on;
      return {
        set: { status: 'delivered', delivered_on: deliveredOn, delivery_signed_by: input.signedBy },
        summary: `送达：${input.signedBy}签收`,
        data: { signedBy: input.signedBy, deliveredOn },
        also: async (scope) => {
          const plan = deliveryPlan(
            stepsOf(linked),
            { method: 'agent', signedBy: input.signedBy, deliveredOn, by: row.agent_name },
            { errandId: row.id },
          );
          await applyStep(
            ctx,
            scope,
            caseBinding,
            'deliver',
            { row: linked, record: caseRecord, on: deliveredOn },
            withSteps(plan),
          );
        },
      };
    });
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
    await ctx.write((scope) =>
      scope.change({ entity: 'agentVillage', id: input.userId, op: 'set' }, async (tx) => {
        await tx
          .insertInto('agent_villages')
          .values({ user_id: input.userId, village_id: input.villageId, updated_at: scope.at })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ village_id: input.villageId, updated_at: scope.at }))
          .execute();
        return { villageId: input.villageId, summary: `${agent.name}所属${village.name}` };
      }),
    );
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
    .where('record_entity', '=', errandBinding.kind.name)
    .where('record_id', '=', id)
    .orderBy('issued_at')
    .executeTakeFirstOrThrow();
  const row = (await findErrandRow(ctx.db, id))!;
  return {
    errand: await loadErrandRecord(ctx, row),
    document: (await findIssuedDocument(ctx.db, { id: document.id }))!,
  };
}
