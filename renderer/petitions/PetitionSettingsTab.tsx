import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { useState } from 'react';
import type { PetitionSettings } from '../../shared/petitions/api';
import { DAY_COUNT_LABELS, DAY_COUNTS, PERIOD_LABELS, PETITION_PERIODS } from '../../shared/petitions/periods';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useFormLeaveGuard } from '../common/leaveGuard';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { useServerErrors } from '../common/useServerErrors';

type Values = PetitionSettings;

const FIELDS = [
  'officeName',
  'reviewBody',
  'phone',
  'numberPrefix',
  'counting',
  ...PETITION_PERIODS.map((p) => `counting.${p}`),
];

/** 设置 (administrator): how each period counts its days, and what the notices print. */
export function PetitionSettingsTab() {
  const settings = useQuery('petitions.settings', {});
  if (settings.error && !settings.data)
    return <LoadFailed error={settings.error} what="信访设置" onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  return <SettingsForm settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: PetitionSettings }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const [busy, setBusy] = useState(false);
  const guard = useFormLeaveGuard(form);

  async function save(values: Values) {
    setBusy(true);
    server.clear();
    try {
      const saved = await call('petitions.saveSettings', values);
      form.setFieldsValue(saved);
      guard.saved();
      void message.success('信访设置已保存');
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Alert
        type="info"
        showIcon
        title="修改只影响此后计算的期限"
        description="每件信访件在办理各步骤时算出并记下当时的期限；改变计算方式不会移动已经告知信访人的期限。信访工作条例规定的期限按“日”计算，默认按自然日计算，期限末日逢节假日顺延至节后第一个工作日。"
      />
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          name="petition-settings"
          layout="vertical"
          requiredMark={false}
          initialValues={settings}
          onValuesChange={server.clearChanged}
          onFinish={(values) =>
            void save({ ...settings, ...values, counting: { ...settings.counting, ...values.counting } })
          }
          disabled={busy}
        >
          <Card size="small" title="期限的计算方式">
            {PETITION_PERIODS.map((period) => (
              <Form.Item
                key={period}
                name={['counting', period]}
                label={PERIOD_LABELS[period]}
                {...server.fieldStatus(`counting.${period}`)}
              >
                <Radio.Group options={DAY_COUNTS.map((c) => ({ value: c, label: DAY_COUNT_LABELS[c] }))} />
              </Form.Item>
            ))}
          </Card>
          <Card size="small" title="告知书和编号" style={{ marginTop: 16 }}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="officeName"
                  label="落款单位"
                  extra="各类告知书、答复意见书的落款"
                  rules={[{ required: true, whitespace: true, message: '请填写落款单位' }]}
                  {...server.fieldStatus('officeName')}
                >
                  <Input maxLength={40} placeholder="如 青石镇人民政府" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reviewBody"
                  label="复查机关"
                  extra="答复意见书告知信访人可向其请求复查的机关"
                  rules={[{ required: true, whitespace: true, message: '请填写复查机关' }]}
                  {...server.fieldStatus('reviewBody')}
                >
                  <Input maxLength={40} placeholder="如 某某县人民政府" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="phone" label="信访接待电话" {...server.fieldStatus('phone')}>
                  <Input maxLength={20} placeholder="如 0878-1234567" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="numberPrefix"
                  label="编号字头"
                  extra="信访件编号如 青信〔2026〕12号 中的“青信”"
                  rules={[{ required: true, whitespace: true, message: '请填写编号字头' }]}
                  {...server.fieldStatus('numberPrefix')}
                >
                  <Input maxLength={6} style={{ width: 160 }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Flex gap={12} align="center" style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy}>
              保存设置
            </Button>
            <Typography.Text type="secondary">只有系统管理员可以修改。</Typography.Text>
          </Flex>
        </Form>
      </div>
    </Flex>
  );
}
