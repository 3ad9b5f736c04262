import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { VILLAGE_KIND_LABELS, type VillageRecord } from '../../shared/places/api';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { VillageDialog } from './VillageDialog';

export function VillagesPage() {
  const villages = useQuery('places.listVillages', {});
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<{ open: boolean; village: VillageRecord | null }>({
    open: false,
    village: null,
  });

  if (villages.error) return <LoadFailed error={villages.error} what="村（社区）列表" onRetry={villages.reload} />;

  const columns: ColumnsType<VillageRecord> = [
    { title: '名称', dataIndex: 'name', key: 'name', width: 200 },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 80,
      render: (kind: VillageRecord['kind']) => VILLAGE_KIND_LABELS[kind],
    },
    {
      title: '村民小组',
      dataIndex: 'groups',
      key: 'groups',
      render: (groups: VillageRecord['groups']) =>
        groups.length === 0 ? (
          <Typography.Text type="secondary">未设小组</Typography.Text>
        ) : (
          `${groups.map((g) => g.name).join('、')}（共 ${groups.length} 个）`
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, village) => (
        <Button size="small" onClick={() => setDialog({ open: true, village })} aria-label={`修改 ${village.name}`}>
          修改
        </Button>
      ),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, village: null })}>
          新增村（社区）
        </Button>
      </Flex>
      <Table<VillageRecord>
        rowKey="id"
        columns={columns}
        dataSource={villages.data?.items ?? []}
        loading={villages.loading}
        pagination={false}
        size="middle"
      />
      <VillageDialog
        open={dialog.open}
        village={dialog.village}
        onClose={() => setDialog((d) => ({ ...d, open: false }))}
        onSaved={(village) => {
          message.success(`已保存 ${village.name}`);
          villages.reload();
        }}
      />
    </>
  );
}
