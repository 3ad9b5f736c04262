// Errands per agent and per village in a month, for the agents' pay and appraisal: registered
// (authorised that month), handed over to the counter, and delivered back to the resident.
import type { OutputOf } from '../../../../shared/api/procedures';
import { monthSpan } from '../../../../shared/counter/statistics';
import type { Db } from '../../db/database';

type Counts = { registered: number; handedOver: number; delivered: number };

export async function monthlyErrandCounts(db: Db, month: string): Promise<OutputOf<'errands.monthlyCounts'>> {
  const { from, to } = monthSpan(month);
  return errandCountsBetween(db, from, to);
}

/** The counts of the days `from` to `to` (a quarter's or a year's statistics take them too). */
export async function errandCountsBetween(
  db: Db,
  from: string,
  to: string,
): Promise<OutputOf<'errands.monthlyCounts'>> {
  const count = (column: 'authorised_on' | 'handed_over_on' | 'delivered_on') =>
    db
      .selectFrom('errands as e')
      .leftJoin('villages as v', 'v.id', 'e.village_id')
      .select((eb) => ['e.agent_id', 'e.agent_name', 'v.name as village_name', eb.fn.countAll<number>().as('n')])
      .where(`e.${column}`, '>=', from)
      .where(`e.${column}`, '<=', to)
      .groupBy(['e.agent_id', 'e.agent_name', 'v.name'])
      .execute();
  const [registered, handedOver, delivered] = await Promise.all([
    count('authorised_on'),
    count('handed_over_on'),
    count('delivered_on'),
  ]);
  const byAgent = new Map<string, { agentId: string; agentName: string; villageName: string } & Counts>();
  const add = (rows: typeof registered, key: keyof Counts) => {
    for (const row of rows) {
      const entry = byAgent.get(row.agent_id) ?? {
        agentId: row.agent_id,
        agentName: row.agent_name,
        villageName: row.village_name ?? '未设定村（社区）',
        registered: 0,
        handedOver: 0,
        delivered: 0,
      };
      entry[key] += Number(row.n);
      byAgent.set(row.agent_id, entry);
    }
  };
  add(registered, 'registered');
  add(handedOver, 'handedOver');
  add(delivered, 'delivered');
  const agents = [...byAgent.values()].sort(
    (a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN') || a.agentName.localeCompare(b.agentName, 'zh-CN'),
  );
  const byVillage = new Map<string, { villageName: string } & Counts>();
  for (const agent of agents) {
    const entry = byVillage.get(agent.villageName) ?? {
      villageName: agent.villageName,
      registered: 0,
      handedOver: 0,
      delivered: 0,
    };
    entry.registered += agent.registered;
    entry.handedOver += agent.handedOver;
    entry.delivered += agent.delivered;
    byVillage.set(agent.villageName, entry);
  }
  return { byAgent: agents, byVillage: [...byVillage.values()] };
}
