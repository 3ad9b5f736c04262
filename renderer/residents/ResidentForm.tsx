import { Alert, Button, Col, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
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
import { useIdCardReader, type IdCardReadSuccess } from '../common/devices/useIdCardReader';
import { IdCardReadStatus, ReadIdCardButton } from '../common/devices/ReadIdCardButton';
import { ethnicityOfCard } from '../common/devices/idCardFields';
import { href, paths } from '../common/router';

interface Props {
  /** Editing this record; absent when registering a new resident. */
  initial?: ResidentRecord;
  /** Starting values for a new resident (what was searched for). */
  draft?: Partial<ResidentFormValues>;
  onSaved: (record: ResidentRecord) => void;
  onCancel: () => void;
  /** After someone else saved the record meanwhile: load their version. */
  onReload?: () => void;
  /** A card read elsewhere (at the counter) to register its holder from: filled as a read here would. */
  fromCard?: IdCardReadSuccess;
}

const ETHNICITY_OPTIONS = ETHNICITIES.map((value) => ({ value, label: value }));

/**
 * Register or edit a resident, keyboard first: Enter moves on, Ctrl+S saves, Esc cancels.
 * A refused save keeps everything typed and puts each message beside its field.
 */
export function ResidentForm({ initial, draft, onSaved, onCancel, onReload, fromCard }: Props) {
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

  // A read overwrites the person fields the card has, marked touched (leaving asks first);
  // phone, village, note and whatever else was typed stay.
  const reader = useIdCardReader<'resident'>({
    onRead: fillFromCard,
    hotkeyTarget: () => 'resident',
    disabled: busy,
  });
  const [cardFilled, setCardFilled] = useState('');
  const [cardRead, setCardRead] = useState<IdCardReadSuccess | null>(null);
  // A card read elsewhere fills the form once the villages are there (the address may name one).
  const [fromCardApplied, setFromCardApplied] = useState(false);
  useEffect(() => {
    if (!fromCard || fromCardApplied || villages.loading) return;
    setFromCardApplied(true);
    fillFromCard(fromCard);
  });

  function fillFromCard(read: IdCardReadSuccess) {
    const { card } = read;
    setCardRead(read);
    const ethnicity = ethnicityOfCard(card);
    const fields: { name: keyof ResidentFormValues; value: unknown }[] = [
      { name: 'name', value: card.name },
      { name: 'idType', value: 'residentId' },
      { name: 'idNumber', value: card.idNumber },
      { name: 'address', value: card.address },
    ];
    if (ethnicity) fields.push({ name: 'ethnicity', value: ethnicity });
    // The card names no village; one village whose name is in the address is taken if none is chosen yet.
    const villageHits = villageItems.filter((v) => card.address.includes(v.name));
    const villageGuessed = !form.getFieldValue('villageId') && villageHits.length === 1;
    if (villageGuessed) fields.push({ name: 'villageId', value: villageHits[0]!.id }, { name: 'groupId', value: null });
    form.setFields(fields.map((field) => ({ ...field, touched: true, errors: [] })));
    server.clearChanged(Object.fromEntries(fields.map((field) => [field.name, null])));
    void form.validateFields(['idNumber']).catch(() => undefined);
    setCardFilled(
      `姓名、证件号码、${ethnicity ? '民族、' : ''}住址${villageGuessed ? '、村（社区）' : ''}（性别、出生日期由号码识别）` +
        (ethnicity ? '' : `；民族“${card.ethnicity}”不在列表中，请手工选择`),
    );
  }
  // A later read that failed speaks for the card now on the reader: the earlier holder's notice goes.
  const registered = reader.failure ? null : (cardRead?.resident ?? null);
  const registeredElsewhere = registered && registered.id !== initial?.id ? registered : null;

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
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {initial ? `修改居民信息：${initial.name}` : '登记居民'}
        </Typography.Title>
        <ReadIdCardButton reader={reader} target="resident" disabled={busy} />
      </Flex>
      <Flex vertical gap={8} style={{ marginBottom: reader.failure || cardRead ? 16 : 0 }}>
        <IdCardReadStatus
          reader={reader}
          target="resident"
          today={today}
          filled={cardFilled}
          note="居民档案不保存签发机关和有效期限，请核对后保存"
          read={cardRead}
        />
        {registeredElsewhere && (
          <Alert
            type="info"
            showIcon
            data-testid="id-card-registered"
            title={`这张身份证的持有人已登记为居民：${registeredElsewhere.name}（${registeredElsewhere.villageName}${registeredElsewhere.groupName ? ` / ${registeredElsewhere.groupName}` : ''}）${initial ? '，与正在修改的不是同一位' : '，不必重复登记'}`}
            action={
              <Button type="primary" href={href(paths.resident(registeredElsewhere.id))}>
                打开已登记的居民
              </Button>
            }
          />
        )}
      </Flex>
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
