// A demo township's staff at work, without a window: the township backend's own API (dispatch:
// zod, roles, the step runner, the change log), called as a signed-in user would through the
// hall host. What it writes goes up to the county as ordinary entries, like a clerk's day.
import type { ProcedureName, InputOf, OutputOf } from '../../shared/api/procedures';
import type { Backend, SessionCarrier } from '../../electron/backend/backend';

export interface TownshipUser {
  call<N extends ProcedureName>(procedure: N, input: InputOf<N>): Promise<OutputOf<N>>;
}

/** Signs `username` in on `backend` and returns a caller that fails with the API's own words. */
export async function signIn(backend: Backend, username: string, password: string): Promise<TownshipUser> {
  let token: string | null = null;
  const carrier: SessionCarrier = {
    get token() {
      return token;
    },
    setToken(next) {
      token = next;
    },
    origin: 'county-demo',
  };
  const call = async <N extends ProcedureName>(procedure: N, input: InputOf<N>): Promise<OutputOf<N>> => {
    const answer = await backend.dispatch(procedure, input, carrier);
    if (!answer.ok) throw new Error(`${procedure}：${answer.error.message}`);
    return answer.result as OutputOf<N>;
  };
  await call('auth.login', { username, password });
  return { call };
}
