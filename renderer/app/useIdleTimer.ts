import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `minutes` without mouse or keyboard input. Input only records a
 * timestamp; one timer checks it when due and re-arms for the remainder, so nothing polls
 * and a moving mouse costs nothing.
 */
export function useIdleTimer(minutes: number, enabled: boolean, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (!enabled || !(minutes > 0)) return;
    const limit = minutes * 60_000;
    let lastActivity = Date.now();
    let timer: number;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= limit) callback.current();
      else timer = window.setTimeout(check, limit - idleFor);
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };

    timer = window.setTimeout(check, limit);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [minutes, enabled]);
}
