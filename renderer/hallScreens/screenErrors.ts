import type { ScreenIdentity } from '../../shared/hallScreens/api';
import { ApiCallError } from '../api/client';

/** Whether a failed call means the screen is no longer paired (revoked, or its cookie gone). */
export function isUnpaired(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'UNAUTHENTICATED';
}

/** What every screen page is given: the screen as the host knows it, and where to go when revoked. */
export interface ScreenPageProps {
  identity: ScreenIdentity;
  onUnpaired: (message: string) => void;
}
