import { recall, remember } from '../../common/sessionMemory';

/** The court last named for an application: the township's court rarely changes. */
const COURT_KEY = 'mediation.lastCourt';

export function lastCourt(): string {
  return recall<string>(COURT_KEY) || '';
}

export function rememberCourt(court: string): void {
  remember(COURT_KEY, court.trim());
}
