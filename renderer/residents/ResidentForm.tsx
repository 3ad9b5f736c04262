import { Alert, Button, Col, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ResidentRecord } from '../../shared/residents/api';
import { PHONE_PATTERN } from '../../shared/residents/api';
import { ETHNICITIES } from '../../shared/residents/ethnicities';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useSession } from '../common/session';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { confirmLeave, useFormLeaveGuard } from '../common/leaveGuard';
import { isOpenPopupTarget, isShortcut, useHotkeys } from '../common/keyboard';
import { useServerErrors } from '../common/useServerErrors';
import {
  emptyResidentValues,
  recordToValues,
  RESIDENT_FIELDS,
  valuesToInput,
  type ResidentFormValues,
} from './formValues';
import { IdentityFields } from './IdentityFields';
import { PlaceFields } from './PlaceFields';
import { DuplicateResidentLink } from './DuplicateResidentLink';

interface Props {
  /** Editing this record; absent when registering a new resident. */
  initial?: ResidentRecord;
  /** Starting values for a new resident (what was searched for). */
  draft?: Partial<ResidentFormValues>;
  onSaved: (record: ResidentRecord) => void;
  onCancel: () => void;
  /** After someone else saved the record meanwhile: load their version. */
  onReload?: () => void;
}

const ETHNICITY_OPTIONS = ETHNICITIES.map((value) => ({ value, label: value }));

/**
 * Register or edit a resident, keyboard first: Enter moves on, Ctrl+S saves, Esc cancels.
 * A refused save keeps everything typed and puts each message beside its field.
 */
export function ResidentForm({ initial, draft, onSaved, onCancel, onReload }: Props) {
  const [form] = Form.useForm<ResidentFormValues>();
  const { system } = useSession();
  // The window may have stayed open past midnight since sign-in; birth dates are checked
  // against the backend's today.
  const status = useQuery('system.status', {});
  const today = status.data?.today ?? system.today;
  const server = useServerErrors();
  const guard = useFormLeaveGuard(form);
  const villages = useQuery('places.listVillages', {});
  const [busy, setBusy] = useState(false);
  const [submitAttempted, setSubmitAttempted] = useState(false);
  // Computed once: later renders must not reset what the clerk typed.
  const [initialValues] = useState(() => (initial ? recordToValues(initial) : emptyResidentValues(draft)));
  const villageItems = villages.data?.items ?? [];

  async function save(values: ResidentFormValues) {
    if (busy) return;
    setBusy(true);
    server.clear();
    try {
      const input = valuesToInput(values, today);
      const record = initial
        ? await call('residents.update', { id: initial.id, version: initial.version, ...input })
        : await call('residents.register', input);
      guard.saved();
      onSaved(record);
    } catch (error) {
      // Each message beside its field; the first brought into view by FormErrorAlert.
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    void confirmLeave('leave', guard.isDirty()).then((leave) => leave && onCancel());
  }

  useHotkeys((event) => {
    if (isShortcut(event, 'Ctrl+S')) {
      form.submit();
      return true;
    }
    if (isShortcut(event, 'Escape') && !isOpenPopupTarget(event.target)) {
      cancel();
      return true;
    }
  });

  return (
    <div style={{ maxWidth: 1000 }} onKeyDownCapture={enterMovesFocus}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {initial ? `修改居民信息：${initial.name}` : '登记居民'}
      </Typography.Title>
      {villages.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="村（社区）列表没有加载出来"
          description={villages.error.message}
          action={<Button onClick={villages.reload}>重试</Button>}
        />
      )}
      {villages.data && villageItems.length === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="还没有设置村（社区），暂时无法登记居民。请系统管理员先在“系统管理 → 村（社区）”中添加。"
        />
      )}
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(RESIDENT_FIELDS)}
        action={<DuplicateResidentLink error={server.error} />}
        stale={onReload ? { reload: onReload, replacesTyped: true } : undefined}
      />
      <Form<ResidentFormValues>
        form={form}
        name="resident"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setSubmitAttempted(true);
          void save(values);
        }}
        onFinishFailed={() => setSubmitAttempted(true)}
        scrollToFirstError={{ focus: true, block: 'center' }}
        onValuesChange={(changed: Partial<ResidentFormValues>) => {
          server.clearChanged(changed);
          if ('villageId' in changed) form.setFieldValue('groupId', null);
          // A number typed under the wrong type is re-checked against the new one.
          if ('idType' in changed && form.getFieldValue('idNumber'))
            void form.validateFields(['idNumber']).catch(() => undefined);
        }}
        requiredMark={false}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
              {...server.fieldStatus('name')}
            >
              <Input autoFocus autoComplete="off" />
            </Form.Item>
          </Col>
          <IdentityFields form={form} today={today} server={server} submitAttempted={submitAttempted} />
          <Col xs={24} md={8}>
            <Form.Item name="ethnicity" label="民族" {...server.fieldStatus('ethnicity')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={ETHNICITY_OPTIONS}
                notFoundContent="没有这个民族"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[{ pattern: PHONE_PATTERN, message: '应为 11 位手机号或带区号的固定电话，如 0371-12345678' }]}
              validateTrigger="onBlur"
              {...server.fieldStatus('phone')}
            >
              <Input autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <PlaceFields form={form} villages={villageItems} loading={villages.loading} server={server} />
          <Col span={24}>
            <Form.Item name="address" label="住址" {...server.fieldStatus('address')}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注" extra="Shift+Enter 换行" {...server.fieldStatus('note')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        <Flex align="center" gap={16} wrap>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} size="large">
              {initial ? '保存' : '登记'}
            </Button>
            <Button onClick={cancel} size="large">
              取消
            </Button>
          </Space>
          <Space size="middle">
            <Typography.Text type="secondary">
              <Typography.Text keyboard>Enter</Typography.Text> 下一项
            </Typography.Text>
            <Typography.Text type="secondary">
              <Typography.Text keyboard>Ctrl+S</Typography.Text> 保存
            </Typography.Text>
            <Typography.Text type="secondary">
              <Typography.Text keyboard>Esc</Typography.Text> 取消
            </Typography.Text>
          </Space>
        </Flex>
      </Form>
    </div>
  );
}
