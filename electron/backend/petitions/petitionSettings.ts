// The petition desk's settings: how each period counts and what the notices are issued under.
// Kept as one JSON value in node_settings; a period missing from it counts as the regulation reads.
import { z } from 'zod';
import { DAY_COUNTS, DEFAULT_PERIOD_COUNTING, PETITION_PERIODS } from '../../../shared/petitions/periods';
import type { PetitionSettings } from '../../../shared/petitions/api';
import { unprintableProblem } from '../../../shared/validation/printable';
import { failFields } from '../api/failure';
import { readSetting, SETTING_TOWNSHIP_NAME, writeSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';
import type { FontSet } from '../documents/fonts';
import { glyphMessage, unprintableGlyph } from '../documents/printableInput';

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
  const parsed = stored.safeParse(parseJson(raw));
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

/** A stored value that is not JSON (written by hand) reads as no settings: the defaults. */
function parseJson(raw: string | null | undefined): unknown {
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

/**
 * Checks the prefix new numbers are drawn with as saving the settings checks it. A stored prefix
 * no paper can print — saved before the check, or written into the database by hand (a lone
 * surrogate survives JSON as `\ud800`) — would otherwise fail every registration, across
 * restarts, with 500: it refuses the registration naming the setting, and the administrator,
 * who still sees it in the settings, puts it right. The numbers are not drawn with another
 * prefix instead: a 信访编号 is quoted in letters and replies, and its prefix must not change
 * without the administrator knowing.
 */
export async function checkNumberPrefix(settings: PetitionSettings, fonts: () => Promise<FontSet>): Promise<void> {
  const label = '编号字头';
  const glyph = async () => {
    const error = unprintableGlyph(await fonts(), label, settings.numberPrefix);
    return error ? `${label}：${glyphMessage(error)}` : null;
  };
  const problem = unprintableProblem(label, settings.numberPrefix) ?? (await glyph());
  if (problem) {
    failFields({
      numberPrefix: `信访设置中的${problem}。信访件编号无法生成，请系统管理员在“信访 › 设置”中改正编号字头`,
    });
  }
}

export async function writePetitionSettings(tx: Tx, settings: PetitionSettings): Promise<void> {
  await writeSetting(tx, SETTING_PETITIONS, JSON.stringify(settings));
}
