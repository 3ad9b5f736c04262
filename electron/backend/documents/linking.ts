// Where papers' QR codes link to: the base address the administrator sets (node_settings) and
// the township's sync signing key, which the composition root (backend.ts) hands in.
import type { FactsSigner } from '../../../shared/documents/verificationLink';
import { readSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';
import type { DocumentLinking } from './issue';

export const SETTING_VERIFICATION_BASE_URL = 'documents.verificationBaseUrl';

export async function readVerificationBaseUrl(db: Db | Tx): Promise<string | null> {
  return (await readSetting(db, SETTING_VERIFICATION_BASE_URL)) || null;
}

/** The linking of new papers from the stored base address and what signs (or why nothing does). */
export function documentLinking(
  db: Db,
  signer: () => Promise<{ signer: FactsSigner; reason: null } | { signer: null; reason: string }>,
): () => Promise<DocumentLinking> {
  return async () => {
    const [baseUrl, signing] = await Promise.all([readVerificationBaseUrl(db), signer()]);
    return { baseUrl, signer: signing.signer, unsignedReason: signing.reason };
  };
}
