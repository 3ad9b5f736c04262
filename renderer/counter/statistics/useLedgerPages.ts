import { useCallback, useEffect, useRef, useState } from 'react';
import type { LedgerFilter, LedgerRow } from '../../../shared/counter/ledgerApi';
import { ApiCallError, call, errorMessage } from '../../api/client';
import type { PagedLog } from '../../common/usePagedLog';

export interface LedgerPages extends PagedLog<LedgerRow> {
  /** All rows the filter matches; null until the first page answers. */
  total: number | null;
}

/**
 * The ledger page by page, as `PagedTable` shows a log: each page continues from the cursor the
 * previous one gave. A new filter starts over; an answer for an older filter is dropped.
 */
export function useLedgerPages(filter: LedgerFilter): LedgerPages {
  const key = JSON.stringify(filter);
  const [rows, setRows] = useState<LedgerRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const generation = useRef(0);
  const shown = useRef({ rows, cursor });
  shown.current = { rows, cursor };

  const load = useCallback(
    async (after: LedgerRow[], from: string | null) => {
      const current = generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await call('counter.ledger', {
          filter: JSON.parse(key) as LedgerFilter,
          ...(from ? { cursor: from } : {}),
        });
        if (current !== generation.current) return;
        setRows([...after, ...page.rows]);
        setCursor(page.nextCursor);
        setTotal(page.total);
      } catch (cause) {
        if (current !== generation.current) return;
        setError(
          cause instanceof ApiCallError
            ? cause
            : new ApiCallError('counter.ledger', { code: 'INTERNAL', message: errorMessage(cause) }),
        );
      } finally {
        if (current === generation.current) setLoading(false);
      }
    },
    [key],
  );

  const reload = useCallback(() => {
    generation.current++;
    setRows([]);
    setCursor(null);
    setTotal(null);
    void load([], null);
  }, [load]);

  useEffect(reload, [reload]);

  const loadMore = useCallback(() => void load(shown.current.rows, shown.current.cursor), [load]);

  return { items: rows, loading, error, hasMore: cursor !== null, loadMore, reload, total };
}
