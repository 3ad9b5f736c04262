import { useCallback, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/api/procedures';
import { ApiCallError, call, isApiCallError } from '../../api/client';

/** The words every step dialog shows when its record changed under the user (STALE). */
export function staleMessage(stale: string): string {
  return `${stale.replace(/，请刷新后再操作$/, '')}。请点“载入最新情况”核对页面上的最新情况，确认仍需这样办理再提交；这里填写的内容会保留。`;
}

export interface Steps<K extends string> {
  /** The step whose dialog is open, or null. */
  open: K | null;
  /** The step whose dialog is being opened (today is fetched again first). */
  opening: K | null;
  /** Today on the hall's clock, as of the last opening: a page may stay open overnight. */
  today: string;
  openStep: (step: K) => void;
  close: () => void;
  /**
   * Sends a step. A refusal because the record changed meanwhile (STALE) answers with one message;
   * its dialog offers to load the page's record again (StaleReload) and keeps what was typed.
   */
  run: <N extends ProcedureName>(procedure: N, input: InputOf<N>) => Promise<OutputOf<N>>;
}

/** The step dialogs of one record page: which is open, the day they date steps by, sending. */
export function useSteps<K extends string>(options: {
  /** The kind's words for a record changed meanwhile. */
  stale: string;
  today: string;
}): Steps<K> {
  const { stale } = options;
  const [open, setOpen] = useState<K | null>(null);
  const [opening, setOpening] = useState<K | null>(null);
  // The page's today (the sign-in's date until the hall's clock answers) or the one fetched when a
  // dialog last opened, whichever is later: a page open overnight moves on with either.
  const [fetched, setFetched] = useState<string | null>(null);
  const today = fetched !== null && fetched > options.today ? fetched : options.today;

  const openStep = useCallback((step: K) => {
    setOpening(step);
    void call('system.status', {})
      .then((status) => setFetched(status.today))
      .catch(() => undefined)
      .finally(() => {
        setOpening(null);
        setOpen(step);
      });
  }, []);

  const run = useCallback(
    async <N extends ProcedureName>(procedure: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      try {
        return await call(procedure, input);
      } catch (error) {
        if (isApiCallError(error) && error.code === 'STALE') {
          throw new ApiCallError(error.procedure, { code: 'STALE', message: staleMessage(stale) });
        }
        throw error;
      }
    },
    [stale],
  );

  return { open, opening, today, openStep, close: useCallback(() => setOpen(null), []), run };
}
