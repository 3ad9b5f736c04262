// The handlers of residents' matters: the worklist and one matter here, registration and each
// step in their own modules, the statistics and their export, and the grid workers' villages.
import { sql } from 'kysely';
import { shownDueDateState } from '../../../shared/calendar/deadlines';
import { periodLabel } from '../../../shared/documents/reportPeriods';
import type { GridWorker, mattersProcedures } from '../../../shared/matters/api';
import { OPEN_MATTER_STATUSES, RUNNING_DEADLINE_STATUSES } from '../../../shared/matters/matters';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { readSetting, SETTING_TOWNSHIP_NAME } from '../auth/nodeSettings';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Db } from '../db/database';
import { exportReport } from '../documents/reportExport';
import { readableCondition } from '../workflow/recordTables';
import { matterStatisticsReport } from './documents';
import { matterBinding } from './matterBinding';
import { registerMatter } from './matterRegistration';
import { findMatterRow, matterRows, toMatterSummary } from './matterRows';
import { closeMatter, replyToMatter, settleInVillage, triageMatter, voidMatter } from './matterSteps';
import { matterTable } from './matterTable';
import { periodMatterStatistics } from './statistics';
import { matterStatisticsWorkbook } from './statisticsSpreadsheet';

const GRID_WORKER = 'gridWorker';

async function listGridWorkers(db: Db): Promise<GridWorker[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('agent_villages as a', 'a.user_id', 'u.id')
    .leftJoin('villages as v', 'v.id', 'a.village_id')
    .select(['u.id', 'u.display_name', 'u.roles', 'a.village_id', 'v.name as village_name'])
    .where('u.active', '=', 1)
    .orderBy('u.display_name')
    .execute();
  return rows
    .filter((row) => (JSON.parse(row.roles) as string[]).includes(GRID_WORKER))
    .map((row) => ({
      userId: row.id,
      name: row.display_name,
      villageId: row.village_id,
      villageName: row.village_name ?? '',
    }));
}

export const mattersHandlers: HandlersFor<keyof typeof mattersProcedures> = {
  async 'matters.list'(input, ctx) {
    const user = ctx.requireUser();
    const calendar = await loadWorkingCalendar(ctx.db);
    const readable = readableCondition(matterTable, user, 'm');
    // The worklist's counts: every 限期解决 matter in hand the reader may see, whatever the filter.
    const running = await ctx.db
      .selectFrom('matters as m')
      .select('m.due_on')
      .where('m.status', 'in', [...RUNNING_DEADLINE_STATUSES])
      .where('m.due_on', 'is not', null)
      .where(readable)
      .execute();
    const counts = { red: 0, yellow: 0, green: 0 };
    for (const row of running) counts[shownDueDateState(calendar, row.due_on, ctx.today).colour]++;

    let query = matterRows(ctx.db).where(readable);
    if (input.view === 'open') query = query.where('m.status', 'in', [...OPEN_MATTER_STATUSES]);
    if (input.statuses?.length) query = query.where('m.status', 'in', input.statuses);
    if (input.villageId) query = query.where('m.village_id', '=', input.villageId);
    if (input.triage) query = query.where('m.triage', '=', input.triage);
    if (input.handling) query = query.where('m.handling', '=', input.handling);
    if (input.colour) query = query.where('m.status', 'in', [...RUNNING_DEADLINE_STATUSES]);
    const text = input.query;
    if (text) {
      // A number in full, or its last digits (as the counter's numbers are found).
      const number = /^(SQ-\d{4}-)?\d{1,6}$/i.test(text);
      query = number
        ? query.where(sql<boolean>`m.number like ${`%${text.toUpperCase()}`}`)
        : query.where(sql<boolean>`(instr(m.resident_name, ${text}) > 0 or instr(m.description, ${text}) > 0)`);
    }
    query =
      input.view === 'open'
        ? query
            .orderBy(sql`m.due_on is null`)
            .orderBy('m.due_on')
            .orderBy('m.collected_on')
            .orderBy('m.id')
        : query.orderBy('m.collected_on', 'desc').orderBy('m.id', 'desc');
    // A colour is the calendar's, not a column: those matters in hand are read whole and sorted out.
    const rows = await (input.colour ? query : query.limit(input.limit + 1)).execute();
    const summaries = rows
      .map((row) => toMatterSummary(row, calendar, ctx.today))
      .filter((m) => !input.colour || m.deadline?.colour === input.colour);
    return {
      matters: summaries.slice(0, input.limit),
      counts,
      truncated: summaries.length > input.limit,
    };
  },

  async 'matters.get'(input, ctx) {
    const row = await findMatterRow(ctx.db, input.id);
    if (!row) fail('NOT_FOUND', matterBinding.missing);
    return matterBinding.load(ctx, row);
  },

  'matters.register': registerMatter,
  'matters.triage': triageMatter,
  'matters.settleInVillage': settleInVillage,
  'matters.reply': replyToMatter,
  'matters.close': closeMatter,
  'matters.void': voidMatter,

  async 'matters.statistics'(input, ctx) {
    return periodMatterStatistics(ctx.db, input.period, ctx.today);
  },

  async 'matters.exportStatistics'(input, ctx) {
    const [statistics, townshipName] = await Promise.all([
      periodMatterStatistics(ctx.db, input.period, ctx.today),
      readSetting(ctx.db, SETTING_TOWNSHIP_NAME),
    ]);
    const file = await exportReport(ctx, {
      format: input.format,
      downloadName: `群众诉求统计（${periodLabel(input.period)}）`,
      urlName: `matter-statistics-${input.period}`,
      workbook: () => matterStatisticsWorkbook(statistics, townshipName ?? ''),
      pdf: { definition: matterStatisticsReport, record: { townshipName: townshipName ?? '', statistics } },
    });
    return { file };
  },

  async 'matters.gridWorkers'(_input, ctx) {
    return { gridWorkers: await listGridWorkers(ctx.db) };
  },

  // The user's village is kept where a village agent's is (agent_villages): the session reads
  // one list of the villages a user serves, whatever the role (auth/sessions.ts).
  async 'matters.setGridWorkerVillage'(input, ctx) {
    const worker = (await listGridWorkers(ctx.db)).find((w) => w.userId === input.userId);
    if (!worker) failFields({ userId: '网格员：该用户没有“网格员”角色，或已停用' });
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
        return { villageId: input.villageId, summary: `网格员${worker.name}负责${village.name}` };
      }),
    );
    return { ...worker, villageId: input.villageId, villageName: village.name };
  },
};
