import { Tabs, Typography } from 'antd';
import { hasAnyRole, type Role } from '../../shared/auth/roles';
import { MATTER_READERS } from '../../shared/matters/api';
import { navigate, paths, type MattersTab } from '../common/router';
import { useSession } from '../common/session';
import { GridWorkersTab } from './GridWorkersTab';
import { MatterListTab } from './MatterListTab';
import { MatterStatisticsTab } from './MatterStatisticsTab';

/** One entry per tab of `MATTERS_TABS`. */
const TABS: { key: MattersTab; label: string; roles: readonly Role[] }[] = [
  { key: 'list', label: '工作台', roles: MATTER_READERS },
  { key: 'statistics', label: '统计', roles: MATTER_READERS },
  { key: 'gridWorkers', label: '网格员', roles: ['administrator'] },
];

/** 群众诉求: each tab is a route (`#/matters/statistics` …); only the tabs of the user's roles are offered. */
export function MattersPage({ tab }: { tab: MattersTab }) {
  const { roles } = useSession().info.user;
  const tabs = TABS.filter((t) => hasAnyRole(roles, t.roles));
  const active = tabs.find((t) => t.key === tab) ?? tabs[0];
  if (!active) return null;
  return (
    <div style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        群众诉求
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(paths.matters(key as MattersTab))}
        items={tabs.map(({ key, label }) => ({ key, label }))}
      />
      {active.key === 'list' && <MatterListTab />}
      {active.key === 'statistics' && <MatterStatisticsTab />}
      {active.key === 'gridWorkers' && <GridWorkersTab />}
    </div>
  );
}
