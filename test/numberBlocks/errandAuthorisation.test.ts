// The errand's 委托代办授权书 carries its number (委托书编号), drawn at registration: at the township
// from its own run, on a village node from the block its township reserved for it — read back
// from the archived PDF with pdftotext. Past the block, the registration is refused with words
// saying what to do, and nothing is registered.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { writeSetting } from '../../electron/backend/auth/nodeSettings';
import { NODE_TIER_SETTING } from '../../electron/backend/db/nodeTier';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { runWrite } from '../../electron/backend/db/writeScope';
import { receiveBlocks } from '../../electron/backend/workflow/numberBlocks';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const forAgents = demoCatalog.items.find((item) => item.agentAllowed && item.activeTo === null)!;

describe('the authorisation form’s number', () => {
  let hall: TestHall;
  let agent: TestClient;
  let resident: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = new Date('2026-10-13T01:30:00Z');
    agent = await signedInAs(hall, started.admin, 'agent', ['villageAgent']);
    await started.admin.ok('catalog.importFile', demoCatalog);
    const agents = await started.admin.ok('errands.agents', {});
    const agentId = agents.agents.find((a) => a.name === 'agent同志')!.userId;
    await started.admin.ok('errands.setAgentVillage', { userId: agentId, villageId: started.village.id });
    const registered = await agent.ok('residents.register', {
      name: '李秀英',
      idType: 'residentId',
      idNumber: residentId('19500101', 301),
      ethnicity: '汉族',
      villageId: started.village.id,
    });
    resident = registered.id;
  });
  after(() => hall.close());

  const register = () =>
    agent.call('errands.register', { requestId: crypto.randomUUID(), residentId: resident, itemCode: forAgents.code });

  async function registeredNumber(): Promise<{ number: string; text: string }> {
    const answer = await register();
    assert.ok(answer.body.ok, JSON.stringify(answer.body));
    const { errand, document } = answer.body.result as {
      errand: { authorisationNumber: string | null };
      document: { id: string };
    };
    const text = await archivedPdfText(hall, document.id);
    return { number: errand.authorisationNumber!, text };
  }

  test('at the township: from its own run, printed on the form', async () => {
    const first = await registeredNumber();
    assert.equal(first.number, 'WT-2026-000001');
    assert.match(first.text, /委托书编号：\s*WT-2026-000001/);
    assert.match(first.text, /李秀英/);
    assert.doesNotMatch(first.text, /共2页/, 'eight materials, the number and both signatures on one page');
    const second = await registeredNumber();
    assert.equal(second.number, 'WT-2026-000002');
  });

  test('on a village node: from the held block, then refused with words, registering nothing', async () => {
    const db = hall.backend.db;
    await writeSetting(db, NODE_TIER_SETTING, 'village');
    await runWrite(db, { id: null, name: '乡镇' }, new Date().toISOString(), (scope) =>
      receiveBlocks(scope, [
        {
          id: uuidv7(),
          nodeId: 'node-east',
          scope: 'errandAuthorisation:2026',
          first: 201,
          last: 202,
          reservedAt: '2026-10-12T01:00:00.000Z',
        },
      ]),
    );
    const first = await registeredNumber();
    assert.equal(first.number, 'WT-2026-000201', 'not the counter’s 3: the block’s first');
    assert.match(first.text, /委托书编号：\s*WT-2026-000201/);
    assert.equal((await registeredNumber()).number, 'WT-2026-000202');

    const errands = async () => (await db.selectFrom('errands').select('id').execute()).length;
    const before = await errands();
    refused(
      await register(),
      409,
      /^本机2026年的委托书编号已用完（第 201–202 号已全部使用），请联网同步或导入乡镇下发的文件以领取新号段$/,
    );
    assert.equal(await errands(), before, 'nothing registered');
  });
});
