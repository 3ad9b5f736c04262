import { Form, Input } from 'antd';
import { confirmPasswordRule, newPasswordRules } from './passwordRules';
import type { ServerErrors } from './useServerErrors';

interface FieldProps {
  server: ServerErrors;
  /** What the hint under the field gives as an example user name. */
  example?: string;
  autoFocus?: boolean;
  autoComplete?: string;
}

/** 用户名, the same rules wherever an account is made (first run, 新建用户). */
export function UsernameField({ server, example = 'zhangsan', autoFocus, autoComplete = 'off' }: FieldProps) {
  return (
    <Form.Item
      name="username"
      label="用户名"
      extra={`登录时使用，只能用字母、数字和 _ . -，如 ${example}`}
      rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
      {...server.fieldStatus('username')}
    >
      <Input autoFocus={autoFocus} autoComplete={autoComplete} />
    </Form.Item>
  );
}

/** 姓名 of a user, as shown in the header and the audit log. */
export function DisplayNameField({ server, autoFocus, autoComplete = 'off' }: FieldProps) {
  return (
    <Form.Item
      name="displayName"
      label="姓名"
      rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
      {...server.fieldStatus('displayName')}
    >
      <Input autoFocus={autoFocus} autoComplete={autoComplete} />
    </Form.Item>
  );
}

/** 密码 and 确认密码 of an account being made here (first run): the same rules everywhere. */
export function NewPasswordFields({ server }: { server: ServerErrors }) {
  return (
    <>
      <Form.Item name="password" label="密码" rules={newPasswordRules} {...server.fieldStatus('password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认密码"
        dependencies={['password']}
        rules={[confirmPasswordRule('password')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
