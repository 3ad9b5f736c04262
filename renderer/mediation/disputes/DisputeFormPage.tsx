import { FileDoneOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_SOURCE_LABELS,
  DISPUTE_SOURCES,
  HANDOVER_KIND_LABELS,
  HANDOVER_KINDS,
  type DisputeCategory,
  type DisputeSource,
  type HandoverKind,
} from '../../../shared/mediation/disputes';
import type { DisputeRecord, RegisterDisputeInput } from '../../../shared/mediation/disputesApi';
import { call } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { href, navigate, paths } from '../../common/router';
import { useSession } from '../../common/session';
import { enterMovesFocus } from '../../common/enterMovesFocus';
import { FormErrorAlert } from '../../common/FormErrorAlert';
import { LoadFailed } from '../../common/LoadFailed';
import { Loading } from '../../common/Loading';
import { remember } from '../../common/sessionMemory';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useServerErrors, type ServerErrors } from '../../common/useServerErrors';
import { VillageSelect } from '../../common/VillageSelect';
import { chineseDate, pastDateRules } from '../../common/dates';
import { useToday } from '../../common/useToday';
import { committeeOptionLabel } from '../labels';
import { ISSUED_KEY, type IssuedNotice } from './issuedNotice';
import { newParty, PartiesEditor, partyToInput, partyToValues, type PartyValues } from './PartiesEditor';

interface Values {
  committeeId?: string;
  registeredOn?: Dayjs | null;
  source: DisputeSource;
  sweepId?: string | null;
  handover?: { kind?: HandoverKind; from?: string; on?: Dayjs | null; reference?: string };
  category?: DisputeCategory;
  facts?: string;
  villageId?: string | null;
  placeDetail?: string;
  amountYuan?: number | null;
  peopleInvolved?: number | null;
  risky: boolean;
  riskNote?: string;
  parties: PartyValues[];
}

/** Fields the form shows, for the server's messages beside them (the rest go above the form). */
const FIELDS = [
  'committeeId',
  'registeredOn',
  'source',
  'sweepId',
  'handover',
  'handover.kind',
  'handover.from',
  'handover.on',
  'handover.reference',
  'category',
  'facts',
  'villageId',
  'placeDetail',
  'amountYuan',
  'peopleInvolved',
  'risky',
  'riskNote',
  'parties',
];
const PARTY_FIELD =
  /^parties\.\d+\.(side|kind|name|sex|ethnicity|birthDate|occupation|idNumber|address|phone|legalRepresentative|legalRepresentativeTitle|agentName|agentRelation|agentPhone|agentIdNumber)$/;

const CATEGORY_OPTIONS = DISPUTE_CATEGORIES.map((c) => ({ value: c.code, label: c.label }));

function newValues(): Values {
  return {
    source: 'oralApplication',
    risky: false,
    peopleInvolved: 2,
    handover: { kind: 'township' },
    parties: [newParty('applicant'), newParty('respondent')],
  };
}

function recordToValues(dispute: DisputeRecord): Values {
  return {
    committeeId: dispute.committeeId,
    source: dispute.source,
    sweepId: dispute.sweep?.id ?? null,
    handover: dispute.handover
      ? {
          kind: dispute.handover.kind,
          from: dispute.handover.from,
          on: dayjs(dispute.handover.on),
          reference: dispute.handover.reference,
        }
      : { kind: 'township' },
    category: dispute.category,
    facts: dispute.facts,
    villageId: dispute.villageId,
    placeDetail: dispute.placeDetail,
    amountYuan: dispute.amountYuan,
    peopleInvolved: dispute.peopleInvolved,
    risky: dispute.risky,
    riskNote: dispute.riskNote,
    parties: dispute.parties.map(partyToValues),
  };
}

function toFields(values: Values) {
  const handover = values.handover;
  return {
    source: values.source,
    sweepId: values.source === 'sweep' ? (values.sweepId ?? null) : null,
    handover:
      values.source === 'handover'
        ? {
            kind: handover?.kind ?? 'township',
            from: handover?.from ?? '',
            on: handover?.on ? handover.on.format('YYYY-MM-DD') : '',
            reference: handover?.reference ?? '',
          }
        : null,
    category: values.category!,
    facts: values.facts ?? '',
    villageId: values.villageId ?? null,
    placeDetail: values.placeDetail ?? '',
    amountYuan: values.amountYuan ?? null,
    peopleInvolved: values.peopleInvolved ?? 0,
    risky: values.risky,
    riskNote: values.risky ? (values.riskNote ?? '') : '',
    parties: (values.parties ?? []).map(partyToInput),
  };
}

/** The committees where the signed-in mediator serves come first (the first is the default). */
function useDefaultCommittee(): string | undefined {
  const { id } = useSession().info.user;
  const committees = useQuery('mediation.committees', {});
  const mediators = useQuery('mediation.mediators', {});
  const own = mediators.data?.mediators.find((m) => m.userId === id)?.committees[0]?.id;
  return own ?? committees.data?.committees.find((c) => c.active)?.id;
}

/**
 * 登记纠纷 (and 修改登记): the committee, where the dispute came from, what it is about and its
 * parties. Registering issues the application form (a party applied) or the registration form
 * (found in a sweep, handed over), printed on the dispute's page where this lands. One request id
 * per form: a double click registers once.
 */
export function DisputeFormPage({ dispute }: { dispute?: DisputeRecord }) {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const today = useToday();
  const [requestId] = useState(() => crypto.randomUUID());
  const [editing, setEditing] = useState(dispute);
  const defaultCommittee = useDefaultCommittee();
  // The default committee arrives after the form is built: set once, unless chosen already.
  useEffect(() => {
    if (!dispute && defaultCommittee && form.getFieldValue('committeeId') === undefined)
      form.setFieldValue('committeeId', defaultCommittee);
  }, [dispute, defaultCommittee, form]);

  const { busy, submit } = useFormSubmit(form, server, async (values) => {
    if (editing) {
      const answer = await call('mediation.updateDispute', {
        id: editing.id,
        version: editing.version,
        ...toFields(values),
      });
      remember<IssuedNotice>(ISSUED_KEY, {
        disputeId: answer.dispute.id,
        title: '已保存登记内容',
        document: answer.document,
      });
      navigate(paths.dispute(answer.dispute.id));
    } else {
      const input: RegisterDisputeInput = {
        requestId,
        committeeId: values.committeeId ?? '',
        ...(values.registeredOn ? { registeredOn: values.registeredOn.format('YYYY-MM-DD') } : {}),
        ...toFields(values),
      };
      const answer = await call('mediation.registerDispute', input);
      remember<IssuedNotice>(ISSUED_KEY, {
        disputeId: answer.dispute.id,
        title: '已登记纠纷',
        document: answer.document,
      });
      navigate(paths.dispute(answer.dispute.id));
    }
  });

  const title = editing ? `修改登记：${editing.caseNumber ?? editing.partyNames}` : '登记纠纷';
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Link href={href(editing ? paths.dispute(editing.id) : paths.mediation('disputes'))}>
          {editing ? '返回纠纷' : '纠纷台账'}
        </Typography.Link>
      </Flex>
      <FormErrorAlert
        error={server.error}
        stale={
          editing
            ? {
                replacesTyped: true,
                reload: async () => {
                  const fresh = await call('mediation.dispute', { id: editing.id });
                  setEditing(fresh.dispute);
                  form.setFieldsValue(recordToValues(fresh.dispute));
                  server.clear();
                },
              }
            : undefined
        }
        extraMessages={server.unplacedMessages(
          Object.keys(server.error?.fieldErrors ?? {}).filter(
            (path) => FIELDS.includes(path) || PARTY_FIELD.test(path),
          ),
        )}
      />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          name="dispute"
          layout="vertical"
          requiredMark={false}
          initialValues={dispute ? recordToValues(dispute) : newValues()}
          onValuesChange={server.clearChanged}
          disabled={busy}
        >
          <Card size="small" title="纠纷情况">
            <DisputeFields form={form} server={server} today={today} editing={editing ?? null} />
          </Card>
          <Card size="small" title="当事人" style={{ marginTop: 16 }}>
            <PartiesEditor form={form} server={server} today={today} disabled={busy} />
          </Card>
        </Form>
      </div>
      <Flex gap={12} align="center" wrap>
        <Button
          type="primary"
          size="large"
          icon={editing ? <SaveOutlined /> : <FileDoneOutlined />}
          loading={busy}
          onClick={() => void submit()}
        >
          {editing ? '保存修改' : '登记'}
        </Button>
        <Typography.Text type="secondary">
          {editing
            ? '修改后文书不会自动重出；需要时在纠纷页面重新打印。'
            : '当事人申请的，登记后打印《人民调解申请书》供签名；排查发现或交办的，打印《人民调解纠纷登记表》。'}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

interface FieldsProps {
  form: FormInstance<Values>;
  server: ServerErrors;
  today: string;
  editing: DisputeRecord | null;
}

function DisputeFields({ form, server, today, editing }: FieldsProps) {
  const source: DisputeSource = Form.useWatch('source', form) ?? 'oralApplication';
  const risky: boolean = Form.useWatch('risky', form) ?? false;
  const committeeId: string | undefined = Form.useWatch('committeeId', form) ?? editing?.committeeId;
  const committees = useQuery('mediation.committees', { includeInactive: true });
  const sweeps = useQuery('mediation.sweeps', source === 'sweep' && committeeId ? { committeeId } : null);
  const committeeOptions = (committees.data?.committees ?? [])
    .filter((c) => c.active || c.id === editing?.committeeId)
    .map((c) => ({ value: c.id, label: committeeOptionLabel(c) }));

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          {editing ? (
            <Form.Item label="调委会">
              <Typography.Text>{editing.committeeName}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name="committeeId"
              label="调委会"
              rules={[{ required: true, message: '请选择调委会' }]}
              {...server.fieldStatus('committeeId')}
            >
              <Select
                autoFocus
                showSearch={{ optionFilterProp: 'label' }}
                loading={committees.loading}
                options={committeeOptions}
                placeholder="选择受理的调委会"
                onChange={() => form.setFieldValue('sweepId', null)}
              />
            </Form.Item>
          )}
        </Col>
        {!editing && (
          <Col xs={24} md={6}>
            <Form.Item
              name="registeredOn"
              label="登记日期"
              extra="不填即为今天"
              rules={pastDateRules('登记日期', today)}
              {...server.fieldStatus('registeredOn')}
            >
              <DatePicker format="YYYY-MM-DD" placeholder={today} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="source" label="纠纷来源" {...server.fieldStatus('source')}>
        <Radio.Group
          options={DISPUTE_SOURCES.map((s) => ({ value: s, label: DISPUTE_SOURCE_LABELS[s] }))}
          onChange={() => server.clearChanged({ sweepId: null, handover: null })}
        />
      </Form.Item>
      {source === 'sweep' && (
        <Form.Item
          name="sweepId"
          label="所属排查"
          rules={[{ required: true, message: '请选择发现该纠纷的排查' }]}
          extra={
            sweeps.data && sweeps.data.sweeps.length === 0
              ? '该调委会还没有排查记录：请先在“排查”页登记这次排查'
              : undefined
          }
          {...server.fieldStatus('sweepId')}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={sweeps.loading}
            placeholder={committeeId ? '选择排查' : '请先选择调委会'}
            options={(sweeps.data?.sweeps ?? []).map((s) => ({
              value: s.id,
              label: `${chineseDate(s.heldOn)} ${s.area}（${s.team}）`,
            }))}
          />
        </Form.Item>
      )}
      {source === 'handover' && (
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item
              name={['handover', 'kind']}
              label="移送方式"
              {...(server.fieldStatus('handover.kind').help
                ? server.fieldStatus('handover.kind')
                : server.fieldStatus('handover'))}
            >
              <Select options={HANDOVER_KINDS.map((k) => ({ value: k, label: HANDOVER_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['handover', 'from']}
              label="移送单位"
              rules={[{ required: true, whitespace: true, message: '请填写移送单位' }]}
              {...server.fieldStatus('handover.from')}
            >
              <Input maxLength={60} placeholder="如 青石镇综治中心、某县人民法院" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name={['handover', 'on']}
              label="移送日期"
              rules={[{ required: true, message: '请选择移送日期' }, ...pastDateRules('移送日期', today)]}
              {...server.fieldStatus('handover.on')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['handover', 'reference']} label="移送文号" {...server.fieldStatus('handover.reference')}>
              <Input maxLength={60} placeholder="可不填" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="category"
            label="纠纷类别"
            rules={[{ required: true, message: '请选择纠纷类别' }]}
            {...server.fieldStatus('category')}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={CATEGORY_OPTIONS} placeholder="可输入筛选" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="villageId" label="发生地村（社区）" {...server.fieldStatus('villageId')}>
            <VillageSelect />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="placeDetail" label="发生地点" {...server.fieldStatus('placeDetail')}>
            <Input maxLength={100} placeholder="如 一组李家与王家宅基地交界处" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="facts"
        label="简要案情"
        rules={[{ required: true, whitespace: true, message: '请填写简要案情' }]}
        {...server.fieldStatus('facts')}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder="纠纷的起因、经过和当事人的主要诉求" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="amountYuan" label="涉及金额（元）" {...server.fieldStatus('amountYuan')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="可不填" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="peopleInvolved"
            label="涉及人数"
            rules={[{ required: true, message: '请填写涉及人数' }]}
            {...server.fieldStatus('peopleInvolved')}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="risky"
            label="防激化重点"
            valuePropName="checked"
            extra="可能引发民转刑案件、群体性上访或械斗的纠纷"
            {...server.fieldStatus('risky')}
          >
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>
      {risky && (
        <Form.Item name="riskNote" label="激化风险说明" {...server.fieldStatus('riskNote')}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如 双方亲属多次冲突，扬言动手" />
        </Form.Item>
      )}
    </>
  );
}

/** 修改登记: the registration form on the dispute as it now is. */
export function DisputeEditPage({ id }: { id: string }) {
  const detail = useQuery('mediation.dispute', { id });
  if (detail.error) return <LoadFailed error={detail.error} what="这件纠纷" onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  return <DisputeFormPage dispute={detail.data.dispute} />;
}
