// The handlers of the petition desk: lists and the whole petition here, registration and each
// step in their own modules, reception days, attachments, settings and the statistics.
import { sql } from 'kysely';
import { periodLabel } from '../../../shared/documents/reportPeriods';
import { dueRangeOf } from '../../../shared/petitions/periods';
import type { petitionsProcedures } from '../../../shared/petitions/api';
import { normalizeIdNumber } from '../../../shared/residents/idNumber';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { exportReport } from '../documents/reportExport';
import { petitionMonthlyStatisticsReport } from './documents';
import { attachmentFileLink, attachToRecord } from '../workflow/attachments';
import { petitionBinding } from './petitionBinding';
import { findEarlierPetitions, registerPetition } from './petitionRegistration';
import { findPetitionRow, loadPetitionRecord, toAttachment, toPetitionSummary } from './petitionRows';
import { readPetitionSettings, writePetitionSettings } from './petitionSettings';
import {
  acceptPetition,
  addHandlingEvent,
  closePetition,
  extendPetition,
  notAcceptPetition,
  recordLeaderDecision,
  recordDelivery,
  recordHearing,
  recordReview,
  recordSatisfaction,
  replyToPetition,
  requestReview,
} from './petitionSteps';
import { deleteReceptionDay, listReceptionDays, printReceptionRota, saveReceptionDay } from './receptionDays';
import { periodStatistics } from './statistics';
import { petitionStatisticsWorkbook } from './statisticsSpreadsheet';

/** What a search box query means: a number, an ID number, a phone, or a name / words of the matter. */
function queryKind(query: string): 'number' | 'idNumber' | 'phone' | 'text' {
  if (/〔\d{4}〕\d+号?$/.test(query)) return 'number';
  if (/^\d{17}[\dXx]$/.test(query)) return 'idNumber';
  if (/^[\d-]{7,20}$/.test(query)) return 'phone';
  return 'text';
}

export const petitionsHandlers: HandlersFor<keyof typeof petitionsProcedures> = {
  async 'petitions.settings'(_input, ctx) {
    return readPetitionSettings(ctx.db);
  },

  async 'petitions.saveSettings'(input, ctx) {
    await ctx.write((scope) =>
      scope.change({ entity: 'petitionSettings', id: 'petitions', op: 'save' }, async (tx) => {
        await writePetitionSettings(tx, input);
        return { ...input, summary: '修改信访设置' };
      }),
    );
    return readPetitionSettings(ctx.db);
  },

  async 'petitions.list'(input, ctx) {
    let query = ctx.db.selectFrom('petitions as p').selectAll('p');
    const text = input.query;
    if (text) {
      const kind = queryKind(text);
      if (kind === 'number') query = query.where('p.number', '=', text.endsWith('号') ? text : `${text}号`);
      else if (kind === 'idNumber' || kind === 'phone') {
        const column = kind === 'idNumber' ? 'id_number' : 'phone';
        const value = kind === 'idNumber' ? normalizeIdNumber(text) : text;
        query = query.where(
          'p.id',
          'in',
          ctx.db.selectFrom('petitioners').select('petition_id').where(column, '=', value),
        );
      } else {
        // A petitioner's name (on the name index); words of the matter only when nobody has that
        // name, since those are found only by reading every matter.
        const named = await ctx.db
          .selectFrom('petitioners')
          .select('id')
          .where('name', '=', text)
          .limit(1)
          .executeTakeFirst();
        query = named
          ? query.where('p.id', 'in', ctx.db.selectFrom('petitioners').select('petition_id').where('name', '=', text))
          : query.where(sql<boolean>`instr(p.matter, ${text}) > 0`);
      }
    }
    if (input.statuses && input.statuses.length > 0) query = query.where('p.status', 'in', input.statuses);
    if (input.colour) {
      const range = dueRangeOf(input.colour, ctx.today);
      query = query.where('p.running_due_on', 'is not', null);
      if (range.from) query = query.where('p.running_due_on', '>=', range.from);
      if (range.to) query = query.where('p.running_due_on', '<=', range.to);
    }
    if (input.receivedFrom) query = query.where('p.received_on', '>=', input.receivedFrom);
    if (input.receivedTo) query = query.where('p.received_on', '<=', input.receivedTo);
    const rows = await (
      input.colour
        ? query.orderBy('p.running_due_on').orderBy('p.id')
        : query.orderBy('p.received_on', 'desc').orderBy('p.id', 'desc')
    )
      .limit(input.limit + 1)
      .execute();
    const calendar = await loadWorkingCalendar(ctx.db);
    return {
      petitions: rows.slice(0, input.limit).map((row) => toPetitionSummary(row, ctx.today, calendar)),
      truncated: rows.length > input.limit,
    };
  },

  async 'petitions.findEarlier'(input, ctx) {
    return findEarlierPetitions(input, ctx);
  },

  async 'petitions.get'(input, ctx) {
    const row = await findPetitionRow(ctx.db, input.id);
    if (!row) fail('NOT_FOUND', petitionBinding.missing);
    return loadPetitionRecord(ctx.db, row, ctx.today);
  },

  'petitions.register': registerPetition,
  'petitions.accept': acceptPetition,
  'petitions.notAccept': notAcceptPetition,
  'petitions.extend': extendPetition,
  'petitions.recordLeaderDecision': recordLeaderDecision,
  'petitions.addHandlingEvent': addHandlingEvent,
  'petitions.reply': replyToPetition,
  'petitions.recordSatisfaction': recordSatisfaction,
  'petitions.requestReview': requestReview,
  'petitions.recordReview': recordReview,
  'petitions.recordDelivery': recordDelivery,
  'petitions.recordHearing': recordHearing,
  'petitions.close': closePetition,

  async 'petitions.addAttachment'(input, ctx) {
    const id = await attachToRecord(
      ctx,
      petitionBinding,
      'attach',
      input.petitionId,
      input,
      'petition_attachments',
      () => ({
        petition_id: input.petitionId,
      }),
    );
    const saved = await ctx.db.selectFrom('petition_attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!saved) fail('INTERNAL', '附件保存失败');
    return toAttachment(saved);
  },

  async 'petitions.attachmentFile'(input, ctx) {
    return attachmentFileLink(ctx, 'petition_attachments', input.attachmentId);
  },

  'petitions.receptionDays': listReceptionDays,
  'petitions.saveReceptionDay': saveReceptionDay,
  'petitions.deleteReceptionDay': deleteReceptionDay,
  'petitions.printReceptionRota': printReceptionRota,

  async 'petitions.statistics'(input, ctx) {
    return periodStatistics(ctx.db, input.period, ctx.today);
  },

  async 'petitions.exportStatistics'(input, ctx) {
    const [statistics, settings] = await Promise.all([
      periodStatistics(ctx.db, input.period, ctx.today),
      readPetitionSettings(ctx.db),
    ]);
    const file = await exportReport(ctx, {
      format: input.format,
      downloadName: `信访统计（${periodLabel(input.period)}）`,
      urlName: `petition-statistics-${input.period}`,
      workbook: () => petitionStatisticsWorkbook(statistics, settings.officeName),
      pdf: { definition: petitionMonthlyStatisticsReport, record: { officeName: settings.officeName, statistics } },
    });
    return { file };
  },
};
