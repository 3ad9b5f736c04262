import type { HallNetworkChoice, HallNetworkStatus } from '../../../shared/hallNetwork/api';

/**
 * The host's LAN listener (大厅网络), as the backend's procedures drive it. The host makes it —
 * the desktop app's main process and the hall host each give theirs (electron/hall/lanListener.ts)
 * — and passes it in `BackendOptions.hallNetwork`, as it passes the first-run restore: the
 * backend never opens a socket itself.
 */
export interface HallNetworkController {
  status(): Promise<HallNetworkStatus>;
  /** Opens (or moves) the listener and keeps the choice for the next start; refuses with a Chinese `Error`. */
  enable(choice: HallNetworkChoice): Promise<HallNetworkStatus>;
  /** Closes the listener, keeps "off" for the next start, and ends the sessions that came in through it. */
  disable(): Promise<HallNetworkStatus>;
}

/** A refusal the administrator can act on (the port taken, an address not on this machine), in Chinese. */
export class HallNetworkRefusal extends Error {
  override name = 'HallNetworkRefusal';
}
