// The steps after registration: acceptance or not, the one extension, the leader's decision,
// handling events, the written reply, satisfaction, review and re-review, closing. Each deadline
// is computed when its step is taken, with the counting the settings give then.
import type { z } from 'zod';
import type { petitionsProcedures } from '../../../shared/petitions/api';
import { handlingDeadline, hearingDays, PERIOD_DAYS, periodEnd } from '../../../shared/petitions/periods';
import {
  PAPER_DELIVERY_METHOD_LABELS,
  HANDLING_EVENT_LABELS,
  LEADER_DECISION_LABELS,
  NOT_ACCEPTED_GROUND_LABELS,
  REVIEW_LEVEL_LABELS,
  SATISFACTION_LABELS,
} from '../../../shared/petitions/petitions';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { uuidv7 } from '../db/uuidv7';
import { computeDue, runPetitionStep } from './petitionBinding';
import { acceptancePaper, extensionPaper, notAcceptedPaper, replyPaper } from './petitionPapers';
import { readPetitionSettings } from './petitionSettings';

type Input<N extends keyof typeof petitionsProcedures> = z.output<(typeof petitionsProcedures)[N]['input']>;

export function acceptPetition(input: Input<'petitions.accept'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'accept', async ({ row, on: acceptedOn }) => {
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    const handlingDueOn = computeDue('acceptedOn', () =>
      handlingDeadline(calendar, acceptedOn, 0, settings.counting.handling),
    );
    const late = acceptedOn > row.acceptance_due_on ? `（超过受理告知期限${row.acceptance_due_on}）` : '';
    return {
      set: {
        status: 'accepted',
        accepted_on: acceptedOn,
        handling_unit: input.handlingUnit,
        handling_due_on: handlingDueOn,
        original_handling_due_on: handlingDueOn,
        last_step_on: acceptedOn,
      },
      summary: `受理${late}，承办单位${input.handlingUnit}，办理期限至${handlingDueOn}，出具受理告知书`,
      data: { acceptedOn, handlingUnit: input.handlingUnit, handlingDueOn },
      document: await acceptancePaper(ctx.db, settings, row, {
        acceptedOn,
        handlingUnit: input.handlingUnit,
        handlingDueOn,
      }),
    };
  });
}

export function notAcceptPetition(input: Input<'petitions.notAccept'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'notAccept', async ({ row, on: decidedOn }) => {
    const settings = await readPetitionSettings(ctx.db);
    return {
      set: {
        status: 'notAccepted',
        not_accepted_on: decidedOn,
        not_accepted_ground: input.ground,
        not_accepted_reason: input.reason,
        not_accepted_channel: input.channel,
        last_step_on: decidedOn,
      },
      summary: `不予受理（${NOT_ACCEPTED_GROUND_LABELS[input.ground]}），出具不予受理告知书`,
      data: { decidedOn, ground: input.ground, reason: input.reason, channel: input.channel },
      document: await notAcceptedPaper(ctx.db, settings, row, { decidedOn, ...input }),
    };
  });
}

export function extendPetition(input: Input<'petitions.extend'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'extend', async ({ row, on: extendedOn }) => {
    const originalDueOn = row.handling_due_on!;
    if (extendedOn > originalDueOn)
      failFields({ extendedOn: `延期决定日期：应在办理期限届满（${originalDueOn}）之前决定延期，现已超期` });
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    const newDueOn = computeDue('days', () =>
      handlingDeadline(calendar, row.accepted_on!, input.days, settings.counting.handling),
    );
    return {
      set: {
        extended_on: extendedOn,
        extension_days: input.days,
        extension_reason: input.reason,
        handling_due_on: newDueOn,
        last_step_on: extendedOn,
      },
      summary: `延长办理期限${input.days}日（${originalDueOn} → ${newDueOn}），出具延期办理告知书`,
      data: { extendedOn, days: input.days, reason: input.reason, originalDueOn, newDueOn },
      document: await extensionPaper(ctx.db, settings, row, {
        originalDueOn,
        days: input.days,
        newDueOn,
        reason: input.reason,
        extendedOn,
      }),
    };
  });
}

export function recordLeaderDecision(input: Input<'petitions.recordLeaderDecision'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'leaderDecision', ({ row, on: decidedOn }) => {
    let dueOn: string | null = null;
    let caseLeader = '';
    if (input.decision === 'deadline') {
      if (!input.dueOn) failFields({ dueOn: '限办日期：疑难案件限期办理，须写明限办日期' });
      if (!input.caseLeader) failFields({ caseLeader: '包案领导：疑难案件须确定包案领导' });
      if (input.dueOn < decidedOn) failFields({ dueOn: `限办日期：不能早于决定日期（${decidedOn}）` });
      const legalDue = row.handling_due_on;
      if (legalDue && input.dueOn > legalDue) failFields({ dueOn: `限办日期：不能晚于法定办理期限（${legalDue}）` });
      dueOn = input.dueOn;
      caseLeader = input.caseLeader;
    }
    return {
      set: {
        leader_decision: input.decision,
        leader_decided_on: decidedOn,
        leader_due_on: dueOn,
        case_leader: caseLeader,
      },
      summary:
        `接访领导${row.leader_name}处理意见：${LEADER_DECISION_LABELS[input.decision]}` +
        (dueOn ? `，限${dueOn}前办结，包案领导${caseLeader}` : ''),
      data: { decision: input.decision, decidedOn, dueOn, caseLeader },
    };
  });
}

export function addHandlingEvent(input: Input<'petitions.addHandlingEvent'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'event', ({ row, on }) => {
    if (input.kind !== 'progress' && !input.toBody)
      failFields({
        toBody: input.kind === 'assigned' ? '承办单位：交承办须写明承办单位' : '接收单位：转送、交办须写明接收机关',
      });
    if (input.kind === 'progress' && !input.note) failFields({ note: '情况说明：办理进展须写明情况' });
    const label = HANDLING_EVENT_LABELS[input.kind];
    return {
      set: input.kind === 'assigned' ? { assigned_department: input.toBody, assigned_person: input.person } : {},
      summary: `${label}${input.toBody ? `：${input.toBody}` : ''}${input.person ? `（${input.person}）` : ''}`,
      data: { kind: input.kind, on, toBody: input.toBody, person: input.person, note: input.note },
      write: async (tx, scope) => {
        await tx
          .insertInto('petition_events')
          .values({
            id: uuidv7(),
            petition_id: row.id,
            kind: input.kind,
            on,
            to_body: input.toBody,
            person: input.person,
            note: input.note,
            by_name: scope.actor.name,
            created_at: scope.at,
          })
          .execute();
      },
    };
  });
}

export function replyToPetition(input: Input<'petitions.reply'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'reply', async ({ row, on: repliedOn }) => {
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    // The paper names the window as if received today; the record's window waits for the
    // delivery (recordDelivery), from which the regulation counts it.
    const reviewRequestDueOn = computeDue('repliedOn', () =>
      periodEnd(calendar, repliedOn, PERIOD_DAYS.reviewRequest, settings.counting.reviewRequest),
    );
    const late = row.handling_due_on && repliedOn > row.handling_due_on ? `（超过办理期限${row.handling_due_on}）` : '';
    const user = ctx.requireUser();
    return {
      set: {
        status: 'replied',
        replied_on: repliedOn,
        reply_facts: input.facts,
        reply_opinion: input.opinion,
        reply_basis: input.basis,
        replied_by_name: user.displayName,
        review_request_due_on: null,
        last_step_on: repliedOn,
      },
      summary: `书面答复${late}，出具答复意见书；复查请求期限自信访人收到之日起30日`,
      data: { repliedOn, facts: input.facts, opinion: input.opinion, basis: input.basis },
      document: await replyPaper(ctx.db, settings, row, {
        facts: input.facts,
        opinion: input.opinion,
        basis: input.basis,
        repliedOn,
        reviewRequestDueOn,
      }),
    };
  });
}

export function recordSatisfaction(input: Input<'petitions.recordSatisfaction'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'satisfaction', ({ on }) => {
    return {
      set: { satisfaction: input.value, satisfaction_on: on },
      summary: `信访人对答复：${SATISFACTION_LABELS[input.value]}`,
      data: { value: input.value, on },
    };
  });
}

export function requestReview(input: Input<'petitions.requestReview'>, ctx: RequestContext) {
  const review = input.level === 'review';
  // A closed petition reopens for a review of its last answer.
  return runPetitionStep(ctx, input, review ? 'requestReview' : 'requestReReview', async ({ row, on: requestedOn }) => {
    const label = REVIEW_LEVEL_LABELS[input.level];
    const windowEnd = review ? row.review_request_due_on : row.re_review_request_due_on;
    if (windowEnd && requestedOn > windowEnd)
      failFields({
        requestedOn: `请求日期：${label}请求应在收到${review ? '答复意见书' : '复查意见'}之日起30日内提出（截至${windowEnd}），已逾期`,
      });
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    const period = review ? 'review' : 'reReview';
    const dueOn = computeDue('requestedOn', () =>
      periodEnd(calendar, requestedOn, PERIOD_DAYS[period], settings.counting[period]),
    );
    const body = input.body || settings.reviewBody;
    return {
      set: review
        ? {
            status: 'underReview',
            review_requested_on: requestedOn,
            review_body: body,
            review_due_on: dueOn,
            closed_on: null,
            last_step_on: requestedOn,
          }
        : {
            status: 'underReReview',
            re_review_requested_on: requestedOn,
            re_review_body: body,
            re_review_due_on: dueOn,
            closed_on: null,
            last_step_on: requestedOn,
          },
      summary: `信访人向${body}请求${label}，${label}期限至${dueOn}`,
      data: { level: input.level, requestedOn, body, dueOn },
    };
  });
}

export function recordReview(input: Input<'petitions.recordReview'>, ctx: RequestContext) {
  const review = input.level === 'review';
  return runPetitionStep(ctx, input, review ? 'recordReview' : 'recordReReview', async ({ on: answeredOn }) => {
    const outcome = input.outcome === 'upheld' ? '维持原处理意见' : '变更原处理意见';
    if (review) {
      return {
        set: {
          status: 'reviewed',
          reviewed_on: answeredOn,
          review_outcome: input.outcome,
          review_opinion: input.opinion,
          re_review_request_due_on: null,
          last_step_on: answeredOn,
        },
        summary: `复查意见：${outcome}；复核请求期限自信访人收到复查意见书之日起30日`,
        data: { level: input.level, answeredOn, outcome: input.outcome, opinion: input.opinion },
      };
    }
    return {
      set: {
        status: 'reReviewed',
        re_reviewed_on: answeredOn,
        re_review_outcome: input.outcome,
        re_review_opinion: input.opinion,
        last_step_on: answeredOn,
      },
      summary: `复核意见：${outcome}（复核意见为最终处理意见）`,
      data: { level: input.level, answeredOn, outcome: input.outcome, opinion: input.opinion },
    };
  });
}

/** The written answer reached the petitioner: the window to ask for the next level starts. */
export function recordDelivery(input: Input<'petitions.recordDelivery'>, ctx: RequestContext) {
  const reply = input.paper === 'reply';
  return runPetitionStep(ctx, input, reply ? 'deliverReply' : 'deliverReview', async ({ on: deliveredOn }) => {
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    const period = reply ? 'reviewRequest' : 'reReviewRequest';
    const windowEnd = computeDue('deliveredOn', () =>
      periodEnd(calendar, deliveredOn, PERIOD_DAYS[period], settings.counting[period]),
    );
    const paper = reply ? '答复意见书' : '复查意见书';
    const next = reply ? '复查' : '复核';
    return {
      set: reply
        ? { reply_delivered_on: deliveredOn, reply_delivery_method: input.method, review_request_due_on: windowEnd }
        : {
            review_delivered_on: deliveredOn,
            review_delivery_method: input.method,
            re_review_request_due_on: windowEnd,
          },
      summary: `${paper}${PAPER_DELIVERY_METHOD_LABELS[input.method]}，${deliveredOn}送达；请求${next}期限至${windowEnd}`,
      data: { paper: input.paper, method: input.method, deliveredOn, windowEnd },
    };
  });
}

/** A re-review's hearing: its days are added to the re-review period (not counted in it). */
export function recordHearing(input: Input<'petitions.recordHearing'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'hearing', async ({ row, on: heldTo }) => {
    const requestedOn = row.re_review_requested_on!;
    if (input.heldFrom > heldTo) failFields({ heldFrom: `听证开始日期：不能晚于结束日期（${heldTo}）` });
    if (input.heldFrom < requestedOn) failFields({ heldFrom: `听证开始日期：不能早于复核请求日期（${requestedOn}）` });
    const settings = await readPetitionSettings(ctx.db);
    const calendar = await loadWorkingCalendar(ctx.db);
    const days = hearingDays(input.heldFrom, heldTo);
    const dueOn = computeDue('heldTo', () =>
      periodEnd(calendar, requestedOn, PERIOD_DAYS.reReview + days, settings.counting.reReview),
    );
    return {
      set: { hearing_from: input.heldFrom, hearing_to: heldTo, re_review_due_on: dueOn },
      summary: `复核听证（${input.heldFrom}至${heldTo}，${days}日不计入复核期限），复核期限顺延至${dueOn}${input.note ? `；${input.note}` : ''}`,
      data: { heldFrom: input.heldFrom, heldTo, days, reReviewDueOn: dueOn, note: input.note },
    };
  });
}

export function closePetition(input: Input<'petitions.close'>, ctx: RequestContext) {
  return runPetitionStep(ctx, input, 'close', ({ on: closedOn }) => {
    return {
      set: { status: 'closed', closed_on: closedOn, last_step_on: closedOn },
      summary: '办结',
      data: { closedOn },
    };
  });
}
