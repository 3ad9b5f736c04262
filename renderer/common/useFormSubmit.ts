import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { useFormLeaveGuard, whileSaving } from './leaveGuard';
import type { ServerErrors } from './useServerErrors';

/** What antd's `validateFields` rejects with. */
interface ValidationFailure {
  errorFields?: { name: (string | number)[] }[];
}

/**
 * The save of a page-sized form: checks the fields, then sends once (a second click while the
 * first is on its way does nothing); a refusal stays on the form, beside its fields, and the
 * first field in error comes into view with the cursor in it (the server's refusals through
 * `FormErrorAlert`). Leaving the page with unsaved input asks first; once `send` has saved (and
 * perhaps moved on to the record's page), it no longer asks.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  server: ServerErrors,
  send: (values: V) => Promise<void>,
): { busy: boolean; submit: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const guard = useFormLeaveGuard(form);

  async function submit() {
    if (inFlight.current) return;
    let values: V;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as V;
    } catch (failure) {
      const first = (failure as ValidationFailure).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    server.clear();
    try {
      await whileSaving(() => send(values));
      guard.saved();
    } catch (error) {
      server.setError(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return { busy, submit };
}
