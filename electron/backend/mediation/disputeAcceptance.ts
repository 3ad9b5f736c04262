// Acceptance or refusal, and who mediates: the case number drawn per committee and year, the
// mediators assigned (never a party or someone living with one), recusals honoured.
import type { z } from 'zod';
import type { disputesProcedures } from '../../../shared/mediation/disputesApi';
import { formatMediationCaseNumber, mediationNumberScope } from '../../../shared/mediation/caseNumbers';
import { yearOf } from '../../../shared/calendar/dates';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { uuidv7 } from '../db/uuidv7';
import { numberedPaper } from '../workflow/numbers';
import { prepare } from '../workflow/runStep';
import { runDisputeStep } from './disputeBinding';
import { loadAssignedMediators, loadParties } from './disputeRows';
import { referralOut } from './referrals';
import { refusalNoticePaper, rightsNoticePaper } from './disputePapers';

type Input<N extends keyof typeof disputesProcedures> = z.output<(typeof disputesProcedures)[N]['input']>;

/** Accepting draws the case number per committee and year, and issues the rights notice with it. */
export function acceptDispute(input: Input<'mediation.acceptDispute'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'accept', async ({ row, on: acceptedOn }) => {
    const year = yearOf(acceptedOn);
    const committee = await ctx.db
      .selectFrom('mediation_committees')
      .select('case_prefix')
      .where('id', '=', row.committee_id)
      .executeTakeFirstOrThrow();
    return {
      set: { status: 'accepted', accepted_on: acceptedOn, last_step_on: acceptedOn },
      summary: (numbered) => `受理，案号${numbered.case_number}，出具权利义务告知书`,
      data: { acceptedOn },
      number: await numberedPaper(ctx, mediationNumberScope(row.committee_id, year), async (sequence) => {
        const caseNumber = formatMediationCaseNumber(year, committee.case_prefix, sequence);
        const notice = await rightsNoticePaper(ctx, row, caseNumber, acceptedOn);
        return {
          set: { case_year: year, case_sequence: sequence, case_number: caseNumber },
          paper: await prepare(ctx, notice),
        };
      }),
    };
  });
}

export function refuseDispute(input: Input<'mediation.refuseDispute'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'refuse', async ({ row, on: refusedOn }) => {
    const referral = referralOut(input.referral, refusedOn);
    return {
      set: {
        status: 'refused',
        refused_on: refusedOn,
        refusal_reason: input.reason,
        last_step_on: refusedOn,
        ...referral.set,
      },
      summary: `不予受理：${input.reason}${referral.summary}`,
      data: { reason: input.reason, refusedOn, referral: input.referral ?? null },
      document: await refusalNoticePaper(ctx, row, input.reason, refusedOn, input.referral ?? null),
    };
  });
}

/**
 * Why `mediator` may not mediate this dispute, or null: a party or an agent (same ID number),
 * someone registered at a party's address in the same village (a household member), or a
 * mediator a party has had recused.
 */
async function conflictOf(
  ctx: RequestContext,
  disputeId: string,
  mediator: { id: string; name: string; id_number: string },
): Promise<string | null> {
  const parties = await loadParties(ctx.db, disputeId);
  if (mediator.id_number) {
    const party = parties.find((p) => p.id_number === mediator.id_number);
    if (party) return `调解员${mediator.name}是本纠纷的当事人（${party.name}），不能调解本纠纷`;
    const agent = parties.find((p) => p.agent_id_number === mediator.id_number);
    if (agent) return `调解员${mediator.name}是当事人${agent.name}的委托代理人，不能调解本纠纷`;
    const home = await ctx.db
      .selectFrom('residents')
      .select(['village_id', 'address'])
      .where('id_number', '=', mediator.id_number)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    const residentIds = parties.map((p) => p.resident_id).filter((id): id is string => !!id);
    if (home?.address && residentIds.length > 0) {
      const household = await ctx.db
        .selectFrom('residents')
        .select('id')
        .where('id', 'in', residentIds)
        .where('village_id', '=', home.village_id)
        .where('address', '=', home.address)
        .executeTakeFirst();
      const party = household && parties.find((p) => p.resident_id === household.id);
      if (party)
        return `调解员${mediator.name}与当事人${party.name}登记住址相同（${home.address}），可能为家庭成员，应当回避`;
    }
  }
  const recused = await ctx.db
    .selectFrom('dispute_recusals')
    .select('party_name')
    .where('dispute_id', '=', disputeId)
    .where('mediator_id', '=', mediator.id)
    .executeTakeFirst();
  if (recused) return `当事人${recused.party_name}已申请调解员${mediator.name}回避，不能再指派`;
  return null;
}

export function assignMediators(input: Input<'mediation.assignMediators'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'assign', async ({ row, on: assignedOn }) => {
    const ids = [...new Set(input.mediatorIds)];
    if (!ids.includes(input.leadMediatorId)) failFields({ leadMediatorId: '主调解员：应在指派的调解员之中' });
    const mediators = await ctx.db
      .selectFrom('mediators')
      .select(['id', 'name', 'id_number', 'active'])
      .where('id', 'in', ids)
      .execute();
    if (mediators.length !== ids.length) failFields({ mediatorIds: '调解员：其中有不存在的调解员' });
    const serving = new Set(
      (
        await ctx.db
          .selectFrom('committee_mediators')
          .select('mediator_id')
          .where('committee_id', '=', row.committee_id)
          .where('mediator_id', 'in', ids)
          .execute()
      ).map((m) => m.mediator_id),
    );
    for (const mediator of mediators) {
      if (mediator.active !== 1) failFields({ mediatorIds: `调解员：${mediator.name}已不在册` });
      if (!serving.has(mediator.id)) failFields({ mediatorIds: `调解员：${mediator.name}不在本调委会任职` });
      const conflict = await conflictOf(ctx, row.id, mediator);
      if (conflict) failFields({ mediatorIds: conflict });
    }
    const before = new Map((await loadAssignedMediators(ctx.db, row.id)).map((m) => [m.mediator_id, m]));
    const names = mediators.map((m) => m.name);
    const lead = mediators.find((m) => m.id === input.leadMediatorId)!;
    return {
      set: { last_step_on: assignedOn },
      summary: `指派调解员：${names.join('、')}（主调：${lead.name}）`,
      data: { mediatorIds: ids, leadMediatorId: input.leadMediatorId, assignedOn },
      write: async (tx) => {
        await tx.deleteFrom('dispute_mediators').where('dispute_id', '=', row.id).execute();
        await tx
          .insertInto('dispute_mediators')
          .values(
            ids.map((id) => ({
              dispute_id: row.id,
              mediator_id: id,
              lead: id === input.leadMediatorId ? 1 : 0,
              assigned_on: before.get(id)?.assigned_on ?? assignedOn,
            })),
          )
          .execute();
      },
    };
  });
}

export function recordRecusal(input: Input<'mediation.recordRecusal'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'recusal', async ({ row, on: decidedOn }) => {
    const assigned = await loadAssignedMediators(ctx.db, row.id);
    const mediator = assigned.find((m) => m.mediator_id === input.mediatorId);
    if (!mediator) failFields({ mediatorId: '回避的调解员：该调解员没有被指派到本纠纷' });
    const party = (await loadParties(ctx.db, row.id)).find((p) => p.id === input.requestedByPartyId);
    if (!party) failFields({ requestedByPartyId: '申请回避的当事人：不是本纠纷的当事人' });
    const remaining = assigned.filter((m) => m.mediator_id !== input.mediatorId);
    return {
      set: { last_step_on: decidedOn },
      summary: `当事人${party.name}申请调解员${mediator.name}回避（${input.reason}），已撤换`,
      data: { mediatorId: input.mediatorId, partyId: party.id, reason: input.reason, decidedOn },
      write: async (tx, scope) => {
        await tx
          .insertInto('dispute_recusals')
          .values({
            id: uuidv7(),
            dispute_id: row.id,
            mediator_id: mediator.mediator_id,
            mediator_name: mediator.name,
            party_id: party.id,
            party_name: party.name,
            reason: input.reason,
            decided_on: decidedOn,
            created_at: scope.at,
          })
          .execute();
        await tx
          .deleteFrom('dispute_mediators')
          .where('dispute_id', '=', row.id)
          .where('mediator_id', '=', mediator.mediator_id)
          .execute();
        // The lead withdrawn: the next mediator on the dispute leads.
        if (mediator.lead === 1 && remaining.length > 0)
          await tx
            .updateTable('dispute_mediators')
            .set({ lead: 1 })
            .where('dispute_id', '=', row.id)
            .where('mediator_id', '=', remaining[0]!.mediator_id)
            .execute();
      },
    };
  });
}
