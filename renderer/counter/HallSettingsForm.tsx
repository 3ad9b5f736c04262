import { App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useUnsavedInput } from '../common/leaveGuard';
import { useServerErrors } from '../common/useServerErrors';

/** The query phone printed on every receipt and notice, set by the administrator. */
export function HallSettingsForm() {
  const { message } = App.useApp();
  const settings = useQuery('counter.hallSettings', {});
  const server = useServerErrors();
  const [phone, setPhone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = settings.data?.queryPhone ?? '';
  useEffect(() => setPhone(null), [current]);
  useUnsavedInput(() => phone !== null && phone !== current);

  async function save() {
    setSaving(true);
    try {
      await call('counter.saveHallSettings', { queryPhone: phone ?? current });
      server.clear();
      settings.reload();
      message.success('咨询电话已保存，此后出具的回执和告知书上会印出');
    } catch (error) {
      server.setError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="inline" onFinish={() => void save()}>
      <Form.Item label="回执上的咨询电话" htmlFor="hall-query-phone" {...server.fieldStatus('queryPhone')}>
        <Input
          id="hall-query-phone"
          style={{ width: 180 }}
          placeholder="如 0371-62345678"
          value={phone ?? current}
          disabled={!settings.data || saving}
          onChange={(event) => {
            setPhone(event.target.value);
            server.clearChanged({ queryPhone: null });
          }}
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={saving} disabled={phone === null || phone === current}>
          保存
        </Button>
      </Form.Item>
      {settings.data && <Typography.Text type="secondary">{settings.data.hallName}</Typography.Text>}
    </Form>
  );
}
