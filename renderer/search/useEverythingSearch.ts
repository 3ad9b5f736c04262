import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchAnswer } from '../../shared/search/api';
import { ApiCallError, call, errorMessage } from '../api/client';

export interface EverythingSearch {
  query: string;
  /** Sets the text and searches after a short pause (as the user types). */
  setQuery: (query: string) => void;
  /** Searches `text` now (Enter, a scan) and answers with its result; null for an empty box or a failure. */
  searchNow: (text: string) => Promise<SearchAnswer | null>;
  answer: SearchAnswer | null;
  /** The query `answer` (or `error`) belongs to. */
  answeredQuery: string;
  error: ApiCallError | null;
  loading: boolean;
}

const TYPING_PAUSE_MS = 250;

/** Search as the user types, after a pause; a slower answer never overwrites a newer one. */
export function useEverythingSearch(): EverythingSearch {
  const [query, setQueryState] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [answeredQuery, setAnsweredQuery] = useState('');
  const [error, setError] = useState<ApiCallError | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const searchNow = useCallback(async (text: string): Promise<SearchAnswer | null> => {
    window.clearTimeout(timer.current);
    const request = ++latest.current;
    if (!text.trim()) {
      setAnswer(null);
      setError(null);
      setAnsweredQuery(text);
      setLoading(false);
      return null;
    }
    setLoading(true);
    try {
      const result = await call('search.everything', { query: text });
      if (request === latest.current) {
        setAnswer(result);
        setError(null);
      }
      return result;
    } catch (cause) {
      if (request === latest.current) {
        setAnswer(null);
        setError(
          cause instanceof ApiCallError
            ? cause
            : new ApiCallError('search.everything', { code: 'INTERNAL', message: errorMessage(cause) }),
        );
      }
      return null;
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
      timer.current = window.setTimeout(() => void searchNow(text), TYPING_PAUSE_MS);
    },
    [searchNow],
  );

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const setAndSearch = useCallback(
    (text: string) => {
      setQueryState(text);
      return searchNow(text);
    },
    [searchNow],
  );

  return { query, setQuery, searchNow: setAndSearch, answer, answeredQuery, error, loading };
}
