// Which windows may use the hall host's ID-card reader. The host's own machine (the desktop app's
// IPC, a browser on loopback) always may: the reader lies on its desk. A window on the hall LAN
// reads someone's card through the host only where the administrator assigned the reader to that
// computer — otherwise any window of the hall could read whatever card lies on the host's reader.
import { z } from 'zod';
import type { IdCardReaderAssignment } from '../../../shared/devices/api';
import type { SessionCarrier } from '../api/context';
import { isLoopback } from '../api/loopback';
import { readSetting, writeSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';

/** The assigned windows as one setting: a handful of addresses, written and logged together. */
export const SETTING_ID_CARD_READER_WINDOWS = 'devices.idCardReader.lanWindows';

const storedAssignments = z.array(z.object({ address: z.string(), assignedAt: z.string(), assignedBy: z.string() }));

/** Where a request comes from: this machine, or a LAN window by its address. */
export type WindowPlace = { local: true } | { local: false; address: string };

/** The same words as 大厅网络's list of windows (hallNetworkHandlers.ts): IPv4 without `::ffff:`. */
export function normalizeAddress(address: string): string {
  return address.replace(/^::ffff:/i, '').toLowerCase();
}

export function windowPlace(carrier: Pick<SessionCarrier, 'origin' | 'via'>): WindowPlace {
  if (carrier.origin === 'ipc') return { local: true };
  const address = normalizeAddress(carrier.origin);
  // A client of the hall host's own listener on a LAN address (`--host` with TLS) is on the LAN too.
  if (!carrier.via && isLoopback(address)) return { local: true };
  return { local: false, address };
}

export async function readAssignments(db: Db | Tx): Promise<IdCardReaderAssignment[]> {
  const raw = await readSetting(db, SETTING_ID_CARD_READER_WINDOWS);
  if (!raw) return [];
  try {
    const parsed = storedAssignments.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    // A damaged setting assigns nothing: the safe side for a device that reads personal data.
    return [];
  }
}

export async function writeAssignments(tx: Tx, assignments: readonly IdCardReaderAssignment[]): Promise<void> {
  const sorted = [...assignments].sort((a, b) => a.address.localeCompare(b.address));
  await writeSetting(tx, SETTING_ID_CARD_READER_WINDOWS, JSON.stringify(sorted));
}

export async function isAssigned(db: Db, address: string): Promise<boolean> {
  const wanted = normalizeAddress(address);
  return (await readAssignments(db)).some((a) => a.address === wanted);
}
