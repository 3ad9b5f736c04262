// How a mediation ends: a written agreement (checked against Art. 29 before it is printed), an
// oral agreement (Art. 28), or termination (Art. 26); then court confirmation (Art. 33).
import type { z } from 'zod';
import { missingAgreementElements } from '../../../shared/mediation/agreementCheck';
import { COURT_DECISION_LABELS, courtWindow } from '../../../shared/mediation/disputes';
import type { disputesProcedures } from '../../../shared/mediation/disputesApi';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { runDisputeStep } from './disputeBinding';
import { referralOut } from './referrals';
import { agreementOf, loadAssignedMediators, loadParties, toPartyRecord, type DisputeRow } from './disputeRows';
import { agreementPaper, courtApplicationPaper, oralAgreementPaper, terminationNoticePaper } from './disputePapers';

type Input<N extends keyof typeof disputesProcedures> = z.output<(typeof disputesProcedures)[N]['input']>;

export function saveAgreementDraft(input: Input<'mediation.saveAgreementDraft'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'agreementDraft', ({ row }) => {
    const due = input.agreement.performanceDueOn;
    if (due && due < row.registered_on)
      failFields({ 'agreement.performanceDueOn': `履行期限：不能早于纠纷登记日期（${row.registered_on}）` });
    return {
      set: { agreement: JSON.stringify(input.agreement) },
      summary: '保存调解协议草稿',
      data: { agreement: input.agreement },
    };
  });
}

/** Refuses an agreement that lacks any element Art. 29 asks for, naming each one. */
async function assertComplete(ctx: RequestContext, row: DisputeRow): Promise<void> {
  const [parties, mediators] = await Promise.all([loadParties(ctx.db, row.id), loadAssignedMediators(ctx.db, row.id)]);
  const draft = agreementOf(row);
  const facts = parties.map((p) => ({ ...toPartyRecord(p), idNumber: p.id_number }));
  const missing = missingAgreementElements(
    facts,
    draft ? { ...draft, facts: draft.facts || row.facts } : null,
    mediators.length,
  );
  if (missing.length === 0) return;
  const fieldErrors: Record<string, string> = {};
  for (const m of missing)
    fieldErrors[m.field] = fieldErrors[m.field] ? `${fieldErrors[m.field]}、${m.element}` : `缺少${m.element}`;
  fail('VALIDATION', `调解协议书还缺少：${missing.map((m) => m.element).join('、')}（人民调解法第二十九条）`, {
    fieldErrors,
    details: { missing: missing.map((m) => m.element) },
  });
}

export function issueAgreement(input: Input<'mediation.issueAgreement'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'issueAgreement', async ({ row, on: agreedOn }) => {
    await assertComplete(ctx, row);
    const draft = agreementOf(row)!;
    const document = await agreementPaper(ctx, row, draft, agreedOn);
    const copies = (document.record as { copies: number }).copies;
    return {
      // Art. 29: effective once signed, sealed and stamped; the registry takes the agreement's
      // date as that day (the parties sign the paper it prints).
      set: {
        status: 'settled',
        outcome_kind: 'written',
        outcome_on: agreedOn,
        outcome_text: draft.terms.join('\n'),
        agreement_copies: copies,
        effective_on: agreedOn,
        last_step_on: agreedOn,
      },
      summary: `达成书面调解协议，出具协议书一式${copies}份`,
      data: { agreedOn, copies, agreement: draft },
      document,
    };
  });
}

export function recordOralAgreement(input: Input<'mediation.recordOralAgreement'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'oral', async ({ row, on: agreedOn }) => {
    const parties = await loadParties(ctx.db, row.id);
    if (!parties.some((p) => p.side === 'applicant') || !parties.some((p) => p.side === 'respondent'))
      fail('CONFLICT', '达成协议须双方都有当事人：请先补充申请方和被申请方当事人');
    return {
      set: {
        status: 'settled',
        outcome_kind: 'oral',
        outcome_on: agreedOn,
        outcome_text: input.content,
        last_step_on: agreedOn,
      },
      summary: '达成口头调解协议（第二十八条），已记录协议内容',
      data: { agreedOn, content: input.content },
      document: await oralAgreementPaper(ctx, row, input.content, agreedOn),
    };
  });
}

export function terminate(input: Input<'mediation.terminate'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'terminate', async ({ row, on }) => {
    const referral = referralOut(input.referral, on);
    return {
      set: {
        status: 'terminated',
        outcome_kind: 'terminated',
        outcome_on: on,
        outcome_text: input.reason,
        last_step_on: on,
        ...referral.set,
      },
      summary: `终止调解：${input.reason}${referral.summary}`,
      data: { reason: input.reason, terminatedOn: on, referral: input.referral ?? null },
      document: await terminationNoticePaper(ctx, row, input.reason, on, input.referral ?? null),
    };
  });
}

/** The day a written agreement took effect (the declaration allows court steps on those alone). */
function effectiveOnOf(row: DisputeRow): string {
  return row.effective_on ?? row.outcome_on!;
}

export function courtApplicationForm(input: Input<'mediation.courtApplicationForm'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'courtForm', async ({ row }) => {
    const effectiveOn = effectiveOnOf(row);
    const window = courtWindow(await loadWorkingCalendar(ctx.db), effectiveOn, ctx.today);
    if (window.state === 'closed')
      fail('CONFLICT', `申请司法确认的三十日期限已于 ${window.closesOn} 届满（人民调解法第三十三条）`);
    return {
      // The court named on the form is the one the parties are expected to apply to.
      set: row.court_applied_on ? {} : { court_name: input.court },
      summary: `为当事人准备司法确认申请书（${input.court}，期限至 ${window.closesOn}）`,
      data: { court: input.court },
      document: await courtApplicationPaper(ctx, row, input.court),
    };
  });
}

export function recordCourtConfirmation(input: Input<'mediation.recordCourtConfirmation'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'courtRecord', async ({ row }) => {
    const effectiveOn = effectiveOnOf(row);
    const window = courtWindow(await loadWorkingCalendar(ctx.db), effectiveOn, ctx.today);
    const errors: Record<string, string> = {};
    if (input.appliedOn) {
      if (input.appliedOn < effectiveOn) errors.appliedOn = `申请日期：不能早于协议生效日期（${effectiveOn}）`;
      else if (input.appliedOn > window.closesOn)
        errors.appliedOn = `申请日期：超过了三十日申请期限（${window.closesOn} 届满）`;
      else if (input.appliedOn > ctx.today) errors.appliedOn = `申请日期：不能晚于今天（${ctx.today}）`;
      if (!input.court) errors.court = '受理法院：申请了司法确认须写明受理法院';
    }
    if (input.decision && !input.appliedOn) errors.decision = '法院裁定：没有申请日期就没有裁定';
    if (input.decision && !input.decidedOn) errors.decidedOn = '裁定日期：记录法院裁定须填写裁定日期';
    if (!input.decision && input.decidedOn) errors.decision = '法院裁定：填写了裁定日期，须选择裁定结果';
    if (input.decidedOn && input.appliedOn && input.decidedOn < input.appliedOn)
      errors.decidedOn = `裁定日期：不能早于申请日期（${input.appliedOn}）`;
    if (input.decidedOn && input.decidedOn > ctx.today) errors.decidedOn = `裁定日期：不能晚于今天（${ctx.today}）`;
    if (Object.keys(errors).length > 0) failFields(errors);
    const summary = input.appliedOn
      ? `司法确认：${input.appliedOn} 向${input.court}申请${
          input.decision ? `，${input.decidedOn} ${COURT_DECISION_LABELS[input.decision]}` : ''
        }`
      : '司法确认：当事人未申请';
    return {
      set: {
        court_applied_on: input.appliedOn,
        court_name: input.court,
        court_decision: input.decision,
        court_decided_on: input.decidedOn,
      },
      summary,
      data: { ...input, id: undefined, version: undefined },
    };
  });
}
