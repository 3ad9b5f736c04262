/** 调解案号: `（2026）青调字第12号` — per committee (its prefix), per year, from 1 without gaps. */
export function formatMediationCaseNumber(year: number, casePrefix: string, sequence: number): string {
  return `（${year}）${casePrefix}字第${sequence}号`;
}

/** The number counter a committee's year is drawn from. */
export function mediationNumberScope(committeeId: string, year: number): string {
  return `mediation-case:${committeeId}:${year}`;
}
