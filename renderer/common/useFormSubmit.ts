import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import type { ServerErrors } from './useServerErrors';

/**
 * The save of a page-sized form: checks the fields, then sends once (a second click while the
 * first is on its way does nothing); a refusal stays on the form, beside its fields.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  server: ServerErrors,
  send: (values: V) => Promise<void>,
): { busy: boolean; submit: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  async function submit() {
    if (inFlight.current) return;
    let values: V;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as V;
    } catch {
      return;
    }
    inFlight.current = true;
    setBusy(true);
    server.clear();
    try {
      await send(values);
    } catch (error) {
      server.setError(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return { busy, submit };
}
