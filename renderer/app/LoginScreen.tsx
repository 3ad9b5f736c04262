import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../shared/auth/api';
import { call } from '../api/client';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useServerErrors } from '../common/useServerErrors';
import { CenteredPanel } from './CenteredPanel';
import type { SystemStatus } from '../common/session';

interface Values {
  username: string;
  password: string;
}

export function LoginScreen({
  system,
  notice,
  onSignedIn,
}: {
  system: SystemStatus;
  notice?: string;
  onSignedIn: (session: SessionInfo) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const server = useServerErrors();

  async function submit(values: Values) {
    setBusy(true);
    server.clear();
    try {
      onSignedIn(await call('auth.login', { username: values.username, password: values.password }));
    } catch (error) {
      server.setError(error);
      // A wrong password is retyped, not edited: clear it and put the cursor back there.
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredPanel township={system.townshipName} title="登录">
      {notice && !server.error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {/* The reason (wrong password, locked account) is one sentence above the form, not repeated beside the field. */}
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(['username', 'password'])} />
      <Form
        form={form}
        layout="vertical"
        name="login"
        onFinish={submit}
        requiredMark={false}
        onValuesChange={server.clearChanged}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          {...server.fieldStatus('username')}
        >
          <Input autoFocus autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          登录
        </Button>
      </Form>
    </CenteredPanel>
  );
}
