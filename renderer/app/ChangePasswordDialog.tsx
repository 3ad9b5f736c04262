import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { enterMovesFocusThen } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useServerErrors } from '../common/useServerErrors';
import { confirmPasswordRule, newPasswordRules } from '../common/passwordRules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface Props {
  open: boolean;
  /** First sign-in or after a reset: no way around it. */
  forced: boolean;
  onDone: () => void;
  onCancel: () => void;
}

export function ChangePasswordDialog({ open, forced, onDone, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const server = useServerErrors();
  const { message } = App.useApp();

  async function submit(values: Values) {
    setBusy(true);
    server.clear();
    try {
      await call('auth.changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      message.success('密码已修改');
      onDone();
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={forced ? '请先修改密码' : '修改密码'}
      okText="修改密码"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onCancel}
      confirmLoading={busy}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: false }}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      afterOpenChange={(visible) => visible || server.clear()}
    >
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="这是首次登录，或密码已被系统管理员重设。请设置只有您自己知道的新密码后再继续。"
        />
      )}
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(['currentPassword', 'newPassword'])}
      />
      <div onKeyDownCapture={enterMovesFocusThen(() => form.submit())}>
        <Form
          form={form}
          clearOnDestroy
          layout="vertical"
          name="changePassword"
          onFinish={submit}
          requiredMark={false}
          onValuesChange={server.clearChanged}
        >
          <Form.Item
            name="currentPassword"
            label="原密码"
            rules={[{ required: true, message: '请输入原密码' }]}
            {...server.fieldStatus('currentPassword')}
          >
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少 8 位，须同时包含字母和数字"
            rules={newPasswordRules}
            {...server.fieldStatus('newPassword')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[confirmPasswordRule('newPassword')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
