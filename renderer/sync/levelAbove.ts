// The level a node syncs with: a township's is the county (县级平台); a village node's is its
// township (乡镇). The sync screens name it on every line that speaks of it, so a village's
// administrator reads “带到乡镇导入”, not the county's words. (Messages from the backend are
// left as they come.)
import { SYNC_PHASE_LABELS, type SyncPhase } from '../../shared/sync/api';
import type { VillageNodeInfo } from '../common/villageNode';

export interface LevelAbove {
  /** This node is a village node (its level above is a township). */
  village: boolean;
  /** 县级平台 / 乡镇 */
  name: string;
  /** 县级 / 乡镇: in “县级已确认”. */
  short: string;
}

const COUNTY: LevelAbove = { village: false, name: '县级平台', short: '县级' };
const TOWNSHIP: LevelAbove = { village: true, name: '乡镇', short: '乡镇' };

export function levelAbove(village: VillageNodeInfo | null): LevelAbove {
  return village ? TOWNSHIP : COUNTY;
}

/** The phase of a run, naming the level above (正在连接乡镇). */
export function phaseLabel(phase: SyncPhase, above: LevelAbove): string {
  return phase === 'connecting' ? `正在连接${above.name}` : SYNC_PHASE_LABELS[phase];
}
