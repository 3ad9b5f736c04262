// The desktop bridge's `hallClient` (连接到大厅主机): present in the desktop app only; in a
// browser (a window of the hall) it is null and the first-run screen offers no such tab.
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../../shared/api/bridge';
import type { DesktopHallClient } from '../../shared/hallNetwork/clientBridge';

export function desktopHallClient(): DesktopHallClient | null {
  const bridge = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY] as DesktopBridge | undefined;
  const hallClient = bridge?.hallClient;
  return typeof hallClient === 'object' &&
    hallClient !== null &&
    typeof hallClient.check === 'function' &&
    typeof hallClient.connect === 'function'
    ? hallClient
    : null;
}
