import { Col, DatePicker, Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type CSSProperties } from 'react';
import { SEX_LABELS, SEXES } from '../../shared/residents/api';
import { normalizeIdNumber } from '../../shared/residents/idNumber';
import {
  checkIdNumber,
  derivesPersonalData,
  ID_TYPE_LABELS,
  ID_TYPES,
  type IdType,
} from '../../shared/residents/idTypes';
import type { ServerErrors } from '../common/useServerErrors';
import type { ResidentFormValues } from './formValues';
import { pastDateRules } from '../common/dates';

interface Props {
  form: FormInstance<ResidentFormValues>;
  /** `YYYY-MM-DD` from the backend: bounds birth dates. */
  today: string;
  server: ServerErrors;
  submitAttempted: boolean;
}

const ID_TYPE_OPTIONS = ID_TYPES.map((value) => ({ value, label: ID_TYPE_LABELS[value] }));
const SEX_OPTIONS = SEXES.map((value) => ({ value, label: SEX_LABELS[value] }));
const RESIDENT_ID_LENGTH = 18;

type ItemStatus = { validateStatus?: '' | 'success' | 'error'; help?: string };

/**
 * 证件类型, 证件号码, 性别, 出生日期. For resident IDs and permits the number is checked as it
 * is typed and sex and birth date are read off it; otherwise the clerk enters them.
 */
export function IdentityFields({ form, today, server, submitAttempted }: Props) {
  const idType: IdType = Form.useWatch('idType', form) ?? 'residentId';
  const idNumber: string = Form.useWatch('idNumber', form) ?? '';
  const [leftField, setLeftField] = useState(false);
  const derived = derivesPersonalData(idType);
  const check = idNumber.trim() ? checkIdNumber(idType, idNumber, today) : null;
  const typed = normalizeIdNumber(idNumber).length;
  const waiting = check === null || typed < RESIDENT_ID_LENGTH ? '输入完整证件号码后显示' : '证件号码有误，无法识别';

  function idNumberStatus(): ItemStatus {
    const fromServer = server.fieldStatus('idNumber');
    if (fromServer.help) return fromServer;
    // Half a number is not yet wrong: count the digits instead of showing an error.
    if (derived && !leftField && !submitAttempted && typed > 0 && typed < RESIDENT_ID_LENGTH) {
      return { validateStatus: '', help: `已输入 ${typed} 位，还差 ${RESIDENT_ID_LENGTH - typed} 位` };
    }
    return check?.ok ? { validateStatus: 'success' } : {};
  }

  function onIdNumberBlur() {
    setLeftField(true);
    if (check?.ok && check.normalized !== idNumber) form.setFieldValue('idNumber', check.normalized);
  }

  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name="idType" label="证件类型" {...server.fieldStatus('idType')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={ID_TYPE_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="idNumber"
          label="证件号码"
          validateTrigger={['onChange', 'onBlur']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                if (!value?.trim()) return Promise.reject(new Error('请填写证件号码'));
                const result = checkIdNumber(getFieldValue('idType') as IdType, value, today);
                return result.ok ? Promise.resolve() : Promise.reject(new Error(result.message));
              },
            }),
          ]}
          {...idNumberStatus()}
        >
          <Input
            onBlur={onIdNumberBlur}
            autoComplete="off"
            spellCheck={false}
            style={{ fontFamily: 'Consolas, "Courier New", monospace' }}
          />
        </Form.Item>
      </Col>
      {derived ? (
        <>
          <Col xs={24} md={8}>
            <Form.Item
              label="性别"
              htmlFor="resident_derivedSex"
              extra="由证件号码自动识别"
              {...server.fieldStatus('sex')}
            >
              <DerivedValue
                id="resident_derivedSex"
                waiting={waiting}
                value={check?.ok && check.sex ? SEX_LABELS[check.sex] : ''}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="出生日期"
              htmlFor="resident_derivedBirthDate"
              extra="由证件号码自动识别"
              {...server.fieldStatus('birthDate')}
            >
              <DerivedValue
                id="resident_derivedBirthDate"
                waiting={waiting}
                value={check?.ok ? (check.birthDate ?? '') : ''}
              />
            </Form.Item>
          </Col>
        </>
      ) : (
        <>
          <Col xs={24} md={8}>
            <Form.Item
              name="sex"
              label="性别"
              rules={[{ required: true, message: '请选择性别' }]}
              {...server.fieldStatus('sex')}
            >
              <Select options={SEX_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="birthDate"
              label="出生日期"
              rules={[{ required: true, message: '请填写出生日期' }, ...pastDateRules('出生日期', today)]}
              {...server.fieldStatus('birthDate')}
            >
              <DatePicker format="YYYY-MM-DD" placeholder="如 1990-01-31" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
    </>
  );
}

/**
 * A value read off the ID number: text, not a field (nothing to type, no stop for Enter),
 * in an `<output>` so that its label still names it for screen readers and tests.
 */
function DerivedValue({ id, value, waiting }: { id: string; value: string; waiting: string }) {
  return (
    <output id={id} aria-live="polite" style={DERIVED_STYLE}>
      {value || <span style={{ color: 'rgba(0,0,0,0.35)' }}>{waiting}</span>}
    </output>
  );
}

const DERIVED_STYLE: CSSProperties = {
  display: 'block',
  minHeight: 34,
  padding: '5px 11px',
  borderRadius: 4,
  background: 'rgba(0,0,0,0.04)',
  lineHeight: '24px',
};
