import { FileDoneOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RegisterMatterInput } from '../../shared/matters/api';
import {
  MATTER_CATEGORIES,
  MATTER_SOURCE_LABELS,
  MATTER_SOURCES,
  MATTER_TYPE_LABELS,
  MATTER_TYPES,
  type MatterCategory,
  type MatterSource,
  type MatterType,
} from '../../shared/matters/matters';
import type { ResidentSummary } from '../../shared/residents/api';
import { RESIDENT_READERS } from '../../shared/auth/roles';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { pastDateRules, toDateString } from '../common/dates';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { href, navigate, paths } from '../common/router';
import { useHasRole, useSession } from '../common/session';
import { remember } from '../common/sessionMemory';
import { useFormSubmit } from '../common/useFormSubmit';
import { useServerErrors } from '../common/useServerErrors';
import { useToday } from '../common/useToday';
import { VillageSelect } from '../common/VillageSelect';
import { ResidentPicker } from '../residents/ResidentPicker';
import { REGISTERED_MATTER_KEY, type RegisteredMatterNotice } from './registeredNotice';

interface Values {
  source: MatterSource;
  villageId?: string | null;
  residentName?: string;
  phone?: string;
  type?: MatterType;
  category?: MatterCategory;
  description?: string;
  collectedOn?: Dayjs | null;
}

const FIELDS = [
  'source',
  'villageId',
  'residentId',
  'residentName',
  'phone',
  'type',
  'category',
  'description',
  'collectedOn',
];

/**
 * 登记诉求: where it was collected (窗口、网格走访、议事会、问计于民), the village, who raised it
 * (a resident found in the registry, or a name: a meeting's matter names the meeting), what it
 * is and when. The number comes with the answer; the matter's page is where this lands.
 */
export function RegisterMatterPage() {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const today = useToday();
  const { user } = useSession().info;
  const canFindResidents = useHasRole(RESIDENT_READERS);
  const villages = useQuery('places.listVillages', {});
  const [requestId] = useState(() => crypto.randomUUID());
  const [resident, setResident] = useState<ResidentSummary | null>(null);
  // A village agent or grid worker collects in the one village they serve.
  const ownVillage = user.villageIds.length === 1 ? user.villageIds[0] : undefined;

  function chooseResident(next: ResidentSummary | null) {
    setResident(next);
    server.clearChanged({ residentId: null });
    if (!next) return;
    const village = villages.data?.items.find((v) => v.name === next.villageName);
    form.setFieldsValue({
      residentName: next.name,
      ...(village && !form.getFieldValue('villageId') ? { villageId: village.id } : {}),
    });
  }

  const { busy, submit } = useFormSubmit(form, server, async (values) => {
    const input: RegisterMatterInput = {
      requestId,
      source: values.source,
      villageId: values.villageId ?? '',
      residentId: resident?.id ?? null,
      residentName: values.residentName ?? '',
      phone: values.phone ?? '',
      type: values.type!,
      category: values.category!,
      description: values.description ?? '',
      collectedOn: toDateString(values.collectedOn),
    };
    const answer = await call('matters.register', input);
    remember<RegisteredMatterNotice>(REGISTERED_MATTER_KEY, {
      matterId: answer.matter.id,
      title: `已登记 ${answer.matter.number}`,
    });
    navigate(paths.matter(answer.matter.id));
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          登记诉求
        </Typography.Title>
        <Typography.Link href={href(paths.matters())}>群众诉求工作台</Typography.Link>
      </Flex>
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      {canFindResidents && (
        <Card size="small" title="从居民库查找反映人（可不查，直接填写姓名）">
          <Form layout="vertical" component={false}>
            <Form.Item
              label={resident ? '反映人' : '查找居民'}
              htmlFor="matter-resident"
              {...server.fieldStatus('residentId')}
            >
              <ResidentPicker
                id="matter-resident"
                noun="反映人"
                value={resident}
                onChange={chooseResident}
                disabled={busy}
                startEmpty
              />
            </Form.Item>
          </Form>
        </Card>
      )}
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          name="matter"
          layout="vertical"
          requiredMark={false}
          initialValues={{ source: 'counter', villageId: ownVillage, collectedOn: dayjs(today), type: 'request' }}
          onValuesChange={server.clearChanged}
          disabled={busy}
        >
          <Card size="small" title="诉求">
            <Row gutter={12}>
              <Col xs={24} md={14}>
                <Form.Item name="source" label="收集渠道" {...server.fieldStatus('source')}>
                  <Radio.Group
                    optionType="button"
                    options={MATTER_SOURCES.map((s) => ({ value: s, label: MATTER_SOURCE_LABELS[s] }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="type" label="类型" {...server.fieldStatus('type')}>
                  <Radio.Group
                    optionType="button"
                    options={MATTER_TYPES.map((t) => ({ value: t, label: MATTER_TYPE_LABELS[t] }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="villageId"
                  label="村（社区）"
                  rules={[{ required: true, message: '请选择诉求所在的村（社区）' }]}
                  {...server.fieldStatus('villageId')}
                >
                  <VillageSelect id="matter_villageId" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="residentName"
                  label="反映人"
                  extra="议事会收集的，填写议事会名称，如 第三村民小组议事会"
                  rules={[{ required: true, whitespace: true, message: '请填写反映人姓名或议事会名称' }]}
                  {...server.fieldStatus('residentName')}
                >
                  <Input maxLength={60} disabled={resident !== null} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="phone" label="联系电话" {...server.fieldStatus('phone')}>
                  <Input maxLength={20} placeholder="可不填" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="category"
                  label="分类"
                  rules={[{ required: true, message: '请选择分类' }]}
                  {...server.fieldStatus('category')}
                >
                  <Select<MatterCategory>
                    placeholder="选择分类"
                    options={MATTER_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="collectedOn"
                  label="收集日期"
                  extra="不填即为今天"
                  rules={pastDateRules('收集日期', today, null)}
                  {...server.fieldStatus('collectedOn')}
                >
                  <DatePicker format="YYYY-MM-DD" placeholder="如 2026-01-31" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="description"
              label="诉求内容"
              rules={[{ required: true, whitespace: true, message: '请写明群众反映的诉求、问题或建议' }]}
              {...server.fieldStatus('description')}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如 三组路灯坏了两个月，晚上看不见路" />
            </Form.Item>
          </Card>
        </Form>
      </div>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" size="large" icon={<FileDoneOutlined />} loading={busy} onClick={() => void submit()}>
          登记
        </Button>
        <Typography.Text type="secondary">登记后取得诉求编号，在诉求页分流办理或当即解决。</Typography.Text>
      </Flex>
    </Flex>
  );
}
