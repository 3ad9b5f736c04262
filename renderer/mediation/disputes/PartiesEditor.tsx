import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  PARTY_KIND_LABELS,
  PARTY_KINDS,
  PARTY_SIDE_LABELS,
  PARTY_SIDES,
  partyLabel,
  type PartyKind,
  type PartySide,
} from '../../../shared/mediation/disputes';
import type { PartyInput, PartyRecord } from '../../../shared/mediation/disputesApi';
import { SEX_LABELS, SEXES, type ResidentRecord } from '../../../shared/residents/api';
import { ETHNICITIES } from '../../../shared/residents/ethnicities';
import { PersonCard, ResidentIdNumberField } from '../../common/personCard';
import { residentAddress, ResidentPickerDialog } from '../../residents/ResidentPickerDialog';
import type { ServerErrors } from '../../common/useServerErrors';
import { pastDateRules } from '../../common/dates';
import { useIdCardReader, type IdCardReaderState, type IdCardReadSuccess } from '../../common/devices/useIdCardReader';
import { IdCardReadStatus, ReadIdCardButton } from '../../common/devices/ReadIdCardButton';
import { ethnicityOfCard, personForHotkey, sexOfCard } from '../../common/devices/idCardFields';

type Sex = (typeof SEXES)[number];

/** One party as the form holds it (dates as Dayjs, the agent behind a checkbox). */
export interface PartyValues {
  /** An existing party when the dispute is edited. */
  id?: string;
  side: PartySide;
  kind: PartyKind;
  residentId?: string | null;
  /** Shown while the party comes from the registry: 取自居民库：张三. */
  residentName?: string;
  name?: string;
  sex?: Sex | null;
  ethnicity?: string | null;
  birthDate?: Dayjs | null;
  occupation?: string;
  idNumber?: string;
  /** Edit: the number on file, masked (a blank field keeps it). */
  idNumberMasked?: string;
  address?: string;
  phone?: string;
  legalRepresentative?: string;
  legalRepresentativeTitle?: string;
  hasAgent?: boolean;
  agentName?: string;
  agentRelation?: string;
  agentPhone?: string;
  agentIdNumber?: string;
  agentIdNumberMasked?: string;
}

export function newParty(side: PartySide, kind: PartyKind = 'person'): PartyValues {
  return { side, kind, residentId: null, hasAgent: false };
}

export function partyToValues(party: PartyRecord): PartyValues {
  return {
    id: party.id,
    side: party.side,
    kind: party.kind,
    residentId: party.residentId,
    name: party.name,
    sex: party.sex,
    ethnicity: party.ethnicity || null,
    birthDate: party.birthDate ? dayjs(party.birthDate) : null,
    occupation: party.occupation,
    idNumber: '',
    idNumberMasked: party.idNumberMasked,
    address: party.address,
    phone: party.phone,
    legalRepresentative: party.legalRepresentative,
    legalRepresentativeTitle: party.legalRepresentativeTitle,
    hasAgent: party.agentName !== '',
    agentName: party.agentName,
    agentRelation: party.agentRelation,
    agentPhone: party.agentPhone,
    agentIdNumber: '',
    agentIdNumberMasked: party.agentIdNumberMasked,
  };
}

const text = (value: string | undefined | null) => (value ?? '').trim();

/** What the API takes: only the kind's fields; a blank ID number is left out (keeps the one on file). */
export function partyToInput(values: PartyValues): PartyInput {
  const person = values.kind === 'person';
  const agent = values.hasAgent === true;
  const idNumber = text(values.idNumber);
  const agentIdNumber = agent ? text(values.agentIdNumber) : '';
  return {
    ...(values.id ? { id: values.id } : {}),
    side: values.side,
    kind: values.kind,
    residentId: person ? (values.residentId ?? null) : null,
    name: text(values.name),
    sex: person ? (values.sex ?? null) : null,
    ethnicity: person ? text(values.ethnicity) : '',
    birthDate: person && values.birthDate ? values.birthDate.format('YYYY-MM-DD') : null,
    occupation: person ? text(values.occupation) : '',
    ...(person && idNumber ? { idNumber } : {}),
    address: text(values.address),
    phone: text(values.phone),
    legalRepresentative: person ? '' : text(values.legalRepresentative),
    legalRepresentativeTitle: person ? '' : text(values.legalRepresentativeTitle),
    agentName: agent ? text(values.agentName) : '',
    agentRelation: agent ? text(values.agentRelation) : '',
    agentPhone: agent ? text(values.agentPhone) : '',
    ...(agentIdNumber ? { agentIdNumber } : {}),
  };
}

interface Props {
  /** The form holding `parties` (any form: the editor reads and writes only that list). */
  form: FormInstance;
  server: ServerErrors;
  today: string;
  disabled?: boolean;
}

/**
 * 当事人: any number on each side (申请方 / 被申请方), each a person — taken from the resident
 * registry or entered — or an organisation, each with an optional agent. The papers name them
 * 甲方, 乙方 … in this order, applicants first.
 */
export function PartiesEditor({ form, server, today, disabled }: Props) {
  const [picking, setPicking] = useState<number | null>(null);
  const parties: PartyValues[] = Form.useWatch('parties', form) ?? [];
  // Papers list applicants first: the label a party will carry.
  const order = [
    ...parties.flatMap((p, i) => (p?.side === 'applicant' ? [i] : [])),
    ...parties.flatMap((p, i) => (p?.side !== 'applicant' ? [i] : [])),
  ];

  function fillFromResident(index: number, record: ResidentRecord) {
    const path = ['parties', index];
    const current = form.getFieldValue(path) as PartyValues;
    form.setFieldValue(path, {
      ...current,
      kind: 'person',
      residentId: record.id,
      residentName: record.name,
      name: record.name,
      sex: record.sex,
      birthDate: record.birthDate ? dayjs(record.birthDate) : null,
      ethnicity: record.ethnicity || null,
      idNumber: record.idType === 'residentId' ? record.idNumber : current.idNumber,
      address: residentAddress(record),
      phone: record.phone,
    } satisfies PartyValues);
    server.clearChanged({ parties: null });
    window.setTimeout(() => document.getElementById(`party-${index}-occupation`)?.focus(), 0);
  }

  // A read overwrites the person's fields the card has (and links the registered resident);
  // occupation, phone and the agent stay. Past the last card, it adds a party.
  const reader = useIdCardReader<number>({
    onRead: fillFromCard,
    hotkeyTarget: () => {
      const list: PartyValues[] = form.getFieldValue('parties') ?? [];
      return (
        personForHotkey(
          'parties',
          list.map((p) => (p?.kind === 'organisation' ? 'x' : p?.name)),
        ) ?? list.length
      );
    },
    disabled,
  });

  function fillFromCard({ card, resident }: IdCardReadSuccess, index: number) {
    const list: PartyValues[] = form.getFieldValue('parties') ?? [];
    const current = list[index] ?? newParty(list[list.length - 1]?.side ?? 'applicant');
    const next: PartyValues = {
      ...current,
      kind: 'person',
      residentId: resident?.id ?? null,
      residentName: resident?.name,
      name: card.name,
      sex: sexOfCard(card),
      ethnicity: ethnicityOfCard(card) ?? current.ethnicity ?? null,
      birthDate: /^\d{4}-\d{2}-\d{2}$/.test(card.birthDate) ? dayjs(card.birthDate) : null,
      idNumber: card.idNumber,
      address: card.address,
    };
    form.setFieldValue('parties', index < list.length ? list.map((p, i) => (i === index ? next : p)) : [...list, next]);
    server.clearChanged({ parties: null });
  }

  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {server.fieldStatus('parties').help && (
            <Typography.Text type="danger">{server.fieldStatus('parties').help}</Typography.Text>
          )}
          {fields.map((field) => {
            const party = parties[field.name];
            const label = partyLabel(order.indexOf(field.name));
            return (
              <PartyCard
                key={field.key}
                index={field.name}
                label={label}
                party={party}
                server={server}
                today={today}
                disabled={disabled}
                canRemove={fields.length > 1}
                onRemove={() => remove(field.name)}
                onPick={() => setPicking(field.name)}
                reader={reader}
              />
            );
          })}
          <IdCardReadStatus reader={reader} target={fields.length} today={today} filled="" />
          <Flex gap={8} wrap>
            {PARTY_SIDES.map((side) => (
              <Button key={side} icon={<PlusOutlined />} disabled={disabled} onClick={() => add(newParty(side))}>
                添加{PARTY_SIDE_LABELS[side]}当事人
              </Button>
            ))}
          </Flex>
          <ResidentPickerDialog
            open={picking !== null}
            title="从居民库选择当事人"
            id="party-resident"
            onPicked={(record) => picking !== null && fillFromResident(picking, record)}
            onClose={() => setPicking(null)}
          />
        </Flex>
      )}
    </Form.List>
  );
}

interface CardProps {
  index: number;
  label: string;
  party: PartyValues | undefined;
  server: ServerErrors;
  today: string;
  disabled?: boolean;
  canRemove: boolean;
  onRemove: () => void;
  onPick: () => void;
  reader: IdCardReaderState<number>;
}

const SEX_OPTIONS = SEXES.map((value) => ({ value, label: SEX_LABELS[value] }));
const ETHNICITY_OPTIONS = ETHNICITIES.map((value) => ({ value, label: value }));

function PartyCard(props: CardProps) {
  const { index, label, party, server, today, disabled, canRemove, onRemove, onPick, reader } = props;
  const kind = party?.kind ?? 'person';
  const person = kind === 'person';
  const at = (field: string) => `parties.${index}.${field}`;
  const status = (field: string) => server.fieldStatus(at(field));
  const id = (field: string) => `party-${index}-${field}`;
  return (
    <PersonCard
      listName="parties"
      index={index}
      title={`当事人${index + 1}（${label}）`}
      groupLabel={`当事人${index + 1}`}
      person={party}
      canPick={person}
      canRemove={canRemove}
      disabled={disabled}
      onPick={onPick}
      onRemove={onRemove}
      readCard={<ReadIdCardButton reader={reader} target={index} size="small" disabled={disabled} />}
    >
      <div style={{ marginBottom: 8 }}>
        <IdCardReadStatus
          reader={reader}
          target={index}
          today={today}
          filled={`姓名、性别、民族、出生日期、身份证号码、住址${party?.residentId ? '（已关联居民库中的此人）' : ''}`}
        />
      </div>
      <Form.Item name={[index, 'id']} hidden noStyle />
      <Flex gap={24} wrap>
        <Form.Item name={[index, 'side']} label="一方" {...status('side')}>
          <Radio.Group
            disabled={disabled}
            optionType="button"
            options={PARTY_SIDES.map((side) => ({ value: side, label: PARTY_SIDE_LABELS[side] }))}
          />
        </Form.Item>
        <Form.Item name={[index, 'kind']} label="类型" {...status('kind')}>
          <Radio.Group
            disabled={disabled}
            optionType="button"
            options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k] }))}
          />
        </Form.Item>
      </Flex>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={[index, 'name']}
            label={person ? '姓名' : '名称'}
            htmlFor={id('name')}
            rules={[{ required: true, whitespace: true, message: person ? '请填写姓名' : '请填写单位名称' }]}
            {...status('name')}
          >
            <Input id={id('name')} maxLength={60} disabled={disabled} autoComplete="off" />
          </Form.Item>
        </Col>
        {person ? (
          <>
            <Col xs={12} md={4}>
              <Form.Item name={[index, 'sex']} label="性别" htmlFor={id('sex')} {...status('sex')}>
                <Select id={id('sex')} allowClear options={SEX_OPTIONS} disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={[index, 'ethnicity']} label="民族" htmlFor={id('ethnicity')} {...status('ethnicity')}>
                <Select
                  id={id('ethnicity')}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={ETHNICITY_OPTIONS}
                  disabled={disabled}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name={[index, 'birthDate']}
                label="出生日期"
                htmlFor={id('birthDate')}
                rules={pastDateRules('出生日期', today)}
                {...status('birthDate')}
              >
                <DatePicker
                  id={id('birthDate')}
                  format="YYYY-MM-DD"
                  placeholder="如 1968-05-12"
                  style={{ width: '100%' }}
                  disabled={disabled}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={[index, 'occupation']} label="职业" htmlFor={id('occupation')} {...status('occupation')}>
                <Input id={id('occupation')} maxLength={40} disabled={disabled} placeholder="如 农民" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <ResidentIdNumberField
                listName="parties"
                index={index}
                id={id('idNumber')}
                fillBirthDate
                today={today}
                extra={
                  party?.idNumberMasked
                    ? `已登记 ${party.idNumberMasked}；留空则保留，填写新号码则替换`
                    : '填写后自动带出性别和出生日期'
                }
                status={status('idNumber')}
                disabled={disabled}
              />
            </Col>
          </>
        ) : (
          <>
            <Col xs={12} md={6}>
              <Form.Item
                name={[index, 'legalRepresentative']}
                label="法定代表人（负责人）"
                htmlFor={id('legalRepresentative')}
                {...status('legalRepresentative')}
              >
                <Input id={id('legalRepresentative')} maxLength={30} disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name={[index, 'legalRepresentativeTitle']}
                label="职务"
                htmlFor={id('legalRepresentativeTitle')}
                {...status('legalRepresentativeTitle')}
              >
                <Input id={id('legalRepresentativeTitle')} maxLength={20} disabled={disabled} placeholder="如 经理" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} md={person ? 10 : 16}>
          <Form.Item
            name={[index, 'address']}
            label={person ? '住址' : '住所地'}
            htmlFor={id('address')}
            {...status('address')}
          >
            <Input id={id('address')} maxLength={100} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'phone']} label="联系电话" htmlFor={id('phone')} {...status('phone')}>
            <Input id={id('phone')} maxLength={20} disabled={disabled} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[index, 'hasAgent']} valuePropName="checked" style={{ marginBottom: party?.hasAgent ? 8 : 0 }}>
        <Checkbox disabled={disabled}>有委托代理人</Checkbox>
      </Form.Item>
      {party?.hasAgent && (
        <Row gutter={12}>
          <Col xs={12} md={5}>
            <Form.Item
              name={[index, 'agentName']}
              label="代理人姓名"
              htmlFor={id('agentName')}
              rules={[{ required: true, whitespace: true, message: '请填写代理人姓名' }]}
              {...status('agentName')}
            >
              <Input id={id('agentName')} maxLength={30} disabled={disabled} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item
              name={[index, 'agentRelation']}
              label="与当事人关系"
              htmlFor={id('agentRelation')}
              {...status('agentRelation')}
            >
              <Input id={id('agentRelation')} maxLength={20} disabled={disabled} placeholder="如 儿子、公司员工" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={[index, 'agentPhone']}
              label="代理人电话"
              htmlFor={id('agentPhone')}
              {...status('agentPhone')}
            >
              <Input id={id('agentPhone')} maxLength={20} disabled={disabled} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={[index, 'agentIdNumber']}
              label="代理人身份证号码"
              htmlFor={id('agentIdNumber')}
              extra={party.agentIdNumberMasked ? `已登记 ${party.agentIdNumberMasked}；留空则保留` : undefined}
              {...status('agentIdNumber')}
            >
              <Input id={id('agentIdNumber')} maxLength={18} disabled={disabled} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      )}
    </PersonCard>
  );
}
