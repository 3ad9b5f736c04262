// Registering a matter where it is collected: the village it belongs to (which the collector
// must serve), the resident it may name, the number drawn per year (on a village node from the
// township's number blocks — numbers.ts decides), the first row with its entry.
import type { z } from 'zod';
import { yearOf } from '../../../shared/calendar/dates';
import type { MatterCommandResult, registerMatterInput } from '../../../shared/matters/api';
import { matterKind } from '../../../shared/matters/matterKind';
import {
  formatMatterNumber,
  MATTER_SOURCE_LABELS,
  MATTER_TYPE_LABELS,
  matterNumberScope,
} from '../../../shared/matters/matters';
import { residentAccess } from '../../../shared/residents/residentAccess';
import { afterTodayProblem } from '../../../shared/validation/dates';
import { accessRefusal } from '../../../shared/workflow/kind';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { uuidv7 } from '../db/uuidv7';
import { numberedPaper } from '../workflow/numbers';
import { createRecord } from '../workflow/runStep';
import { matterBinding } from './matterBinding';
import { findMatterRow } from './matterRows';

type RegisterInput = z.output<typeof registerMatterInput>;

async function existing(ctx: RequestContext, requestId: string): Promise<MatterCommandResult | null> {
  const row = await ctx.db.selectFrom('matters').select('id').where('request_id', '=', requestId).executeTakeFirst();
  if (!row) return null;
  return { matter: await matterBinding.load(ctx, (await findMatterRow(ctx.db, row.id))!) };
}

/** The resident the matter names, if any, as the collector may read them. */
async function residentOf(ctx: RequestContext, input: RegisterInput) {
  if (!input.residentId) return null;
  const resident = await ctx.db
    .selectFrom('residents')
    .select(['id', 'name', 'village_id'])
    .where('id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident) failFields({ residentId: '居民：居民库中没有这个人（可能已作废），请重新查找' });
  const refused = accessRefusal(residentAccess, ctx.requireUser(), { villageId: resident.village_id });
  if (refused) failFields({ residentId: `居民：${refused}` });
  return resident;
}

export async function registerMatter(input: RegisterInput, ctx: RequestContext): Promise<MatterCommandResult> {
  const user = ctx.requireUser();
  const again = await existing(ctx, input.requestId);
  if (again) return again;
  const collectedOn = input.collectedOn ?? ctx.today;
  const future = afterTodayProblem('收集日期', collectedOn, ctx.today);
  if (future) failFields({ collectedOn: future });
  const village = await ctx.db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('id', '=', input.villageId)
    .executeTakeFirst();
  if (!village) failFields({ villageId: '村（社区）：没有这个村（社区）' });
  // The collector registers in the villages the declaration lets them handle (an agent: their own).
  const outOfScope = accessRefusal(matterKind, user, { villageId: village.id }, '登记');
  if (outOfScope) failFields({ villageId: `村（社区）：${outOfScope}` });
  const resident = await residentOf(ctx, input);
  const id = uuidv7();
  const year = yearOf(collectedOn);
  const columns = {
    status: 'registered' as const,
    source: input.source,
    type: input.type,
    category: input.category,
    village_id: village.id,
    resident_id: resident?.id ?? null,
    resident_name: resident?.name ?? input.residentName,
    phone: input.phone,
    description: input.description,
    collected_on: collectedOn,
    collected_by_id: user.id,
    collected_by_name: user.displayName,
    last_step_on: collectedOn,
  };
  try {
    const { record } = await createRecord(ctx, matterBinding, {
      id,
      op: 'register',
      values: { id, request_id: input.requestId, ...columns, created_at: ctx.now.toISOString() },
      summary: (numbered) =>
        `登记${MATTER_TYPE_LABELS[input.type]}${numbered.number ?? ''}（${MATTER_SOURCE_LABELS[input.source]}，${village.name}）`,
      data: columns,
      number: await numberedPaper(ctx, matterNumberScope(year), async (sequence) => ({
        set: { year, sequence, number: formatMatterNumber(year, sequence) },
        paper: null,
      })),
    });
    return { matter: record };
  } catch (error) {
    // Two submits of one request raced: the first registered it, the second answers with it.
    if (error instanceof Error && /UNIQUE constraint failed: matters\.request_id/.test(error.message)) {
      const raced = await existing(ctx, input.requestId);
      if (raced) return raced;
    }
    throw error;
  }
}
