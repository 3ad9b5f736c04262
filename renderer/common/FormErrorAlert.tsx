import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { ApiCallError } from '../api/client';

interface Props {
  error: ApiCallError | null;
  /** Field messages with no field on the form to sit beside. */
  extraMessages?: readonly string[];
  /** Links or buttons that resolve this error (open the duplicate, reload). */
  action?: ReactNode;
}

/** The failed save's message above the form; field messages stay beside their fields. */
export function FormErrorAlert({ error, extraMessages = [], action }: Props) {
  if (!error) return null;
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
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={description}
      role="alert"
      style={{ marginBottom: 16 }}
    />
  );
}
