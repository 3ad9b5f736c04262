// Whether this node is a village node (ARCHITECTURE principle 9) — the same app on a village
// committee PC or an agent's laptop, enrolled to its township — and which village it serves:
// the header names it, the sync screens name the township as the level above, and the agent's
// lists say what time their status stands as of.
import { useEffect, useRef } from 'react';
import { useQuery } from '../api/useQuery';
import { useSession, type SystemStatus } from './session';

export type VillageNodeInfo = NonNullable<SystemStatus['villageNode']>;

/**
 * This node's village (null on a township), read afresh when the page opens and whenever
 * `changed` changes (a sync has just finished, a file was imported); the sign-in's until then.
 */
export function useVillageNode(changed?: unknown): VillageNodeInfo | null {
  const { system } = useSession();
  const status = useQuery('system.status', {});
  const { reload } = status;
  const seen = useRef(changed);
  useEffect(() => {
    if (changed === seen.current) return;
    seen.current = changed;
    reload();
  }, [changed, reload]);
  return status.data ? status.data.villageNode : system.villageNode;
}

/** The header's name of a village node: 村级节点 · 东岗村（青石镇）. */
export function villageNodeTitle(village: VillageNodeInfo): string {
  return `村级节点 · ${village.villageName}${village.townshipName ? `（${village.townshipName}）` : ''}`;
}
