// The demo township's mediation committees: the township's own, one in each of the first few
// villages, with their mediators (the demo mediator and committee head among them).
import type { Db } from '../electron/backend/db/database';
import { uuidv7 } from '../electron/backend/db/uuidv7';

interface DemoPlace {
  id: string;
  name: string;
  kind: 'village' | 'community';
}

const VILLAGE_COMMITTEES = 3;
const AD_HOC_MEDIATORS: ReadonlyArray<{ name: string; specialities: string[]; lawyer: boolean }> = [
  { name: '吴秀兰', specialities: ['婚姻家庭', '邻里纠纷'], lawyer: false },
  { name: '郑国华', specialities: ['合同纠纷', '劳动争议', '法律咨询'], lawyer: true },
  { name: '冯德胜', specialities: ['山林土地', '房屋宅基地'], lawyer: false },
];

export async function seedDemoMediation(
  db: Db,
  options: { townshipName: string; places: readonly DemoPlace[]; at: string },
): Promise<{ committees: number; mediators: number }> {
  const { townshipName, at } = options;
  const committees: { id: string; name: string }[] = [];
  const addCommittee = async (values: {
    name: string;
    kind: 'township' | 'village';
    villageId: string | null;
    casePrefix: string;
  }) => {
    const id = uuidv7();
    await db
      .insertInto('mediation_committees')
      .values({
        id,
        name: values.name,
        kind: values.kind,
        village_id: values.villageId,
        speciality: null,
        seal_name: values.name,
        case_prefix: values.casePrefix,
        phone: '',
        active: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    committees.push({ id, name: values.name });
    return id;
  };
  const township = await addCommittee({
    name: `${townshipName}人民调解委员会`,
    kind: 'township',
    villageId: null,
    casePrefix: `${[...townshipName][0]}调`,
  });
  const villages: string[] = [];
  for (const place of options.places.slice(0, VILLAGE_COMMITTEES)) {
    const short = [...place.name].slice(0, 2).join('');
    villages.push(
      await addCommittee({
        name: `${place.name}人民调解委员会`,
        kind: 'village',
        villageId: place.id,
        casePrefix: `${short}调`,
      }),
    );
  }

  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('username', 'in', ['demo-mediator', 'demo-head'])
    .execute();
  const mediators = [
    ...users.map((u) => ({
      name: u.display_name,
      userId: u.id,
      specialities: u.username === 'demo-head' ? ['邻里纠纷', '征地拆迁'] : ['婚姻家庭', '邻里纠纷', '房屋宅基地'],
      fullTime: true,
      lawyer: false,
      committees: u.username === 'demo-head' ? [township] : [township, villages[0]!],
    })),
    ...AD_HOC_MEDIATORS.map((m, i) => ({
      name: m.name,
      userId: null,
      specialities: m.specialities,
      fullTime: false,
      lawyer: m.lawyer,
      committees: [villages[i % villages.length]!],
    })),
  ];
  for (const mediator of mediators) {
    const id = uuidv7();
    await db
      .insertInto('mediators')
      .values({
        id,
        name: mediator.name,
        id_number: '',
        phone: '',
        specialities: JSON.stringify(mediator.specialities),
        full_time: mediator.fullTime ? 1 : 0,
        lawyer: mediator.lawyer ? 1 : 0,
        user_id: mediator.userId,
        active: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await db
      .insertInto('committee_mediators')
      .values(mediator.committees.map((committeeId) => ({ committee_id: committeeId, mediator_id: id })))
      .execute();
  }
  return { committees: committees.length, mediators: mediators.length };
}
