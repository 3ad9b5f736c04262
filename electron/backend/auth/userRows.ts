import type { Role } from '../../../shared/auth/roles';
import type { Database } from '../db/schema';

/** A new user's row, the same whether made at first run, by an administrator, or for the demo. */
export function newUserRow(user: {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: readonly Role[];
  mustChangePassword: boolean;
  at: string;
  signedInNow?: boolean;
}): Database['users'] {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    roles: JSON.stringify(user.roles),
    active: 1,
    must_change_password: user.mustChangePassword ? 1 : 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: user.signedInNow ? user.at : null,
    created_at: user.at,
    updated_at: user.at,
    version: 1,
  };
}
