import { formatMediationCaseNumber } from '../../shared/mediation/caseNumbers';
import { CASE_PREFIX_PATTERN } from '../../shared/mediation/committees';

/** The first case number of the year under a prefix: （2026）青调字第1号. */
export function caseNumberExample(casePrefix: string, year: number): string {
  return formatMediationCaseNumber(year, casePrefix, 1);
}

/** The example for a prefix being typed; null while it is not yet a valid prefix. */
export function caseNumberPreview(casePrefix: string | undefined, year: number): string | null {
  const prefix = casePrefix?.trim() ?? '';
  return CASE_PREFIX_PATTERN.test(prefix) ? caseNumberExample(prefix, year) : null;
}
