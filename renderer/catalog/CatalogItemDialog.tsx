import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  HANDLING_TYPE_LABELS,
  HANDLING_TYPES,
  MATERIAL_FORM_LABELS,
  MATERIAL_FORMS,
  SERVICE_CATEGORIES,
  type CatalogItem,
  type CatalogMaterial,
  type HandlingType,
} from '../../shared/catalog/catalog';
import type { CatalogEntry } from '../../shared/catalog/api';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';

type Values = Omit<CatalogItem, 'activeFrom' | 'activeTo' | 'materials'> & {
  activeFrom: Dayjs | null;
  activeTo: Dayjs | null;
  materials: Partial<CatalogMaterial>[];
};

const FIELDS = [
  'code',
  'name',
  'category',
  'department',
  'handlingType',
  'promisedWorkingDays',
  'forwardedTo',
  'materials',
  'legalBasis',
  'agentAllowed',
  'activeFrom',
  'activeTo',
].map((field) => `item.${field}`);

function toValues(item: CatalogItem): Values {
  return {
    ...item,
    activeFrom: item.activeFrom ? dayjs(item.activeFrom) : null,
    activeTo: item.activeTo ? dayjs(item.activeTo) : null,
  };
}

function toItem(values: Values): CatalogItem {
  const handlingType = values.handlingType;
  return {
    code: values.code?.trim() ?? '',
    name: values.name?.trim() ?? '',
    category: values.category,
    department: values.department?.trim() ?? '',
    handlingType,
    promisedWorkingDays: handlingType === 'immediate' ? null : (values.promisedWorkingDays ?? null),
    forwardedTo: handlingType === 'forwarded' ? values.forwardedTo?.trim() || null : null,
    materials: (values.materials ?? []).map((m) => ({
      name: m.name?.trim() ?? '',
      form: m.form ?? 'originalAndCopy',
      copies: m.copies ?? 1,
      required: m.required ?? true,
      ...(m.note?.trim() ? { note: m.note.trim() } : {}),
    })),
    legalBasis: values.legalBasis?.trim() ?? '',
    agentAllowed: values.agentAllowed ?? false,
    activeFrom: values.activeFrom ? values.activeFrom.format('YYYY-MM-DD') : null,
    activeTo: values.activeTo ? values.activeTo.format('YYYY-MM-DD') : null,
  };
}

interface Props {
  open: boolean;
  /** Editing this one; null for a new local item. */
  entry: CatalogEntry | null;
  onClose: () => void;
  onSaved: (entry: CatalogEntry) => void;
}

/** One catalog item: how it is handled, in what time, with which materials, on what basis. */
export function CatalogItemDialog({ open, entry, onClose, onSaved }: Props) {
  return (
    <FormDialog<Values>
      open={open}
      title={entry ? `修改事项：${entry.item.name}` : '新增本地事项'}
      okText="保存"
      name="catalog-item"
      width={860}
      intro={
        entry?.origin === 'county' && (
          <Typography.Paragraph type="warning">
            这是县里下发的事项：县里下次下发的目录会以其内容为准。
          </Typography.Paragraph>
        )
      }
      initialValues={
        entry
          ? toValues(entry.item)
          : {
              handlingType: 'promised',
              category: '民政',
              agentAllowed: true,
              materials: [{ name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true }],
            }
      }
      fields={FIELDS}
      onClose={onClose}
      onSubmit={async (values) => {
        onSaved(await call('catalog.save', { item: toItem(values), ...(entry ? { version: entry.version } : {}) }));
      }}
    >
      {(server, form) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="code"
              label="事项编码"
              rules={[{ required: true, message: '请填写编码' }]}
              {...server.fieldStatus('item.code')}
            >
              <Input autoFocus={!entry} disabled={entry !== null} placeholder="如 MZ-001" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="name"
              label="事项名称"
              style={{ flex: 1, minWidth: 280 }}
              rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
              {...server.fieldStatus('item.name')}
            >
              <Input autoFocus={entry !== null} maxLength={60} />
            </Form.Item>
            <Form.Item name="category" label="类别" {...server.fieldStatus('item.category')}>
              <Select style={{ width: 130 }} options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item
              name="department"
              label="责任部门"
              style={{ flex: 1, minWidth: 200 }}
              rules={[{ required: true, whitespace: true, message: '请填写责任部门' }]}
              {...server.fieldStatus('item.department')}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="handlingType" label="办件类型" {...server.fieldStatus('item.handlingType')}>
              <Select<HandlingType>
                style={{ width: 120 }}
                options={HANDLING_TYPES.map((t) => ({ value: t, label: HANDLING_TYPE_LABELS[t] }))}
              />
            </Form.Item>
            <Form.Item noStyle dependencies={['handlingType']}>
              {() => {
                const type = form.getFieldValue('handlingType') as HandlingType;
                return (
                  <>
                    {type !== 'immediate' && (
                      <Form.Item
                        name="promisedWorkingDays"
                        label="承诺时限（工作日）"
                        {...server.fieldStatus('item.promisedWorkingDays')}
                      >
                        <InputNumber min={1} max={90} precision={0} style={{ width: 140 }} />
                      </Form.Item>
                    )}
                    {type === 'forwarded' && (
                      <Form.Item name="forwardedTo" label="转报单位" {...server.fieldStatus('item.forwardedTo')}>
                        <Input placeholder="如 县民政局" maxLength={40} style={{ width: 180 }} />
                      </Form.Item>
                    )}
                  </>
                );
              }}
            </Form.Item>
          </Flex>
          <Typography.Text strong>申请材料</Typography.Text>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}
                      {...server.fieldStatus(`item.materials.${i}.name`)}
                    >
                      <Input aria-label={`第 ${i + 1} 项材料的名称`} placeholder="材料名称" style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'form']} initialValue="originalAndCopy">
                      <Select
                        aria-label={`第 ${i + 1} 项材料的形式`}
                        style={{ width: 130 }}
                        options={MATERIAL_FORMS.map((f) => ({ value: f, label: MATERIAL_FORM_LABELS[f] }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'copies']} initialValue={1}>
                      <InputNumber aria-label={`第 ${i + 1} 项材料的份数`} min={1} max={20} precision={0} suffix="份" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" initialValue>
                      <Switch aria-label={`第 ${i + 1} 项材料必需`} checkedChildren="必需" unCheckedChildren="可选" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']}>
                      <Input
                        aria-label={`第 ${i + 1} 项材料的说明`}
                        placeholder="说明（可不填）"
                        style={{ width: 180 }}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`删除第 ${i + 1} 项材料`}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', form: 'originalAndCopy', copies: 1, required: true })}
                >
                  添加材料
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item
            name="legalBasis"
            label="设定依据"
            style={{ marginTop: 16 }}
            rules={[{ required: true, whitespace: true, message: '请填写设定依据' }]}
            {...server.fieldStatus('item.legalBasis')}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
          </Form.Item>
          <Flex gap={24} wrap>
            <Form.Item name="agentAllowed" label="可代办" valuePropName="checked">
              <Switch checkedChildren="可代办" unCheckedChildren="须本人" />
            </Form.Item>
            <Form.Item name="activeFrom" label="启用日期" {...server.fieldStatus('item.activeFrom')}>
              <DatePicker placeholder="不限" />
            </Form.Item>
            <Form.Item name="activeTo" label="停用日期" {...server.fieldStatus('item.activeTo')}>
              <DatePicker placeholder="不限" />
            </Form.Item>
          </Flex>
        </>
      )}
    </FormDialog>
  );
}
