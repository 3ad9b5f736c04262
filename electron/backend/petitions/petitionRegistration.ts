// Registering a visit or a letter: checked petitioners (ID numbers, representatives of a group
// visit), the leader of the reception day, the repeat it continues, the acceptance deadline,
// the number drawn per year and the registration form; and finding a person's earlier petitions.
import type { z } from 'zod';
import { yearOf } from '../../../shared/calendar/dates';
import {
  registerPetitionInput,
  type EarlierPetition,
  type PetitionCommandResult,
  type petitionsProcedures,
} from '../../../shared/petitions/api';
import { PERIOD_DAYS, periodEnd } from '../../../shared/petitions/periods';
import { GROUP_VISIT_MIN_PEOPLE } from '../../../shared/petitions/petitions';
import { checkIdNumber } from '../../../shared/residents/idTypes';
import { normalizeIdNumber } from '../../../shared/residents/idNumber';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { uuidv7 } from '../db/uuidv7';
import { numberedPaper } from '../workflow/numbers';
import { createRecord, prepare } from '../workflow/runStep';
import { computeDue, petitionBinding } from './petitionBinding';
import { registrationPaper } from './petitionPapers';
import {
  loadPetitionRecord,
  petitionerNamesOf,
  toPetitionSummary,
  type PetitionerRow,
  type PetitionRow,
} from './petitionRows';
import { checkNumberPrefix, readPetitionSettings } from './petitionSettings';
import { afterTodayProblem } from '../../../shared/validation/dates';

type RegisterInput = z.output<typeof registerPetitionInput>;
type Input<N extends keyof typeof petitionsProcedures> = z.output<(typeof petitionsProcedures)[N]['input']>;

/** `青信〔2026〕12号` */
export function formatPetitionNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕${sequence}号`;
}

export function petitionNumberScope(year: number): string {
  return `petition:${year}`;
}

/** Checks every petitioner's ID number (GB 11643) and that nobody is registered twice. */
function checkedPetitioners(petitioners: RegisterInput['petitioners'], today: string) {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  const checked = petitioners.map((petitioner, i) => {
    if (!petitioner.idNumber) return petitioner;
    const result = checkIdNumber('residentId', petitioner.idNumber, today);
    if (!result.ok) {
      errors[`petitioners.${i}.idNumber`] = `信访人“${petitioner.name}”的身份证号码：${result.message}`;
      return petitioner;
    }
    const first = seen.get(result.normalized);
    if (first !== undefined)
      errors[`petitioners.${i}.idNumber`] =
        `信访人“${petitioner.name}”与第${first + 1}位信访人身份证号码相同，同一人只登记一次`;
    seen.set(result.normalized, i);
    return { ...petitioner, idNumber: result.normalized };
  });
  if (Object.keys(errors).length > 0) failFields(errors);
  return checked;
}

async function assertReferences(ctx: RequestContext, input: RegisterInput, receivedOn: string) {
  if (input.villageId) {
    const village = await ctx.db
      .selectFrom('villages')
      .select('id')
      .where('id', '=', input.villageId)
      .executeTakeFirst();
    if (!village) failFields({ villageId: '问题发生地村（社区）：没有这个村（社区）' });
  }
  if (input.repeatOfId) {
    const earlier = await ctx.db
      .selectFrom('petitions')
      .select(['received_on', 'number'])
      .where('id', '=', input.repeatOfId)
      .executeTakeFirst();
    if (!earlier) failFields({ repeatOfId: '此前信访件：没有这件信访件' });
    if (earlier.received_on > receivedOn)
      failFields({ repeatOfId: `此前信访件：${earlier.number}收到于${earlier.received_on}，晚于本次` });
  }
  const residentIds = input.petitioners.map((p) => p.residentId).filter((id): id is string => !!id);
  if (residentIds.length > 0) {
    const known = new Set(
      (await ctx.db.selectFrom('residents').select('id').where('id', 'in', residentIds).execute()).map((r) => r.id),
    );
    input.petitioners.forEach((p, i) => {
      if (p.residentId && !known.has(p.residentId))
        failFields({ [`petitioners.${i}.residentId`]: `信访人“${p.name}”：居民库中没有这个人` });
    });
  }
}

/** The reception day a visit is registered on: it must be that day. */
async function receptionDayOf(ctx: RequestContext, id: string | null | undefined, receivedOn: string) {
  if (!id) return null;
  const day = await ctx.db
    .selectFrom('reception_days')
    .select(['id', 'on', 'leader_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!day) failFields({ receptionDayId: '领导接访日：没有这个接访安排' });
  if (day.on !== receivedOn)
    failFields({ receptionDayId: `领导接访日：该接访安排在${day.on}，与来访日期${receivedOn}不符` });
  return day;
}

function sqliteUnique(error: unknown, column: string): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message) && error.message.includes(column);
}

async function existing(ctx: RequestContext, requestId: string): Promise<PetitionCommandResult | null> {
  const row = await ctx.db.selectFrom('petitions').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  return row ? { petition: await loadPetitionRecord(ctx.db, row, ctx.today), document: null } : null;
}

export async function registerPetition(input: RegisterInput, ctx: RequestContext): Promise<PetitionCommandResult> {
  const user = ctx.requireUser();
  const again = await existing(ctx, input.requestId);
  if (again) return again;
  const receivedOn = input.receivedOn ?? ctx.today;
  // Named as the form names it: 来访日期 for a visit, 收信日期 for a letter.
  const future = afterTodayProblem(input.channel === 'visit' ? '来访日期' : '收信日期', receivedOn, ctx.today);
  if (future) failFields({ receivedOn: future });
  if (input.handedDown && input.handedDown.on > receivedOn)
    failFields({ 'handedDown.on': `转送交办日期：不能晚于收到日期（${receivedOn}）` });
  if (input.letter?.postmarkOn && input.letter.postmarkOn > receivedOn)
    failFields({ 'letter.postmarkOn': `邮戳日期：不能晚于收到日期（${receivedOn}）` });
  await assertReferences(ctx, input, receivedOn);
  const receptionDay = await receptionDayOf(ctx, input.receptionDayId, receivedOn);
  const petitioners = checkedPetitioners(input.petitioners, ctx.today);
  const settings = await readPetitionSettings(ctx.db);
  await checkNumberPrefix(settings, ctx.documents.fonts);
  const calendar = await loadWorkingCalendar(ctx.db);
  const acceptanceDueOn = computeDue('receivedOn', () =>
    periodEnd(calendar, receivedOn, PERIOD_DAYS.acceptance, settings.counting.acceptance),
  );
  const id = uuidv7();
  const year = yearOf(receivedOn);
  const petitionerRows: PetitionerRow[] = petitioners.map((p, position) => ({
    id: uuidv7(),
    petition_id: id,
    position,
    resident_id: p.residentId ?? null,
    name: p.name,
    sex: p.sex ?? null,
    id_number: p.idNumber,
    phone: p.phone,
    address: p.address,
    representative: p.representative ? 1 : 0,
  }));
  const columns = {
    status: 'registered' as const,
    channel: input.channel,
    source: input.source,
    handed_down_from: input.handedDown?.from ?? '',
    handed_down_on: input.handedDown?.on ?? null,
    handed_down_reference: input.handedDown?.reference ?? '',
    received_on: receivedOn,
    received_at: input.channel === 'visit' ? (input.receivedAt ?? null) : null,
    people_count: input.peopleCount,
    group_visit: input.channel === 'visit' && input.peopleCount >= GROUP_VISIT_MIN_PEOPLE ? 1 : 0,
    letter_postmark_on: input.letter?.postmarkOn ?? null,
    letter_from_address: input.letter?.fromAddress ?? '',
    letter_mail_number: input.letter?.mailNumber ?? '',
    letter_pages: input.letter?.pages ?? null,
    category: input.category,
    matter: input.matter,
    requests: input.requests,
    village_id: input.villageId ?? null,
    place: input.place,
    department_concerned: input.departmentConcerned,
    reception_day_id: receptionDay?.id ?? null,
    leader_name: receptionDay?.leader_name ?? '',
    repeat: input.repeat ? 1 : 0,
    repeat_of_id: input.repeatOfId ?? null,
    skipped_to: input.skippedTo ?? null,
    petitioner_names: petitionerNamesOf(petitioners[0]!.name, Math.max(input.peopleCount, petitioners.length)),
    acceptance_due_on: acceptanceDueOn,
    running_due_on: acceptanceDueOn,
    last_step_on: receivedOn,
    registered_by_name: user.displayName,
  };
  const number = (sequence: number) => formatPetitionNumber(settings.numberPrefix, year, sequence);
  try {
    const { record, document } = await createRecord(ctx, petitionBinding, {
      id,
      op: 'register',
      values: { id, request_id: input.requestId, ...columns, created_at: ctx.now.toISOString() },
      summary: (numbered) =>
        `登记${input.channel === 'visit' ? '来访' : '来信'}${numbered.number ?? ''}（${input.peopleCount}人）`,
      data: {
        ...columns,
        petitioners: petitioners.map((p) => ({
          name: p.name,
          residentId: p.residentId ?? null,
          representative: p.representative,
        })),
      },
      number: await numberedPaper(ctx, petitionNumberScope(year), async (sequence) => {
        const set = { year, sequence, number: number(sequence) };
        const paper = await registrationPaper(
          ctx.db,
          settings,
          { ...columns, id, ...set } as PetitionRow,
          petitionerRows,
        );
        return { set, paper: await prepare(ctx, paper) };
      }),
      write: (tx) =>
        tx
          .insertInto('petitioners')
          .values(petitionerRows)
          .execute()
          .then(() => undefined),
    });
    return { petition: record, document };
  } catch (error) {
    // Two submits of one request raced: the first registered it, the second answers with it.
    if (sqliteUnique(error, 'petitions.request_id')) {
      const raced = await existing(ctx, input.requestId);
      if (raced) return raced;
    }
    throw error;
  }
}

const EARLIER_LIMIT = 50;

/**
 * A person's earlier petitions: the same ID number, or the same name and phone (a petitioner
 * who gave no ID number last time). Newest first; each petition once, with how it matched.
 */
export async function findEarlierPetitions(
  input: Input<'petitions.findEarlier'>,
  ctx: RequestContext,
): Promise<{ petitions: EarlierPetition[] }> {
  const idNumbers = [
    ...new Set(input.petitioners.map((p) => normalizeIdNumber(p.idNumber)).filter((id) => /^\d{17}[\dX]$/.test(id))),
  ];
  const namePhones = input.petitioners.filter((p) => p.name && p.phone).map((p) => ({ name: p.name, phone: p.phone }));
  if (idNumbers.length === 0 && namePhones.length === 0) return { petitions: [] };
  let query = ctx.db
    .selectFrom('petitioners as pp')
    .innerJoin('petitions as p', 'p.id', 'pp.petition_id')
    .selectAll('p')
    .select(['pp.name as matched_name', 'pp.id_number as matched_id_number'])
    .where((eb) =>
      eb.or([
        // The `<> ''` terms match the partial indexes' conditions, so SQLite uses them.
        ...(idNumbers.length > 0 ? [eb.and([eb('pp.id_number', 'in', idNumbers), eb('pp.id_number', '<>', '')])] : []),
        ...namePhones.map((np) =>
          eb.and([eb('pp.name', '=', np.name), eb('pp.phone', '=', np.phone), eb('pp.phone', '<>', '')]),
        ),
      ]),
    )
    .orderBy('p.received_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(EARLIER_LIMIT * 4);
  if (input.excludeId) query = query.where('p.id', '!=', input.excludeId);
  const rows = await query.execute();
  const seen = new Set<string>();
  const petitions: EarlierPetition[] = [];
  const calendar = await loadWorkingCalendar(ctx.db);
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    petitions.push({
      ...toPetitionSummary(row, ctx.today, calendar),
      matchedBy: row.matched_id_number && idNumbers.includes(row.matched_id_number) ? 'idNumber' : 'namePhone',
      matchedName: row.matched_name,
    });
    if (petitions.length === EARLIER_LIMIT) break;
  }
  return { petitions };
}
