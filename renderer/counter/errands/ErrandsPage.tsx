import { Tabs, Typography } from 'antd';
import { hasAnyRole, type Role } from '../../../shared/auth/roles';
import { COUNTER_STAFF } from '../../../shared/counter/casesApi';
import { AGENTS } from '../../../shared/counter/errandsApi';
import { navigate, paths, type ErrandsTab } from '../../common/router';
import { useSession } from '../../common/session';
import { AgentsTab } from './AgentsTab';
import { HandoverTab } from './HandoverTab';
import { MyErrandsTab } from './MyErrandsTab';

const TABS: { key: ErrandsTab; label: string; roles: readonly Role[] }[] = [
  { key: 'mine', label: '我的代办', roles: AGENTS },
  { key: 'handover', label: '代办交接', roles: COUNTER_STAFF },
  { key: 'agents', label: '代办员', roles: ['administrator'] },
];

/** Who may open the 代办 section at all. */
export const ERRAND_USERS: readonly Role[] = [...AGENTS, ...COUNTER_STAFF];

/** 代办: each tab is a route (`#/errands/mine` …); only the tabs of the user's roles are offered. */
export function ErrandsPage({ tab }: { tab: ErrandsTab | null }) {
  const { roles } = useSession().info.user;
  const tabs = TABS.filter((t) => hasAnyRole(roles, t.roles));
  const active = tabs.find((t) => t.key === tab) ?? tabs[0];
  if (!active) return null;
  return (
    <div style={{ maxWidth: 1300 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        代办
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(paths.errands(key as ErrandsTab))}
        items={tabs.map(({ key, label }) => ({ key, label }))}
      />
      {active.key === 'mine' && <MyErrandsTab />}
      {active.key === 'handover' && <HandoverTab />}
      {active.key === 'agents' && <AgentsTab />}
    </div>
  );
}
