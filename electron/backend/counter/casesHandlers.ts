import { OUTCOME_LABELS, PAUSE_KIND_LABELS, WORKLIST_LIMIT } from '../../../shared/counter/casesApi';
import { extendByPause, pausedWorkingDays } from '../../../shared/counter/deadline';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { entityHistory } from '../audit/entityHistory';
import { issuedDocumentsOf } from '../documents/archive';
import { caseAttachmentsOf } from './caseAttachments';
import { caseBinding, loadCaseRecord, runCaseStep } from './caseBinding';
import { deliveryPlan, ratingPlan } from './casePlans';
import { hallInfo, resultPaper } from './caseDocuments';
import { acceptAwaiting, intake } from './caseIntake';
import {
  currentPause,
  findCaseRow,
  itemOf,
  loadResidentLine,
  OPEN_CASE,
  SUMMARY_COLUMNS,
  toCaseSummary,
} from './caseRows';

type CaseProcedures =
  | 'counter.intake'
  | 'counter.accept'
  | 'counter.startHandling'
  | 'counter.forward'
  | 'counter.recordForwardReply'
  | 'counter.pause'
  | 'counter.resume'
  | 'counter.complete'
  | 'counter.deliver'
  | 'counter.rate'
  | 'counter.closeFollowUp'
  | 'counter.void'
  | 'counter.get'
  | 'counter.worklist';

export const casesHandlers: HandlersFor<CaseProcedures> = {
  'counter.intake': (input, ctx) => intake(ctx, input),
  'counter.accept': (input, ctx) => acceptAwaiting(ctx, input),

  'counter.startHandling'(input, ctx) {
    return runCaseStep(ctx, input, 'startHandling', ({ on }) => ({
      set: { status: 'inProgress', last_step_on: on },
      summary: '开始办理',
      data: {},
    }));
  },

  'counter.forward'(input, ctx) {
    return runCaseStep(ctx, input, 'forward', ({ steps, on: sentOn }) => {
      return {
        set: { status: 'forwarded', last_step_on: sentOn },
        steps: { ...steps, forward: { sentOn, department: input.department, repliedOn: null, reply: null } },
        summary: `转报${input.department}（${sentOn}）`,
        data: { sentOn, department: input.department },
      };
    });
  },

  'counter.recordForwardReply'(input, ctx) {
    return runCaseStep(ctx, input, 'recordForwardReply', ({ steps, on: repliedOn }) => {
      return {
        set: { status: 'inProgress', last_step_on: repliedOn },
        steps: { ...steps, forward: { ...steps.forward!, repliedOn, reply: input.reply } },
        summary: `${steps.forward?.department ?? '县级部门'}回复（${repliedOn}）：${input.reply}`,
        data: { repliedOn, reply: input.reply },
      };
    });
  },

  'counter.pause'(input, ctx) {
    return runCaseStep(ctx, input, 'pause', ({ row, steps, on: pausedOn }) => {
      const pause = {
        kind: input.kind,
        reason: input.reason,
        pausedOn,
        resumedOn: null,
        workingDays: null,
        resumeTo: row.status,
      };
      return {
        set: { status: 'paused', paused_on: pausedOn, last_step_on: pausedOn },
        steps: { ...steps, pauses: [...(steps.pauses ?? []), pause] },
        summary: `暂停计时（${PAUSE_KIND_LABELS[input.kind]}）：${input.reason}`,
        data: { kind: input.kind, reason: input.reason, pausedOn },
      };
    });
  },

  'counter.resume'(input, ctx) {
    return runCaseStep(ctx, input, 'resume', ({ row, steps, calendar, on: resumedOn }) => {
      const pause = currentPause(steps)!;
      const days = pausedWorkingDays(calendar, pause.pausedOn, resumedOn);
      const promisedDate = row.promised_date === null ? null : extendByPause(calendar, row.promised_date, days);
      const pauses = steps.pauses!.map((p) => (p === pause ? { ...p, resumedOn, workingDays: days } : p));
      return {
        set: {
          status: pause.resumeTo,
          paused_on: null,
          paused_days: row.paused_days + days,
          promised_date: promisedDate,
          last_step_on: resumedOn,
        },
        steps: { ...steps, pauses },
        summary:
          promisedDate === null
            ? `恢复计时，暂停 ${days} 个工作日`
            : `恢复计时，暂停 ${days} 个工作日，承诺办结日期顺延至 ${promisedDate}`,
        data: { resumedOn, workingDays: days, promisedDate },
      };
    });
  },

  'counter.complete'(input, ctx) {
    return runCaseStep(ctx, input, 'complete', async ({ row, steps, on: completedOn }) => {
      const resident = await loadResidentLine(ctx.db, row.resident_id);
      const document = resultPaper(
        {
          hall: await hallInfo(ctx.db),
          resident: { ...resident!, name: row.resident_name },
          item: await itemOf(ctx.db, row),
          window: row.window,
          clerkName: ctx.requireUser().displayName,
        },
        {
          caseNumber: row.case_number!,
          result: input.result,
          note: input.note,
          acceptedOn: row.accepted_on!,
          completedOn,
          promisedDate: row.promised_date,
        },
      );
      return {
        set: { status: 'completed', outcome: input.result, completed_on: completedOn, last_step_on: completedOn },
        steps: { ...steps, outcomeNote: input.note },
        summary: `办结：${OUTCOME_LABELS[input.result]}${input.note ? `（${input.note}）` : ''}`,
        data: { result: input.result, note: input.note, completedOn },
        document,
      };
    });
  },

  'counter.deliver'(input, ctx) {
    return runCaseStep(ctx, input, 'deliver', ({ steps, on: deliveredOn }) =>
      deliveryPlan(steps, { method: input.method, signedBy: input.signedBy, deliveredOn }),
    );
  },

  'counter.rate'(input, ctx) {
    return runCaseStep(ctx, input, 'rate', ({ steps }) => ratingPlan(steps, input, ctx.now.toISOString()));
  },

  'counter.closeFollowUp'(input, ctx) {
    return runCaseStep(ctx, input, 'closeFollowUp', ({ steps }) => ({
      set: { follow_up_open: 0 },
      steps: {
        ...steps,
        followUp: {
          openedAt: steps.followUp!.openedAt,
          closedAt: ctx.now.toISOString(),
          actionTaken: input.actionTaken,
          closedByName: ctx.requireUser().displayName,
        },
      },
      summary: `差评整改办结：${input.actionTaken}`,
      data: { actionTaken: input.actionTaken },
    }));
  },

  'counter.void'(input, ctx) {
    return runCaseStep(ctx, input, 'void', ({ steps }) => ({
      set: { status: 'voided', voided_at: ctx.now.toISOString(), paused_on: null, follow_up_open: 0 },
      steps: {
        ...steps,
        voided: { reason: input.reason, at: ctx.now.toISOString(), byName: ctx.requireUser().displayName },
      },
      summary: `作废：${input.reason}`,
      data: { reason: input.reason },
    }));
  },

  async 'counter.get'(input, ctx) {
    const row = await findCaseRow(ctx.db, input.caseId);
    if (!row) fail('NOT_FOUND', caseBinding.missing);
    const [record, documents, history, attachments] = await Promise.all([
      loadCaseRecord(ctx, row),
      issuedDocumentsOf(ctx.db, caseBinding.kind.name, row.id),
      entityHistory(ctx.db, caseBinding.kind.name, row.id),
      caseAttachmentsOf(ctx.db, row.id),
    ]);
    return {
      case: record,
      documents,
      history,
      attachments,
    };
  },

  async 'counter.worklist'(input, ctx) {
    const user = ctx.requireUser();
    const calendar = await loadWorkingCalendar(ctx.db);
    const mine = input.mine ?? false;
    const base = () => {
      const query = ctx.db.selectFrom('counter_cases').select(SUMMARY_COLUMNS);
      return mine ? query.where('clerk_id', '=', user.id) : query;
    };
    // Open cases by due date: the most overdue first, those without a promise last.
    const openRows = await base()
      .where(OPEN_CASE)
      .orderBy('promised_date', (o) => o.asc().nullsLast())
      .orderBy('intake_at')
      .execute();
    const open = openRows.map((row) => toCaseSummary(row, calendar, ctx.today));
    const counts = { red: 0, yellow: 0, green: 0 };
    for (const summary of open) counts[summary.deadline!.colour]++;
    // A filter narrows the list, but overdue cases stay on it whatever is chosen.
    const shown = open.filter(
      (c) => !input.colour || c.deadline!.colour === input.colour || c.deadline!.colour === 'red',
    );
    const list = async (status: 'awaitingMaterials' | 'completed') =>
      (await base().where('status', '=', status).orderBy('intake_at').limit(WORKLIST_LIMIT).execute()).map((row) =>
        toCaseSummary(row, calendar, ctx.today),
      );
    const followUps = (
      await base().where('follow_up_open', '=', 1).orderBy('intake_at').limit(WORKLIST_LIMIT).execute()
    ).map((row) => toCaseSummary(row, calendar, ctx.today));
    return {
      open: shown.slice(0, WORKLIST_LIMIT),
      awaitingMaterials: await list('awaitingMaterials'),
      awaitingDelivery: await list('completed'),
      followUps,
      counts,
      truncated: shown.length > WORKLIST_LIMIT,
    };
  },
};
