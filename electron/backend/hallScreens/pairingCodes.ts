// One-time pairing codes: six digits the administrator reads off the screen (or carries in the
// link's QR code) to the screen's browser, usable once within ten minutes. Only their hash is
// kept; guesses are braked per address like sign-ins (auth/signInThrottle.ts).
import { randomInt } from 'node:crypto';
import { PAIRING_CODE_MINUTES } from '../../../shared/hallScreens/screens';
import type { PairingCode } from '../../../shared/hallScreens/api';
import { hashToken } from '../auth/sessions';
import type { Tx } from '../db/writeScope';

export function hashPairingCode(code: string): string {
  return hashToken(`pairing:${code}`);
}

/**
 * A code no open pairing holds, with the columns that open it on a screen's row. Codes of
 * expired pairings are let go first, so that the unique index only ever holds open ones.
 */
export async function drawPairingCode(
  tx: Tx,
  now: Date,
): Promise<{ pairing: PairingCode; columns: { pairing_code_hash: string; pairing_expires_at: string } }> {
  const nowIso = now.toISOString();
  await tx
    .updateTable('hall_screens')
    .set({ pairing_code_hash: null, pairing_expires_at: null })
    .where('pairing_expires_at', '<=', nowIso)
    .execute();
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const hash = hashPairingCode(code);
    const taken = await tx
      .selectFrom('hall_screens')
      .select('id')
      .where('pairing_code_hash', '=', hash)
      .executeTakeFirst();
    if (taken) continue;
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000).toISOString();
    return {
      pairing: { code, expiresAt },
      columns: { pairing_code_hash: hash, pairing_expires_at: expiresAt },
    };
  }
}
