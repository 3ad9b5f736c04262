import { Flex, Form, Input, Select, Switch, type FormInstance } from 'antd';
import {
  COMMITTEE_KIND_LABELS,
  COMMITTEE_KINDS,
  MEDIATION_SPECIALITIES,
  type CommitteeInput,
  type CommitteeKind,
  type CommitteeRecord,
} from '../../shared/mediation/committees';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { FormDialog } from '../common/FormDialog';
import type { ServerErrors } from '../common/useServerErrors';
import { caseNumberPreview } from './caseNumber';

type Speciality = (typeof MEDIATION_SPECIALITIES)[number];

interface Values {
  name: string;
  kind: CommitteeKind;
  villageId: string | null;
  speciality: Speciality | null;
  sealName: string;
  casePrefix: string;
  phone: string;
  active: boolean;
}

const FIELDS = ['name', 'kind', 'villageId', 'speciality', 'sealName', 'casePrefix', 'phone', 'active'];
const KIND_OPTIONS = COMMITTEE_KINDS.map((value) => ({ value, label: COMMITTEE_KIND_LABELS[value] }));
const SPECIALITY_OPTIONS = MEDIATION_SPECIALITIES.map((value) => ({ value, label: value }));
const NEW_COMMITTEE: Partial<Values> = { kind: 'township', villageId: null, speciality: null, phone: '', active: true };

function toValues(committee: CommitteeRecord): Values {
  const { name, kind, villageId, speciality, sealName, casePrefix, phone, active } = committee;
  return { name, kind, villageId, speciality, sealName, casePrefix, phone, active };
}

/** Only the field of the chosen kind is sent: a village for 村（居）, a speciality for 行业性专业性. */
function toInput(values: Values, committee: CommitteeRecord | null): CommitteeInput {
  const kind = values.kind;
  return {
    ...(committee ? { id: committee.id, version: committee.version } : {}),
    name: values.name ?? '',
    kind,
    villageId: kind === 'village' ? (values.villageId ?? null) : null,
    speciality: kind === 'specialised' ? (values.speciality ?? null) : null,
    sealName: values.sealName ?? '',
    casePrefix: values.casePrefix ?? '',
    phone: values.phone ?? '',
    active: values.active ?? true,
  };
}

interface Props {
  open: boolean;
  /** Editing this one; null for a new committee. */
  committee: CommitteeRecord | null;
  year: number;
  onClose: () => void;
  onSaved: (committee: CommitteeRecord) => void;
  /** Someone saved the committee meanwhile: its newest version, which the dialog then edits. */
  onReload: (id: string) => Promise<CommitteeRecord>;
}

/** 新建调委会 / 编辑: the fields follow the kind; the case-number example follows the prefix. */
export function CommitteeDialog({ open, committee, year, onClose, onSaved, onReload }: Props) {
  return (
    <FormDialog<Values>
      open={open}
      title={committee ? `编辑调委会：${committee.name}` : '新建调委会'}
      okText="保存"
      name="committee"
      width={640}
      initialValues={committee ? toValues(committee) : NEW_COMMITTEE}
      fields={FIELDS}
      onClose={onClose}
      onStale={committee ? async (form) => form.setFieldsValue(toValues(await onReload(committee.id))) : undefined}
      onSubmit={async (values) => onSaved(await call('mediation.saveCommittee', toInput(values, committee)))}
    >
      {(server, form) => (
        <>
          <Form.Item
            name="name"
            label="调委会名称"
            rules={[{ required: true, whitespace: true, message: '请填写调委会名称' }]}
            {...server.fieldStatus('name')}
          >
            <Input
              autoFocus
              autoComplete="off"
              maxLength={40}
              placeholder="如：青石镇交通事故人民调解委员会"
              // The seal usually bears the committee's name: offer it once.
              onBlur={(event) => {
                const name = event.target.value.trim();
                if (name && !form.getFieldValue('sealName')) form.setFieldValue('sealName', name);
              }}
            />
          </Form.Item>
          <Form.Item name="kind" label="类型" {...server.fieldStatus('kind')}>
            <Select<CommitteeKind>
              options={KIND_OPTIONS}
              onChange={() => form.setFieldsValue({ villageId: null, speciality: null })}
            />
          </Form.Item>
          <KindField form={form} server={server} />
          <Form.Item
            name="sealName"
            label="印章名称"
            extra="印在调解文书落款处的印章文字"
            rules={[{ required: true, whitespace: true, message: '请填写印章名称' }]}
            {...server.fieldStatus('sealName')}
          >
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="casePrefix"
              label="案号字号"
              style={{ flex: 1, minWidth: 240 }}
              extra={
                <CaseNumberHint form={form} year={year} refused={Boolean(server.fieldStatus('casePrefix').help)} />
              }
              rules={[{ required: true, whitespace: true, message: '请填写案号字号' }]}
              {...server.fieldStatus('casePrefix')}
            >
              <Input autoComplete="off" maxLength={7} placeholder="如：青调" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              style={{ flex: 1, minWidth: 200 }}
              {...server.fieldStatus('phone')}
            >
              <Input autoComplete="off" maxLength={20} placeholder="可不填" />
            </Form.Item>
          </Flex>
          {committee && (
            <Form.Item name="active" label="状态" valuePropName="checked" {...server.fieldStatus('active')}>
              <Switch checkedChildren="在用" unCheckedChildren="已撤销" />
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}

/** The village of a 村（居） committee, or the field of a 行业性专业性 one; nothing for a township's. */
function KindField({ form, server }: { form: FormInstance<Values>; server: ServerErrors }) {
  const kind = Form.useWatch('kind', form);
  const villages = useQuery('places.listVillages', kind === 'village' ? {} : null);
  if (kind === 'village') {
    return (
      <Form.Item
        name="villageId"
        label="所在村（社区）"
        rules={[{ required: true, message: '请选择所在村（社区）' }]}
        {...server.fieldStatus('villageId')}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={villages.loading}
          placeholder={villages.error ? `村（社区）列表没有加载出来：${villages.error.message}` : '选择村（社区）'}
          options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
        />
      </Form.Item>
    );
  }
  if (kind === 'specialised') {
    return (
      <Form.Item
        name="speciality"
        label="专业领域"
        rules={[{ required: true, message: '请选择专业领域' }]}
        {...server.fieldStatus('speciality')}
      >
        <Select<Speciality>
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择专业领域"
          options={SPECIALITY_OPTIONS}
        />
      </Form.Item>
    );
  }
  return null;
}

/**
 * （2026）青调字第1号 as the prefix is typed; until then, what a prefix looks like (unless the
 * server's refusal beside the field already says it).
 */
function CaseNumberHint({ form, year, refused }: { form: FormInstance<Values>; year: number; refused: boolean }) {
  const prefix = Form.useWatch('casePrefix', form);
  const example = caseNumberPreview(prefix, year);
  if (example) return `案号示例：${example}`;
  return refused ? null : '1–6 个汉字并以“调”结尾，如 青调、东岗调';
}
