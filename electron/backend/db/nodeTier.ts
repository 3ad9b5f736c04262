// Which tier this node is (ARCHITECTURE principle 9): a township (the default: absent) or a
// village node — the same app on a village committee PC or an agent's laptop, enrolled to its
// township. Kept in node_settings, so a node rebuilt from the level above keeps its tier.
import type { Db } from './database';
import type { Transaction } from 'kysely';
import type { Database } from './schema';

// Spelled out: writes.ts imports this file.
type Tx = Transaction<Database>;

export const NODE_TIER_SETTING = 'node.tier';
export const NODE_TIERS = ['township', 'village'] as const;
export type NodeTier = (typeof NODE_TIERS)[number];

/** This node's tier: `village` when node_settings says so, else `township`. */
export async function nodeTier(db: Db | Tx): Promise<NodeTier> {
  const row = await db
    .selectFrom('node_settings')
    .select('value')
    .where('key', '=', NODE_TIER_SETTING)
    .executeTakeFirst();
  return row?.value === 'village' ? 'village' : 'township';
}

export async function isVillageNode(db: Db | Tx): Promise<boolean> {
  return (await nodeTier(db)) === 'village';
}
