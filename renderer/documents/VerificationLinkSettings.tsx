import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { useServerErrors } from '../common/useServerErrors';

/**
 * 核验链接: the address papers' QR codes link to (usually the county hub's public 核验 page),
 * set by the administrator, and whether new papers' links carry the township's signature.
 */
export function VerificationLinkSettings() {
  const { message } = App.useApp();
  const settings = useQuery('documents.verificationSettings', {});
  const server = useServerErrors();
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = settings.data?.baseUrl ?? '';
  useEffect(() => setBaseUrl(null), [current]);

  async function save() {
    setSaving(true);
    try {
      await call('documents.saveVerificationSettings', { baseUrl: baseUrl ?? current });
      server.clear();
      settings.reload();
      message.success('核验网址已保存，此后出具的文书的二维码中使用');
    } catch (error) {
      server.setError(error);
    } finally {
      setSaving(false);
    }
  }

  if (settings.error) return <LoadFailed error={settings.error} what="核验链接设置" onRetry={settings.reload} />;
  return (
    <Card size="small" title="文书二维码中的核验链接" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        文书上的二维码是一个核验链接：这里的网址加上核验码和本乡镇签名的文书信息（种类、编号、日期、隐去中间字的姓名）。
        填县级平台的核验页（如
        https://县级平台地址:4790/verify），任何人用手机扫码即可在县级平台核验；不填，二维码只含核验码。
      </Typography.Paragraph>
      <Form layout="inline" onFinish={() => void save()}>
        <Form.Item label="核验网址" htmlFor="verification-base-url" {...server.fieldStatus('baseUrl')}>
          <Input
            id="verification-base-url"
            style={{ width: 420 }}
            placeholder="https://县级平台地址:4790/verify"
            value={baseUrl ?? current}
            disabled={!settings.data || saving}
            onChange={(event) => {
              setBaseUrl(event.target.value);
              server.clearChanged({ baseUrl: null });
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving} disabled={baseUrl === null || baseUrl === current}>
            保存
          </Button>
        </Form.Item>
      </Form>
      {settings.data && (
        <Alert
          style={{ marginTop: 12 }}
          type={settings.data.signing.ready ? 'success' : 'warning'}
          showIcon
          title={settings.data.signing.message}
        />
      )}
    </Card>
  );
}
