import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/api/procedures';
import { ApiCallError, call, errorMessage } from '../api/client';

export interface PolledQuery<T> {
  /** The last answer; kept on screen while a later poll fails. */
  data: T | undefined;
  /** The last poll's failure, cleared by the next answer. */
  error: ApiCallError | undefined;
  /** Reads again now (after a command, or when something else changed the data). */
  refresh: () => void;
}

/**
 * Reads `name` now, and again `delayAfter(answer)` milliseconds after each answer, while
 * `active`; at once when the window regains focus or `refresh` is called. One request at a
 * time: the next tick is scheduled only when the previous one has answered, so a slow link
 * to the hall host never piles up requests. A failed poll keeps the last answer and tries
 * again at the next tick.
 */
export function usePolledQuery<N extends ProcedureName>(
  name: N,
  input: InputOf<N>,
  delayAfter: (data: OutputOf<N> | undefined) => number,
  active: boolean,
): PolledQuery<OutputOf<N>> {
  const [data, setData] = useState<OutputOf<N>>();
  const [error, setError] = useState<ApiCallError>();
  const [refreshes, setRefreshes] = useState(0);
  const key = JSON.stringify(input);
  // The cadence may depend on the answer (every second while a sync runs); kept in a ref so
  // that a new function each render does not restart the polling.
  const delayRef = useRef(delayAfter);
  useEffect(() => {
    delayRef.current = delayAfter;
  });
  const lastData = useRef<OutputOf<N> | undefined>(undefined);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const poll = async () => {
      timer = undefined;
      inFlight = true;
      try {
        const answer = await call(name, JSON.parse(key) as InputOf<N>);
        if (cancelled) return;
        lastData.current = answer;
        setData(answer);
        setError(undefined);
      } catch (cause) {
        if (cancelled) return;
        setError(
          cause instanceof ApiCallError
            ? cause
            : new ApiCallError(name, { code: 'INTERNAL', message: errorMessage(cause) }),
        );
      } finally {
        inFlight = false;
      }
      if (!cancelled) timer = setTimeout(() => void poll(), delayRef.current(lastData.current));
    };
    const pollNow = () => {
      if (inFlight || cancelled) return;
      clearTimeout(timer);
      void poll();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') pollNow();
    };
    void poll();
    window.addEventListener('focus', pollNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('focus', pollNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [name, key, active, refreshes]);

  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  return { data, error, refresh };
}
