import { useEffect, useState } from 'react';

/**
 * The time now, ticking each second; `hostNow` (the host's clock at its last answer) sets it
 * to the hall host's time, so every screen of the hall shows the same minute whatever its own
 * clock says.
 */
export function useClock(hostNow?: string): Date {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (hostNow) setOffset(Date.parse(hostNow) - Date.now());
  }, [hostNow]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return new Date(now.getTime() + offset);
}
