// The steps after registration, each run through the one step runner (workflow/runStep.ts) —
// the declaration (shared/matters/matterKind.ts) decides who may take which step from where and
// dated how; these plans say only what each step writes.
import type { z } from 'zod';
import type { mattersProcedures } from '../../../shared/matters/api';
import {
  MATTER_HANDLING_LABELS,
  MATTER_OWNER_KIND_LABELS,
  MATTER_TRIAGE_LABELS,
  REPLY_METHOD_LABELS,
  type MatterHandling,
} from '../../../shared/matters/matters';
import type { RequestContext } from '../api/context';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { computeDue, runMatterStep } from './matterBinding';

type Input<N extends keyof typeof mattersProcedures> = z.output<(typeof mattersProcedures)[N]['input']>;

/** The columns of a reply given on `on`. */
function replyColumns(
  ctx: RequestContext,
  on: string,
  input: { reply: string; replyMethod: Input<'matters.reply'>['replyMethod'] },
) {
  return {
    replied_on: on,
    reply_method: input.replyMethod,
    reply: input.reply,
    replied_by_name: ctx.requireUser().displayName,
  };
}

export function triageMatter(input: Input<'matters.triage'>, ctx: RequestContext) {
  return runMatterStep(ctx, input, 'triage', async ({ on: decidedOn }) => {
    const decided = {
      triage: input.triage,
      handling: input.handling,
      decided_on: decidedOn,
      decided_by_name: ctx.requireUser().displayName,
      last_step_on: decidedOn,
    };
    const what = `${MATTER_TRIAGE_LABELS[input.triage]}，${MATTER_HANDLING_LABELS[input.handling]}`;
    const data = { triage: input.triage, handling: input.handling, decidedOn };
    switch (input.handling) {
      case 'onTheSpot':
      case 'advised': {
        const reply = replyColumns(ctx, decidedOn, { reply: input.reply, replyMethod: input.replyMethod! });
        return {
          set: { ...decided, ...reply, status: 'closed', closed_on: decidedOn },
          summary: `分流为${what}，${REPLY_METHOD_LABELS[input.replyMethod!]}，办结`,
          data: { ...data, repliedOn: decidedOn, replyMethod: input.replyMethod, closedOn: decidedOn },
        };
      }
      case 'deadline': {
        const calendar = await loadWorkingCalendar(ctx.db);
        const workingDays = input.workingDays!;
        const dueOn = computeDue('workingDays', () => calendar.addWorkingDays(decidedOn, workingDays));
        return {
          set: {
            ...decided,
            status: 'inHand',
            owner_kind: input.ownerKind!,
            owner: input.owner,
            working_days: workingDays,
            due_on: dueOn,
          },
          summary: `分流为${what}：${MATTER_OWNER_KIND_LABELS[input.ownerKind!]} ${input.owner}，${workingDays}个工作日内（${dueOn}前）`,
          data: { ...data, ownerKind: input.ownerKind, owner: input.owner, workingDays, dueOn },
        };
      }
      case 'escalated':
        return {
          set: {
            ...decided,
            status: 'escalated',
            escalated_to: input.escalatedTo,
            escalation_reason: input.escalationReason,
          },
          summary: `分流为${what}：提交${input.escalatedTo}`,
          data: { ...data, escalatedTo: input.escalatedTo, escalationReason: input.escalationReason },
        };
    }
  });
}

export function settleInVillage(input: Input<'matters.settleInVillage'>, ctx: RequestContext) {
  return runMatterStep(ctx, input, 'settleInVillage', ({ on: repliedOn }) => {
    const handling: MatterHandling = input.triage === 'minor' ? 'onTheSpot' : 'advised';
    const user = ctx.requireUser();
    return {
      set: {
        status: 'closed',
        triage: input.triage,
        handling,
        decided_on: repliedOn,
        decided_by_name: user.displayName,
        ...replyColumns(ctx, repliedOn, input),
        closed_on: repliedOn,
        last_step_on: repliedOn,
      },
      summary: `村内${MATTER_TRIAGE_LABELS[input.triage]}${MATTER_HANDLING_LABELS[handling]}，${REPLY_METHOD_LABELS[input.replyMethod]}，办结`,
      data: { triage: input.triage, handling, repliedOn, replyMethod: input.replyMethod, closedOn: repliedOn },
    };
  });
}

export function replyToMatter(input: Input<'matters.reply'>, ctx: RequestContext) {
  return runMatterStep(ctx, input, 'reply', ({ on: repliedOn }) => ({
    set: { ...replyColumns(ctx, repliedOn, input), status: 'replied', last_step_on: repliedOn },
    summary: `${REPLY_METHOD_LABELS[input.replyMethod]}群众`,
    data: { repliedOn, replyMethod: input.replyMethod },
  }));
}

export function closeMatter(input: Input<'matters.close'>, ctx: RequestContext) {
  return runMatterStep(ctx, input, 'close', ({ on: closedOn }) => ({
    set: { status: 'closed', closed_on: closedOn, result: input.result, last_step_on: closedOn },
    summary: input.result ? `办结：${input.result}` : '办结',
    data: { closedOn, result: input.result },
  }));
}

export function voidMatter(input: Input<'matters.void'>, ctx: RequestContext) {
  return runMatterStep(ctx, input, 'void', () => ({
    set: { status: 'voided', voided_on: ctx.today, void_reason: input.reason },
    summary: `作废：${input.reason}`,
    data: { voidedOn: ctx.today, reason: input.reason },
  }));
}
