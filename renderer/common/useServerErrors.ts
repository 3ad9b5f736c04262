import { useCallback, useMemo, useState } from 'react';
import { ApiCallError, errorMessage } from '../api/client';

export interface FieldStatus {
  validateStatus?: 'error';
  help?: string;
}

export interface ServerErrors {
  /** The last failed save, or null. */
  error: ApiCallError | null;
  /** Spread onto a `Form.Item`: the server's message beside the field until it is edited. */
  fieldStatus: (field: string) => FieldStatus;
  /** Field messages that no field on the form shows, for the alert above the form. */
  unplacedMessages: (fields: readonly string[]) => string[];
  setError: (error: unknown) => void;
  clear: () => void;
  /** Pass the changed values of `Form` `onValuesChange`: an edited field loses its message. */
  clearChanged: (changedValues: object) => void;
}

/**
 * Keeps the backend's answer to a failed save: the form keeps what was typed and shows
 * each `fieldErrors[field]` beside its field, so the clerk fixes it in place.
 */
export function useServerErrors(): ServerErrors {
  const [error, setErrorState] = useState<ApiCallError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const setError = useCallback((cause: unknown) => {
    const apiError =
      cause instanceof ApiCallError ? cause : new ApiCallError('', { code: 'INTERNAL', message: errorMessage(cause) });
    setErrorState(apiError);
    setFieldErrors(apiError.fieldErrors);
  }, []);

  const clear = useCallback(() => {
    setErrorState(null);
    setFieldErrors({});
  }, []);

  const clearChanged = useCallback((changedValues: object) => {
    const changed = Object.keys(changedValues);
    setFieldErrors((current) => {
      const remaining = Object.entries(current).filter(([path]) => !changed.includes(path.split('.')[0]!));
      return remaining.length === Object.keys(current).length ? current : Object.fromEntries(remaining);
    });
  }, []);

  return useMemo(
    () => ({
      error,
      fieldStatus: (field: string): FieldStatus => {
        const message = fieldErrors[field];
        return message ? { validateStatus: 'error', help: message } : {};
      },
      unplacedMessages: (fields: readonly string[]) =>
        Object.entries(error?.fieldErrors ?? {})
          .filter(([path]) => !fields.includes(path))
          .map(([, message]) => message),
      setError,
      clear,
      clearChanged,
    }),
    [error, fieldErrors, setError, clear, clearChanged],
  );
}
