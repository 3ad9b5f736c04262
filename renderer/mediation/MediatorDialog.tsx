import { Flex, Form, Input, Select, Switch } from 'antd';
import {
  MEDIATION_SPECIALITIES,
  type CommitteeRecord,
  type MediatorInput,
  type MediatorRecord,
} from '../../shared/mediation/committees';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import { AccountField } from './AccountField';
import { committeeOptionLabel } from './labels';

type Speciality = (typeof MEDIATION_SPECIALITIES)[number];

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  committeeIds: string[];
  specialities: Speciality[];
  fullTime: boolean;
  lawyer: boolean;
  userId: string | null;
  active: boolean;
}

const FIELDS = ['name', 'idNumber', 'phone', 'committeeIds', 'specialities', 'fullTime', 'lawyer', 'userId', 'active'];
const SPECIALITY_OPTIONS = MEDIATION_SPECIALITIES.map((value) => ({ value, label: value }));

function toValues(mediator: MediatorRecord): Values {
  return {
    name: mediator.name,
    // Lists carry only the masked number: the field starts empty (the warning beside it says so).
    idNumber: '',
    phone: mediator.phone,
    committeeIds: mediator.committees.map((c) => c.id),
    specialities: mediator.specialities,
    fullTime: mediator.fullTime,
    lawyer: mediator.lawyer,
    userId: mediator.userId,
    active: mediator.active,
  };
}

function newValues(committeeId: string | null): Partial<Values> {
  return {
    committeeIds: committeeId ? [committeeId] : [],
    specialities: [],
    fullTime: false,
    lawyer: false,
    userId: null,
    active: true,
  };
}

function toInput(values: Values, mediator: MediatorRecord | null, canLinkAccounts: boolean): MediatorInput {
  return {
    ...(mediator ? { id: mediator.id, version: mediator.version } : {}),
    name: values.name ?? '',
    // Blank keeps the number on file (lists only know it masked).
    ...(values.idNumber?.trim() ? { idNumber: values.idNumber.trim() } : {}),
    phone: values.phone ?? '',
    committeeIds: values.committeeIds ?? [],
    specialities: values.specialities ?? [],
    fullTime: values.fullTime ?? false,
    lawyer: values.lawyer ?? false,
    // Who cannot see the accounts keeps the link as it is.
    userId: canLinkAccounts ? (values.userId ?? null) : (mediator?.userId ?? null),
    active: values.active ?? true,
  };
}

interface Props {
  open: boolean;
  /** Editing this one; null for a new mediator. */
  mediator: MediatorRecord | null;
  /** Every committee, revoked ones too (a mediator may still be listed under one). */
  committees: readonly CommitteeRecord[];
  /** A new mediator starts in this committee (the one the list is filtered by). */
  defaultCommitteeId: string | null;
  /** The administrator links accounts (only they can list the users); others see the link. */
  canLinkAccounts: boolean;
  onClose: () => void;
  onSaved: (mediator: MediatorRecord) => void;
  /** Someone saved the mediator meanwhile: the newest version, which the dialog then edits. */
  onReload: (id: string) => Promise<MediatorRecord>;
}

/** 新增调解员 / 编辑: one person may serve on several committees. */
export function MediatorDialog({
  open,
  mediator,
  committees,
  defaultCommitteeId,
  canLinkAccounts,
  onClose,
  onSaved,
  onReload,
}: Props) {
  const chosen = new Set(mediator?.committees.map((c) => c.id) ?? []);
  const committeeOptions = committees
    .filter((c) => c.active || chosen.has(c.id))
    .map((c) => ({ value: c.id, label: committeeOptionLabel(c) }));
  return (
    <FormDialog<Values>
      open={open}
      title={mediator ? `编辑调解员：${mediator.name}` : '新增调解员'}
      okText="保存"
      name="mediator"
      width={680}
      initialValues={mediator ? toValues(mediator) : newValues(defaultCommitteeId)}
      fields={FIELDS}
      onClose={onClose}
      onStale={mediator ? async (form) => form.setFieldsValue(toValues(await onReload(mediator.id))) : undefined}
      onSubmit={async (values) =>
        onSaved(await call('mediation.saveMediator', toInput(values, mediator, canLinkAccounts)))
      }
    >
      {(server) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="name"
              label="姓名"
              style={{ width: 160 }}
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
              {...server.fieldStatus('name')}
            >
              <Input autoFocus autoComplete="off" maxLength={30} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号码"
              style={{ flex: 1, minWidth: 220 }}
              extra={
                mediator?.idNumberMasked
                  ? `已登记 ${mediator.idNumberMasked}；留空则保留，填写新号码则替换`
                  : '可不填；登记后可查出调解员是否为纠纷当事人'
              }
              {...server.fieldStatus('idNumber')}
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话" style={{ width: 180 }} {...server.fieldStatus('phone')}>
              <Input autoComplete="off" maxLength={20} placeholder="可不填" />
            </Form.Item>
          </Flex>
          <Form.Item
            name="committeeIds"
            label="所属调委会"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个调委会' }]}
            {...server.fieldStatus('committeeIds')}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="可选多个"
              options={committeeOptions}
            />
          </Form.Item>
          <Form.Item name="specialities" label="擅长领域" {...server.fieldStatus('specialities')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="可选多个，可不选"
              options={SPECIALITY_OPTIONS}
            />
          </Form.Item>
          <AccountField canLink={canLinkAccounts} mediator={mediator} server={server} />
          <Flex gap={32} wrap>
            <Form.Item name="fullTime" label="专职或兼职" valuePropName="checked" {...server.fieldStatus('fullTime')}>
              <Switch checkedChildren="专职" unCheckedChildren="兼职" />
            </Form.Item>
            <Form.Item name="lawyer" label="律师或法律工作者" valuePropName="checked" {...server.fieldStatus('lawyer')}>
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
            {mediator && (
              <Form.Item name="active" label="状态" valuePropName="checked" {...server.fieldStatus('active')}>
                <Switch checkedChildren="在册" unCheckedChildren="不在册" />
              </Form.Item>
            )}
          </Flex>
        </>
      )}
    </FormDialog>
  );
}
