// What the node remembers about its sync between runs and restarts, in the settings table: the
// enrollment, the registration and rotation envelopes still to be confirmed, how far the hub has
// acknowledged and how far the downward packages are applied, and the last contact, success and
// error for the screen. Everything a run needs to resume is here or in the sync tables, written
// before the request that depends on it.
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../../../shared/sync/bytes';
import { DEFAULT_SUITE, SUITE_IDS } from '../../../shared/sync/suiteIds';
import { readSetting, writeSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';

export const SYNC_SETTINGS = {
  enrollment: 'sync.enrollment',
  keys: 'sync.keys',
  registration: 'sync.registration',
  registeredAt: 'sync.registeredAt',
  rotation: 'sync.rotation',
  revokedAt: 'sync.revokedAt',
  ackThrough: 'sync.ackThrough',
  downApplied: 'sync.downApplied',
  lastContactAt: 'sync.lastContactAt',
  lastSuccessAt: 'sync.lastSuccessAt',
  lastError: 'sync.lastError',
  reportDay: 'sync.reportDay',
  catalogVersion: 'sync.catalogVersion',
  calendarVersion: 'sync.calendarVersion',
  /** A replacement PC enrolled and not yet rebuilt from the hub (sync/rebuild.ts): no runs. */
  rebuildPending: 'sync.rebuildPending',
  /** When every replicated row was filed as images once (sync/rowBaseline.ts). */
  rowBaseline: 'sync.rowBaseline',
} as const;

/** The enrollment as kept: the file without its one-time token (spent in the registration envelope). */
export const storedEnrollment = z.object({
  nodeId: z.string(),
  townshipName: z.string(),
  /** The suite the county chose (an enrollment stored before the choice existed: the international one). */
  suite: z.enum(SUITE_IDS).default(DEFAULT_SUITE),
  hubUrl: z.string(),
  hubBoxPublicKey: z.string(),
  hubSigningPublicKey: z.string(),
  certificateFingerprint: z.string(),
  certificatePem: z.string(),
  expiresAt: z.string(),
  enrolledAt: z.string(),
});
export type StoredEnrollment = z.output<typeof storedEnrollment>;

type Reader = Db | Tx;

export async function readEnrollment(db: Reader): Promise<StoredEnrollment | null> {
  const raw = await readSetting(db, SYNC_SETTINGS.enrollment);
  return raw ? storedEnrollment.parse(JSON.parse(raw)) : null;
}

export async function writeEnrollment(db: Reader, enrollment: StoredEnrollment): Promise<void> {
  await writeSetting(db, SYNC_SETTINGS.enrollment, JSON.stringify(enrollment));
}

export async function readNumber(db: Reader, key: string): Promise<number> {
  const raw = await readSetting(db, key);
  const value = raw === null ? 0 : Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export async function writeNumber(db: Reader, key: string, value: number): Promise<void> {
  await writeSetting(db, key, String(value));
}

export async function readText(db: Reader, key: string): Promise<string | null> {
  return readSetting(db, key);
}

export async function writeText(db: Reader, key: string, value: string): Promise<void> {
  await writeSetting(db, key, value);
}

export async function clearSetting(db: Reader, key: string): Promise<void> {
  await db.deleteFrom('node_settings').where('key', '=', key).execute();
}

export async function readBytes(db: Reader, key: string): Promise<Uint8Array | null> {
  const raw = await readSetting(db, key);
  return raw ? fromBase64Url(raw) : null;
}

export async function writeBytes(db: Reader, key: string, value: Uint8Array): Promise<void> {
  await writeSetting(db, key, toBase64Url(value));
}

/** Raises a high-water mark, never lowers it (acknowledgements may arrive out of order: link and USB). */
export async function raiseNumber(db: Reader, key: string, value: number): Promise<void> {
  if (value > (await readNumber(db, key))) await writeNumber(db, key, value);
}
