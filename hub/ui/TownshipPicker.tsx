import { Form, Radio, Select } from 'antd';
import type { TownshipRow } from '../../shared/sync/countyApi';

export interface TargetValues {
  target: 'all' | 'some';
  nodeIds?: string[];
}

/** 全部在网乡镇 or a chosen few: the `nodeIds` of the county API (absent = all). */
export function TownshipPicker({ townships, name }: { townships: TownshipRow[]; name: string }) {
  const active = townships.filter((t) => t.status !== 'revoked');
  return (
    <>
      <Form.Item name="target" label="接收乡镇" initialValue="all">
        <Radio.Group
          options={[
            { value: 'all', label: '全部乡镇' },
            { value: 'some', label: '指定乡镇' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['target']}>
        {({ getFieldValue }) =>
          getFieldValue('target') === 'some' ? (
            <Form.Item
              name="nodeIds"
              label="选择乡镇"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个乡镇' }]}
            >
              <Select
                id={`${name}-nodeIds`}
                mode="multiple"
                allowClear
                placeholder="输入乡镇名称筛选"
                optionFilterProp="label"
                options={active.map((t) => ({ value: t.nodeId, label: t.townshipName }))}
              />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}

export function targetNodeIds(values: TargetValues): string[] | null {
  return values.target === 'some' ? (values.nodeIds ?? []) : null;
}
