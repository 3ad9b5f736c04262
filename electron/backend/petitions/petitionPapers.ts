// The records the petition papers are drawn from, built from a petition as it stands (and the
// step being taken). Each builder gathers what its paper shows and nothing else.
import type { PetitionSettings } from '../../../shared/petitions/api';
import {
  NOT_ACCEPTED_GROUND_LABELS,
  PETITION_CATEGORY_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_SOURCE_LABELS,
  SKIPPED_LEVEL_LABELS,
  type NotAcceptedGround,
} from '../../../shared/petitions/petitions';
import { SEX_LABELS } from '../../../shared/residents/api';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';
import type { DocumentDefinition } from '../documents/registry';
import {
  petitionAcceptanceNotice,
  petitionExtensionNotice,
  petitionNotAcceptedNotice,
  petitionRegistrationForm,
  petitionReply,
} from './documents';
import type {
  AcceptanceNoticeRecord,
  ExtensionNoticeRecord,
  NotAcceptedNoticeRecord,
  PetitionOfficeLines,
  RegistrationFormRecord,
  ReplyRecord,
} from './documents/records';
import { excerpt, loadPetitioners, type PetitionerRow, type PetitionRow } from './petitionRows';

export interface Paper<R> {
  definition: DocumentDefinition<R>;
  record: R;
}

function officeLines(settings: PetitionSettings): PetitionOfficeLines {
  return { officeName: settings.officeName, phone: settings.phone };
}

/** Who a notice is addressed to: the representatives of a group visit, otherwise everyone registered. */
function addressees(petitioners: readonly PetitionerRow[]): string[] {
  const representatives = petitioners.filter((p) => p.representative === 1);
  return (representatives.length > 0 ? representatives : petitioners).map((p) => p.name);
}

/** The petition as the registration form prints it (before it is stored, so from its values). */
export async function registrationPaper(
  db: Db | Tx,
  settings: PetitionSettings,
  row: PetitionRow,
  petitioners: readonly PetitionerRow[],
): Promise<Paper<RegistrationFormRecord>> {
  const [village, repeatOf, receptionDay] = await Promise.all([
    row.village_id
      ? db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst()
      : null,
    row.repeat_of_id
      ? db.selectFrom('petitions').select('number').where('id', '=', row.repeat_of_id).executeTakeFirst()
      : null,
    row.reception_day_id
      ? db
          .selectFrom('reception_days')
          .select(['leader_name', 'leader_title'])
          .where('id', '=', row.reception_day_id)
          .executeTakeFirst()
      : null,
  ]);
  const handedDown =
    row.source === 'handedDown' && row.handed_down_on
      ? `${row.handed_down_from} ${row.handed_down_on} 转送交办${row.handed_down_reference ? `（${row.handed_down_reference}）` : ''}`
      : '';
  return {
    definition: petitionRegistrationForm,
    record: {
      office: officeLines(settings),
      number: row.number,
      channelLabel: PETITION_CHANNEL_LABELS[row.channel],
      receivedOn: row.received_on,
      receivedAt: row.received_at ?? '',
      peopleCount: row.people_count,
      groupVisit: row.group_visit === 1,
      petitioners: petitioners.map((p) => ({
        name: p.name,
        sex: p.sex === 'male' || p.sex === 'female' ? SEX_LABELS[p.sex] : '',
        idNumber: p.id_number,
        phone: p.phone,
        address: p.address,
        representative: p.representative === 1,
      })),
      letter:
        row.channel === 'letter'
          ? {
              postmarkOn: row.letter_postmark_on ?? '',
              fromAddress: row.letter_from_address,
              mailNumber: row.letter_mail_number,
              pages: row.letter_pages === null ? '' : String(row.letter_pages),
            }
          : null,
      sourceLabel: PETITION_SOURCE_LABELS[row.source],
      handedDown,
      categoryLabel: PETITION_CATEGORY_LABELS[row.category],
      matter: row.matter,
      requests: row.requests,
      place: [village?.name ?? '', row.place].filter(Boolean).join(' '),
      departmentConcerned: row.department_concerned,
      receivingLeader: receptionDay ? `${receptionDay.leader_title} ${receptionDay.leader_name}（领导接访日）` : '',
      repeat: row.repeat === 1 ? (repeatOf ? `是（此前：${repeatOf.number}）` : '是') : '否',
      skipped: row.skipped_to ? SKIPPED_LEVEL_LABELS[row.skipped_to] : '',
      acceptanceDueOn: row.acceptance_due_on,
      provisionalYears: await provisionalYearsOf(db, [row.acceptance_due_on]),
      registeredByName: row.registered_by_name,
    },
  };
}

/** The years among `dates` whose State Council arrangement is missing: the paper says 暂定. */
async function provisionalYearsOf(db: Db | Tx, dates: readonly string[]): Promise<number[]> {
  const calendar = await loadWorkingCalendar(db);
  return [...new Set(dates.filter((date) => calendar.isProvisional(date)).map((date) => Number(date.slice(0, 4))))];
}

async function common(db: Db | Tx, settings: PetitionSettings, row: PetitionRow) {
  const petitioners = await loadPetitioners(db, row.id);
  return {
    office: officeLines(settings),
    number: row.number,
    petitionerNames: addressees(petitioners),
    receivedOn: row.received_on,
    matterSummary: excerpt(row.matter, 80),
  };
}

export async function acceptancePaper(
  db: Db | Tx,
  settings: PetitionSettings,
  row: PetitionRow,
  step: { acceptedOn: string; handlingUnit: string; handlingDueOn: string },
): Promise<Paper<AcceptanceNoticeRecord>> {
  return {
    definition: petitionAcceptanceNotice,
    record: {
      ...(await common(db, settings, row)),
      ...step,
      provisionalYears: await provisionalYearsOf(db, [step.handlingDueOn]),
    },
  };
}

export async function notAcceptedPaper(
  db: Db | Tx,
  settings: PetitionSettings,
  row: PetitionRow,
  step: { decidedOn: string; ground: NotAcceptedGround; reason: string; channel: string },
): Promise<Paper<NotAcceptedNoticeRecord>> {
  return {
    definition: petitionNotAcceptedNotice,
    record: {
      ...(await common(db, settings, row)),
      decidedOn: step.decidedOn,
      groundLabel: NOT_ACCEPTED_GROUND_LABELS[step.ground],
      reason: step.reason,
      channel: step.channel,
    },
  };
}

export async function extensionPaper(
  db: Db | Tx,
  settings: PetitionSettings,
  row: PetitionRow,
  step: { originalDueOn: string; days: number; newDueOn: string; reason: string; extendedOn: string },
): Promise<Paper<ExtensionNoticeRecord>> {
  return {
    definition: petitionExtensionNotice,
    record: {
      ...(await common(db, settings, row)),
      acceptedOn: row.accepted_on ?? '',
      ...step,
      provisionalYears: await provisionalYearsOf(db, [step.newDueOn]),
    },
  };
}

export async function replyPaper(
  db: Db | Tx,
  settings: PetitionSettings,
  row: PetitionRow,
  step: { facts: string; opinion: string; basis: string; repliedOn: string; reviewRequestDueOn: string },
): Promise<Paper<ReplyRecord>> {
  return {
    definition: petitionReply,
    record: {
      ...(await common(db, settings, row)),
      requests: row.requests,
      acceptedOn: row.accepted_on ?? '',
      reviewBody: settings.reviewBody,
      ...step,
      provisionalYears: await provisionalYearsOf(db, [step.reviewRequestDueOn]),
    },
  };
}
