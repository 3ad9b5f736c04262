// The names of the two cipher suites an envelope may be sealed with, and their words for people.
// Kept apart from the crypto (suites.ts) so that the county page and the township's screens can
// name a suite without bundling SM2 or X25519 code.

/** HPKE (RFC 9180) X25519/HKDF-SHA256/AES-256-GCM, Ed25519 signatures, SHA-256 hashes: the default. */
export const SUITE_INTERNATIONAL = 'HPKE-X25519-HKDF-SHA256-AES-256-GCM+Ed25519';
/**
 * 国密: the content key sealed with SM2 public-key encryption (GB/T 32918.4), the payload with
 * SM4-GCM, SM3 hashes (GB/T 32905), SM2 signatures with the default user id (GB/T 32918.2).
 */
export const SUITE_GUOMI = 'SM2-SM3-SM4-128-GCM+SM2';

export const SUITE_IDS = [SUITE_INTERNATIONAL, SUITE_GUOMI] as const;
export type SuiteId = (typeof SUITE_IDS)[number];

/** What a node created without a choice uses (and every node enrolled before the choice existed). */
export const DEFAULT_SUITE: SuiteId = SUITE_INTERNATIONAL;

export const SUITE_LABELS: Record<SuiteId, string> = {
  [SUITE_INTERNATIONAL]: '国际算法（X25519 / Ed25519 / AES-256-GCM / SHA-256）',
  [SUITE_GUOMI]: '国密算法（SM2 / SM3 / SM4）',
};

/** A short word for tables. */
export const SUITE_SHORT_LABELS: Record<SuiteId, string> = {
  [SUITE_INTERNATIONAL]: '国际算法',
  [SUITE_GUOMI]: '国密算法',
};

export function isSuiteId(value: unknown): value is SuiteId {
  return typeof value === 'string' && (SUITE_IDS as readonly string[]).includes(value);
}
