// The petition desk's settings: how each period counts and what the notices are issued under.
// Kept as one JSON value in node_settings; a period missing from it counts as the regulation reads.
import { z } from 'zod';
import { DAY_COUNTS, DEFAULT_PERIOD_COUNTING, PETITION_PERIODS } from '../../../shared/petitions/periods';
import type { PetitionSettings } from '../../../shared/petitions/api';
import { readSetting, SETTING_TOWNSHIP_NAME, writeSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';

export const SETTING_PETITIONS = 'petitions.settings';

const stored = z.object({
  counting: z.partialRecord(z.enum(PETITION_PERIODS), z.enum(DAY_COUNTS)).default({}),
  officeName: z.string().optional(),
  reviewBody: z.string().optional(),
  phone: z.string().optional(),
  numberPrefix: z.string().optional(),
});

/** 青石镇 → 青信: the first character of the township's name and 信. */
function defaultPrefix(townshipName: string): string {
  const first = [...townshipName][0];
  return first ? `${first}信` : '信';
}

export async function readPetitionSettings(db: Db | Tx): Promise<PetitionSettings> {
  const [raw, township] = await Promise.all([
    readSetting(db, SETTING_PETITIONS),
    readSetting(db, SETTING_TOWNSHIP_NAME),
  ]);
  const parsed = stored.safeParse(raw ? JSON.parse(raw) : {});
  const value = parsed.success ? parsed.data : stored.parse({});
  const townshipName = township ?? '';
  return {
    counting: { ...DEFAULT_PERIOD_COUNTING, ...value.counting },
    officeName: value.officeName || `${townshipName}人民政府`,
    reviewBody: value.reviewBody || '上一级人民政府',
    phone: value.phone ?? '',
    numberPrefix: value.numberPrefix || defaultPrefix(townshipName),
  };
}

export async function writePetitionSettings(tx: Tx, settings: PetitionSettings): Promise<void> {
  await writeSetting(tx, SETTING_PETITIONS, JSON.stringify(settings));
}
