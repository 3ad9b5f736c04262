// Reading an ID card into a form: whether this window may read (and why not), the read itself
// through the backend (the device is the main process's or the hall host's, never the page's),
// the one sentence of a failure, and the hot key. A failed read touches nothing on the form.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IdCardReadAnswer, IdCardReaderAvailability } from '../../../shared/devices/api';
import { ID_CARD_READERS } from '../../../shared/devices/api';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { isShortcut, useHotkeys } from '../keyboard';
import { useHasRole } from '../session';

/** F2: free everywhere else in the app and in the browsers (F1 help, F3 find, F5 reload). */
export const READ_ID_CARD_SHORTCUT = 'F2';

export type IdCardReadSuccess = Extract<IdCardReadAnswer, { ok: true }>;

export interface IdCardReaderState<T> {
  /** Null while asking the backend whether this window may read (or when it could not answer). */
  availability: IdCardReaderAvailability | null;
  /** Why 读卡 cannot be used now (for the button's tooltip), or null when it can. */
  unusableBecause: string | null;
  /** The target being read for, or null. */
  reading: { target: T } | null;
  /** The last read's failure, in one sentence, and whom it was for. */
  failure: { message: string; target: T } | null;
  /** The last successful read and whom it filled. */
  lastRead: { read: IdCardReadSuccess; target: T } | null;
  /** Whether the hot key reads (one reader per page owns it). */
  hotkey: boolean;
  read(target: T): void;
  dismissFailure(): void;
}

interface Options<T> {
  /** Fills the form with the card; called only for a successful read. */
  onRead: (read: IdCardReadSuccess, target: T) => void;
  /** Whom the hot key reads for (the person card with the focus, say); absent: no hot key. */
  hotkeyTarget?: () => T | null;
  /** The form is busy (saving): no reads. */
  disabled?: boolean;
}

export function useIdCardReader<T>({ onRead, hotkeyTarget, disabled = false }: Options<T>): IdCardReaderState<T> {
  const mayRead = useHasRole(ID_CARD_READERS);
  const availabilityQuery = useQuery('devices.idCardReader', mayRead ? {} : null);
  const [reading, setReading] = useState<{ target: T } | null>(null);
  const [failure, setFailure] = useState<{ message: string; target: T } | null>(null);
  const [lastRead, setLastRead] = useState<{ read: IdCardReadSuccess; target: T } | null>(null);
  const latestOnRead = useRef(onRead);
  latestOnRead.current = onRead;
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const availability = availabilityQuery.data ?? null;
  // While the answer is on its way a read may go ahead: the backend decides again on every read
  // and answers a refusal in the same sentence, so an early F2 is never lost.
  const unusableBecause = !mayRead
    ? '您的角色不能读取身份证'
    : availability && !availability.usable
      ? (availability.reason ?? '身份证读卡器不可用')
      : null;

  const read = useCallback(
    (target: T) => {
      if (inFlight.current || disabled) return;
      if (unusableBecause) {
        setFailure({ message: unusableBecause, target });
        return;
      }
      inFlight.current = true;
      setReading({ target });
      setFailure(null);
      call('devices.readIdCard', {})
        .then(
          (answer) => {
            if (!mounted.current) return;
            if (answer.ok) {
              setLastRead({ read: answer, target });
              latestOnRead.current(answer, target);
            } else {
              setFailure({ message: answer.message, target });
            }
          },
          (error: unknown) => mounted.current && setFailure({ message: errorMessage(error), target }),
        )
        .finally(() => {
          inFlight.current = false;
          if (mounted.current) setReading(null);
        });
    },
    [disabled, unusableBecause],
  );

  const hotkey = hotkeyTarget !== undefined;
  useHotkeys(
    (event) => {
      if (!hotkeyTarget || !isShortcut(event, READ_ID_CARD_SHORTCUT)) return;
      const target = hotkeyTarget();
      if (target === null) return;
      read(target);
      return true;
    },
    hotkey && mayRead && !disabled,
  );

  return {
    availability,
    unusableBecause,
    reading,
    failure,
    lastRead,
    hotkey,
    read,
    dismissFailure: () => setFailure(null),
  };
}
