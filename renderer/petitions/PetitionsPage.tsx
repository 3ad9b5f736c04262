import { Tabs, Typography } from 'antd';
import { hasAnyRole, type Role } from '../../shared/auth/roles';
import { PETITION_READERS } from '../../shared/petitions/api';
import { navigate, paths, type PetitionsTab } from '../common/router';
import { useSession } from '../common/session';
import { PetitionListTab } from './PetitionListTab';
import { PetitionSettingsTab } from './PetitionSettingsTab';
import { PetitionStatisticsTab } from './PetitionStatisticsTab';
import { ReceptionTab } from './ReceptionTab';

/** One entry per tab of `PETITIONS_TABS`. */
const TABS: { key: PetitionsTab; label: string; roles: readonly Role[] }[] = [
  { key: 'list', label: '信访件', roles: PETITION_READERS },
  { key: 'reception', label: '领导接访', roles: PETITION_READERS },
  { key: 'statistics', label: '统计', roles: PETITION_READERS },
  { key: 'settings', label: '设置', roles: ['administrator'] },
];

/** 信访: each tab is a route (`#/petitions/reception` …); only the tabs of the user's roles are offered. */
export function PetitionsPage({ tab }: { tab: PetitionsTab }) {
  const { roles } = useSession().info.user;
  const tabs = TABS.filter((t) => hasAnyRole(roles, t.roles));
  const active = tabs.find((t) => t.key === tab) ?? tabs[0];
  if (!active) return null;
  return (
    <div style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        信访
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(paths.petitions(key as PetitionsTab))}
        items={tabs.map(({ key, label }) => ({ key, label }))}
      />
      {active.key === 'list' && <PetitionListTab />}
      {active.key === 'reception' && <ReceptionTab />}
      {active.key === 'statistics' && <PetitionStatisticsTab />}
      {active.key === 'settings' && <PetitionSettingsTab />}
    </div>
  );
}
