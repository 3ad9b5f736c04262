// The handlers of the dispute register: lists and the whole dispute here, each step in its own
// module (registration, acceptance, records, outcome, closing, case file), sweeps below.
import { sql, type ExpressionBuilder } from 'kysely';
import { addDays } from '../../../shared/calendar/dates';
import {
  COURT_CONFIRMATION_DAYS,
  COURT_REMINDER_DAY,
  mediationDueDate,
  NORM_WARNING_DAYS,
} from '../../../shared/mediation/disputes';
import { DISPUTE_LIST_LIMIT, type SweepRecord } from '../../../shared/mediation/disputesApi';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { entityHistory } from '../audit/entityHistory';
import { issuedDocumentsOf } from '../documents/archive';
import { acceptDispute, assignMediators, recordRecusal, refuseDispute } from './disputeAcceptance';
import { caseFile } from './disputeCaseFile';
import { annotate, closeDispute, loadFollowUps, saveFollowUp } from './disputeClosing';
import {
  courtApplicationForm,
  issueAgreement,
  recordCourtConfirmation,
  recordOralAgreement,
  saveAgreementDraft,
  terminate,
} from './disputeOutcome';
import {
  addAttachment,
  addRecord,
  attachmentFile,
  loadAttachments,
  loadRecordEntries,
  toAttachmentRecord,
} from './disputeRecords';
import { registerDispute, updateDispute } from './disputeRegistration';
import { disputeTable } from './disputeTable';
import { readableCondition } from '../workflow/recordTables';
import { DISPUTE_ENTITY, findDisputeRow, loadDisputeRecord, toDisputeSummary } from './disputeRows';

type DisputeEb = ExpressionBuilder<Database & { d: Database['disputes'] }, 'd'>;

/** The earliest acceptance date whose one-month norm ends on or after `day`. */
function acceptedFromForDue(day: string): string {
  let accepted = addDays(day, -35);
  while (mediationDueDate(accepted) < day) accepted = addDays(accepted, 1);
  return accepted;
}

/** Disputes being mediated whose norm shows `colour` today, as a condition on acceptance dates. */
function colourCondition(eb: DisputeEb, colour: 'green' | 'yellow' | 'red', today: string) {
  const notRed = acceptedFromForDue(today);
  const green = acceptedFromForDue(addDays(today, NORM_WARNING_DAYS + 1));
  const mediating = eb('d.status', '=', 'accepted');
  if (colour === 'red') return eb.and([mediating, eb('d.accepted_on', '<', notRed)]);
  if (colour === 'yellow')
    return eb.and([mediating, eb('d.accepted_on', '>=', notRed), eb('d.accepted_on', '<', green)]);
  return eb.and([mediating, eb('d.accepted_on', '>=', green)]);
}

/** Needs a look today: past or near the month, the court window at day 20, a visit due. */
function attentionCondition(eb: DisputeEb, today: string) {
  return eb.or([
    colourCondition(eb, 'red', today),
    colourCondition(eb, 'yellow', today),
    eb.and([
      eb('d.status', '=', 'settled'),
      eb('d.court_applied_on', 'is', null),
      eb('d.effective_on', '<=', addDays(today, -COURT_REMINDER_DAY)),
      eb('d.effective_on', '>=', addDays(today, -COURT_CONFIRMATION_DAYS)),
    ]),
    eb.and([
      eb('d.status', '=', 'settled'),
      eb.exists(
        eb
          .selectFrom('dispute_follow_ups as f')
          .select('f.id')
          .whereRef('f.dispute_id', '=', 'd.id')
          .where('f.done_on', 'is', null)
          .where('f.planned_on', '<=', today),
      ),
    ]),
  ]);
}

/** `（2026）青调字第12号`, `青调字第12号`, `12`: the sequence (and the whole number when given). */
function caseNumberQuery(query: string): { sequence: number; full: string | null } | null {
  const digits = /^\d{1,6}$/.exec(query);
  if (digits) return { sequence: Number(query), full: null };
  const number = /字第(\d+)号?$/.exec(query);
  return number ? { sequence: Number(number[1]), full: query.startsWith('（') ? query : null } : null;
}

async function sweepRecords(db: Db | Tx, filter: { ids?: string[]; committeeId?: string; from?: string; to?: string }) {
  let query = db
    .selectFrom('mediation_sweeps as s')
    .innerJoin('mediation_committees as c', 'c.id', 's.committee_id')
    .selectAll('s')
    .select((eb) => [
      'c.name as committee_name',
      eb
        .selectFrom('disputes as d')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('d.sweep_id', '=', 's.id')
        .as('disputes_found'),
    ])
    .orderBy('s.held_on', 'desc')
    .orderBy('s.created_at', 'desc');
  if (filter.ids) query = query.where('s.id', 'in', filter.ids);
  if (filter.committeeId) query = query.where('s.committee_id', '=', filter.committeeId);
  if (filter.from) query = query.where('s.held_on', '>=', filter.from);
  if (filter.to) query = query.where('s.held_on', '<=', filter.to);
  return (await query.limit(500).execute()).map((row): SweepRecord => ({
    id: row.id,
    committeeId: row.committee_id,
    committeeName: row.committee_name,
    heldOn: row.held_on,
    area: row.area,
    team: row.team,
    note: row.note,
    disputesFound: Number(row.disputes_found ?? 0),
    version: row.version,
  }));
}

export const disputesHandlers: HandlersFor<
  | 'mediation.sweeps'
  | 'mediation.saveSweep'
  | 'mediation.registerDispute'
  | 'mediation.updateDispute'
  | 'mediation.disputes'
  | 'mediation.dispute'
  | 'mediation.acceptDispute'
  | 'mediation.refuseDispute'
  | 'mediation.assignMediators'
  | 'mediation.recordRecusal'
  | 'mediation.addRecord'
  | 'mediation.addAttachment'
  | 'mediation.attachmentFile'
  | 'mediation.saveAgreementDraft'
  | 'mediation.issueAgreement'
  | 'mediation.recordOralAgreement'
  | 'mediation.terminate'
  | 'mediation.courtApplicationForm'
  | 'mediation.recordCourtConfirmation'
  | 'mediation.saveFollowUp'
  | 'mediation.closeDispute'
  | 'mediation.annotate'
  | 'mediation.caseFile'
> = {
  async 'mediation.sweeps'(input, ctx) {
    return { sweeps: await sweepRecords(ctx.db, input) };
  },

  async 'mediation.saveSweep'(input, ctx) {
    if (input.heldOn > ctx.today) failFields({ heldOn: `排查日期：不能晚于今天（${ctx.today}）` });
    const committee = await ctx.db
      .selectFrom('mediation_committees')
      .select(['active'])
      .where('id', '=', input.committeeId)
      .executeTakeFirst();
    if (!committee) failFields({ committeeId: '调委会：没有这个调委会' });
    if (committee.active !== 1) failFields({ committeeId: '调委会：该调委会已撤销' });
    const id = await ctx.write(async (scope) => {
      const columns = {
        committee_id: input.committeeId,
        held_on: input.heldOn,
        area: input.area,
        team: input.team,
        note: input.note,
        updated_at: scope.at,
      };
      if (input.id) {
        const row = await scope.tx
          .selectFrom('mediation_sweeps')
          .select('id')
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!row) fail('NOT_FOUND', '没有这次排查');
        if (input.version === undefined) failFields({ version: '修改排查须带上版本' });
        await scope.update(
          'mediation_sweeps',
          { id: input.id, version: input.version },
          columns,
          { entity: 'mediationSweep', id: input.id, op: 'update', data: columns },
          '这次排查刚被别人修改过，请刷新后再改',
        );
        return input.id;
      }
      const newId = uuidv7();
      await scope.insert(
        'mediation_sweeps',
        { id: newId, ...columns, created_at: scope.at, version: 1 },
        { entity: 'mediationSweep', id: newId, op: 'create', data: columns },
      );
      return newId;
    });
    return (await sweepRecords(ctx.db, { ids: [id] }))[0]!;
  },

  'mediation.registerDispute': registerDispute,
  'mediation.updateDispute': updateDispute,

  async 'mediation.disputes'(input, ctx) {
    const limit = input.limit ?? DISPUTE_LIST_LIMIT;
    let query = ctx.db
      .selectFrom('disputes as d')
      .innerJoin('mediation_committees as c', 'c.id', 'd.committee_id')
      .select([
        'd.id',
        'd.committee_id',
        'd.case_number',
        'd.status',
        'd.category',
        'd.source',
        'd.party_names',
        'd.registered_on',
        'd.accepted_on',
        'd.risky',
        'c.name as committee_name',
      ])
      .select((eb) =>
        eb
          .selectFrom('dispute_mediators as dm')
          .innerJoin('mediators as m', 'm.id', 'dm.mediator_id')
          .select(sql<string>`group_concat(m.name, '、')`.as('names'))
          .whereRef('dm.dispute_id', '=', 'd.id')
          .as('mediator_names'),
      );
    // A mediator reads the disputes of the committees they serve on; the declaration says so.
    query = query.where(readableCondition(disputeTable, ctx.requireUser(), 'd'));
    const text = input.query.trim();
    if (text) {
      const number = caseNumberQuery(text);
      if (number) {
        query = query.where('d.case_sequence', '=', number.sequence);
        if (number.full) query = query.where('d.case_number', '=', number.full);
      } else {
        // Party names by prefix through their index (a name typed in full is its own prefix).
        query = query.where('d.id', 'in', (eb) =>
          eb
            .selectFrom('dispute_parties')
            .select('dispute_id')
            .where('name', '>=', text)
            .where('name', '<', `${text}\u{10FFFF}`),
        );
      }
    }
    if (input.committeeId) query = query.where('d.committee_id', '=', input.committeeId);
    if (input.status) query = query.where('d.status', '=', input.status);
    if (input.colour) query = query.where((eb) => colourCondition(eb as DisputeEb, input.colour!, ctx.today));
    if (input.attention) query = query.where((eb) => attentionCondition(eb as DisputeEb, ctx.today));
    if (input.cursor) {
      const [registeredOn, id] = input.cursor.split('|');
      if (!registeredOn || !id) failFields({ cursor: '翻页：无效的位置' });
      query = query.where((eb) =>
        eb.or([
          eb('d.registered_on', '<', registeredOn),
          eb.and([eb('d.registered_on', '=', registeredOn), eb('d.id', '<', id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('d.registered_on', 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      disputes: page.map((row) => toDisputeSummary(row, ctx.today)),
      nextCursor: rows.length > limit && last ? `${last.registered_on}|${last.id}` : null,
    };
  },

  async 'mediation.dispute'(input, ctx) {
    const row = await findDisputeRow(ctx.db, input.id);
    if (!row) fail('NOT_FOUND', '没有这件纠纷');
    const [dispute, records, attachments, followUps, annotations, documents, history] = await Promise.all([
      loadDisputeRecord(ctx.db, row, ctx.today),
      loadRecordEntries(ctx.db, row.id),
      loadAttachments(ctx.db, row.id),
      loadFollowUps(ctx.db, row.id),
      ctx.db.selectFrom('dispute_annotations').selectAll().where('dispute_id', '=', row.id).orderBy('at').execute(),
      issuedDocumentsOf(ctx.db, DISPUTE_ENTITY, row.id),
      entityHistory(ctx.db, DISPUTE_ENTITY, row.id),
    ]);
    return {
      dispute,
      records,
      attachments: attachments.map(toAttachmentRecord),
      followUps: followUps.map((f) => ({
        id: f.id,
        plannedOn: f.planned_on,
        doneOn: f.done_on,
        byName: f.by_name,
        performance: f.performance,
        notes: f.notes,
        nextVisitOn: f.next_visit_on,
        version: f.version,
      })),
      annotations: annotations.map((a) => ({ id: a.id, at: a.at, byName: a.by_name, text: a.text })),
      documents,
      history,
    };
  },

  'mediation.acceptDispute': acceptDispute,
  'mediation.refuseDispute': refuseDispute,
  'mediation.assignMediators': assignMediators,
  'mediation.recordRecusal': recordRecusal,
  'mediation.addRecord': addRecord,
  'mediation.addAttachment': addAttachment,
  'mediation.attachmentFile': attachmentFile,
  'mediation.saveAgreementDraft': saveAgreementDraft,
  'mediation.issueAgreement': issueAgreement,
  'mediation.recordOralAgreement': recordOralAgreement,
  'mediation.terminate': terminate,
  'mediation.courtApplicationForm': courtApplicationForm,
  'mediation.recordCourtConfirmation': recordCourtConfirmation,
  'mediation.saveFollowUp': saveFollowUp,
  'mediation.closeDispute': closeDispute,
  'mediation.annotate': annotate,
  'mediation.caseFile': caseFile,
};
