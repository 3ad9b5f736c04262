import { App, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { GridWorker } from '../../shared/matters/api';
import { call, errorMessage, isApiCallError } from '../api/client';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { href, paths } from '../common/router';

/**
 * 网格员: every user with the 网格员 role and the village (community) they serve — a grid
 * worker reads and handles only that village's matters and residents.
 */
export function GridWorkersTab() {
  const { message } = App.useApp();
  const workers = useQuery('matters.gridWorkers', {});
  const villages = useQuery('places.listVillages', {});
  const [saving, setSaving] = useState<string | null>(null);
  /** The server's message beside the row it is about, until that row is changed again. */
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, GridWorker>>({});

  if (workers.error && !workers.data)
    return <LoadFailed error={workers.error} what="网格员名单" onRetry={workers.reload} />;

  async function setVillage(worker: GridWorker, villageId: string) {
    setSaving(worker.userId);
    setErrors(({ [worker.userId]: _, ...rest }) => rest);
    try {
      const answer = await call('matters.setGridWorkerVillage', { userId: worker.userId, villageId });
      setSaved((current) => ({ ...current, [worker.userId]: answer }));
      void message.success(`已设定${answer.name}负责${answer.villageName}`);
    } catch (error) {
      const text = isApiCallError(error) ? (Object.values(error.fieldErrors)[0] ?? error.message) : errorMessage(error);
      setErrors((current) => ({ ...current, [worker.userId]: text }));
    } finally {
      setSaving(null);
    }
  }

  const villageOptions = (villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
  const rows = (workers.data?.gridWorkers ?? []).map((w) => saved[w.userId] ?? w);
  const columns: ColumnsType<GridWorker> = [
    { title: '网格员', dataIndex: 'name', key: 'name', width: 160 },
    {
      title: '负责的村（社区）',
      key: 'village',
      render: (_, worker) => (
        <Flex vertical gap={4}>
          <Select<string>
            aria-label={`${worker.name}负责的村（社区）`}
            style={{ width: 240 }}
            placeholder="选择村（社区）"
            value={worker.villageId ?? undefined}
            options={villageOptions}
            loading={villages.loading || saving === worker.userId}
            disabled={saving !== null}
            status={errors[worker.userId] ? 'error' : undefined}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(villageId) => void setVillage(worker, villageId)}
          />
          {errors[worker.userId] && <Typography.Text type="danger">{errors[worker.userId]}</Typography.Text>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} style={{ maxWidth: 800 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        网格员只能查看和处理所负责村（社区）的群众诉求和居民。新增网格员：在
        <Typography.Link href={href(paths.system('users'))}>系统管理 › 用户</Typography.Link>
        中为工作人员勾选“网格员”角色。
      </Typography.Paragraph>
      <Table<GridWorker>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={workers.loading}
        pagination={false}
        locale={{ emptyText: '还没有网格员' }}
      />
    </Flex>
  );
}
