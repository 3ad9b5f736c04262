import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError, errorMessage } from '../api/client';
import { useRetryAfterUnlock } from '../api/useRetryAfterUnlock';

export interface PagedLog<T> {
  items: T[];
  loading: boolean;
  error: ApiCallError | null;
  /** False once a page came back shorter than asked for. */
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

export const PAGE_SIZE = 50;

/**
 * Newest first, one page at a time: `fetchPage(last)` asks for the entries older than the
 * last one shown. `key` names the filter; a new key starts over.
 */
export function usePagedLog<T>(key: string, fetchPage: (last: T | undefined) => Promise<{ items: T[] }>): PagedLog<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(async (after: T[]) => {
    const current = generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetcher.current(after[after.length - 1]);
      if (current !== generation.current) return;
      setItems([...after, ...page.items]);
      setHasMore(page.items.length >= PAGE_SIZE);
    } catch (cause) {
      if (current !== generation.current) return;
      setError(
        cause instanceof ApiCallError
          ? cause
          : new ApiCallError('', { code: 'INTERNAL', message: errorMessage(cause) }),
      );
    } finally {
      if (current === generation.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => {
    generation.current++;
    setItems([]);
    setHasMore(true);
    void load([]);
  }, [load]);

  useEffect(reload, [key, reload]);

  const itemsRef = useRef(items);
  itemsRef.current = items;
  const loadMore = useCallback(() => void load(itemsRef.current), [load]);
  useRetryAfterUnlock(error, loadMore);

  return { items, loading, error, hasMore, loadMore, reload };
}
