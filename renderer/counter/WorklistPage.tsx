import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Flex, Switch, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { COUNTER_STAFF, WORKLIST_LIMIT } from '../../shared/counter/casesApi';
import { DEADLINE_COLOUR_LABELS, type DeadlineColour } from '../../shared/counter/deadline';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { useHasRole, useSession } from '../common/session';
import { LoadFailed } from '../common/LoadFailed';
import { recall, remember } from '../common/sessionMemory';
import { CaseTable } from './CaseTable';
import { DeadlineCounts } from '../common/DeadlineCounts';

const MEMORY_KEY = 'counter.worklistFilter';

interface Filter {
  mine: boolean;
  colour: DeadlineColour | null;
  tab: string;
}

/** 工作台: open cases most urgent first, with the red / yellow / green counts; the other lists in tabs. */
export function WorklistPage() {
  const canWork = useHasRole(COUNTER_STAFF);
  const { info } = useSession();
  const isClerk = info.user.roles.includes('counterClerk');
  const [filter, setFilterState] = useState<Filter>(
    () => recall<Filter>(MEMORY_KEY) ?? { mine: isClerk, colour: null, tab: 'open' },
  );
  const setFilter = (next: Partial<Filter>) => {
    const merged = { ...filter, ...next };
    setFilterState(merged);
    remember(MEMORY_KEY, merged);
  };
  const worklist = useQuery('counter.worklist', {
    ...(filter.mine ? { mine: true } : {}),
    ...(filter.colour ? { colour: filter.colour } : {}),
  });

  if (worklist.error && !worklist.data)
    return <LoadFailed error={worklist.error} what="工作台" onRetry={worklist.reload} />;
  const data = worklist.data;
  const loading = worklist.loading;

  const tabLabel = (label: string, count: number | undefined, colour?: string) => (
    <Flex gap={6} align="center">
      {label}
      {count !== undefined && count > 0 && <Badge count={count} color={colour} overflowCount={999} />}
    </Flex>
  );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1300 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作台
        </Typography.Title>
        <Flex gap={12} align="center" wrap>
          <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <Switch checked={filter.mine} onChange={(mine) => setFilter({ mine })} aria-label="只看本人" />
            只看本人受理的件
          </label>
          <Button icon={<ReloadOutlined />} onClick={worklist.reload} loading={loading}>
            刷新
          </Button>
          {canWork && <Button href={href(paths.queue)}>叫号</Button>}
          {canWork && (
            <Button type="primary" icon={<PlusOutlined />} href={href(paths.counterIntake)}>
              收件受理
            </Button>
          )}
        </Flex>
      </Flex>
      <DeadlineCounts
        counts={data?.counts ?? { red: 0, yellow: 0, green: 0 }}
        selected={filter.colour}
        onSelect={(colour) => setFilter({ colour, tab: 'open' })}
      />
      <Typography.Text type="secondary">
        点击上面的颜色只看该颜色的在办件，再点一次取消。
        {filter.colour && filter.colour !== 'red'
          ? `正在只看“${DEADLINE_COLOUR_LABELS[filter.colour]}”的件；已超期（红色）的件无论怎样筛选都会列出，不会被漏掉。`
          : '已超期（红色）的件无论怎样筛选都会列出。'}
      </Typography.Text>
      {worklist.error && <Alert type="error" showIcon title="没有刷新出来" description={worklist.error.message} />}
      {data?.truncated && (
        <Alert
          type="warning"
          showIcon
          title={`在办件较多，这里只列出最紧急的 ${WORKLIST_LIMIT} 件；可打开“只看本人”或按颜色筛选。`}
        />
      )}
      <Tabs
        activeKey={filter.tab}
        onChange={(tab) => setFilter({ tab })}
        items={[
          {
            key: 'open',
            label: tabLabel('在办件', data?.open.length, '#1677ff'),
            children: (
              <CaseTable
                cases={data?.open ?? []}
                loading={loading}
                emptyText={filter.colour ? '没有这种颜色的在办件' : '没有在办件'}
              />
            ),
          },
          {
            key: 'awaitingMaterials',
            label: tabLabel('待补齐材料', data?.awaitingMaterials.length, '#fa8c16'),
            children: (
              <CaseTable
                cases={data?.awaitingMaterials ?? []}
                loading={loading}
                emptyText="没有等待补齐材料的件"
                showIntake
              />
            ),
          },
          {
            key: 'awaitingDelivery',
            label: tabLabel('待送达', data?.awaitingDelivery.length, '#52c41a'),
            children: <CaseTable cases={data?.awaitingDelivery ?? []} loading={loading} emptyText="没有待送达的件" />,
          },
          {
            key: 'followUps',
            label: tabLabel('差评整改', data?.followUps.length, '#cf1322'),
            children: <CaseTable cases={data?.followUps ?? []} loading={loading} emptyText="没有待整改的差评" />,
          },
        ]}
      />
    </Flex>
  );
}
