// 委托书编号: the number of an errand's 委托代办授权书, printed on the form. One run per
// township per year; a village node issues it offline from the blocks its township reserved for
// it (shared/workflow/numberBlocks.ts), the township's own hall from the counter itself — both
// out of the same run, so no two forms of a township share a number.

/** The prefix of the scopes the authorisation numbers are drawn from. */
export const ERRAND_AUTHORISATION_SCOPE_PREFIX = 'errandAuthorisation:';

/** The number counter (and the blocks) a year's authorisation numbers are drawn from. */
export function errandAuthorisationScope(year: number): string {
  return `${ERRAND_AUTHORISATION_SCOPE_PREFIX}${year}`;
}

/** `WT-2026-000123` (委托), as the case numbers are `SL-2026-000123`. */
export function formatErrandAuthorisationNumber(year: number, sequence: number): string {
  return `WT-${year}-${String(sequence).padStart(6, '0')}`;
}

export const ERRAND_AUTHORISATION_NUMBER_PATTERN = /^WT-\d{4}-\d{6}$/;
