// The records the mediation papers are drawn from, built from a dispute as it stands. Each
// builder gathers what its paper shows and nothing else.
import type { Selectable } from 'kysely';
import {
  COURT_DECISION_LABELS,
  courtWindow,
  DISPUTE_CATEGORY_LABELS,
  DISPUTE_SOURCE_LABELS,
  fenToYuan,
  HANDOVER_KIND_LABELS,
  OUTCOME_KIND_LABELS,
  partyLabel,
  PERFORMANCE_LEVEL_LABELS,
  type RecordKind,
} from '../../../shared/mediation/disputes';
import type { DisputeRecord, ReferralOutInput } from '../../../shared/mediation/disputesApi';
import { SEX_LABELS } from '../../../shared/residents/api';
import type { RequestContext } from '../api/context';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';
import type { DocumentDefinition } from '../documents/registry';
import { agreementOf, loadAssignedMediators, loadParties, type DisputeRow, type PartyRow } from './disputeRows';
import {
  mediationAgreement,
  mediationApplication,
  mediationClosingSheet,
  mediationCourtApplication,
  mediationInvestigationRecord,
  mediationOralAgreement,
  mediationRefusalNotice,
  mediationRegistrationForm,
  mediationRightsNotice,
  mediationSessionRecord,
  mediationTerminationNotice,
} from './documents';
import type {
  AgreementPaper,
  ApplicationRecord,
  AttachmentLine,
  ClosingSheetRecord,
  CommitteeLines,
  CourtApplicationPaper,
  InvestigationRecordPaper,
  OralAgreementPaper,
  PartyLines,
  RefusalNoticeRecord,
  RegistrationFormRecord,
  RightsNoticeRecord,
  SessionRecordPaper,
  TerminationNoticeRecord,
} from './documents/records';

export async function committeeLines(db: Db | Tx, committeeId: string): Promise<CommitteeLines> {
  const row = await db
    .selectFrom('mediation_committees')
    .select(['name', 'seal_name', 'phone'])
    .where('id', '=', committeeId)
    .executeTakeFirstOrThrow();
  return { committeeName: row.name, sealName: row.seal_name, phone: row.phone };
}

export function partyLines(row: PartyRow): PartyLines {
  return {
    label: partyLabel(row.position),
    side: row.side,
    kind: row.kind,
    name: row.name,
    sex: row.sex === 'male' || row.sex === 'female' ? SEX_LABELS[row.sex] : '',
    ethnicity: row.ethnicity,
    birthDate: row.birth_date ?? '',
    occupation: row.occupation,
    idNumber: row.id_number,
    address: row.address,
    phone: row.phone,
    legalRepresentative: row.legal_representative,
    legalRepresentativeTitle: row.legal_representative_title,
    agentName: row.agent_name,
    agentRelation: row.agent_relation,
    agentPhone: row.agent_phone,
  };
}

export function categoryLabel(row: Pick<DisputeRow, 'category'>): string {
  return DISPUTE_CATEGORY_LABELS[row.category];
}

/** 当事人书面申请; for a handover also who sent it: 交办、委派、移送（青石派出所，2026-11-02）. */
export function sourceLabel(row: DisputeRow): string {
  const label = DISPUTE_SOURCE_LABELS[row.source];
  if (row.source === 'handover' && row.handover_kind)
    return `${HANDOVER_KIND_LABELS[row.handover_kind]}（${row.handover_from ?? ''}，${row.handover_on ?? ''}）`;
  return label;
}

export function amountLabel(row: Pick<DisputeRow, 'amount_fen'>): string {
  return row.amount_fen === null ? '' : `${fenToYuan(row.amount_fen)} 元`;
}

/** 张三与李四、某公司邻里纠纷: the 案由 on the case file's cover. */
export function caseTitle(row: DisputeRow, parties: readonly PartyRow[]): string {
  const names = (side: string) =>
    parties
      .filter((p) => p.side === side)
      .map((p) => p.name)
      .join('、');
  const respondents = names('respondent');
  return `${names('applicant')}${respondents ? `与${respondents}` : ''}${categoryLabel(row)}`;
}

/** A paper to issue: its type and the record it is drawn from. */
export interface Paper {
  definition: DocumentDefinition<never>;
  record: unknown;
}
export function paperOf<R>(definition: DocumentDefinition<R>, record: R): Paper {
  return { definition: definition as DocumentDefinition<never>, record };
}

type Registered = Pick<
  DisputeRow,
  | 'id'
  | 'committee_id'
  | 'source'
  | 'sweep_id'
  | 'handover_kind'
  | 'handover_from'
  | 'handover_on'
  | 'handover_reference'
  | 'category'
  | 'facts'
  | 'village_id'
  | 'place_detail'
  | 'amount_fen'
  | 'people_involved'
  | 'risky'
  | 'risk_note'
  | 'registered_on'
  | 'registered_by_name'
>;

/** 人民调解申请书 for an application, 纠纷登记表 for a dispute found or handed over. */
export async function registrationPaper(ctx: RequestContext, row: Registered, parties: readonly PartyRow[]) {
  const committee = await committeeLines(ctx.db, row.committee_id);
  const lines = parties.map(partyLines);
  if (row.source === 'oralApplication' || row.source === 'writtenApplication') {
    return paperOf<ApplicationRecord>(mediationApplication, {
      committee,
      source: row.source,
      applicants: lines.filter((p) => p.side === 'applicant'),
      respondents: lines.filter((p) => p.side === 'respondent'),
      category: categoryLabel(row),
      facts: row.facts,
      registeredOn: row.registered_on,
      registeredByName: row.registered_by_name,
    });
  }
  const [sweep, village] = await Promise.all([
    row.sweep_id
      ? ctx.db.selectFrom('mediation_sweeps').selectAll().where('id', '=', row.sweep_id).executeTakeFirst()
      : undefined,
    row.village_id
      ? ctx.db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst()
      : undefined,
  ]);
  return paperOf<RegistrationFormRecord>(mediationRegistrationForm, {
    committee,
    sourceLabel: DISPUTE_SOURCE_LABELS[row.source],
    sweep: sweep ? `${sweep.held_on} ${sweep.area}排查（排查人员：${sweep.team}）` : '',
    handover:
      row.handover_kind && row.handover_from && row.handover_on
        ? {
            kind: row.handover_kind,
            kindLabel: HANDOVER_KIND_LABELS[row.handover_kind],
            from: row.handover_from,
            on: row.handover_on,
            reference: row.handover_reference,
          }
        : null,
    parties: lines,
    category: categoryLabel(row),
    facts: row.facts,
    place: [village?.name ?? '', row.place_detail].filter(Boolean).join(' '),
    amount: amountLabel(row),
    peopleInvolved: row.people_involved,
    risky: row.risky === 1,
    riskNote: row.risk_note,
    registeredOn: row.registered_on,
    registeredByName: row.registered_by_name,
  });
}

/** Everything most papers need about a dispute: its committee and its parties. */
export async function paperBasics(ctx: RequestContext, row: DisputeRow) {
  const [committee, parties, mediators] = await Promise.all([
    committeeLines(ctx.db, row.committee_id),
    loadParties(ctx.db, row.id),
    loadAssignedMediators(ctx.db, row.id),
  ]);
  return {
    committee,
    parties: parties.map(partyLines),
    partyNames: parties.map((p) => p.name),
    mediatorNames: mediators.map((m) => m.name),
    category: categoryLabel(row),
  };
}

export async function rightsNoticePaper(ctx: RequestContext, row: DisputeRow, caseNumber: string, acceptedOn: string) {
  const { committee, partyNames, category } = await paperBasics(ctx, row);
  return paperOf<RightsNoticeRecord>(mediationRightsNotice, {
    committee,
    caseNumber,
    partyNames,
    category,
    acceptedOn,
  });
}

/**
 * The notice's sentence on where the dispute was sent (三调联动 移出): a court is one the parties
 * are guided to (they sue or the court takes it into 诉调对接), the others receive the dispute.
 */
export function referralSentence(referral: ReferralOutInput): string {
  if (referral.kind === 'court') return `本委员会已引导当事人向${referral.to}起诉或者通过诉调对接解决。`;
  const verb = referral.kind === 'township' ? '移交' : '移送';
  return `本委员会已将该纠纷${verb}${referral.to}处理。`;
}

export async function refusalNoticePaper(
  ctx: RequestContext,
  row: DisputeRow,
  reason: string,
  refusedOn: string,
  referral: ReferralOutInput | null,
) {
  const { committee, partyNames, category } = await paperBasics(ctx, row);
  return paperOf<RefusalNoticeRecord>(mediationRefusalNotice, {
    committee,
    partyNames,
    category,
    registeredOn: row.registered_on,
    reason,
    refusedOn,
    ...(referral && { referredTo: referralSentence(referral) }),
  });
}

export interface RecordPaperInput {
  kind: RecordKind;
  heldOn: string;
  place: string;
  mediatorNames: string[];
  attendees: string;
  subject: string;
  findings: string;
  statements: Array<{ partyId: string; statement: string }>;
  recorder: string;
  attachments: AttachmentLine[];
}

export async function recordPaper(ctx: RequestContext, row: DisputeRow, input: RecordPaperInput) {
  const { committee, parties } = await paperBasics(ctx, row);
  const caseNumber = row.case_number ?? '';
  if (input.kind === 'investigation') {
    return paperOf<InvestigationRecordPaper>(mediationInvestigationRecord, {
      committee,
      caseNumber,
      heldOn: input.heldOn,
      place: input.place,
      mediatorNames: input.mediatorNames,
      subject: input.subject,
      attendees: input.attendees,
      findings: input.findings,
      recorder: input.recorder,
      attachments: input.attachments,
    });
  }
  const partyIds = (await loadParties(ctx.db, row.id)).map((p) => p.id);
  const byId = new Map(partyIds.map((id, i) => [id, parties[i]!]));
  const statements = input.statements.map((s) => {
    const party = byId.get(s.partyId)!;
    return { label: party.label, name: party.name, statement: s.statement };
  });
  return paperOf<SessionRecordPaper>(mediationSessionRecord, {
    committee,
    caseNumber,
    heldOn: input.heldOn,
    place: input.place,
    mediatorNames: input.mediatorNames,
    attendees: input.attendees,
    statements,
    result: input.findings,
    recorder: input.recorder,
    signers: statements.map(({ label, name }) => ({ label, name })),
    attachments: input.attachments,
  });
}

export async function agreementPaper(
  ctx: RequestContext,
  row: DisputeRow,
  draft: NonNullable<DisputeRecord['agreement']>,
  agreedOn: string,
) {
  const { committee, parties, mediatorNames } = await paperBasics(ctx, row);
  return paperOf<AgreementPaper>(mediationAgreement, {
    committee,
    caseNumber: row.case_number ?? '',
    parties,
    facts: draft.facts || row.facts,
    disputedMatters: draft.disputedMatters,
    responsibilities: draft.responsibilities,
    terms: draft.terms,
    performanceManner: draft.performanceManner,
    performanceDueOn: draft.performanceDueOn ?? '',
    copies: parties.length + 1,
    mediatorNames,
    recorder: draft.recorder,
    agreedOn,
  });
}

export async function oralAgreementPaper(ctx: RequestContext, row: DisputeRow, content: string, agreedOn: string) {
  const { committee, parties, mediatorNames, category } = await paperBasics(ctx, row);
  return paperOf<OralAgreementPaper>(mediationOralAgreement, {
    committee,
    caseNumber: row.case_number ?? '',
    parties,
    category,
    content,
    agreedOn,
    mediatorNames,
  });
}

export async function terminationNoticePaper(
  ctx: RequestContext,
  row: DisputeRow,
  reason: string,
  on: string,
  referral: ReferralOutInput | null,
) {
  const { committee, partyNames, category } = await paperBasics(ctx, row);
  return paperOf<TerminationNoticeRecord>(mediationTerminationNotice, {
    committee,
    caseNumber: row.case_number ?? '',
    partyNames,
    category,
    acceptedOn: row.accepted_on ?? '',
    reason,
    terminatedOn: on,
    ...(referral && { referredTo: referralSentence(referral) }),
  });
}

export async function courtApplicationPaper(ctx: RequestContext, row: DisputeRow, court: string) {
  const { committee, parties } = await paperBasics(ctx, row);
  const calendar = await loadWorkingCalendar(ctx.db);
  const window = courtWindow(calendar, row.effective_on!, ctx.today);
  const draft = agreementOf(row);
  return paperOf<CourtApplicationPaper>(mediationCourtApplication, {
    committee,
    caseNumber: row.case_number ?? '',
    court,
    parties,
    agreedOn: row.outcome_on ?? '',
    effectiveOn: row.effective_on!,
    closesOn: window.closesOn,
    closesOnProvisional: calendar.isProvisional(window.closesOn),
    terms: draft?.terms ?? [],
  });
}

export function followUpLine(f: Selectable<Database['dispute_follow_ups']>): string {
  const performance = f.performance ? PERFORMANCE_LEVEL_LABELS[f.performance] : '';
  return `${f.done_on} ${f.by_name} 回访：${performance}${f.notes ? `；${f.notes}` : ''}`;
}

export function courtLine(row: DisputeRow): string {
  if (!row.effective_on) return '不适用';
  if (!row.court_applied_on) return '未申请';
  const decision = row.court_decision
    ? `，${row.court_decided_on ?? ''} ${COURT_DECISION_LABELS[row.court_decision]}`
    : '，待法院裁定';
  return `${row.court_applied_on} 向${row.court_name || '人民法院'}申请${decision}`;
}

export async function closingSheetPaper(
  ctx: RequestContext,
  row: DisputeRow,
  followUps: ReadonlyArray<Selectable<Database['dispute_follow_ups']>>,
  summary: string,
  closedOn: string,
  closedByName: string,
) {
  const { committee, partyNames, mediatorNames, category } = await paperBasics(ctx, row);
  return paperOf<ClosingSheetRecord>(mediationClosingSheet, {
    committee,
    caseNumber: row.case_number ?? '',
    category,
    partyNames,
    sourceLabel: sourceLabel(row),
    registeredOn: row.registered_on,
    acceptedOn: row.accepted_on ?? '',
    mediatorNames,
    outcome: row.outcome_kind ? OUTCOME_KIND_LABELS[row.outcome_kind] : '',
    outcomeOn: row.outcome_on ?? '',
    court: courtLine(row),
    followUps: followUps.filter((f) => f.done_on).map(followUpLine),
    summary,
    closedOn,
    closedByName,
  });
}
