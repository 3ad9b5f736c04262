import { App, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { AgentRecord } from '../../../shared/counter/errandsApi';
import { call, errorMessage, isApiCallError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { href, paths } from '../../common/router';
import { LoadFailed } from '../../common/LoadFailed';

/**
 * 代办员: every user with the 代办员 role and the village (community) they serve, which
 * the monthly counts group by. A new agent is a user given the role under 系统管理 › 用户.
 */
export function AgentsTab() {
  const { message } = App.useApp();
  const agents = useQuery('errands.agents', {});
  const villages = useQuery('places.listVillages', {});
  const [saving, setSaving] = useState<string | null>(null);
  /** The server's message beside the row it is about, until that row is changed again. */
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Saved answers, shown before the list is read again. */
  const [saved, setSaved] = useState<Record<string, AgentRecord>>({});

  if (agents.error && !agents.data)
    return <LoadFailed error={agents.error} what="代办员名单" onRetry={agents.reload} />;

  async function setVillage(agent: AgentRecord, villageId: string) {
    setSaving(agent.userId);
    setErrors(({ [agent.userId]: _, ...rest }) => rest);
    try {
      const answer = await call('errands.setAgentVillage', { userId: agent.userId, villageId });
      setSaved((current) => ({ ...current, [agent.userId]: answer }));
      void message.success(`已设定${answer.name}所属${answer.villageName ?? ''}`);
    } catch (error) {
      const text = isApiCallError(error) ? (Object.values(error.fieldErrors)[0] ?? error.message) : errorMessage(error);
      setErrors((current) => ({ ...current, [agent.userId]: text }));
    } finally {
      setSaving(null);
    }
  }

  const villageOptions = (villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
  const rows = (agents.data?.agents ?? []).map((agent) => saved[agent.userId] ?? agent);
  const columns: ColumnsType<AgentRecord> = [
    { title: '代办员', dataIndex: 'name', key: 'name', width: 160 },
    {
      title: '账号',
      key: 'active',
      width: 90,
      render: (_, agent) => (agent.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '所属村（社区）',
      key: 'village',
      render: (_, agent) => (
        <Flex vertical gap={4}>
          <Select<string>
            aria-label={`${agent.name}所属村（社区）`}
            style={{ width: 240 }}
            placeholder="选择村（社区）"
            value={agent.villageId ?? undefined}
            options={villageOptions}
            loading={villages.loading || saving === agent.userId}
            disabled={saving !== null}
            status={errors[agent.userId] ? 'error' : undefined}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(villageId) => void setVillage(agent, villageId)}
          />
          {errors[agent.userId] && <Typography.Text type="danger">{errors[agent.userId]}</Typography.Text>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} style={{ maxWidth: 800 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        代办员的所属村（社区）用于月度统计中按村汇总代办件数。新增代办员：在
        <Typography.Link href={href(paths.system('users'))}>系统管理 › 用户</Typography.Link>
        中为工作人员勾选“代办员”角色。
      </Typography.Paragraph>
      {villages.error && (
        <Typography.Text type="danger">村（社区）列表没有加载出来：{villages.error.message}</Typography.Text>
      )}
      <Table<AgentRecord>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={agents.loading && !agents.data}
        pagination={false}
        locale={{ emptyText: '还没有代办员：请在 系统管理 › 用户 中为工作人员加上“代办员”角色' }}
      />
    </Flex>
  );
}
