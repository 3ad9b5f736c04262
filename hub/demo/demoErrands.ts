// The village agent's errands (代办) of a demo township's day, through the township's API: the
// agent registers a few residents' errands (each with its authorisation paper) and collects their
// materials, and the counter takes most of them over in one batch (each becomes a case with its
// receipt). There is no bulk generator for errands, and the API dates them today only; so the
// county's errand figures of the demo are today's.
import { randomUUID } from 'node:crypto';
import { catalogFile } from '../../shared/catalog/catalog';
import demoCatalog from '../../resources/catalog/demo-service-catalog.json';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import { Rng } from '../../demo/random';
import type { Backend } from '../../electron/backend/backend';
import { signIn } from './townshipApi';

const AGENT = 'demo-agent';
const COUNTER_WINDOW = '3号窗口';

export interface DemoErrandsOptions {
  count: number;
  seed: number;
}

/** Registers `count` errands and hands all but the last two over. @returns registered and handed over. */
export async function enterDemoErrands(
  backend: Backend,
  options: DemoErrandsOptions,
): Promise<{ registered: number; handedOver: number }> {
  const rng = new Rng(options.seed ^ 0x1b873593);
  const agentRow = await backend.db
    .selectFrom('users as u')
    .innerJoin('agent_villages as a', 'a.user_id', 'u.id')
    .select(['u.id', 'a.village_id'])
    .where('u.username', '=', AGENT)
    .executeTakeFirst();
  if (!agentRow) return { registered: 0, handedOver: 0 };
  const residents = await backend.db
    .selectFrom('residents')
    .select('id')
    .where('village_id', '=', agentRow.village_id)
    .orderBy('id')
    .execute();
  // Promised items an agent may carry: the kind a village errand is (allowances, pensions, aid).
  const items = catalogFile
    .parse(demoCatalog)
    .items.filter((item) => item.agentAllowed && item.activeTo === null && item.handlingType === 'promised');
  if (residents.length === 0 || items.length === 0) return { registered: 0, handedOver: 0 };

  const agent = await signIn(backend, AGENT, DEMO_PASSWORD);
  const errandIds: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const item = rng.pick(items);
    const { errand } = await agent.call('errands.register', {
      requestId: randomUUID(),
      residentId: rng.pick(residents).id,
      itemCode: item.code,
    });
    const collected = await agent.call('errands.collect', {
      errandId: errand.id,
      version: errand.version,
      collectedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
    });
    errandIds.push(collected.errand.id);
  }
  // The last two wait in the agent's bag for the next trip to the counter.
  const handed = errandIds.slice(0, Math.max(0, errandIds.length - 2));
  if (handed.length > 0) {
    const clerk = await signIn(backend, 'demo-clerk', DEMO_PASSWORD);
    await clerk.call('errands.handOver', {
      requestId: randomUUID(),
      agentId: agentRow.id,
      errandIds: handed,
      window: COUNTER_WINDOW,
    });
  }
  return { registered: errandIds.length, handedOver: handed.length };
}
