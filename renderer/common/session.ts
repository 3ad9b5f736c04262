import { createContext, useContext } from 'react';
import type { OutputOf } from '../../shared/api/procedures';
import type { SessionInfo } from '../../shared/auth/api';
import { hasAnyRole, type Role } from '../../shared/auth/roles';

export type SystemStatus = OutputOf<'system.status'>;

export interface AppSession {
  info: SessionInfo;
  system: SystemStatus;
  /** The lock overlay is up: pages that poll the backend pause (the server would refuse anyway). */
  screenLocked: boolean;
  signOut: () => void;
  lockScreen: () => void;
  openChangePassword: () => void;
}

export const SessionContext = createContext<AppSession | null>(null);

/** Only inside the signed-in shell. */
export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}

export function useHasRole(roles: readonly Role[]): boolean {
  return hasAnyRole(useSession().info.user.roles, roles);
}
