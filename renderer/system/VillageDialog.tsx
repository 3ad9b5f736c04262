import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { VILLAGE_KIND_LABELS, VILLAGE_KINDS, type VillageRecord } from '../../shared/places/api';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';

interface Values {
  name: string;
  kind: VillageRecord['kind'];
  groups: { id?: string; name: string }[];
}

const KIND_OPTIONS = VILLAGE_KINDS.map((value) => ({ value, label: VILLAGE_KIND_LABELS[value] }));

interface Props {
  open: boolean;
  /** Editing this one; null for a new village. */
  village: VillageRecord | null;
  onClose: () => void;
  onSaved: (village: VillageRecord) => void;
}

/** Groups are added or renamed, never removed (residents point at them); a new, unsaved row can go. */
export function VillageDialog({ open, village, onClose, onSaved }: Props) {
  return (
    <FormDialog<Values>
      open={open}
      title={village ? `修改村（社区）：${village.name}` : '新增村（社区）'}
      okText="保存"
      name="village"
      width={560}
      initialValues={
        village ? { name: village.name, kind: village.kind, groups: village.groups } : { kind: 'village', groups: [] }
      }
      fields={['name', 'kind', 'groups']}
      onClose={onClose}
      onSubmit={async (values) => {
        const groups = (values.groups ?? []).map((g) =>
          g.id ? { id: g.id, name: g.name ?? '' } : { name: g.name ?? '' },
        );
        const input = {
          name: values.name,
          kind: values.kind,
          groups,
          ...(village ? { id: village.id, version: village.version } : {}),
        };
        onSaved(await call('places.saveVillage', input));
      }}
    >
      {(server) => (
        <>
          <Flex gap={12}>
            <Form.Item
              name="name"
              label="村（社区）名称"
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
              {...server.fieldStatus('name')}
            >
              <Input autoFocus autoComplete="off" placeholder="如：东关村、城南社区" />
            </Form.Item>
            <Form.Item name="kind" label="类型" style={{ width: 120 }} {...server.fieldStatus('kind')}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Flex>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            村民小组（网格）
          </Typography.Text>
          <Form.List name="groups">
            {(rows, { add, remove }) => (
              <>
                {rows.length === 0 && (
                  <Typography.Paragraph type="secondary">
                    还没有小组。没有分组的村（社区）可以不填。
                  </Typography.Paragraph>
                )}
                {rows.map((row, index) => (
                  <GroupRow
                    key={row.key}
                    index={index}
                    fieldName={row.name}
                    saved={Boolean(village?.groups[row.name]?.id)}
                    onRemove={() => remove(row.name)}
                    help={server.fieldStatus(`groups.${row.name}.name`)}
                  />
                ))}
                {server.fieldStatus('groups').help && (
                  <Typography.Text type="danger">{server.fieldStatus('groups').help}</Typography.Text>
                )}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                  添加小组
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

function GroupRow({
  index,
  fieldName,
  saved,
  onRemove,
  help,
}: {
  index: number;
  fieldName: number;
  saved: boolean;
  onRemove: () => void;
  help: { validateStatus?: 'error'; help?: string };
}) {
  return (
    <Flex gap={8} align="start">
      <Form.Item
        name={[fieldName, 'name']}
        style={{ flex: 1, marginBottom: 8 }}
        rules={[{ required: true, whitespace: true, message: '请填写小组名称' }]}
        {...help}
      >
        <Input aria-label={`第 ${index + 1} 个小组的名称`} placeholder="如：第一村民小组、一组" autoFocus={!saved} />
      </Form.Item>
      {!saved && <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={`删去第 ${index + 1} 个小组`} />}
    </Flex>
  );
}
