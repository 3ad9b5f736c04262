import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads once on mount and again every `refreshMs` (the county watches townships come and go
 * and the 5- and 30-minute marks pass without pressing anything). A failed refresh keeps the
 * last figures on screen and says why above them.
 */
export function useLoad<T>(load: () => Promise<T>, refreshMs: number | null = null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const alive = useRef(true);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (!alive.current) return;
      setData(value);
      setError(null);
    } catch (caught) {
      if (alive.current) setError(caught instanceof Error ? caught.message : '读取失败');
    } finally {
      if (alive.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void reload();
    const timer = refreshMs ? setInterval(() => void reload(), refreshMs) : null;
    return () => {
      alive.current = false;
      if (timer) clearInterval(timer);
    };
  }, [reload, refreshMs]);

  return { data, error, loading, reload };
}
