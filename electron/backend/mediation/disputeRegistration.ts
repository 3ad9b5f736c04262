// Registering a dispute and editing what was registered: the committee, where it came from,
// what it is about and the parties (checked ID numbers, applicants first).
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { accessRefusal } from '../../../shared/workflow/kind';
import { z } from 'zod';
import type { DisputeCommandResult } from '../../../shared/mediation/disputesApi';
import { registerDisputeInput, updateDisputeInput, type PartyInput } from '../../../shared/mediation/disputesApi';
import { yuanToFen } from '../../../shared/mediation/disputes';
import { checkIdNumber } from '../../../shared/residents/idTypes';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import { uuidv7 } from '../db/uuidv7';
import { createRecord } from '../workflow/runStep';
import { disputeBinding, runDisputeStep } from './disputeBinding';
import { loadDisputeRecord, loadParties, partyNamesOf, type PartyRow } from './disputeRows';
import { registrationPaper } from './disputePapers';
import { afterTodayProblem } from '../../../shared/validation/dates';

type RegisterInput = z.output<typeof registerDisputeInput>;
type UpdateInput = z.output<typeof updateDisputeInput>;
type ParsedParty = z.output<typeof registerDisputeInput>['parties'][number];
type DisputeFields = Omit<RegisterInput, 'requestId' | 'committeeId' | 'registeredOn'>;

/** Checks every party's ID numbers (GB 11643 checksum) and answers them normalised. */
function checkedParties(parties: readonly ParsedParty[], today: string, stored: ReadonlyMap<string, PartyRow>) {
  const errors: Record<string, string> = {};
  const checked = parties.map((party, i) => {
    const check = (raw: string, field: string, label: string, kept: string) => {
      if (!raw) return kept;
      const result = checkIdNumber('residentId', raw, today);
      if (!result.ok) {
        errors[`parties.${i}.${field}`] = `当事人“${party.name}”的${label}：${result.message}`;
        return raw;
      }
      return result.normalized;
    };
    const before = party.id ? stored.get(party.id) : undefined;
    if (party.id && !before) errors[`parties.${i}.id`] = `当事人“${party.name}”不属于这件纠纷`;
    const bornLate = party.birthDate ? afterTodayProblem('出生日期', party.birthDate, today) : null;
    if (party.kind === 'person' && bornLate) errors[`parties.${i}.birthDate`] = `当事人“${party.name}”的${bornLate}`;
    if (party.kind === 'organisation' && party.idNumber)
      errors[`parties.${i}.idNumber`] = `当事人“${party.name}”是组织，不填身份证号码（填写法定代表人）`;
    return {
      ...party,
      idNumber: check(party.idNumber, 'idNumber', '身份证号码', before?.id_number ?? ''),
      agentIdNumber: check(party.agentIdNumber, 'agentIdNumber', '代理人身份证号码', before?.agent_id_number ?? ''),
    };
  });
  if (Object.keys(errors).length > 0) failFields(errors);
  // Applicants first, each side in the order given: 甲方, 乙方 … follow this order.
  return [...checked.filter((p) => p.side === 'applicant'), ...checked.filter((p) => p.side === 'respondent')];
}

async function assertReferences(ctx: RequestContext, committeeId: string, fields: DisputeFields) {
  if (fields.sweepId) {
    const sweep = await ctx.db
      .selectFrom('mediation_sweeps')
      .select('committee_id')
      .where('id', '=', fields.sweepId)
      .executeTakeFirst();
    if (!sweep) failFields({ sweepId: '排查：没有这次排查' });
    if (sweep.committee_id !== committeeId) failFields({ sweepId: '排查：这次排查不是本调委会组织的' });
  }
  if (fields.villageId) {
    const village = await ctx.db
      .selectFrom('villages')
      .select('id')
      .where('id', '=', fields.villageId)
      .executeTakeFirst();
    if (!village) failFields({ villageId: '发生地村（社区）：没有这个村（社区）' });
  }
  const residentIds = fields.parties.map((p) => p.residentId).filter((id): id is string => !!id);
  if (residentIds.length > 0) {
    const known = await ctx.db.selectFrom('residents').select('id').where('id', 'in', residentIds).execute();
    const knownIds = new Set(known.map((r) => r.id));
    fields.parties.forEach((p, i) => {
      if (p.residentId && !knownIds.has(p.residentId))
        failFields({ [`parties.${i}.residentId`]: `当事人“${p.name}”：居民库中没有这个人` });
    });
  }
}

function disputeColumns(fields: DisputeFields, parties: ReadonlyArray<Pick<PartyInput, 'side' | 'name'>>) {
  return {
    source: fields.source,
    sweep_id: fields.sweepId ?? null,
    handover_kind: fields.handover?.kind ?? null,
    handover_from: fields.handover?.from ?? null,
    handover_on: fields.handover?.on ?? null,
    handover_reference: fields.handover?.reference ?? '',
    category: fields.category,
    facts: fields.facts,
    village_id: fields.villageId ?? null,
    place_detail: fields.placeDetail,
    amount_fen: fields.amountYuan === null || fields.amountYuan === undefined ? null : yuanToFen(fields.amountYuan),
    people_involved: fields.peopleInvolved,
    risky: fields.risky ? 1 : 0,
    risk_note: fields.riskNote,
    party_names: partyNamesOf(parties),
  };
}

function partyColumns(party: ReturnType<typeof checkedParties>[number], position: number) {
  return {
    position,
    side: party.side,
    kind: party.kind,
    resident_id: party.residentId ?? null,
    name: party.name,
    sex: party.kind === 'person' ? (party.sex ?? null) : null,
    ethnicity: party.ethnicity,
    birth_date: party.kind === 'person' ? (party.birthDate ?? null) : null,
    occupation: party.occupation,
    id_number: party.idNumber,
    address: party.address,
    phone: party.phone,
    legal_representative: party.legalRepresentative,
    legal_representative_title: party.legalRepresentativeTitle,
    agent_name: party.agentName,
    agent_relation: party.agentRelation,
    agent_phone: party.agentPhone,
    agent_id_number: party.agentIdNumber,
  };
}

/** What the change log keeps of the parties: who they are, ID numbers only as “changed”. */
function loggedParties(parties: ReturnType<typeof checkedParties>) {
  return parties.map((p) => ({ side: p.side, kind: p.kind, name: p.name, residentId: p.residentId ?? null }));
}

function sqliteUnique(error: unknown, column: string): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message) && error.message.includes(column);
}

async function existing(ctx: RequestContext, requestKey: string): Promise<DisputeCommandResult | null> {
  const row = await ctx.db.selectFrom('disputes').selectAll().where('request_key', '=', requestKey).executeTakeFirst();
  return row ? { dispute: await loadDisputeRecord(ctx.db, row, ctx.today), document: null } : null;
}

export async function registerDispute(input: RegisterInput, ctx: RequestContext): Promise<DisputeCommandResult> {
  const user = ctx.requireUser();
  const again = await existing(ctx, input.requestId);
  if (again) return again;
  const registeredOn = input.registeredOn ?? ctx.today;
  const future = afterTodayProblem('登记日期', registeredOn, ctx.today);
  if (future) failFields({ registeredOn: future });
  if (input.handover && input.handover.on > registeredOn)
    failFields({ 'handover.on': `移送日期：不能晚于登记日期（${registeredOn}）` });
  const committee = await ctx.db
    .selectFrom('mediation_committees')
    .select(['id', 'active'])
    .where('id', '=', input.committeeId)
    .executeTakeFirst();
  if (!committee) failFields({ committeeId: '调委会：没有这个调委会' });
  if (committee.active !== 1) failFields({ committeeId: '调委会：该调委会已撤销，不能再登记纠纷' });
  const outOfScope = accessRefusal(disputeKind, user, { committeeId: input.committeeId }, '登记');
  if (outOfScope) failFields({ committeeId: `调委会：${outOfScope}` });
  await assertReferences(ctx, input.committeeId, input);
  const parties = checkedParties(input.parties, ctx.today, new Map());
  const id = uuidv7();
  const partyRows: PartyRow[] = parties.map((party, position) => ({
    id: uuidv7(),
    dispute_id: id,
    ...partyColumns(party, position),
  }));
  const columns = {
    ...disputeColumns(input, parties),
    committee_id: input.committeeId,
    status: 'registered' as const,
    registered_on: registeredOn,
    registered_by_name: user.displayName,
    last_step_on: registeredOn,
  };
  try {
    const { record, document } = await createRecord(ctx, disputeBinding, {
      id,
      op: 'register',
      values: { id, request_key: input.requestId, ...columns, court_name: '', created_at: ctx.now.toISOString() },
      summary: `登记纠纷（${parties.length} 名当事人）`,
      data: { ...columns, parties: loggedParties(parties) },
      document: await registrationPaper(ctx, { ...columns, id }, partyRows),
      write: (tx) =>
        tx
          .insertInto('dispute_parties')
          .values(partyRows)
          .execute()
          .then(() => undefined),
    });
    return { dispute: record, document };
  } catch (error) {
    // Two submits of one request raced: the first registered it, the second answers with it.
    if (sqliteUnique(error, 'disputes.request_key')) {
      const raced = await existing(ctx, input.requestId);
      if (raced) return raced;
    }
    throw error;
  }
}

export function updateDispute(input: UpdateInput, ctx: RequestContext): Promise<DisputeCommandResult> {
  return runDisputeStep(ctx, input, 'update', async ({ row }) => {
    await assertReferences(ctx, row.committee_id, input);
    if (input.handover && input.handover.on > row.registered_on)
      failFields({ 'handover.on': `移送日期：不能晚于登记日期（${row.registered_on}）` });
    const stored = new Map((await loadParties(ctx.db, row.id)).map((p) => [p.id, p]));
    const parties = checkedParties(input.parties, ctx.today, stored);
    const keptIds = new Set(parties.map((p) => p.id).filter(Boolean));
    const removed = [...stored.values()].filter((p) => !keptIds.has(p.id));
    if (removed.length > 0) {
      const referenced = await ctx.db
        .selectFrom('dispute_recusals')
        .select('party_name')
        .where(
          'party_id',
          'in',
          removed.map((p) => p.id),
        )
        .executeTakeFirst();
      if (referenced) fail('CONFLICT', `当事人“${referenced.party_name}”申请过回避，不能从纠纷中删除`);
    }
    const columns = disputeColumns(input, parties);
    return {
      set: columns,
      summary: '修改纠纷登记内容',
      data: { ...columns, parties: loggedParties(parties) },
      write: async (tx) => {
        for (const party of removed) await tx.deleteFrom('dispute_parties').where('id', '=', party.id).execute();
        for (const [position, party] of parties.entries()) {
          const values = partyColumns(party, position);
          if (party.id) await tx.updateTable('dispute_parties').set(values).where('id', '=', party.id).execute();
          else
            await tx
              .insertInto('dispute_parties')
              .values({ id: uuidv7(), dispute_id: row.id, ...values })
              .execute();
        }
      },
    };
  });
}
