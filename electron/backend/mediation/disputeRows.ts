// Reading disputes: the row and what hangs off it (parties, mediators, recusals), turned into
// the records of the API.
import type { Selectable } from 'kysely';
import { courtWindow, normState, partyLabel, type DisputeStatus } from '../../../shared/mediation/disputes';
import type { AgreementDraft, DisputeRecord, DisputeSummary, PartyRecord } from '../../../shared/mediation/disputesApi';
import { maskIdNumber } from '../../../shared/residents/masking';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';

export const DISPUTE_ENTITY = 'dispute';

export type DisputeRow = Selectable<Database['disputes']>;
export type PartyRow = Selectable<Database['dispute_parties']>;

/** Statuses in which the one-month norm runs. */
export const MEDIATING: readonly DisputeStatus[] = ['accepted'];

export function findDisputeRow(db: Db | Tx, id: string): Promise<DisputeRow | undefined> {
  return db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function loadParties(db: Db | Tx, disputeId: string): Promise<PartyRow[]> {
  return db.selectFrom('dispute_parties').selectAll().where('dispute_id', '=', disputeId).orderBy('position').execute();
}

export function loadAssignedMediators(db: Db | Tx, disputeId: string) {
  return db
    .selectFrom('dispute_mediators as dm')
    .innerJoin('mediators as m', 'm.id', 'dm.mediator_id')
    .select(['dm.mediator_id', 'dm.lead', 'dm.assigned_on', 'm.name', 'm.id_number'])
    .where('dm.dispute_id', '=', disputeId)
    .orderBy('dm.lead', 'desc')
    .orderBy('m.name')
    .execute();
}

/** `张三、李四 与 青石建筑公司`: the two sides for lists. */
export function partyNamesOf(parties: ReadonlyArray<{ side: string; name: string }>): string {
  const side = (s: string) =>
    parties
      .filter((p) => p.side === s)
      .map((p) => p.name)
      .join('、');
  const respondents = side('respondent');
  return respondents ? `${side('applicant')} 与 ${respondents}` : side('applicant');
}

export function toPartyRecord(row: PartyRow): PartyRecord {
  return {
    id: row.id,
    side: row.side,
    kind: row.kind,
    label: partyLabel(row.position),
    residentId: row.resident_id,
    name: row.name,
    sex: row.sex as PartyRecord['sex'],
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    occupation: row.occupation,
    idNumberMasked: row.id_number ? maskIdNumber(row.id_number) : '',
    address: row.address,
    phone: row.phone,
    legalRepresentative: row.legal_representative,
    legalRepresentativeTitle: row.legal_representative_title,
    agentName: row.agent_name,
    agentRelation: row.agent_relation,
    agentPhone: row.agent_phone,
    agentIdNumberMasked: row.agent_id_number ? maskIdNumber(row.agent_id_number) : '',
  };
}

export type SummaryRow = Pick<
  DisputeRow,
  | 'id'
  | 'committee_id'
  | 'case_number'
  | 'status'
  | 'category'
  | 'source'
  | 'party_names'
  | 'registered_on'
  | 'accepted_on'
  | 'risky'
> & { committee_name: string; mediator_names: string | null };

export function toDisputeSummary(row: SummaryRow, today: string): DisputeSummary {
  return {
    id: row.id,
    committeeId: row.committee_id,
    committeeName: row.committee_name,
    caseNumber: row.case_number,
    status: row.status,
    category: row.category,
    source: row.source,
    partyNames: row.party_names,
    registeredOn: row.registered_on,
    acceptedOn: row.accepted_on,
    risky: row.risky === 1,
    norm: MEDIATING.includes(row.status) && row.accepted_on ? normState(row.accepted_on, today) : null,
    mediatorNames: row.mediator_names ?? '',
  };
}

export function agreementOf(row: DisputeRow): DisputeRecord['agreement'] {
  if (!row.agreement) return null;
  const draft = JSON.parse(row.agreement) as AgreementDraft;
  return {
    facts: draft.facts ?? '',
    disputedMatters: draft.disputedMatters ?? '',
    responsibilities: draft.responsibilities ?? '',
    terms: draft.terms ?? [],
    performanceManner: draft.performanceManner ?? '',
    performanceDueOn: draft.performanceDueOn ?? null,
    recorder: draft.recorder ?? '',
  };
}

export async function loadDisputeRecord(db: Db | Tx, row: DisputeRow, today: string): Promise<DisputeRecord> {
  const [committee, parties, mediators, recusals, sweep, village, visits] = await Promise.all([
    db.selectFrom('mediation_committees').select('name').where('id', '=', row.committee_id).executeTakeFirstOrThrow(),
    loadParties(db, row.id),
    loadAssignedMediators(db, row.id),
    db.selectFrom('dispute_recusals').selectAll().where('dispute_id', '=', row.id).orderBy('created_at').execute(),
    row.sweep_id
      ? db
          .selectFrom('mediation_sweeps')
          .select(['id', 'held_on', 'area'])
          .where('id', '=', row.sweep_id)
          .executeTakeFirst()
      : undefined,
    row.village_id
      ? db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst()
      : undefined,
    db.selectFrom('dispute_follow_ups').select(['planned_on', 'done_on']).where('dispute_id', '=', row.id).execute(),
  ]);
  const done = visits.flatMap((v) => (v.done_on ? [v.done_on] : []));
  const planned = visits.flatMap((v) => (!v.done_on && v.planned_on ? [v.planned_on] : [])).sort();
  const summary = toDisputeSummary(
    { ...row, committee_name: committee.name, mediator_names: mediators.map((m) => m.name).join('、') },
    today,
  );
  const window = row.effective_on ? courtWindow(await loadWorkingCalendar(db), row.effective_on, today) : null;
  return {
    ...summary,
    sweep: sweep ? { id: sweep.id, heldOn: sweep.held_on, area: sweep.area } : null,
    handover:
      row.handover_kind && row.handover_from && row.handover_on
        ? { kind: row.handover_kind, from: row.handover_from, on: row.handover_on, reference: row.handover_reference }
        : null,
    facts: row.facts,
    villageId: row.village_id,
    villageName: village?.name ?? null,
    placeDetail: row.place_detail,
    amountYuan: row.amount_fen === null ? null : row.amount_fen / 100,
    peopleInvolved: row.people_involved,
    riskNote: row.risk_note,
    parties: parties.map(toPartyRecord),
    mediators: mediators.map((m) => ({
      mediatorId: m.mediator_id,
      name: m.name,
      lead: m.lead === 1,
      assignedOn: m.assigned_on,
    })),
    recusals: recusals.map((r) => ({
      mediatorId: r.mediator_id,
      mediatorName: r.mediator_name,
      requestedBy: r.party_name,
      reason: r.reason,
      on: r.decided_on,
    })),
    refusal: row.refusal_reason && row.refused_on ? { reason: row.refusal_reason, on: row.refused_on } : null,
    referralOut:
      row.referral_out_kind && row.referral_out_on
        ? { kind: row.referral_out_kind, to: row.referral_out_to, on: row.referral_out_on }
        : null,
    agreement: agreementOf(row),
    outcome:
      row.outcome_kind && row.outcome_on
        ? { kind: row.outcome_kind, on: row.outcome_on, text: row.outcome_text ?? '', copies: row.agreement_copies }
        : null,
    court:
      row.effective_on && window
        ? {
            effectiveOn: row.effective_on,
            closesOn: window.closesOn,
            remindFrom: window.remindFrom,
            reminderDue: window.state === 'remind' && row.court_applied_on === null && row.status !== 'closed',
            windowClosed: window.state === 'closed',
            appliedOn: row.court_applied_on,
            court: row.court_name,
            decision: row.court_decision,
            decidedOn: row.court_decided_on,
          }
        : null,
    closing:
      row.closed_on && row.closing_summary
        ? { on: row.closed_on, summary: row.closing_summary, byName: row.closed_by_name ?? '' }
        : null,
    visits: {
      done: done.length,
      lastDoneOn: done.length ? done.reduce((a, b) => (a > b ? a : b)) : null,
      nextPlannedOn: planned[0] ?? null,
    },
    lastStepOn: row.last_step_on,
    version: row.version,
  };
}
