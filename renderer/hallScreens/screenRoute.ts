// The hall's screens live under `#/screen` (the pairing page `#/screen/pair?code=…`, then the
// screen's own page `#/screen`); the entry decides by this alone, before loading anything else.
import { SCREEN_PAIR_ROUTE, SCREEN_ROUTE } from '../../shared/hallScreens/screens';

export function isScreenRoute(hash: string): boolean {
  return hash === SCREEN_ROUTE || hash.startsWith(`${SCREEN_ROUTE}/`) || hash.startsWith(`${SCREEN_ROUTE}?`);
}

/** The pairing code carried by the link `#/screen/pair?code=123456`, or ''. */
export function pairingCodeFromHash(hash: string): string {
  if (!isPairRoute(hash)) return '';
  const query = hash.slice(SCREEN_PAIR_ROUTE.length).replace(/^\?/, '');
  return new URLSearchParams(query).get('code')?.trim() ?? '';
}

export function isPairRoute(hash: string): boolean {
  return hash === SCREEN_PAIR_ROUTE || hash.startsWith(`${SCREEN_PAIR_ROUTE}?`);
}
