// The county's search across townships (跨乡镇查询): the index kept from the rows townships send
// (hub/searchIndex.ts) and the search and record reads on it (hub/countySearch.ts) — on SQLite
// and PostgreSQL with townships' entries sealed and applied as batches; then two real township
// backends that work through their API and sync, searched over the county API with its token.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openCountyRecord, searchAudit, searchCounty } from '../../hub/countySearch';
import { startHubServer, type RunningHubServer } from '../../hub/server';
import { SEARCH_KEEPER_NAME, SEARCH_KEY_FILE } from '../../hub/searchIndex';
import { catalogFile } from '../../shared/catalog/catalog';
import { COUNTY_API_PREFIX } from '../../shared/sync/countyApi';
import {
  COUNTY_SEARCH_PATHS,
  type CountySearchRecord,
  type CountySearchResponse,
  type SearchAuditRow,
} from '../../shared/sync/countySearchApi';
import type { ChangeEntry, RowImage } from '../../shared/sync/protocol';
import { disposeAll } from '../support/dispose';
import { residentId } from '../support/ids';
import { li, townshipCommittee, zhang } from '../support/mediationParties';
import type { TestNode } from '../support/syncNode';
import { TestClock } from '../support/testHall';
import { eachDatabase, type TestHub } from '../support/testHub';
import {
  PASSPHRASE,
  startNodeHall,
  startTestHub,
  userClient,
  type TestHubServer,
  type TestNodeHall,
} from '../sync/nodeHarness';

const LI_ID = residentId('19680312', 302);
const WANG_ID = residentId('19550101', 13);
const ASKER = { searcher: '县信访局 周明', reason: '核查重复信访', address: '192.0.2.10' };

type Row = Record<string, unknown> & { id: string };

/** One entry of the township's log, carrying `rows` as its images. */
function entry(node: TestNode, entity: string, id: string, rows: RowImage[]): ChangeEntry {
  return node.entries(1, () => ({ entity, entityId: id, op: 'save', data: null, rows }))[0]!;
}
const image = (table: string, row: Row): RowImage => ({ table, row });

const village = (id: string, name: string): Row => ({ id, name, kind: 'village', sort_order: 1, version: 1 });
const resident = (id: string, name: string, idNumber: string, villageId: string): Row => ({
  id,
  name,
  id_type: 'residentId',
  id_number: idNumber,
  id_number_reversed: [...idNumber].reverse().join(''),
  sex: 'female',
  birth_date: '1968-03-12',
  phone: '13903721234',
  phone_reversed: '43212730931',
  ethnicity: '汉族',
  village_id: villageId,
  address: '石桥村3组',
  created_at: '2026-10-01T01:00:00.000Z',
  voided_at: null,
});
const counterCase = (id: string, number: string | null, residentRow: Row, changes: Partial<Row> = {}): Row => ({
  id,
  case_number: number,
  status: 'accepted',
  resident_id: residentRow.id,
  resident_name: residentRow['name'],
  village_id: residentRow['village_id'],
  item_name: '城乡居民养老保险参保登记',
  handling_type: 'promised',
  window: '3号窗口',
  clerk_name: '王窗口',
  intake_on: '2026-10-20',
  accepted_on: '2026-10-20',
  promised_date: '2026-11-03',
  ...changes,
});
const dispute = (id: string, number: string, villageId: string): Row => ({
  id,
  case_number: number,
  status: 'accepted',
  category: 'neighbour',
  source: 'oralApplication',
  facts: '两户因宅基地边界的围墙发生争执。',
  village_id: villageId,
  party_names: '李秀英 与 赵四',
  registered_on: '2026-10-22',
  amount_fen: 150000,
});
const party = (id: string, disputeId: string, name: string, idNumber: string, position: number): Row => ({
  id,
  dispute_id: disputeId,
  position,
  side: position === 1 ? 'applicant' : 'respondent',
  kind: 'person',
  resident_id: null,
  name,
  sex: 'female',
  id_number: idNumber,
  address: '石桥村',
  phone: '13903720011',
});
const petition = (id: string, number: string): Row => ({
  id,
  number,
  status: 'accepted',
  channel: 'visit',
  received_on: '2026-10-25',
  petitioner_names: '王大妈',
  people_count: 1,
  category: 'expropriation',
  matter: '青苗补偿款至今未发放。',
});
const petitioner = (id: string, petitionId: string, residentRow: Row): Row => ({
  id,
  petition_id: petitionId,
  position: 1,
  resident_id: residentRow.id,
  name: residentRow['name'],
  id_number: '',
  phone: '',
  address: '清泉村',
  representative: 1,
});
const matter = (id: string, number: string, villageId: string): Row => ({
  id,
  number,
  status: 'registered',
  resident_id: null,
  resident_name: '清泉村议事会',
  village_id: villageId,
  description: '饮水管网老化，夏季常停水',
  collected_on: '2026-10-26',
});

/**
 * 青山镇 and 白水乡, each with a case SL-2026-000001 (numbers run per township). 青山镇: 李秀英
 * (LI_ID) with her case, a dispute where she is a party typed in by hand (same ID number, no
 * link), its other party 赵四. 白水乡: 王大妈 (WANG_ID) and her petition (picked from the
 * register: linked, no ID number typed), a matter.
 */
async function twoTownships(t: TestHub) {
  const qingshan = await t.registered('青山镇');
  const baishui = await t.registered('白水乡');
  const li = resident('r-li', '李秀英', LI_ID, 'v-1');
  const wang = resident('r-wang', '王大妈', WANG_ID, 'w-1');
  const q = {
    li,
    case1: counterCase('c-q1', 'SL-2026-000001', li),
    case2: counterCase('c-q2', 'SL-2026-000002', li, { item_name: '残疾人两项补贴申请' }),
    dispute: dispute('d-q1', '（2026）青调字第3号', 'v-1'),
    party1: party('p-q1', 'd-q1', '李秀英', LI_ID, 1),
    party2: party('p-q2', 'd-q1', '赵四', residentId('19700101', 15), 2),
  };
  await t.hub.applyBatch(
    qingshan.batch([
      entry(qingshan, 'village', 'v-1', [image('villages', village('v-1', '石桥村'))]),
      entry(qingshan, 'resident', li.id, [image('residents', li)]),
      entry(qingshan, 'counterCase', q.case1.id, [image('counter_cases', q.case1)]),
      entry(qingshan, 'counterCase', q.case2.id, [image('counter_cases', q.case2)]),
      entry(qingshan, 'dispute', q.dispute.id, [
        image('disputes', q.dispute),
        image('dispute_parties', q.party1),
        image('dispute_parties', q.party2),
      ]),
    ]),
    'link',
  );
  const b = {
    wang,
    case1: counterCase('c-b1', 'SL-2026-000001', wang, { item_name: '高龄津贴申请' }),
    petition: petition('t-b1', '白信〔2026〕7号'),
    petitioner: petitioner('pt-b1', 't-b1', wang),
    matter: matter('m-b1', 'SQ-2026-000012', 'w-1'),
  };
  await t.hub.applyBatch(
    baishui.batch([
      entry(baishui, 'village', 'w-1', [image('villages', village('w-1', '清泉村'))]),
      entry(baishui, 'resident', wang.id, [image('residents', wang)]),
      entry(baishui, 'counterCase', b.case1.id, [image('counter_cases', b.case1)]),
      entry(baishui, 'petition', b.petition.id, [image('petitions', b.petition), image('petitioners', b.petitioner)]),
      entry(baishui, 'matter', b.matter.id, [image('matters', b.matter)]),
    ]),
    'link',
  );
  return { qingshan, baishui, q, b };
}

const search = (t: TestHub, q: string, asker = ASKER) =>
  searchCounty(t.hub, { q, searcher: asker.searcher, reason: asker.reason }, asker.address);
const found = (answer: CountySearchResponse) =>
  answer.hits.map((h) => [h.townshipName, h.table, h.number ?? h.name, h.match]);

async function indexText(t: TestHub): Promise<string> {
  return JSON.stringify(await t.hub.db.selectFrom('hub_search_index').selectAll().execute());
}

eachDatabase((fixture) => {
  test('a number finds its record in every township that has it, each with its township, as written or typed short', async () => {
    const t = await fixture.hub();
    await twoTownships(t);

    const both = await search(t, 'SL-2026-000001');
    assert.equal(both.searchedBy, 'number');
    assert.deepEqual(
      found(both).sort(),
      [
        ['白水乡', 'counter_cases', 'SL-2026-000001', 'number'],
        ['青山镇', 'counter_cases', 'SL-2026-000001', 'number'],
      ],
      'the same number in two townships: both, each with its township',
    );
    const qingshan = both.hits.find((h) => h.townshipName === '青山镇')!;
    assert.deepEqual(
      [qingshan.exact, qingshan.name, qingshan.status, qingshan.summary, qingshan.villageName, qingshan.on],
      [true, '李秀英', 'accepted', '城乡居民养老保险参保登记', '石桥村', '2026-10-20'],
    );

    // Typed short, in lower case, full-width, or another kind of bracket: the same records.
    assert.equal((await search(t, 'sl-2026-1')).hits.filter((h) => h.exact).length, 2);
    assert.equal((await search(t, 'ＳＬ－２０２６－０００００１')).hits.length, 2);
    assert.deepEqual(found(await search(t, '白信[2026]7')), [['白水乡', 'petitions', '白信〔2026〕7号', 'number']]);
    assert.deepEqual(found(await search(t, '(2026)青调3')), [['青山镇', 'disputes', '（2026）青调字第3号', 'number']]);
    assert.deepEqual(found(await search(t, 'SQ-2026-12')), [['白水乡', 'matters', 'SQ-2026-000012', 'number']]);

    // The beginning of a number: every number that starts with it, exact ones first.
    const prefix = await search(t, 'SL-2026-00000');
    assert.deepEqual(prefix.hits.map((h) => h.number).sort(), ['SL-2026-000001', 'SL-2026-000001', 'SL-2026-000002']);
    assert.ok(prefix.hits.every((h) => !h.exact));
    assert.deepEqual(found(await search(t, 'SL-2027')), []);
    if (t.dialect === 'postgres') {
      // The prefix is a range: on PostgreSQL the key compares byte by byte whatever the server's locale.
      const { rows } = await sql<{ collation_name: string | null }>`
        SELECT collation_name FROM information_schema.columns
        WHERE table_name = 'hub_search_index' AND column_name = 'search_key'`.execute(t.hub.db);
      assert.equal(rows[0]?.collation_name, 'C');
    }

    // Every search is recorded, with who asked if they said so.
    const audit = await searchAudit(t.hub);
    assert.equal(audit.length, 8);
    assert.deepEqual(
      [audit[0]!.action, audit[0]!.query, audit[0]!.found, audit[0]!.address],
      ['number', '编号 SL-2027', 0, '192.0.2.10'],
    );
  });

  test('an ID number finds the resident and the person’s records, by a keyed hash: the index holds no ID number', async () => {
    const t = await fixture.hub();
    const { q } = await twoTownships(t);

    const answer = await search(t, LI_ID.toLowerCase().replace(/(\d{6})/, '$1 '));
    assert.equal(answer.searchedBy, 'idNumber');
    assert.equal(answer.interpretedAs, `身份证号码 ${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`);
    assert.deepEqual(
      found(answer),
      [
        ['青山镇', 'residents', '李秀英', 'idNumber'],
        ['青山镇', 'disputes', '（2026）青调字第3号', 'person'],
        ['青山镇', 'counter_cases', 'SL-2026-000001', 'person'],
        ['青山镇', 'counter_cases', 'SL-2026-000002', 'person'],
      ],
      'the resident first; then her records, newest first: the dispute where she is a party (same ID typed by hand), her cases',
    );
    assert.equal(answer.hits[0]!.summary, `${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`);
    assert.ok(
      !found(answer).some(([township]) => township === '白水乡'),
      'the other township’s case of the same number is not hers',
    );

    // 王大妈 picked from the register as a petitioner (no ID number typed on the petition): linked by her row.
    assert.deepEqual(
      found(await search(t, WANG_ID)).map(([, table, what]) => [table, what]),
      [
        ['residents', '王大妈'],
        ['petitions', '白信〔2026〕7号'],
        ['counter_cases', 'SL-2026-000001'],
      ],
    );
    // The other party of the dispute: no resident, found as a party.
    assert.deepEqual(found(await search(t, q.party2['id_number'] as string)), [
      ['青山镇', 'disputes', '（2026）青调字第3号', 'person'],
    ]);

    // No ID number in the index, in any spelling: only keyed hashes and masked numbers.
    const index = await indexText(t);
    for (const id of [LI_ID, WANG_ID, q.party2['id_number'] as string]) {
      assert.ok(!index.includes(id) && !index.includes(id.slice(0, 14)), `索引中不应出现身份证号码 ${id}`);
      assert.ok(!index.includes([...id].reverse().join('')), 'nor reversed');
    }
    // …and the hash is keyed: the plain SHA-256 of the number is not there either.
    const { createHash } = await import('node:crypto');
    assert.ok(!index.includes(createHash('sha256').update(LI_ID).digest('base64url')));
    const keyFile = path.join(t.dataDir, SEARCH_KEY_FILE);
    assert.match(await readFile(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') assert.equal((await stat(keyFile)).mode & 0o777, 0o600);

    // The audit: who, why, the number masked, from where, how many.
    const [last] = await searchAudit(t.hub);
    assert.deepEqual(
      { ...last, id: undefined, at: undefined },
      {
        id: undefined,
        at: undefined,
        action: 'idNumber',
        searcher: '县信访局 周明',
        reason: '核查重复信访',
        query: `身份证号码 ${q.party2['id_number'] as string}`.replace(/(\d{4})\d{10}(\d{3}[\dX])/, '$1**********$2'),
        address: '192.0.2.10',
        found: 1,
        detail: '青山镇 纠纷 （2026）青调字第3号',
      },
    );
    assert.ok(!JSON.stringify(await searchAudit(t.hub)).includes(LI_ID), 'the audit keeps the number masked');
  });

  test('a record opens as its township last sent it: labelled fields’ values, parties, ID numbers and phones masked; the opening is recorded', async () => {
    const t = await fixture.hub();
    const { qingshan, q } = await twoTownships(t);
    // The dispute moves on at the township: the index and the record follow its latest row.
    const settled = { ...q.dispute, status: 'settled', outcome_kind: 'written', outcome_on: '2026-11-05' };
    await t.hub.applyBatch(
      qingshan.batch([entry(qingshan, 'dispute', q.dispute.id, [image('disputes', settled)])]),
      'link',
    );

    const record: CountySearchRecord = await openCountyRecord(
      t.hub,
      { nodeId: qingshan.nodeId, table: 'disputes', rowId: q.dispute.id, searcher: '周明', reason: '核查' },
      '192.0.2.11',
    );
    assert.deepEqual(
      [record.hit.townshipName, record.hit.number, record.hit.status, record.hit.villageName],
      ['青山镇', '（2026）青调字第3号', 'settled', '石桥村'],
    );
    assert.equal(record.row['outcome_kind'], 'written');
    assert.equal(record.row['amount_fen'], 150000);
    assert.ok(!('id' in record.row) && !('version' in record.row), 'only the fields the page shows');
    assert.equal(record.sections.length, 1);
    assert.deepEqual(
      record.sections[0]!.rows.map((r) => [r['name'], r['id_number'], r['phone']]),
      [
        ['李秀英', `${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`, '139****0011'],
        ['赵四', (q.party2['id_number'] as string).replace(/^(\d{4})\d{10}/, '$1**********'), '139****0011'],
      ],
    );
    const resident = await openCountyRecord(
      t.hub,
      { nodeId: qingshan.nodeId, table: 'residents', rowId: 'r-li', searcher: '', reason: '' },
      '192.0.2.11',
    );
    assert.equal(resident.row['id_number'], `${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`);
    assert.equal(resident.row['phone'], '139****1234');
    assert.ok(!JSON.stringify(resident).includes(LI_ID));

    const [opened, openedFirst] = await searchAudit(t.hub);
    assert.deepEqual(
      [openedFirst!.action, openedFirst!.searcher, openedFirst!.query, openedFirst!.address, openedFirst!.detail],
      ['open', '周明', '纠纷 （2026）青调字第3号', '192.0.2.11', '青山镇 纠纷 （2026）青调字第3号'],
    );
    assert.equal(opened!.query, '居民 李秀英');
  });

  test('a deleted row leaves the index: a party removed from a dispute no longer finds it', async () => {
    const t = await fixture.hub();
    const { qingshan, q } = await twoTownships(t);
    const zhaoId = q.party2['id_number'] as string;
    assert.equal((await search(t, zhaoId)).hits.length, 1);
    // The township replaced the dispute's parties: 赵四's row deleted, another party added.
    await t.hub.applyBatch(
      qingshan.batch([
        entry(qingshan, 'dispute', q.dispute.id, [
          { table: 'dispute_parties', row: { id: q.party2.id }, deleted: true },
          image('dispute_parties', party('p-q3', q.dispute.id, '钱五', residentId('19720202', 17), 2)),
        ]),
      ]),
      'link',
    );
    assert.deepEqual((await search(t, zhaoId)).hits, []);
    assert.equal((await search(t, residentId('19720202', 17))).hits.length, 1);
    const left = await t.hub.db
      .selectFrom('hub_search_index')
      .select('row_id')
      .where('table_name', '=', 'dispute_parties')
      .execute();
    assert.deepEqual(left.map((r) => r.row_id).sort(), ['p-q1', 'p-q3']);
    // A row written and deleted within one batch never shows.
    await t.hub.applyBatch(
      qingshan.batch([
        entry(qingshan, 'counterCase', 'c-q9', [image('counter_cases', counterCase('c-q9', 'SL-2026-000009', q.li))]),
        entry(qingshan, 'counterCase', 'c-q9', [{ table: 'counter_cases', row: { id: 'c-q9' }, deleted: true }]),
      ]),
      'link',
    );
    assert.deepEqual((await search(t, 'SL-2026-000009')).hits, []);
  });

  test('the catch-up fills the index from the entries applied before it existed', async () => {
    const t = await fixture.hub();
    const { baishui } = await twoTownships(t);
    // As on a hub upgraded to this version: entries held, no index, no position.
    await t.hub.db.deleteFrom('hub_search_index').execute();
    await t.hub.db.deleteFrom('hub_keeper_positions').where('keeper', '=', SEARCH_KEEPER_NAME).execute();
    assert.deepEqual((await search(t, 'SL-2026-000001')).hits, []);

    await t.reopen();
    assert.ok(
      t.logs.some((line) => line.includes(`为${SEARCH_KEEPER_NAME}补读青山镇`)),
      t.logs.join('\n'),
    );
    assert.equal((await search(t, 'SL-2026-000001')).hits.length, 2);
    assert.equal((await search(t, LI_ID)).hits.length, 4, 'the same key: the ID number found again');
    // And the next batch is kept as it comes.
    await t.hub.applyBatch(
      baishui.batch([entry(baishui, 'matter', 'm-b2', [image('matters', matter('m-b2', 'SQ-2026-000013', 'w-1'))])]),
      'link',
    );
    assert.deepEqual(found(await search(t, 'SQ-2026-000013')), [['白水乡', 'matters', 'SQ-2026-000013', 'number']]);
    const positions = await t.hub.db
      .selectFrom('hub_keeper_positions')
      .select(['node_id', 'through_seq'])
      .where('keeper', '=', SEARCH_KEEPER_NAME)
      .execute();
    assert.deepEqual(
      positions.map((p) => Number(p.through_seq)).sort(),
      [5, 6],
      'each township read through its last entry',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Two real townships, working through their API and syncing; the county asks over HTTP.
// ---------------------------------------------------------------------------------------------

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.activeTo === null && i.handlingType === 'promised')!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);

describe('two townships synced, searched over the county API', () => {
  const token = 'county-token-for-county-search-0123456789';
  const clock = new TestClock();
  let hub: TestHubServer;
  let county: RunningHubServer;
  const townships: TestNodeHall[] = [];
  const work: Array<{ caseNumber: string; disputeNumber: string; petitionNumber: string; matterNumber: string }> = [];
  const personId = residentId('19620718', 51);

  /** A day's work at a township: a resident, her case, a dispute where she is a party, her petition, a matter. */
  async function township(name: string, idNumber: string) {
    const node = await startNodeHall(clock);
    townships.push(node);
    await node.admin.ok('sync.enroll', { file: await hub.enrollment(name), passphrase: PASSPHRASE });
    await node.admin.ok('catalog.importFile', demoCatalog);
    const place = await node.admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [] });
    const clerk = await userClient(node, 'clerk', ['counterClerk']);
    const desk = await userClient(node, 'desk', ['petitionReceptionist']);
    const person = await clerk.ok('residents.register', {
      name: '欧阳秀',
      idType: 'residentId',
      idNumber,
      ethnicity: '汉族',
      villageId: place.id,
      phone: '13903721234',
    });
    const intake = await clerk.ok('counter.intake', {
      requestId: randomUUID(),
      residentId: person.id,
      itemCode: item.code,
      receivedMaterials: required,
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
    const committee = await node.admin.ok('mediation.saveCommittee', townshipCommittee);
    const registered = await node.admin.ok('mediation.registerDispute', {
      requestId: randomUUID(),
      committeeId: committee.id,
      source: 'oralApplication',
      category: 'neighbour',
      facts: '两户因门前通道被占发生争吵。',
      villageId: place.id,
      placeDetail: '第一村民小组',
      amountYuan: 0,
      peopleInvolved: 2,
      risky: false,
      riskNote: '',
      // She is a party typed in by hand: the same ID number, no link to the register.
      parties: [{ ...zhang, name: '欧阳秀', sex: 'female', idNumber }, li],
    });
    const accepted = await node.admin.ok('mediation.acceptDispute', { id: registered.dispute.id, version: 1 });
    const petitionRegistered = await desk.ok('petitions.register', {
      requestId: randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 1,
      petitioners: [
        { name: '欧阳秀', idNumber, phone: '', address: '东岗村', representative: true, residentId: person.id },
      ],
      category: 'expropriation',
      matter: '村道拓宽占用承包地，青苗补偿款至今未发放。',
      requests: '要求发放青苗补偿款。',
      place: '',
      departmentConcerned: '',
    });
    const { matter: registeredMatter } = await clerk.ok('matters.register', {
      requestId: randomUUID(),
      source: 'counter',
      villageId: place.id,
      residentId: person.id,
      residentName: '欧阳秀',
      type: 'problem',
      category: 'infrastructure',
      description: '村道塌方，车辆无法通行',
    });
    const synced = await node.backend.sync.runOnce();
    assert.equal(synced.ok, true, synced.message);
    work.push({
      caseNumber: intake.case.caseNumber!,
      disputeNumber: accepted.dispute.caseNumber!,
      petitionNumber: petitionRegistered.petition.number,
      matterNumber: registeredMatter.number,
    });
  }

  before(async () => {
    hub = await startTestHub(clock);
    // Plain HTTP on the loopback address: what is tested is the route, not TLS (hubServer.test.ts).
    county = await startHubServer({
      hub: hub.hub,
      host: '127.0.0.1',
      port: 0,
      tls: null,
      countyToken: token,
      uiDir: null,
    });
    await township('青石镇', personId);
    await township('白云乡', residentId('19800808', 22));
  });
  after(() => disposeAll([() => county?.close(), ...townships.map((node) => () => node.close()), () => hub?.close()]));

  const post = (pathName: string, body: unknown, bearer = token) =>
    fetch(`${county.url}${COUNTY_API_PREFIX}${pathName}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  test('a number both townships issued is found in both, each with its township', async () => {
    assert.equal(work[0]!.caseNumber, work[1]!.caseNumber, 'numbers run per township');
    const answer = await post(COUNTY_SEARCH_PATHS.search, { q: work[0]!.caseNumber.toLowerCase() });
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as CountySearchResponse;
    assert.deepEqual(body.hits.map((h) => [h.townshipName, h.table, h.number, h.name, h.villageName, h.exact]).sort(), [
      ['白云乡', 'counter_cases', work[0]!.caseNumber, '欧阳秀', '东岗村', true],
      ['青石镇', 'counter_cases', work[0]!.caseNumber, '欧阳秀', '东岗村', true],
    ]);
    for (const [number, table] of [
      [work[0]!.disputeNumber, 'disputes'],
      [work[0]!.petitionNumber, 'petitions'],
      [work[0]!.matterNumber, 'matters'],
    ] as const) {
      const hits = ((await (await post(COUNTY_SEARCH_PATHS.search, { q: number })).json()) as CountySearchResponse)
        .hits;
      assert.deepEqual(
        hits.filter((h) => h.exact).map((h) => [h.table, h.number]),
        [
          [table, number],
          [table, number],
        ],
        number,
      );
    }
  });

  test('an ID number, with who and why, finds the resident in her township with her case, dispute, petition and matter', async () => {
    const refusedWithout = await post(COUNTY_SEARCH_PATHS.search, { q: personId });
    assert.equal(refusedWithout.status, 400);
    const why = (await refusedWithout.json()) as { error: { message: string; field: string } };
    assert.equal(why.error.field, 'searcher');
    assert.match(why.error.message, /^查询人：按身份证号码查询须填写查询人/);
    const wrongDigit = personId.slice(0, 17) + (personId.endsWith('1') ? '2' : '1');
    const badChecksum = await post(COUNTY_SEARCH_PATHS.search, { q: wrongDigit, searcher: '周明', reason: '核查' });
    assert.equal(badChecksum.status, 400);
    assert.match(
      ((await badChecksum.json()) as { error: { message: string } }).error.message,
      /^查询内容：身份证号码校验位不符/,
    );

    const answer = await post(COUNTY_SEARCH_PATHS.search, {
      q: personId,
      searcher: '县信访局 周明',
      reason: '核查重复信访',
    });
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as CountySearchResponse;
    assert.deepEqual(
      body.hits.map((h) => [h.townshipName, h.table, h.match]).sort(),
      [
        ['青石镇', 'counter_cases', 'person'],
        ['青石镇', 'disputes', 'person'],
        ['青石镇', 'matters', 'person'],
        ['青石镇', 'petitions', 'person'],
        ['青石镇', 'residents', 'idNumber'],
      ],
      'only her own township’s records; 白云乡’s 欧阳秀 has another ID number',
    );
    assert.ok(!JSON.stringify(body).includes(personId));

    const resident = body.hits.find((h) => h.table === 'residents')!;
    const opened = await post(COUNTY_SEARCH_PATHS.record, {
      nodeId: resident.nodeId,
      table: 'residents',
      rowId: resident.rowId,
      searcher: '县信访局 周明',
      reason: '核查重复信访',
    });
    assert.equal(opened.status, 200);
    const record = (await opened.json()) as CountySearchRecord;
    assert.deepEqual(
      [record.row['name'], record.row['id_number'], record.row['village_id'] !== null, record.hit.villageName],
      ['欧阳秀', `${personId.slice(0, 4)}**********${personId.slice(-4)}`, true, '东岗村'],
    );

    const audit = await fetch(`${county.url}${COUNTY_API_PREFIX}${COUNTY_SEARCH_PATHS.audit}?limit=2`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const rows = (await audit.json()) as SearchAuditRow[];
    assert.deepEqual(
      rows.map((r) => [r.action, r.searcher, r.reason, r.address, r.found]),
      [
        ['open', '县信访局 周明', '核查重复信访', '127.0.0.1', 1],
        ['idNumber', '县信访局 周明', '核查重复信访', '127.0.0.1', 5],
      ],
    );
    assert.equal(rows[1]!.query, `身份证号码 ${personId.slice(0, 4)}**********${personId.slice(-4)}`);
    assert.ok(!JSON.stringify(rows).includes(personId));

    const index = JSON.stringify(await hub.hub.db.selectFrom('hub_search_index').selectAll().execute());
    assert.ok(!index.includes(personId), 'the index built from real rows holds no ID number');
  });

  test('without the county token nothing is searched', async () => {
    const refused = await post(
      COUNTY_SEARCH_PATHS.search,
      { q: 'SL-2026-000001' },
      'not-the-county-token-at-all-0123456789',
    );
    assert.equal(refused.status, 401);
  });
});
