import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { ApiCallError } from '../api/client';
import { useRetryAfterUnlock } from '../api/useRetryAfterUnlock';

export interface VersionedRecord<T> {
  record: T | null;
  setRecord: Dispatch<SetStateAction<T | null>>;
  /** The version the next step is sent with: the newest the page has seen (a step's answer or a load). */
  version: RefObject<number>;
  loadError: ApiCallError | null;
  load: () => Promise<T>;
  /** Loads again; a failure shows on the page instead of being thrown. */
  reloadQuietly: () => void;
}

/**
 * A record page whose steps carry the version they were taken on (a dispute, a petition). Loaded
 * on mount; a read answered after a newer step's answer (a reload started by a print, say) is
 * dropped, so the page never goes back to an older record. `fetch` and `versionOf` must be stable.
 */
export function useVersionedRecord<T>(fetch: () => Promise<T>, versionOf: (record: T) => number): VersionedRecord<T> {
  const [record, setRecord] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const version = useRef(0);

  const load = useCallback(async () => {
    const fresh = await fetch();
    if (versionOf(fresh) >= version.current) {
      version.current = versionOf(fresh);
      setRecord(fresh);
    }
    setLoadError(null);
    return fresh;
  }, [fetch, versionOf]);

  const reloadQuietly = useCallback(() => {
    load().catch((error: unknown) => {
      if (error instanceof ApiCallError) setLoadError(error);
    });
  }, [load]);

  useEffect(reloadQuietly, [reloadQuietly]);
  useRetryAfterUnlock(loadError, reloadQuietly);

  return { record, setRecord, version, loadError, load, reloadQuietly };
}
