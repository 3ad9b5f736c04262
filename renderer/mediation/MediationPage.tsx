import { Tabs, Typography } from 'antd';
import { hasAnyRole, type Role } from '../../shared/auth/roles';
import { MEDIATION_READERS } from '../../shared/mediation/committees';
import { navigate, paths, type MediationTab } from '../common/router';
import { useSession } from '../common/session';
import { CommitteesTab } from './CommitteesTab';
import { DisputesTab } from './disputes/DisputesTab';
import { SweepsTab } from './disputes/SweepsTab';
import { MediationStatisticsTab } from './statistics/MediationStatisticsTab';

/** One entry per tab of `MEDIATION_TABS`. */
const TABS: { key: MediationTab; label: string; roles: readonly Role[] }[] = [
  { key: 'disputes', label: '纠纷台账', roles: MEDIATION_READERS },
  { key: 'sweeps', label: '排查', roles: MEDIATION_READERS },
  { key: 'statistics', label: '统计', roles: MEDIATION_READERS },
  { key: 'committees', label: '调委会与调解员', roles: MEDIATION_READERS },
];

/** 人民调解: each tab is a route (`#/mediation/disputes` …); only the tabs of the user's roles are offered. */
export function MediationPage({ tab }: { tab: MediationTab | null }) {
  const { roles } = useSession().info.user;
  const tabs = TABS.filter((t) => hasAnyRole(roles, t.roles));
  const active = tabs.find((t) => t.key === tab) ?? tabs[0];
  if (!active) return null;
  return (
    <div style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        人民调解
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(paths.mediation(key as MediationTab))}
        items={tabs.map(({ key, label }) => ({ key, label }))}
      />
      {active.key === 'disputes' && <DisputesTab />}
      {active.key === 'sweeps' && <SweepsTab />}
      {active.key === 'statistics' && <MediationStatisticsTab />}
      {active.key === 'committees' && <CommitteesTab />}
    </div>
  );
}
