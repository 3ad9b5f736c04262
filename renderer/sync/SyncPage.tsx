import { Tabs, Typography } from 'antd';
import { hasAnyRole, type Role } from '../../shared/auth/roles';
import { SYNC_READERS } from '../../shared/sync/api';
import { navigate, paths, type SyncTab } from '../common/router';
import { useSession } from '../common/session';
import { useVillageNode } from '../common/villageNode';
import { InstructionsTab } from './InstructionsTab';
import { SyncStatusTab } from './SyncStatusTab';
import { VillageNodesTab } from './VillageNodesTab';

/** One entry per tab of `SYNC_TABS`; `roles` null: everyone signed in; `township`: not on a village node. */
const TABS: { key: SyncTab; label: string; roles: readonly Role[] | null; township?: true }[] = [
  { key: 'status', label: '同步状态', roles: SYNC_READERS },
  { key: 'instructions', label: '县级交办督办', roles: null },
  // Beside the township's own sync (not in 系统管理): a leader may look at it, as at the sync status.
  { key: 'villages', label: '村级节点', roles: SYNC_READERS, township: true },
];

/**
 * 同步: the administrator's sync screen (the leader may look), the county's instructions, which
 * reach every desk, and a township's village nodes. Each tab is a route (`#/sync`,
 * `#/sync/instructions`, `#/sync/villages`).
 */
export function SyncPage({ tab }: { tab: SyncTab | null }) {
  const { roles } = useSession().info.user;
  const village = useVillageNode();
  const tabs = TABS.filter(
    (t) => (t.roles === null || hasAnyRole(roles, t.roles)) && !(t.township && village !== null),
  );
  const active = tabs.find((t) => t.key === tab) ?? tabs[0]!;
  return (
    <div style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        同步
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(paths.sync(key as SyncTab))}
        items={tabs.map(({ key, label }) => ({ key, label }))}
      />
      {active.key === 'status' && <SyncStatusTab />}
      {active.key === 'instructions' && <InstructionsTab />}
      {active.key === 'villages' && <VillageNodesTab />}
    </div>
  );
}
