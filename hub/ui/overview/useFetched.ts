import { useCallback, useEffect, useRef, useState } from 'react';
import { useCounty } from '../countyContext';

export interface Fetched<T> {
  /** The answer to the path asked for now; null while it loads (never an earlier path's answer). */
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * GETs `path` from the county API whenever the path changes (a period, a figure, a township
 * chosen), and again every `refreshMs`; null: nothing to ask yet. An answer that arrives after
 * another path was chosen is dropped, so a slow October never shows under November's heading. A
 * failed refresh keeps the figures on screen and says why.
 */
export function useFetched<T>(path: string | null, refreshMs: number | null = null): Fetched<T> {
  const client = useCounty();
  const [answer, setAnswer] = useState<{ path: string; data: T } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const current = useRef(path);
  current.current = path;

  const reload = useCallback(async () => {
    const asked = current.current;
    if (asked === null) return;
    setLoading(true);
    try {
      const data = await client.get<T>(asked);
      if (current.current !== asked) return;
      setAnswer({ path: asked, data });
      setError(null);
    } catch (caught) {
      if (current.current === asked) setError(caught instanceof Error ? caught.message : '读取失败');
    } finally {
      if (current.current === asked) setLoading(false);
    }
  }, [client]);

  useEffect(() => {
    if (path === null) return;
    void reload();
    const timer = refreshMs ? setInterval(() => void reload(), refreshMs) : null;
    return () => {
      if (timer) clearInterval(timer);
    };
  }, [path, refreshMs, reload]);

  return { data: answer && answer.path === path ? answer.data : null, error, loading, reload };
}
