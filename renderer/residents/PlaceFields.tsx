import { Col, Form, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { VillageRecord } from '../../shared/places/api';
import type { ServerErrors } from '../common/useServerErrors';
import type { ResidentFormValues } from './formValues';

interface Props {
  form: FormInstance<ResidentFormValues>;
  villages: VillageRecord[];
  loading: boolean;
  server: ServerErrors;
}

/**
 * 村（社区） and its 村民小组; changing the village clears the group (the parent does that).
 * The group list is never disabled: a quick Enter after picking the village must land on it,
 * not jump past it while the list is still being filled.
 */
export function PlaceFields({ form, villages, loading, server }: Props) {
  const villageId: string | undefined = Form.useWatch('villageId', form);
  const village = villages.find((v) => v.id === villageId);
  const groups = village?.groups ?? [];
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item
          name="villageId"
          label="村（社区）"
          rules={[{ required: true, message: '请选择村（社区）' }]}
          {...server.fieldStatus('villageId')}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={loading}
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            placeholder="可输入村名筛选"
            notFoundContent="没有这个村（社区）"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="groupId" label="村民小组" {...server.fieldStatus('groupId')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            placeholder={!village ? '先选择村（社区）' : groups.length === 0 ? '该村（社区）未设小组' : '可不填'}
            notFoundContent={!village ? '请先选择村（社区）' : '该村（社区）未设小组'}
          />
        </Form.Item>
      </Col>
    </>
  );
}
