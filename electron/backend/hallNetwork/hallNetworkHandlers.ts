import type { HallNetworkStatus, HallWindow } from '../../../shared/hallNetwork/api';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { isLoopback } from '../api/loopback';
import { parseRoles } from '../auth/sessions';
import { HallNetworkRefusal, type HallNetworkController } from './hallNetworkController';

const NO_CONTROLLER = '这种运行方式不能开放大厅网络（后台没有由桌面程序或大厅主机启动）';

/** What the page shows where the host gave no controller (a backend opened on its own, some tests). */
const UNAVAILABLE: HallNetworkStatus = {
  available: false,
  unavailableReason: NO_CONTROLLER,
  enabled: false,
  listening: false,
  address: '',
  port: 0,
  urls: [],
  certificate: null,
  machineAddresses: [],
  problem: null,
};

/**
 * `controller`: the host's LAN listener (null where the host has none). Access (administrators
 * only) is declared on the procedures (shared/hallNetwork/api.ts) and checked by dispatch.
 */
export function hallNetworkHandlers(
  controller: HallNetworkController | null,
): HandlersFor<'hallNetwork.status' | 'hallNetwork.enable' | 'hallNetwork.disable' | 'hallNetwork.windows'> {
  function required(): HallNetworkController {
    if (!controller) fail('CONFLICT', NO_CONTROLLER);
    return controller;
  }
  return {
    'hallNetwork.status': async () => (controller ? controller.status() : UNAVAILABLE),
    async 'hallNetwork.enable'(input, ctx) {
      try {
        const status = await required().enable(input);
        // Who opened the township's data to the hall LAN, where: in the audit log, beside sign-ins.
        await ctx.audit('hallNetwork', `开放大厅网络：${status.urls.join('、') || `${input.address}:${input.port}`}`);
        return status;
      } catch (error) {
        // The controller's refusals (the port taken, an address not on this machine) are sentences.
        if (error instanceof HallNetworkRefusal) fail('CONFLICT', error.message);
        throw error;
      }
    },
    async 'hallNetwork.disable'(_input, ctx) {
      const status = await required().disable();
      await ctx.audit('hallNetwork', '关闭大厅网络（经大厅网络登录的窗口已全部退出）');
      return status;
    },
    'hallNetwork.windows': async (_input, ctx) => ({ windows: await connectedWindows(ctx) }),
  };
}

/** Every live session (not ended, expired or idle too long) with its user, newest call first. */
async function connectedWindows(ctx: RequestContext): Promise<HallWindow[]> {
  const nowIso = ctx.now.toISOString();
  const idleSince = new Date(ctx.now.getTime() - ctx.settings.sessionIdleMinutes * 60_000).toISOString();
  const rows = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.origin',
      's.via',
      's.created_at',
      's.last_seen_at',
      's.locked_at',
      'u.username',
      'u.display_name',
      'u.roles',
    ])
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', nowIso)
    .where('s.last_seen_at', '>', idleSince)
    .where('u.active', '=', 1)
    .orderBy('s.last_seen_at', 'desc')
    .execute();
  const own = ctx.session?.tokenHash ?? null;
  return rows.map((row) => {
    const address = row.origin.replace(/^::ffff:/, '');
    // A LAN client of the host's own listener (`--host <address>` with a certificate) is on the LAN too.
    const fromHere = row.origin === 'ipc' || (!row.via && isLoopback(address));
    const channel = row.origin === 'ipc' ? 'desktop' : fromHere ? 'local' : 'lan';
    return {
      id: row.token_hash.slice(0, 16),
      username: row.username,
      displayName: row.display_name,
      roles: parseRoles(row.roles),
      channel,
      from: fromHere ? '本机' : address,
      via: row.via,
      since: row.created_at,
      lastCallAt: row.last_seen_at,
      locked: row.locked_at !== null,
      current: row.token_hash === own,
    };
  });
}
