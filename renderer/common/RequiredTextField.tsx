// A required free-text field of a step dialog (a reason, a reply, a summary): blank or only spaces
// is refused on the spot with `message`, the server's message for the field shows beside it.
import { Form, Input } from 'antd';
import type { ServerErrors } from './useServerErrors';

export function RequiredTextField(props: {
  name: string;
  label: string;
  message: string;
  server: ServerErrors;
  maxLength: number;
  rows?: number;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const { name, label, message, server, maxLength, rows = 3, placeholder, autoFocus = true } = props;
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, whitespace: true, message }]}
      {...server.fieldStatus(name)}
    >
      <Input.TextArea rows={rows} maxLength={maxLength} showCount autoFocus={autoFocus} placeholder={placeholder} />
    </Form.Item>
  );
}
