import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiCallError } from '../api/client';
import { enterMovesFocusThen } from './enterMovesFocus';
import { FormErrorAlert } from './FormErrorAlert';
import { confirmLeave, useFormLeaveGuard, whileSaving } from './leaveGuard';
import { useServerErrors, type ServerErrors } from './useServerErrors';

interface Props<V extends object> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** Form name: prefixes the input ids that labels point at. */
  name: string;
  initialValues?: Partial<V>;
  /** The fields on the form, so that messages for other paths are listed above it. */
  fields: readonly string[];
  /** Throws the API error to show; resolves when saved (the dialog then closes). */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  width?: number;
  intro?: ReactNode;
  /** An edit of a record: after a STALE refusal, load the record as it now is onto the form. */
  onStale?: (form: FormInstance<V>) => Promise<unknown>;
  /** A link or button that resolves a refusal, shown with its message (大厅网络 when it is closed). */
  errorAction?: (error: ApiCallError) => ReactNode;
  children: (server: ServerErrors, form: FormInstance<V>) => ReactNode;
}

/**
 * A dialog with one form: Enter moves field to field and saves from the last one. Closing it
 * with input typed (Esc, ×, 取消) asks first; a refused save brings the first error into view.
 */
export function FormDialog<V extends object>({
  open,
  title,
  okText,
  name,
  initialValues,
  fields,
  onSubmit,
  onClose,
  width = 520,
  intro,
  onStale,
  errorAction,
  children,
}: Props<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const server = useServerErrors();
  const guard = useFormLeaveGuard(form, open);

  function cancel() {
    void confirmLeave('close', guard.isDirty()).then((close) => close && onClose());
  }

  async function submit(values: V) {
    setBusy(true);
    server.clear();
    try {
      await whileSaving(() => onSubmit(values));
      guard.saved();
      onClose();
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={cancel}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={width}
      afterOpenChange={(visible) => visible || server.clear()}
    >
      {intro}
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(fields)}
        action={server.error && errorAction?.(server.error)}
        stale={
          onStale && {
            replacesTyped: true,
            reload: async () => {
              await onStale(form);
              server.clear();
            },
          }
        }
      />
      <div onKeyDownCapture={enterMovesFocusThen(() => form.submit())}>
        <Form<V>
          form={form}
          name={name}
          clearOnDestroy
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => void submit(values)}
          scrollToFirstError={{ block: 'center', focus: true }}
          onValuesChange={server.clearChanged}
          requiredMark={false}
        >
          {children(server, form)}
        </Form>
      </div>
    </Modal>
  );
}
