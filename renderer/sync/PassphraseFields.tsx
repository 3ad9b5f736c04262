// 密钥口令: protects this node's private keys on the hall host. Typed twice where it is set, once
// where it opens the keys; the server's message (口令不正确) shows beside the field.
import { Form, Input } from 'antd';
import type { ServerErrors } from '../common/useServerErrors';

const RULES = [
  { required: true, message: '请输入密钥口令' },
  { min: 8, message: '密钥口令至少 8 个字符' },
  { max: 200, message: '密钥口令不能超过 200 个字符' },
];

export function PassphraseField({
  server,
  label = '密钥口令',
  autoFocus = false,
  newPassphrase = false,
}: {
  server: ServerErrors;
  label?: string;
  autoFocus?: boolean;
  /** Set here (enrollment, new keys): the browser offers no saved password. */
  newPassphrase?: boolean;
}) {
  return (
    <Form.Item name="passphrase" label={label} rules={RULES} {...server.fieldStatus('passphrase')}>
      <Input.Password autoFocus={autoFocus} autoComplete={newPassphrase ? 'new-password' : 'current-password'} />
    </Form.Item>
  );
}

/** The second entry of a passphrase being set: a typing mistake here would lock the keys for good. */
export function PassphraseAgainField() {
  return (
    <Form.Item
      name="passphraseAgain"
      label="再次输入密钥口令"
      dependencies={['passphrase']}
      rules={[
        { required: true, message: '请再次输入密钥口令' },
        ({ getFieldValue }) => ({
          validator: (_, value: string | undefined) =>
            !value || value === getFieldValue('passphrase')
              ? Promise.resolve()
              : Promise.reject(new Error('两次输入的密钥口令不一致')),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
