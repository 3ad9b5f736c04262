import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { tokenAccepted } from './countyClient';

/** The county access token shown by `npm run hub` on first start, and by `npm run hub -- --show-token` (kept in <数据目录>/county-token). */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: (token: string) => void }) {
  const [form] = Form.useForm<{ token: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ token }: { token: string }) {
    setBusy(true);
    setError(null);
    try {
      const trimmed = token.trim();
      if (await tokenAccepted(trimmed)) return onSignedIn(trimmed);
      setError('访问口令不对，请核对（在县级平台所在电脑上运行 npm run hub -- --show-token 可查看）');
      form.setFieldValue('token', '');
      form.getFieldInstance('token')?.focus?.();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '无法连接到县级平台');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Card title="县级平台 · 乡镇一站通" style={{ width: 460, maxWidth: '100%' }}>
        {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" name="county-sign-in" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="token"
            label="访问口令"
            extra="首次启动县级平台时在命令行显示一次；以后在平台所在电脑上运行 npm run hub -- --show-token 查看"
            rules={[{ required: true, whitespace: true, message: '请输入访问口令' }]}
          >
            <Input.Password autoFocus autoComplete="off" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            进入
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          关闭本页后须重新输入口令。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
