import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/api/procedures';
import { ApiCallError, call, errorMessage } from './client';
import { useRetryAfterUnlock } from './useRetryAfterUnlock';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a read when the component mounts and whenever `input` changes (compared by value).
 * An answer that arrives after a newer request was made is dropped, so a slow reply can
 * never overwrite a fresher one.
 */
export function useQuery<N extends ProcedureName>(name: N, input: InputOf<N> | null): QueryState<OutputOf<N>> {
  const [data, setData] = useState<OutputOf<N>>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(input !== null);
  const [reloads, setReloads] = useState(0);
  const latest = useRef(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    setLoading(true);
    setError(undefined);
    call(name, JSON.parse(key) as InputOf<N>).then(
      (result) => {
        if (request !== latest.current) return;
        setData(result);
        setLoading(false);
      },
      (cause: unknown) => {
        if (request !== latest.current) return;
        setError(
          cause instanceof ApiCallError
            ? cause
            : new ApiCallError(name, { code: 'INTERNAL', message: errorMessage(cause) }),
        );
        setLoading(false);
      },
    );
  }, [name, key, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  useRetryAfterUnlock(error, reload);
  return { data, error, loading, reload };
}
