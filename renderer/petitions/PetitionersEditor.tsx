import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { PetitionerInput } from '../../shared/petitions/api';
import { GROUP_VISIT_MIN_PEOPLE, MAX_REPRESENTATIVES } from '../../shared/petitions/petitions';
import { SEX_LABELS, SEXES, type ResidentRecord } from '../../shared/residents/api';
import { PersonCard, ResidentIdNumberField } from '../common/personCard';
import { residentAddress, ResidentPickerDialog } from '../residents/ResidentPickerDialog';
import type { ServerErrors } from '../common/useServerErrors';
import { useIdCardReader, type IdCardReaderState, type IdCardReadSuccess } from '../common/devices/useIdCardReader';
import { IdCardReadStatus, ReadIdCardButton } from '../common/devices/ReadIdCardButton';
import { personForHotkey, sexOfCard } from '../common/devices/idCardFields';

type Sex = (typeof SEXES)[number];

/** One petitioner as the form holds it. */
export interface PetitionerValues {
  residentId?: string | null;
  /** Shown while the petitioner comes from the registry: 取自居民库：张三. */
  residentName?: string;
  name?: string;
  sex?: Sex | null;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export function newPetitioner(): PetitionerValues {
  return { residentId: null, representative: false };
}

const text = (value: string | undefined | null) => (value ?? '').trim();

export function petitionerToInput(values: PetitionerValues): PetitionerInput {
  return {
    residentId: values.residentId ?? null,
    name: text(values.name),
    sex: values.sex ?? null,
    idNumber: text(values.idNumber).toUpperCase(),
    phone: text(values.phone),
    address: text(values.address),
    representative: values.representative === true,
  };
}

/** The message that asks for representatives, shown as soon as the count makes a group visit. */
export const GROUP_VISIT_HINT = `${GROUP_VISIT_MIN_PEOPLE}人以上来访属集体访，请勾选代表（1至${MAX_REPRESENTATIVES}人）`;

interface Props {
  /** The form holding `petitioners`. */
  form: FormInstance;
  server: ServerErrors;
  today: string;
  /** A visit of GROUP_VISIT_MIN_PEOPLE or more: the representative boxes matter. */
  groupVisit: boolean;
  disabled?: boolean;
}

const SEX_OPTIONS = SEXES.map((value) => ({ value, label: SEX_LABELS[value] }));

/**
 * 信访人: each taken from the resident registry or entered by hand; a group visit ticks its
 * representatives (推选代表, 1 to 5). The backend's message about them shows above the list.
 */
export function PetitionersEditor({ form, server, today, groupVisit, disabled }: Props) {
  const [picking, setPicking] = useState<number | null>(null);
  const petitioners: PetitionerValues[] = Form.useWatch('petitioners', form) ?? [];
  const representatives = petitioners.filter((p) => p?.representative).length;
  const listError = server.fieldStatus('petitioners').help;

  function fillFromResident(index: number, record: ResidentRecord) {
    const path = ['petitioners', index];
    const current = form.getFieldValue(path) as PetitionerValues;
    form.setFieldValue(path, {
      ...current,
      residentId: record.id,
      residentName: record.name,
      name: record.name,
      sex: record.sex,
      idNumber: record.idType === 'residentId' ? record.idNumber : current.idNumber,
      address: residentAddress(record),
      phone: record.phone || current.phone,
    } satisfies PetitionerValues);
    server.clearChanged({ petitioners: null });
    window.setTimeout(() => document.getElementById(`petitioner-${index}-phone`)?.focus(), 0);
  }

  // A read overwrites the petitioner's fields the card has (and links the registered resident);
  // the phone and the representative box stay. Past the last card, it adds a petitioner.
  const reader = useIdCardReader<number>({
    onRead: fillFromCard,
    hotkeyTarget: () => {
      const list: PetitionerValues[] = form.getFieldValue('petitioners') ?? [];
      return (
        personForHotkey(
          'petitioners',
          list.map((p) => p?.name),
        ) ?? list.length
      );
    },
    disabled,
  });

  function fillFromCard({ card, resident }: IdCardReadSuccess, index: number) {
    const list: PetitionerValues[] = form.getFieldValue('petitioners') ?? [];
    const current = list[index] ?? newPetitioner();
    const next: PetitionerValues = {
      ...current,
      residentId: resident?.id ?? null,
      residentName: resident?.name,
      name: card.name,
      sex: sexOfCard(card),
      idNumber: card.idNumber,
      address: card.address,
    };
    form.setFieldValue(
      'petitioners',
      index < list.length ? list.map((p, i) => (i === index ? next : p)) : [...list, next],
    );
    server.clearChanged({ petitioners: null });
  }

  return (
    <Form.List name="petitioners">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {groupVisit && (
            <Alert
              type={representatives === 0 ? 'warning' : 'info'}
              showIcon
              title={GROUP_VISIT_HINT}
              description={representatives > 0 ? `已勾选代表 ${representatives} 人。` : undefined}
            />
          )}
          {listError && (
            <Typography.Text type="danger" role="alert" id="petitioners-error" data-field-error>
              {listError}
            </Typography.Text>
          )}
          {fields.map((field) => (
            <PetitionerCard
              key={field.key}
              index={field.name}
              petitioner={petitioners[field.name]}
              server={server}
              today={today}
              disabled={disabled}
              canRemove={fields.length > 1}
              onRemove={() => remove(field.name)}
              onPick={() => setPicking(field.name)}
              reader={reader}
            />
          ))}
          <IdCardReadStatus reader={reader} target={fields.length} today={today} filled="" />
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} disabled={disabled} onClick={() => add(newPetitioner())}>
              添加信访人
            </Button>
          </Flex>
          <ResidentPickerDialog
            open={picking !== null}
            title="从居民库选择信访人"
            id="petitioner-resident"
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
  petitioner: PetitionerValues | undefined;
  server: ServerErrors;
  today: string;
  disabled?: boolean;
  canRemove: boolean;
  onRemove: () => void;
  onPick: () => void;
  reader: IdCardReaderState<number>;
}

function PetitionerCard(props: CardProps) {
  const { index, petitioner, server, today, disabled, reader } = props;
  const status = (field: string) => server.fieldStatus(`petitioners.${index}.${field}`);
  const id = (field: string) => `petitioner-${index}-${field}`;
  return (
    <PersonCard
      listName="petitioners"
      index={index}
      title={`信访人${index + 1}`}
      groupLabel={`信访人${index + 1}`}
      tags={petitioner?.representative && <Tag color="magenta">代表</Tag>}
      person={petitioner}
      canRemove={props.canRemove}
      disabled={disabled}
      onPick={props.onPick}
      onRemove={props.onRemove}
      readCard={<ReadIdCardButton reader={reader} target={index} size="small" disabled={disabled} />}
    >
      <div style={{ marginBottom: 8 }}>
        <IdCardReadStatus
          reader={reader}
          target={index}
          today={today}
          filled={`姓名、性别、身份证号码、住址${petitioner?.residentId ? '（已关联居民库中的此人）' : ''}`}
        />
      </div>
      <Row gutter={12}>
        <Col xs={12} md={5}>
          <Form.Item
            name={[index, 'name']}
            label="姓名"
            htmlFor={id('name')}
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            {...status('name')}
          >
            <Input id={id('name')} maxLength={30} disabled={disabled} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} md={3}>
          <Form.Item name={[index, 'sex']} label="性别" htmlFor={id('sex')} {...status('sex')}>
            <Select id={id('sex')} allowClear options={SEX_OPTIONS} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <ResidentIdNumberField
            listName="petitioners"
            index={index}
            id={id('idNumber')}
            today={today}
            extra="填写后查找此前的信访件"
            status={status('idNumber')}
            disabled={disabled}
          />
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[index, 'phone']} label="联系电话" htmlFor={id('phone')} {...status('phone')}>
            <Input id={id('phone')} maxLength={20} disabled={disabled} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={[index, 'address']} label="住址" htmlFor={id('address')} {...status('address')}>
            <Input id={id('address')} maxLength={100} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[index, 'representative']}
            label="集体访代表"
            valuePropName="checked"
            {...status('representative')}
          >
            <Checkbox id={id('representative')} disabled={disabled}>
              代表
            </Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </PersonCard>
  );
}
