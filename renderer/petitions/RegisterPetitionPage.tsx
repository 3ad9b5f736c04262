import { FileDoneOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { RegisterPetitionInput } from '../../shared/petitions/api';
import {
  GROUP_VISIT_MIN_PEOPLE,
  PETITION_CATEGORIES,
  PETITION_CHANNEL_LABELS,
  PETITION_CHANNELS,
  PETITION_SOURCE_LABELS,
  PETITION_SOURCES,
  SKIPPED_LEVEL_LABELS,
  SKIPPED_LEVELS,
  type PetitionCategory,
  type PetitionChannel,
  type PetitionSource,
  type SkippedLevel,
} from '../../shared/petitions/petitions';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { href, navigate, paths } from '../common/router';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { remember } from '../common/sessionMemory';
import { useFormSubmit } from '../common/useFormSubmit';
import { useServerErrors, type ServerErrors } from '../common/useServerErrors';
import { VillageSelect } from '../common/VillageSelect';
import { pastDateRules, toDateString } from '../common/dates';
import { useToday } from '../common/useToday';
import { EarlierPetitionsPanel, useEarlierPetitions } from './EarlierPetitions';
import { ISSUED_PETITION_KEY, type IssuedPetitionNotice } from './issuedNotice';
import { newPetitioner, PetitionersEditor, petitionerToInput, type PetitionerValues } from './PetitionersEditor';

/** The reception day select's value for “not on a reception day”. */
const NO_DAY = '';

interface Values {
  channel: PetitionChannel;
  receivedOn?: Dayjs | null;
  receivedAt?: string;
  peopleCount?: number | null;
  petitioners: PetitionerValues[];
  letter?: { postmarkOn?: Dayjs | null; fromAddress?: string; mailNumber?: string; pages?: number | null };
  source: PetitionSource;
  handedDown?: { from?: string; on?: Dayjs | null; reference?: string };
  /** '' when the petitioner skipped no level. */
  skippedTo?: SkippedLevel | '';
  repeat: boolean;
  repeatOfId?: string | null;
  category?: PetitionCategory;
  matter?: string;
  requests?: string;
  villageId?: string | null;
  place?: string;
  departmentConcerned?: string;
  receptionDayId?: string;
}

/** Fields the form shows, for the server's messages beside them (the rest go above the form). */
const FIELDS = [
  'channel',
  'receivedOn',
  'receivedAt',
  'peopleCount',
  'petitioners',
  'letter',
  'letter.postmarkOn',
  'letter.fromAddress',
  'letter.mailNumber',
  'letter.pages',
  'source',
  'handedDown',
  'handedDown.from',
  'handedDown.on',
  'handedDown.reference',
  'skippedTo',
  'repeat',
  'repeatOfId',
  'category',
  'matter',
  'requests',
  'villageId',
  'place',
  'departmentConcerned',
  'receptionDayId',
];
const PETITIONER_FIELD = /^petitioners\.\d+\.(name|sex|idNumber|phone|address|representative)$/;

const CATEGORY_OPTIONS = PETITION_CATEGORIES.map((c) => ({ value: c.code, label: c.label }));
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const text = (value: string | undefined | null) => (value ?? '').trim();

function toInput(values: Values, requestId: string): RegisterPetitionInput {
  const visit = values.channel === 'visit';
  const letter = values.letter ?? {};
  const handedDown = values.handedDown ?? {};
  return {
    requestId,
    channel: values.channel,
    ...(values.receivedOn ? { receivedOn: values.receivedOn.format('YYYY-MM-DD') } : {}),
    receivedAt: visit && text(values.receivedAt) ? text(values.receivedAt) : null,
    peopleCount: values.peopleCount ?? 0,
    petitioners: (values.petitioners ?? []).map(petitionerToInput),
    letter: visit
      ? null
      : {
          postmarkOn: toDateString(letter.postmarkOn) ?? null,
          fromAddress: text(letter.fromAddress),
          mailNumber: text(letter.mailNumber),
          pages: letter.pages ?? null,
        },
    source: values.source,
    handedDown:
      values.source === 'handedDown'
        ? {
            from: text(handedDown.from),
            on: toDateString(handedDown.on) ?? '',
            reference: text(handedDown.reference),
          }
        : null,
    skippedTo: values.skippedTo || null,
    repeat: values.repeat,
    repeatOfId: values.repeat ? (values.repeatOfId ?? null) : null,
    category: values.category!,
    matter: text(values.matter),
    requests: text(values.requests),
    villageId: values.villageId ?? null,
    place: text(values.place),
    departmentConcerned: text(values.departmentConcerned),
    receptionDayId: visit && values.receptionDayId ? values.receptionDayId : null,
  };
}

/**
 * 登记信访: a visit or a letter, its petitioners (a group visit with its representatives), the
 * earlier petitions of the same people, the matter. Registering issues the 信访登记表, printed on
 * the petition's page where this lands. One request id per form: a double click registers once.
 */
export function RegisterPetitionPage() {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const today = useToday();
  const [requestId] = useState(() => crypto.randomUUID());
  const petitioners: PetitionerValues[] = Form.useWatch('petitioners', form) ?? [];
  const earlier = useEarlierPetitions(petitioners);

  const { busy, submit } = useFormSubmit(form, server, async (values) => {
    const answer = await call('petitions.register', toInput(values, requestId));
    remember<IssuedPetitionNotice>(ISSUED_PETITION_KEY, {
      petitionId: answer.petition.id,
      title: `已登记信访件 ${answer.petition.number}`,
      document: answer.document,
    });
    navigate(paths.petition(answer.petition.id));
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          登记信访
        </Typography.Title>
        <Typography.Link href={href(paths.petitions())}>信访件列表</Typography.Link>
      </Flex>
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(
          Object.keys(server.error?.fieldErrors ?? {}).filter(
            (path) => FIELDS.includes(path) || PETITIONER_FIELD.test(path),
          ),
        )}
      />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          name="petition"
          layout="vertical"
          requiredMark={false}
          initialValues={{
            channel: 'visit',
            receivedOn: dayjs(today),
            receivedAt: dayjs().format('HH:mm'),
            peopleCount: 1,
            petitioners: [newPetitioner()],
            source: 'desk',
            repeat: false,
            repeatOfId: null,
            skippedTo: '',
            receptionDayId: NO_DAY,
          }}
          onValuesChange={server.clearChanged}
          disabled={busy}
        >
          <Card size="small" title="来信来访">
            <ArrivalFields form={form} server={server} today={today} />
          </Card>
          <Card size="small" title="信访人" style={{ marginTop: 16 }}>
            <GroupAwarePetitioners form={form} server={server} today={today} disabled={busy} />
          </Card>
          <div style={{ marginTop: 16 }}>
            <EarlierPetitionsPanel earlier={earlier} server={server} />
          </div>
          <Card size="small" title="信访事项" style={{ marginTop: 16 }}>
            <MatterFields server={server} />
          </Card>
        </Form>
      </div>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" size="large" icon={<FileDoneOutlined />} loading={busy} onClick={() => void submit()}>
          登记
        </Button>
        <Typography.Text type="secondary">
          登记后出具《信访登记表》，请打印交信访人核对并签名。受理告知期限自收到之日起15日。
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

interface FieldsProps {
  form: FormInstance<Values>;
  server: ServerErrors;
  today: string;
}

/** The group-visit hint follows the channel and the number of people. */
function GroupAwarePetitioners({ form, server, today, disabled }: FieldsProps & { disabled: boolean }) {
  const channel: PetitionChannel = Form.useWatch('channel', form) ?? 'visit';
  const people: number = Form.useWatch('peopleCount', form) ?? 0;
  return (
    <PetitionersEditor
      form={form}
      server={server}
      today={today}
      groupVisit={channel === 'visit' && people >= GROUP_VISIT_MIN_PEOPLE}
      disabled={disabled}
    />
  );
}

/** A server message for an object (letter, handedDown) shows on its first field when that field has none. */
function statusOf(server: ServerErrors, field: string, object: string) {
  return server.fieldStatus(field).help ? server.fieldStatus(field) : server.fieldStatus(object);
}

function ArrivalFields({ form, server, today }: FieldsProps) {
  const channel: PetitionChannel = Form.useWatch('channel', form) ?? 'visit';
  const source: PetitionSource = Form.useWatch('source', form) ?? 'desk';
  const receivedOn: Dayjs | null | undefined = Form.useWatch('receivedOn', form);
  const visit = channel === 'visit';

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name="channel" label="信访形式" {...server.fieldStatus('channel')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={PETITION_CHANNELS.map((c) => ({ value: c, label: PETITION_CHANNEL_LABELS[c] }))}
              onChange={() => server.clearChanged({ letter: null, receptionDayId: null, receivedAt: null })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item
            name="receivedOn"
            label={visit ? '来访日期' : '收信日期'}
            rules={[
              { required: true, message: visit ? '请选择来访日期' : '请选择收信日期' },
              ...pastDateRules(visit ? '来访日期' : '收信日期', today),
            ]}
            {...server.fieldStatus('receivedOn')}
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {visit && (
          <Col xs={12} md={4}>
            <Form.Item
              name="receivedAt"
              label="来访时间"
              rules={[{ pattern: TIME_PATTERN, message: '时间格式应为 时:分，如 09:30' }]}
              {...server.fieldStatus('receivedAt')}
            >
              <Input maxLength={5} placeholder="如 09:30" autoComplete="off" />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={4}>
          <Form.Item
            name="peopleCount"
            label={visit ? '来访人数' : '署名人数'}
            rules={[{ required: true, message: '请填写人数' }]}
            {...server.fieldStatus('peopleCount')}
          >
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {visit && <ReceptionDayField form={form} server={server} date={toDateString(receivedOn) ?? today} />}
      {!visit && (
        <Row gutter={12}>
          <Col xs={12} md={5}>
            <Form.Item
              name={['letter', 'postmarkOn']}
              label="邮戳日期"
              rules={pastDateRules('邮戳日期', today)}
              {...statusOf(server, 'letter.postmarkOn', 'letter')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name={['letter', 'fromAddress']} label="寄信地址" {...server.fieldStatus('letter.fromAddress')}>
              <Input maxLength={100} placeholder="信封上的寄信人地址" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={['letter', 'mailNumber']}
              label="挂号或快递单号"
              {...server.fieldStatus('letter.mailNumber')}
            >
              <Input maxLength={40} placeholder="可不填" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name={['letter', 'pages']} label="信件页数" {...server.fieldStatus('letter.pages')}>
              <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="source" label="来源" {...server.fieldStatus('source')}>
        <Radio.Group
          options={PETITION_SOURCES.map((s) => ({ value: s, label: PETITION_SOURCE_LABELS[s] }))}
          onChange={() => server.clearChanged({ handedDown: null })}
        />
      </Form.Item>
      {source === 'handedDown' && (
        <Row gutter={12}>
          <Col xs={24} md={9}>
            <Form.Item
              name={['handedDown', 'from']}
              label="转送交办单位"
              rules={[{ required: true, whitespace: true, message: '请填写转送、交办的单位' }]}
              {...statusOf(server, 'handedDown.from', 'handedDown')}
            >
              <Input maxLength={60} placeholder="如 县信访局" />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item
              name={['handedDown', 'on']}
              label="转送交办日期"
              rules={[{ required: true, message: '请选择转送、交办日期' }, ...pastDateRules('转送交办日期', today)]}
              {...server.fieldStatus('handedDown.on')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={10}>
            <Form.Item name={['handedDown', 'reference']} label="文号" {...server.fieldStatus('handedDown.reference')}>
              <Input maxLength={60} placeholder="如 县信转〔2026〕15号，可不填" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item
        name="skippedTo"
        label="越级情况"
        extra="信访人越过本镇，已到上级机关反映的，选择所到的层级"
        {...server.fieldStatus('skippedTo')}
      >
        <Select<SkippedLevel | ''>
          style={{ maxWidth: 300 }}
          options={[
            { value: '', label: '未越级' },
            ...SKIPPED_LEVELS.map((l) => ({ value: l, label: SKIPPED_LEVEL_LABELS[l] })),
          ]}
        />
      </Form.Item>
    </>
  );
}

/**
 * 领导接访日: when the rota has a leader receiving on the visit's day, the visit is registered
 * on it (the leader then shows on the petition and its papers); preselected, and can be unset.
 */
function ReceptionDayField({ form, server, date }: { form: FormInstance<Values>; server: ServerErrors; date: string }) {
  const days = useQuery('petitions.receptionDays', { from: date, to: date });
  const chosen: string | undefined = Form.useWatch('receptionDayId', form);
  const touched = useRef(false);
  // The answer for another date (while the new one is asked) is not offered.
  const list = (days.data?.days ?? []).filter((d) => d.on === date);
  const first = list[0]?.id ?? NO_DAY;

  // A new date offers its own reception day; what the receptionist chose for this date stays.
  useEffect(() => {
    touched.current = false;
  }, [date]);
  useEffect(() => {
    if (!touched.current) form.setFieldValue('receptionDayId', first);
  }, [date, first, form]);

  const day = list.find((d) => d.id === chosen);
  return (
    <Form.Item
      name="receptionDayId"
      label="领导接访日"
      extra={
        days.error
          ? `接访安排没有加载出来：${days.error.message}`
          : list.length === 0
            ? '这一天没有安排领导接访'
            : day
              ? `${day.leaderTitle}${day.leaderName}接访：登记表和信访件上注明接访领导，领导可当场提出处理意见`
              : '这一天有领导接访；不是在接访时登记的，选“不在领导接访日登记”'
      }
      {...server.fieldStatus('receptionDayId')}
    >
      <Select
        style={{ maxWidth: 520 }}
        loading={days.loading}
        onChange={() => {
          touched.current = true;
        }}
        options={[
          { value: NO_DAY, label: '不在领导接访日登记' },
          ...list.map((d) => ({
            value: d.id,
            label: `${d.leaderTitle} ${d.leaderName}（${d.startsAt}至${d.endsAt}，${d.place}）`,
          })),
        ]}
      />
    </Form.Item>
  );
}

function MatterFields({ server }: { server: ServerErrors }) {
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="category"
            label="内容分类"
            rules={[{ required: true, message: '请选择内容分类' }]}
            {...server.fieldStatus('category')}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={CATEGORY_OPTIONS} placeholder="可输入筛选" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="villageId" label="问题发生地村（社区）" {...server.fieldStatus('villageId')}>
            <VillageSelect />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="place" label="问题发生地点" {...server.fieldStatus('place')}>
            <Input maxLength={100} placeholder="如 三组村道旁" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="matter"
        label="信访事项"
        rules={[{ required: true, whitespace: true, message: '请填写信访事项' }]}
        {...server.fieldStatus('matter')}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder="信访人反映的主要问题和事实经过" />
      </Form.Item>
      <Form.Item name="requests" label="信访诉求" {...server.fieldStatus('requests')}>
        <Input.TextArea rows={2} maxLength={2000} showCount placeholder="信访人希望解决什么问题" />
      </Form.Item>
      <Form.Item name="departmentConcerned" label="涉及单位" {...server.fieldStatus('departmentConcerned')}>
        <Input maxLength={60} placeholder="如 镇国土所、东岗村委会" style={{ maxWidth: 420 }} />
      </Form.Item>
    </>
  );
}
