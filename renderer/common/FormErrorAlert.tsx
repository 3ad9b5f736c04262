import { Alert } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiCallError } from '../api/client';
import { revealFirstError } from './revealFirstError';
import { StaleReload, useStaleReload, type StaleReloadOptions } from './StaleReload';

interface Props {
  error: ApiCallError | null;
  /** Field messages with no field on the form to sit beside. */
  extraMessages?: readonly string[];
  /** Links or buttons that resolve this error (open the duplicate). */
  action?: ReactNode;
  /** How this form loads the record again after a STALE refusal (or the page's, from context). */
  stale?: StaleReloadOptions;
}

/**
 * The failed save's message above the form; field messages stay beside their fields. Each new
 * refusal brings the first field in error into view with the cursor in it (or, with none, this
 * message): the form is the alert's parent, so place the alert beside the form it speaks for.
 */
export function FormErrorAlert({ error, extraMessages = [], action: given, stale: own }: Props) {
  const stale = useStaleReload(own);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const alert = box.current;
    const container = alert?.parentElement;
    if (!error || !alert || !container) return;
    // After the fields have drawn their messages.
    const frame = window.requestAnimationFrame(() => revealFirstError(container, alert));
    return () => window.cancelAnimationFrame(frame);
  }, [error]);
  if (!error) return null;
  const action = error.code === 'STALE' && stale ? <StaleReload {...stale} /> : given;
  const description =
    extraMessages.length > 0 || action ? (
      <>
        {extraMessages.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {extraMessages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        {action && <div style={{ marginTop: extraMessages.length > 0 ? 8 : 0 }}>{action}</div>}
      </>
    ) : undefined;
  return (
    <div ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      <Alert
        type="error"
        showIcon
        title={error.message}
        description={description}
        role="alert"
        style={{ marginBottom: 16 }}
      />
    </div>
  );
}
