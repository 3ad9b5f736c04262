import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../shared/api/procedures';
import { ApiCallError, call, errorMessage } from '../api/client';
import { recall, remember } from '../common/sessionMemory';

export type SearchAnswer = OutputOf<'residents.search'>;

export interface ResidentSearch {
  query: string;
  setQuery: (query: string) => void;
  /** Skips the typing pause (Enter, the 查找 button). */
  searchNow: () => void;
  answer: SearchAnswer | null;
  /** The query `answer` belongs to; differs from `query` while a search is pending. */
  answeredQuery: string;
  error: ApiCallError | null;
  loading: boolean;
}

const TYPING_PAUSE_MS = 250;
export const SEARCH_LIMIT = 50;
const MEMORY_KEY = 'residents.lastSearch';

interface Remembered {
  query: string;
  answer: SearchAnswer | null;
}

/**
 * Search as the clerk types, after a short pause; the last search survives a visit to a
 * record and back, in memory only.
 */
export function useResidentSearch(): ResidentSearch {
  const remembered = recall<Remembered>(MEMORY_KEY);
  const [query, setQueryState] = useState(remembered?.query ?? '');
  const [answer, setAnswer] = useState<SearchAnswer | null>(remembered?.answer ?? null);
  const [answeredQuery, setAnsweredQuery] = useState(remembered?.query ?? '');
  const [error, setError] = useState<ApiCallError | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const run = useCallback(async (text: string) => {
    window.clearTimeout(timer.current);
    const request = ++latest.current;
    if (!text.trim()) {
      setAnswer(null);
      setAnsweredQuery(text);
      setError(null);
      setLoading(false);
      remember<Remembered>(MEMORY_KEY, { query: text, answer: null });
      return;
    }
    setLoading(true);
    try {
      const result = await call('residents.search', { query: text, limit: SEARCH_LIMIT });
      if (request !== latest.current) return;
      setAnswer(result);
      setError(null);
      remember<Remembered>(MEMORY_KEY, { query: text, answer: result });
    } catch (cause) {
      if (request !== latest.current) return;
      setAnswer(null);
      setError(
        cause instanceof ApiCallError
          ? cause
          : new ApiCallError('residents.search', { code: 'INTERNAL', message: errorMessage(cause) }),
      );
    } finally {
      if (request === latest.current) {
        setAnsweredQuery(text);
        setLoading(false);
      }
    }
  }, []);

  const setQuery = useCallback(
    (text: string) => {
      setQueryState(text);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(text), TYPING_PAUSE_MS);
    },
    [run],
  );

  const queryRef = useRef(query);
  queryRef.current = query;
  const searchNow = useCallback(() => void run(queryRef.current), [run]);

  // Coming back from a record: show the remembered list at once, then refresh it, since the
  // record may just have been edited.
  useEffect(() => {
    if (queryRef.current.trim()) void run(queryRef.current);
    return () => window.clearTimeout(timer.current);
  }, [run]);

  return { query, setQuery, searchNow, answer, answeredQuery, error, loading };
}
