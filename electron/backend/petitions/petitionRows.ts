// Reading petitions: the row, its petitioners, its handling events and attachments, and the
// summary and whole record the API answers with.
import type { Selectable } from 'kysely';
import { hearingDays, petitionDeadline } from '../../../shared/petitions/periods';
import type { PaperDeliveryMethod } from '../../../shared/petitions/petitions';
import type {
  HandlingEvent,
  PetitionAttachment,
  PetitionerRecord,
  PetitionRecord,
  PetitionSummary,
  ReviewRecord,
} from '../../../shared/petitions/api';
import { maskIdNumber } from '../../../shared/residents/masking';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';
import { issuedDocumentsOf } from '../documents/archive';

export const PETITION_ENTITY = 'petition';

export type PetitionRow = Selectable<Database['petitions']>;
export type PetitionerRow = Selectable<Database['petitioners']>;

export function findPetitionRow(db: Db | Tx, id: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function loadPetitioners(db: Db | Tx, petitionId: string): Promise<PetitionerRow[]> {
  return db.selectFrom('petitioners').selectAll().where('petition_id', '=', petitionId).orderBy('position').execute();
}

/** 张三, or 张三等6人 when more came (the visit's people, not only those registered). */
export function petitionerNamesOf(firstName: string, peopleCount: number): string {
  return peopleCount > 1 ? `${firstName}等${peopleCount}人` : firstName;
}

/** The first `length` characters of the matter, on one line. */
export function excerpt(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : line;
}

export function toPetitionSummary(row: PetitionRow, today: string, calendar: WorkingCalendar): PetitionSummary {
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    status: row.status,
    channel: row.channel,
    receivedOn: row.received_on,
    category: row.category,
    petitionerNames: row.petitioner_names,
    peopleCount: row.people_count,
    groupVisit: row.group_visit === 1,
    repeat: row.repeat === 1,
    skippedTo: row.skipped_to,
    leaderName: row.leader_name,
    matterExcerpt: excerpt(row.matter, 60),
    deadline: petitionDeadline(
      {
        status: row.status,
        acceptanceDueOn: row.acceptance_due_on,
        handlingDueOn: row.handling_due_on,
        reviewDueOn: row.review_due_on,
        reReviewDueOn: row.re_review_due_on,
      },
      today,
      calendar,
    ),
  };
}

function toPetitionerRecord(row: PetitionerRow): PetitionerRecord {
  return {
    id: row.id,
    residentId: row.resident_id,
    name: row.name,
    sex: row.sex === 'male' || row.sex === 'female' ? row.sex : null,
    idNumberMasked: row.id_number ? maskIdNumber(row.id_number) : '',
    phone: row.phone,
    address: row.address,
    representative: row.representative === 1,
  };
}

export function toAttachment(row: Selectable<Database['petition_attachments']>): PetitionAttachment {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    caption: row.caption,
    addedAt: row.added_at,
    addedByName: row.added_by_name,
  };
}

function deliveryOf(on: string | null, method: string | null) {
  return on && method ? { deliveredOn: on, method: method as PaperDeliveryMethod } : null;
}

function reviewsOf(row: PetitionRow): ReviewRecord[] {
  const reviews: ReviewRecord[] = [];
  if (row.review_requested_on && row.review_due_on)
    reviews.push({
      level: 'review',
      requestedOn: row.review_requested_on,
      body: row.review_body,
      dueOn: row.review_due_on,
      answeredOn: row.reviewed_on,
      opinion: row.review_opinion,
      outcome: row.review_outcome,
      delivery: deliveryOf(row.review_delivered_on, row.review_delivery_method),
      hearing: null,
    });
  if (row.re_review_requested_on && row.re_review_due_on)
    reviews.push({
      level: 'reReview',
      requestedOn: row.re_review_requested_on,
      body: row.re_review_body,
      dueOn: row.re_review_due_on,
      answeredOn: row.re_reviewed_on,
      opinion: row.re_review_opinion,
      outcome: row.re_review_outcome,
      delivery: null,
      hearing:
        row.hearing_from && row.hearing_to
          ? { from: row.hearing_from, to: row.hearing_to, days: hearingDays(row.hearing_from, row.hearing_to) }
          : null,
    });
  return reviews;
}

export async function loadPetitionRecord(db: Db, row: PetitionRow, today: string): Promise<PetitionRecord> {
  const [petitioners, events, attachments, documents, village, repeatOf, receptionDay] = await Promise.all([
    loadPetitioners(db, row.id),
    db
      .selectFrom('petition_events')
      .selectAll()
      .where('petition_id', '=', row.id)
      .orderBy('on')
      .orderBy('created_at')
      .execute(),
    db.selectFrom('petition_attachments').selectAll().where('petition_id', '=', row.id).orderBy('added_at').execute(),
    issuedDocumentsOf(db, PETITION_ENTITY, row.id),
    row.village_id
      ? db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst()
      : undefined,
    row.repeat_of_id
      ? db.selectFrom('petitions').select(['id', 'number']).where('id', '=', row.repeat_of_id).executeTakeFirst()
      : undefined,
    row.reception_day_id
      ? db
          .selectFrom('reception_days')
          .select(['id', 'on', 'leader_name', 'leader_title'])
          .where('id', '=', row.reception_day_id)
          .executeTakeFirst()
      : undefined,
  ]);
  return {
    ...toPetitionSummary(row, today, await loadWorkingCalendar(db)),
    source: row.source,
    handedDown:
      row.source === 'handedDown' && row.handed_down_on
        ? { from: row.handed_down_from, on: row.handed_down_on, reference: row.handed_down_reference }
        : null,
    receivedAt: row.received_at,
    letter:
      row.channel === 'letter'
        ? {
            postmarkOn: row.letter_postmark_on,
            fromAddress: row.letter_from_address,
            mailNumber: row.letter_mail_number,
            pages: row.letter_pages,
          }
        : null,
    petitioners: petitioners.map(toPetitionerRecord),
    matter: row.matter,
    requests: row.requests,
    villageId: row.village_id,
    villageName: village?.name ?? '',
    place: row.place,
    departmentConcerned: row.department_concerned,
    repeatOf: repeatOf ? { id: repeatOf.id, number: repeatOf.number } : null,
    receptionDay: receptionDay
      ? {
          id: receptionDay.id,
          on: receptionDay.on,
          leaderName: receptionDay.leader_name,
          leaderTitle: receptionDay.leader_title,
        }
      : null,
    registeredByName: row.registered_by_name,
    acceptanceDueOn: row.acceptance_due_on,
    acceptedOn: row.accepted_on,
    handlingUnit: row.handling_unit,
    notAccepted:
      row.not_accepted_on && row.not_accepted_ground
        ? {
            decidedOn: row.not_accepted_on,
            ground: row.not_accepted_ground,
            reason: row.not_accepted_reason,
            channel: row.not_accepted_channel,
          }
        : null,
    handlingDueOn: row.handling_due_on,
    extension:
      row.extended_on && row.extension_days && row.original_handling_due_on
        ? {
            extendedOn: row.extended_on,
            days: row.extension_days,
            reason: row.extension_reason,
            originalDueOn: row.original_handling_due_on,
          }
        : null,
    leaderDecision:
      row.leader_decision && row.leader_decided_on
        ? {
            decision: row.leader_decision,
            decidedOn: row.leader_decided_on,
            dueOn: row.leader_due_on,
            caseLeader: row.case_leader,
          }
        : null,
    assignedDepartment: row.assigned_department,
    assignedPerson: row.assigned_person,
    events: events.map((event): HandlingEvent => ({
      id: event.id,
      kind: event.kind,
      on: event.on,
      toBody: event.to_body,
      person: event.person,
      note: event.note,
      byName: event.by_name,
    })),
    reply: row.replied_on
      ? {
          repliedOn: row.replied_on,
          facts: row.reply_facts,
          opinion: row.reply_opinion,
          basis: row.reply_basis,
          byName: row.replied_by_name,
          delivery: deliveryOf(row.reply_delivered_on, row.reply_delivery_method),
        }
      : null,
    repliedOnTime: row.replied_on && row.handling_due_on ? row.replied_on <= row.handling_due_on : null,
    reviewRequestDueOn: row.review_request_due_on,
    reReviewRequestDueOn: row.re_review_request_due_on,
    reviews: reviewsOf(row),
    satisfaction: row.satisfaction && row.satisfaction_on ? { value: row.satisfaction, on: row.satisfaction_on } : null,
    closedOn: row.closed_on,
    lastStepOn: row.last_step_on,
    attachments: attachments.map(toAttachment),
    documents,
  };
}
