import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { PASSWORD_MIN_LENGTH, type SessionInfo } from '../../shared/auth/api';
import { call } from '../api/client';
import { DisplayNameField, UsernameField } from '../common/accountFields';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useServerErrors } from '../common/useServerErrors';
import { CenteredPanel } from './CenteredPanel';
import { confirmPasswordRule, newPasswordRules } from '../common/passwordRules';

interface Values {
  townshipName: string;
  username: string;
  displayName: string;
  password: string;
  confirmPassword: string;
}

const FIELDS = ['townshipName', 'username', 'displayName', 'password'];

/** First run: the township's name and the first administrator, who then adds everyone else. */
export function SetupScreen({ onDone }: { onDone: (session: SessionInfo, townshipName: string) => void }) {
  const [busy, setBusy] = useState(false);
  const server = useServerErrors();

  async function submit(values: Values) {
    setBusy(true);
    server.clear();
    try {
      const input = {
        townshipName: values.townshipName,
        username: values.username,
        displayName: values.displayName,
        password: values.password,
      };
      const session = await call('system.setupAdministrator', input);
      onDone(session, values.townshipName.trim());
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredPanel title="首次使用：设置乡镇并创建系统管理员" width={520}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="这台电脑上还没有任何用户。"
        description={`请填写本乡镇（街道）的名称，并为自己创建系统管理员账号；其他工作人员的账号由系统管理员登录后添加。密码至少 ${PASSWORD_MIN_LENGTH} 位，须同时包含字母和数字。`}
      />
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form
          layout="vertical"
          name="setup"
          onFinish={submit}
          requiredMark={false}
          onValuesChange={server.clearChanged}
        >
          <Form.Item
            name="townshipName"
            label="乡镇名称"
            extra="如：城关镇、东城街道"
            rules={[{ required: true, whitespace: true, message: '请填写乡镇名称' }]}
            {...server.fieldStatus('townshipName')}
          >
            <Input autoFocus />
          </Form.Item>
          <UsernameField server={server} example="admin" autoComplete="username" />
          <DisplayNameField server={server} autoComplete="name" />
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
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            完成设置
          </Button>
        </Form>
      </div>
    </CenteredPanel>
  );
}
