import { useEffect, useRef } from 'react';
import { onScreenUnlocked, type ApiCallError } from './client';

/**
 * A read refused because the screen was locked (in another tab, or while idle) loads again by
 * itself once the user unlocks: “屏幕已锁定” must not stay on the page until 重试 is clicked.
 */
export function useRetryAfterUnlock(error: ApiCallError | null | undefined, retry: () => void): void {
  const latest = useRef({ error, retry });
  latest.current = { error, retry };
  useEffect(
    () =>
      onScreenUnlocked(() => {
        if (latest.current.error?.code === 'SCREEN_LOCKED') latest.current.retry();
      }),
    [],
  );
}
