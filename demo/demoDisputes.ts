// Mediation disputes for a demo township and for benchmarks: sweeps every week or two per
// committee, disputes from applications, sweeps and handovers, parties drawn from the resident
// registry (and a few companies), accepted and numbered per committee and year, mostly settled
// within the month, followed up and closed; the recent ones still open on `today`. Rows are
// written in bulk; the change log is not filled (generated history is not sent upward).
import { disputeKind, type DisputeFacts, type DisputeStep } from '../shared/mediation/disputeKind';
import type { DisputeStatus } from '../shared/mediation/disputes';
import { DeclaredPath } from './declaredPath';
import { addDays, yearOf } from '../shared/calendar/dates';
import { formatMediationCaseNumber, mediationNumberScope } from '../shared/mediation/caseNumbers';
import {
  type DisputeCategory,
  type DisputeSource,
  type HandoverKind,
  type PerformanceLevel,
} from '../shared/mediation/disputes';
import type { Db } from '../electron/backend/db/database';
import { partyNamesOf } from '../electron/backend/mediation/disputeRows';
import { BulkInserter } from './bulkInsert';
import { DemoIds, Rng, Weighted } from './random';

export interface DemoDisputesOptions {
  from: string;
  to: string;
  /** Disputes over the whole span. */
  count: number;
  /** The day statuses are decided against. */
  today: string;
  seed: number;
  onProgress?: (done: number) => void;
}

const SOURCES = new Weighted<DisputeSource>([
  ['oralApplication', 45],
  ['writtenApplication', 10],
  ['sweep', 30],
  ['handover', 15],
]);
const HANDOVERS = new Weighted<readonly [HandoverKind, string]>([
  [['township', '镇综治中心'], 40],
  [['court', '县人民法院'], 20],
  [['police', '镇派出所'], 25],
  [['petition', '镇信访办'], 15],
]);
const CATEGORIES = new Weighted<DisputeCategory>([
  ['neighbour', 25],
  ['marriage', 18],
  ['housing', 12],
  ['landContract', 6],
  ['landTransfer', 3],
  ['forestRights', 1],
  ['damages', 8],
  ['contract', 6],
  ['business', 3],
  ['labour', 6],
  ['traffic', 4],
  ['medical', 1],
  ['property', 2],
  ['expropriation', 1],
  ['consumer', 1],
  ['environment', 1],
  ['waterConservancy', 1],
  ['subsidy', 1],
  ['other', 2],
]);
const FACTS: Partial<Record<DisputeCategory, string>> = {
  neighbour: '双方因宅前通道及排水问题发生争执，多次口角。',
  marriage: '夫妻因家庭琐事及子女抚养问题长期不和，一方要求离婚。',
  housing: '双方对宅基地界址存在争议，一方翻建房屋时越界。',
  damages: '一方饲养的家畜损毁另一方庄稼，双方就赔偿数额协商未果。',
  labour: '务工人员追讨拖欠工资，包工方以工程款未结为由拒付。',
  traffic: '两车在村道发生剐蹭，双方对责任划分和维修费用有争议。',
  contract: '双方就农产品购销合同货款结算发生争议。',
};
const COMPANIES = [
  '青石镇宏达建筑有限公司',
  '东岗农业专业合作社',
  '青石物业服务有限公司',
  '顺达运输有限公司',
  '金穗农资经营部',
];
const PERFORMANCE = new Weighted<PerformanceLevel>([
  ['full', 90],
  ['partial', 8],
  ['none', 2],
]);

const DISPUTE_COLUMNS = [
  'id',
  'request_key',
  'committee_id',
  'case_year',
  'case_sequence',
  'case_number',
  'status',
  'source',
  'sweep_id',
  'handover_kind',
  'handover_from',
  'handover_on',
  'category',
  'facts',
  'village_id',
  'amount_fen',
  'people_involved',
  'risky',
  'party_names',
  'registered_on',
  'registered_by_name',
  'accepted_on',
  'refused_on',
  'refusal_reason',
  'outcome_kind',
  'outcome_on',
  'outcome_text',
  'agreement_copies',
  'effective_on',
  'court_applied_on',
  'court_name',
  'court_decision',
  'court_decided_on',
  'closed_on',
  'closing_summary',
  'closed_by_name',
  'last_step_on',
  'created_at',
  'updated_at',
] as const;
const PARTY_COLUMNS = [
  'id',
  'dispute_id',
  'position',
  'side',
  'kind',
  'resident_id',
  'name',
  'sex',
  'ethnicity',
  'birth_date',
  'id_number',
  'address',
  'phone',
  'legal_representative',
] as const;
const SWEEP_COLUMNS = ['id', 'committee_id', 'held_on', 'area', 'team', 'created_at', 'updated_at'] as const;
const MEDIATOR_COLUMNS = ['dispute_id', 'mediator_id', 'lead', 'assigned_on'] as const;
const FOLLOW_UP_COLUMNS = [
  'id',
  'dispute_id',
  'done_on',
  'by_name',
  'performance',
  'notes',
  'created_at',
  'updated_at',
] as const;

const BATCH = 5000;

export async function seedDemoDisputes(
  db: Db,
  options: DemoDisputesOptions,
): Promise<{ disputes: number; sweeps: number }> {
  const rng = new Rng(options.seed ^ 0x5bd1e995);
  const ids = new DemoIds(Date.parse(`${options.from}T00:00:00Z`), new Rng(options.seed ^ 0x1b873593));
  const committees = await db
    .selectFrom('mediation_committees')
    .select(['id', 'name', 'kind', 'village_id', 'case_prefix'])
    .where('active', '=', 1)
    .execute();
  const residents = await db
    .selectFrom('residents')
    .select(['id', 'name', 'sex', 'ethnicity', 'birth_date', 'id_number', 'address', 'phone', 'village_id'])
    .where('voided_at', 'is', null)
    .where('id_type', '=', 'residentId')
    .execute();
  const villages = (await db.selectFrom('villages').select('id').execute()).map((v) => v.id);
  if (committees.length === 0 || residents.length === 0) throw new Error('生成纠纷需要调委会和居民');
  const members = await db
    .selectFrom('committee_mediators as cm')
    .innerJoin('mediators as m', 'm.id', 'cm.mediator_id')
    .select(['cm.committee_id', 'm.id', 'm.name'])
    .execute();
  const mediatorsOf = new Map(committees.map((c) => [c.id, members.filter((m) => m.committee_id === c.id)]));
  const committeeWeights = new Weighted(committees.map((c) => [c, c.kind === 'township' ? 4 : 2] as const));

  // Numbers carry on from any the database already gave.
  const numbers = new Map<string, number>();
  for (const counter of await db
    .selectFrom('number_counters')
    .selectAll()
    .where('scope', 'like', 'mediation-case:%')
    .execute())
    numbers.set(counter.scope, counter.last_value);

  const inserters = {
    disputes: new BulkInserter('disputes', DISPUTE_COLUMNS),
    parties: new BulkInserter('dispute_parties', PARTY_COLUMNS),
    sweeps: new BulkInserter('mediation_sweeps', SWEEP_COLUMNS),
    mediators: new BulkInserter('dispute_mediators', MEDIATOR_COLUMNS),
    followUps: new BulkInserter('dispute_follow_ups', FOLLOW_UP_COLUMNS),
  };
  let pending = {
    disputes: [] as unknown[][],
    parties: [] as unknown[][],
    sweeps: [] as unknown[][],
    mediators: [] as unknown[][],
    followUps: [] as unknown[][],
  };
  let written = 0;
  let sweepsWritten = 0;
  const flush = async () => {
    const rows = pending;
    pending = { disputes: [], parties: [], sweeps: [], mediators: [], followUps: [] };
    await db.transaction().execute(async (tx) => {
      await inserters.sweeps.insert(tx, rows.sweeps);
      await inserters.disputes.insert(tx, rows.disputes);
      await inserters.parties.insert(tx, rows.parties);
      await inserters.mediators.insert(tx, rows.mediators);
      await inserters.followUps.insert(tx, rows.followUps);
    });
    written += rows.disputes.length;
    sweepsWritten += rows.sweeps.length;
    options.onProgress?.(written);
  };

  const at = (day: string) => `${day}T02:00:00.000Z`;
  const lastSweep = new Map<string, { id: string; on: string }>();
  const sweepFor = (committeeId: string, day: string): string => {
    const last = lastSweep.get(committeeId);
    if (last && last.on >= addDays(day, -14)) return last.id;
    const id = ids.next();
    pending.sweeps.push([id, committeeId, day, '辖区各村民小组', '调委会委员及网格员', at(day), at(day)]);
    lastSweep.set(committeeId, { id, on: day });
    return id;
  };

  const days: string[] = [];
  for (let day = options.from; day <= options.to; day = addDays(day, 1)) days.push(day);
  const perDay = options.count / days.length;
  let carry = 0;
  for (const day of days) {
    carry += perDay;
    const today = Math.floor(carry);
    carry -= today;
    for (let n = 0; n < today; n++) {
      const committee = committeeWeights.pick(rng);
      const id = ids.next();
      const source = SOURCES.pick(rng);
      const category = CATEGORIES.pick(rng);
      const handover = source === 'handover' ? HANDOVERS.pick(rng) : null;
      const village = committee.village_id ?? rng.pick(villages);
      // Parties: mostly two, now and then three or four; a company on the respondent side at times.
      const partyCount = new Weighted<number>([
        [2, 70],
        [3, 22],
        [4, 8],
      ]).pick(rng);
      const parties: Array<{ side: 'applicant' | 'respondent'; name: string }> = [];
      for (let p = 0; p < partyCount; p++) {
        const side = p === 0 || (p === 2 && rng.chance(0.5)) ? 'applicant' : 'respondent';
        const partyId = ids.next();
        if (side === 'respondent' && rng.chance(0.12)) {
          const name = rng.pick(COMPANIES);
          pending.parties.push([
            partyId,
            id,
            0,
            side,
            'organisation',
            null,
            name,
            null,
            '',
            null,
            '',
            '青石镇',
            '',
            '法定代表人',
          ]);
          parties.push({ side, name });
        } else {
          const r = rng.pick(residents);
          pending.parties.push([
            partyId,
            id,
            0,
            side,
            'person',
            r.id,
            r.name,
            r.sex,
            r.ethnicity,
            r.birth_date,
            r.id_number,
            r.address,
            r.phone,
            '',
          ]);
          parties.push({ side, name: r.name });
        }
      }
      // Applicants first: positions follow the papers' 甲方, 乙方 …
      const added = pending.parties.slice(-partyCount);
      added.sort((a, b) => (a[3] === b[3] ? 0 : a[3] === 'applicant' ? -1 : 1));
      added.forEach((row, position) => (row[2] = position));
      pending.parties.splice(-partyCount, partyCount, ...added);

      const row: Record<(typeof DISPUTE_COLUMNS)[number], unknown> = Object.fromEntries(
        DISPUTE_COLUMNS.map((c) => [c, null]),
      ) as never;
      Object.assign(row, {
        id,
        request_key: id,
        committee_id: committee.id,
        status: 'registered',
        source,
        sweep_id: source === 'sweep' ? sweepFor(committee.id, day) : null,
        handover_kind: handover?.[0] ?? null,
        handover_from: handover?.[1] ?? null,
        handover_on: handover ? day : null,
        category,
        facts: FACTS[category] ?? '双方就相关权益发生争议，经协商未能解决，请求调解。',
        village_id: village,
        amount_fen: ['damages', 'labour', 'traffic', 'contract'].includes(category) ? rng.int(500, 80_000) * 100 : null,
        people_involved: partyCount + rng.int(0, 4),
        risky: rng.chance(0.06) ? 1 : 0,
        party_names: partyNamesOf(parties),
        registered_on: day,
        registered_by_name: '调解员',
        court_name: '',
        last_step_on: day,
        created_at: at(day),
        updated_at: at(day),
      });
      const path = new DeclaredPath(disputeKind, 'registered');
      const decideOn = addDays(day, rng.int(0, 2));
      if (decideOn <= options.today) {
        if (rng.chance(0.03)) {
          Object.assign(row, {
            status: path.take('refuse', 'refused'),
            refused_on: decideOn,
            refusal_reason: '该纠纷已由人民法院立案受理',
            last_step_on: decideOn,
          });
        } else {
          const scope = mediationNumberScope(committee.id, yearOf(decideOn));
          const sequence = (numbers.get(scope) ?? 0) + 1;
          numbers.set(scope, sequence);
          Object.assign(row, {
            status: path.take('accept', 'accepted'),
            accepted_on: decideOn,
            case_year: yearOf(decideOn),
            case_sequence: sequence,
            case_number: formatMediationCaseNumber(yearOf(decideOn), committee.case_prefix, sequence),
            last_step_on: decideOn,
          });
          const team = mediatorsOf.get(committee.id) ?? [];
          const chosen = team.length > 0 ? [rng.pick(team)] : [];
          if (team.length > 1 && rng.chance(0.4)) {
            const second = rng.pick(team);
            if (second.id !== chosen[0]!.id) chosen.push(second);
          }
          chosen.forEach((m, i) => pending.mediators.push([id, m.id, i === 0 ? 1 : 0, decideOn]));
          conclude(row, path, decideOn, chosen.map((m) => m.name)[0] ?? '调解员');
        }
      }
      pending.disputes.push(DISPUTE_COLUMNS.map((c) => row[c]));
      if (pending.disputes.length >= BATCH) await flush();
    }
  }

  function conclude(
    row: Record<string, unknown>,
    path: DeclaredPath<DisputeStatus, DisputeStep, DisputeFacts>,
    acceptedOn: string,
    mediatorName: string,
  ) {
    // Most within the month (一般在一个月内调结), a few after it.
    const outcomeOn = addDays(acceptedOn, rng.chance(0.92) ? rng.int(1, 28) : rng.int(29, 50));
    if (outcomeOn > options.today) return;
    if (rng.chance(0.04)) {
      Object.assign(row, {
        status: path.take('terminate', 'terminated'),
        outcome_kind: 'terminated',
        outcome_on: outcomeOn,
        outcome_text: '一方当事人明确拒绝继续调解',
        last_step_on: outcomeOn,
      });
      const closedOn = addDays(outcomeOn, rng.int(1, 5));
      if (closedOn <= options.today)
        Object.assign(row, {
          status: path.take('close', 'closed'),
          closed_on: closedOn,
          closing_summary: '调解不成，已告知当事人其他解决途径',
          closed_by_name: mediatorName,
          last_step_on: closedOn,
        });
      return;
    }
    const written = rng.chance(0.7);
    Object.assign(row, {
      status: path.take(written ? 'issueAgreement' : 'oral', 'settled'),
      outcome_kind: written ? 'written' : 'oral',
      outcome_on: outcomeOn,
      outcome_text: written ? '双方达成书面调解协议' : '双方达成口头协议，当场履行',
      agreement_copies: written ? 3 : null,
      effective_on: written ? outcomeOn : null,
      last_step_on: outcomeOn,
    });
    let last = outcomeOn;
    if (written && rng.chance(0.1)) {
      const appliedOn = addDays(outcomeOn, rng.int(1, 25));
      if (appliedOn <= options.today) {
        Object.assign(row, { court_applied_on: appliedOn, court_name: '县人民法院' });
        const decidedOn = addDays(appliedOn, rng.int(5, 15));
        if (decidedOn <= options.today) {
          Object.assign(row, {
            court_decision: rng.chance(0.95) ? 'confirmed' : 'rejected',
            court_decided_on: decidedOn,
          });
          last = decidedOn;
        } else return;
      }
    }
    const visitOn = addDays(outcomeOn, rng.int(10, 20));
    if (visitOn > options.today) return;
    const performance = PERFORMANCE.pick(rng);
    pending.followUps.push([ids.next(), row.id, visitOn, mediatorName, performance, '', at(visitOn), at(visitOn)]);
    last = visitOn > last ? visitOn : last;
    const closedOn = addDays(last, rng.int(1, 5));
    if (closedOn <= options.today)
      Object.assign(row, {
        status: path.take('close', 'closed'),
        closed_on: closedOn,
        closing_summary: '协议已履行，回访无异议',
        closed_by_name: mediatorName,
        last_step_on: closedOn,
      });
  }

  if (pending.disputes.length > 0 || pending.sweeps.length > 0) await flush();
  await db.transaction().execute(async (tx) => {
    for (const [scope, value] of numbers)
      await tx
        .insertInto('number_counters')
        .values({ scope, last_value: value })
        .onConflict((oc) => oc.column('scope').doUpdateSet({ last_value: value }))
        .execute();
  });
  return { disputes: written, sweeps: sweepsWritten };
}
