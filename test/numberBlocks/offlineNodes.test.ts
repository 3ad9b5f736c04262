// Number blocks on real SQLite databases in temporary folders: a township reserving blocks out of
// its own counter, village nodes issuing numbers offline from them, a node that runs out, a
// retired node's rest going back and out again. Each database is its own node, as on the ground;
// the blocks travel between them as the sync would carry them (the shapes of shared/).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiFailure } from '../../electron/backend/api/failure';
import type { RequestContext } from '../../electron/backend/api/context';
import { writeSetting } from '../../electron/backend/auth/nodeSettings';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import { NODE_TIER_SETTING, nodeTier } from '../../electron/backend/db/nodeTier';
import { runWrite } from '../../electron/backend/db/writeScope';
import { nextNumber } from '../../electron/backend/db/writes';
import {
  answerBlockRequest,
  blockNeeds,
  blockRequestOf,
  blocksFor,
  receiveBlocks,
  reserveBlock,
  returnUnused,
  usedThrough,
} from '../../electron/backend/workflow/numberBlocks';
import { drawNumber, numberedPaper } from '../../electron/backend/workflow/numbers';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { numberBlock, type NumberBlock } from '../../shared/workflow/numberBlocks';

const SCOPE = 'errandAuthorisation:2026';
const TODAY = '2026-10-13';
const actor = { id: null, name: '测试' };

const folders: string[] = [];
const open: Db[] = [];

async function node(tier: 'township' | 'village'): Promise<Db> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `number-blocks-${tier}-`));
  folders.push(dir);
  const db = await openDatabase(dir, { log: () => {} });
  open.push(db);
  if (tier === 'village') await writeSetting(db, NODE_TIER_SETTING, 'village');
  return db;
}

after(async () => {
  for (const db of open) await db.destroy();
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

const at = () => new Date().toISOString();

/** One number drawn in a transaction that writes an entry, as a record's registration does. */
function issue(db: Db, scope = SCOPE): Promise<number> {
  return runWrite(db, actor, at(), async (write) => {
    const n = await nextNumber(write.tx, scope);
    await write.change({ entity: 'testRecord', id: `${scope}#${n}`, op: 'register' }, async () => ({ n }));
    return n;
  });
}

async function issueMany(db: Db, count: number, scope = SCOPE): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(await issue(db, scope));
  return numbers;
}

function reserve(township: Db, nodeId: string, size: number, scope = SCOPE): Promise<NumberBlock> {
  return runWrite(township, actor, at(), (write) => reserveBlock(write, { nodeId, scope, size }));
}

/** The blocks as they travel: through JSON and the shared schema, as a downward package carries them. */
function carried(blocks: readonly NumberBlock[]): NumberBlock[] {
  return JSON.parse(JSON.stringify(blocks)).map((b: unknown) => numberBlock.parse(b));
}

function receive(village: Db, blocks: readonly NumberBlock[]): Promise<number> {
  return runWrite(village, { id: null, name: '乡镇' }, at(), (write) => receiveBlocks(write, carried(blocks)));
}

async function entries(db: Db, op?: string): Promise<number> {
  let query = db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (op) query = query.where('entity', '=', 'numberBlock').where('op', '=', op);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function refusal(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiFailure, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

function assertRun(numbers: readonly number[], through: number, what: string): void {
  const sorted = [...numbers].sort((a, b) => a - b);
  assert.equal(new Set(sorted).size, sorted.length, `${what}: a number was issued twice`);
  assert.deepEqual(
    sorted,
    Array.from({ length: through }, (_, i) => i + 1),
    `${what}: 1…${through} with no gap`,
  );
}

describe('two village nodes issue offline while a third block is reserved', () => {
  test('no gap and no repeat across the township and its three villages', async () => {
    const township = await node('township');
    const [east, west, north] = await Promise.all([node('village'), node('village'), node('village')]);
    assert.equal(await nodeTier(township), 'township', 'no setting: a township');
    assert.equal(await nodeTier(east), 'village');

    const townshipOwn = await issueMany(township, 5);
    assert.deepEqual(townshipOwn, [1, 2, 3, 4, 5]);
    const forEast = await reserve(township, 'node-east', 50);
    const forWest = await reserve(township, 'node-west', 50);
    assert.deepEqual([forEast.first, forEast.last, forWest.first, forWest.last], [6, 55, 56, 105]);
    assert.equal(await receive(east, await blocksFor(township, 'node-east')), 1);
    assert.equal(await receive(west, await blocksFor(township, 'node-west')), 1);

    // Both villages issue with no link — the west one ten at a time in parallel, as a hall's
    // windows would — while the township reserves a third block and issues its own numbers.
    const [eastNumbers, westNumbers, forNorth, moreOwn] = await Promise.all([
      issueMany(east, 50),
      Promise.all(Array.from({ length: 5 }, () => Promise.all(Array.from({ length: 10 }, () => issue(west))))).then(
        (runs) => runs.flat(),
      ),
      (async () => {
        const own = await issueMany(township, 3);
        return { block: await reserve(township, 'node-north', 50), own };
      })(),
      issueMany(township, 7),
    ]);
    assert.equal(await receive(north, [forNorth.block]), 1);
    const northNumbers = await issueMany(north, 50);
    // Three in one transaction, as a batch of records would draw them.
    const ownAfter = await runWrite(township, actor, at(), async (write) => {
      const numbers: number[] = [];
      for (let i = 0; i < 3; i++) numbers.push(await nextNumber(write.tx, SCOPE));
      await write.change({ entity: 'testRecord', id: 'batch', op: 'register' }, async () => numbers);
      return numbers;
    });
    const ownNumbers = [...townshipOwn, ...forNorth.own, ...moreOwn, ...ownAfter];
    assert.equal(ownNumbers.length, 18);
    const everything = [...ownNumbers, ...eastNumbers, ...westNumbers, ...northNumbers];
    assertRun(everything, 168, 'all four nodes');
    assert.deepEqual([eastNumbers[0], eastNumbers.at(-1)], [6, 55], 'a village draws its block in order');
    assert.ok(
      westNumbers.every((n) => n >= 56 && n <= 105),
      'the parallel draws stay within the block',
    );

    // No village's counter was touched: its numbers came from the block, and the draw rode on the
    // record's own entry (its row image), so a rebuilt village knows how far it drew.
    assert.equal(await east.selectFrom('number_counters').selectAll().executeTakeFirst(), undefined);
    const last = await east
      .selectFrom('change_log')
      .select('row_images')
      .where('entity', '=', 'testRecord')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const images = JSON.parse(last.row_images!) as { table: string; row: { used_through: number } }[];
    assert.equal(images.find((image) => image.table === 'held_number_blocks')?.row.used_through, 55);
    // Every reservation is a row and an entry at the township.
    assert.equal(await entries(township, 'reserve'), 3);
    assert.equal(await entries(east, 'receive'), 1);
  });
});

describe('a node that runs out', () => {
  let township: Db;
  let village: Db;
  before(async () => {
    [township, village] = await Promise.all([node('township'), node('village')]);
  });

  test('asks before it runs out, then refuses with the message and writes nothing', async () => {
    // Before any block: it wants this year's of both kinds.
    assert.deepEqual(
      (await blockNeeds(village, TODAY)).map((need) => [need.scope, need.left]),
      [
        [SCOPE, 0],
        ['matter:2026', 0],
      ],
    );
    assert.deepEqual(await blockNeeds(township, TODAY), [], 'a township draws from its counters');
    await receive(village, [await reserve(township, 'node-v', 12)]);
    const scopesLow = async () => (await blockNeeds(village, TODAY)).map((need) => need.scope);
    assert.deepEqual(await scopesLow(), ['matter:2026'], '12 left of the authorisation numbers: enough');
    assert.deepEqual(await issueMany(village, 2), [1, 2]);
    assert.deepEqual(await scopesLow(), ['matter:2026'], '10 left: still enough');
    await issue(village);
    const needs = await blockNeeds(village, TODAY);
    assert.deepEqual(needs[0], { scope: SCOPE, left: 9, ask: 50 }, '9 left: the next sync asks for 50 more');
    assert.deepEqual(await issueMany(village, 9), [4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const before = await entries(village);
    const refused = await refusal(issue(village));
    assert.equal(refused.error.code, 'CONFLICT');
    assert.equal(
      refused.error.message,
      '本机2026年的委托书编号已用完（第 1–12 号已全部使用），请联网同步或导入乡镇下发的文件以领取新号段',
    );
    assert.equal(await entries(village), before, 'the refused registration wrote nothing');
    const held = await village.selectFrom('held_number_blocks').select('used_through').executeTakeFirstOrThrow();
    assert.equal(held.used_through, 12);

    // A numbered paper is refused before it is drawn.
    let drawn = 0;
    const ctx = { db: village } as unknown as RequestContext;
    const early = await refusal(
      numberedPaper(ctx, SCOPE, async (sequence) => {
        drawn++;
        return { set: { sequence }, paper: null };
      }),
    );
    assert.match(early.error.message, /第 1–12 号已全部使用/);
    assert.equal(drawn, 0);
  });

  test('the next sync brings blocks: asked once however often the request comes, and the node goes on', async () => {
    const request = await blockRequestOf(village, TODAY);
    assert.deepEqual(
      request.needs.map((need) => need.scope),
      [SCOPE, 'matter:2026'],
    );
    assert.equal(request.held.length, 1);
    const answer = await runWrite(township, actor, at(), (write) => answerBlockRequest(write, 'node-v', request));
    assert.deepEqual(
      answer.map((block) => [block.scope, block.first, block.last]),
      [
        [SCOPE, 13, 62],
        ['matter:2026', 1, 50],
      ],
    );
    // The same request again (the answer has not reached the node yet): nothing more reserved.
    const again = await runWrite(township, actor, at(), (write) => answerBlockRequest(write, 'node-v', request));
    assert.deepEqual(
      again.map((block) => block.id),
      answer.map((block) => block.id),
    );
    assert.equal(await entries(township, 'reserve'), 3);

    assert.equal(await receive(village, again), 2);
    assert.deepEqual(await blockNeeds(village, TODAY), []);
    const ctx = { db: village } as unknown as RequestContext;
    const paper = await numberedPaper(ctx, SCOPE, async (sequence) => ({ set: { sequence }, paper: null }));
    assert.equal(paper.expected, 13, 'the paper is drawn with the number the held block gives next');
    paper.release?.();
    assert.equal(await issue(village), 13);
    assert.equal(await issue(village, 'matter:2026'), 1);
    // Held blocks known to the township are not sent again.
    const later = await runWrite(township, actor, at(), async (write) =>
      answerBlockRequest(write, 'node-v', await blockRequestOf(village, TODAY)),
    );
    assert.deepEqual(later, []);
  });

  test('in December a node asks for next year’s blocks too', async () => {
    const needs = await blockNeeds(village, '2026-12-01');
    assert.deepEqual(
      needs.map((need) => need.scope),
      ['errandAuthorisation:2027', 'matter:2027'],
    );
  });
});

describe('a retired node', () => {
  test('its unused rest is returned, recorded, and issued again to the next node', async () => {
    const [township, retiring, next] = await Promise.all([node('township'), node('village'), node('village')]);
    const first = await reserve(township, 'node-old', 50);
    await receive(retiring, [first]);
    const oldNumbers = await issueMany(retiring, 30);
    const uses = await usedThrough(retiring);
    assert.deepEqual(uses, [{ blockId: first.id, scope: SCOPE, usedThrough: 30 }]);

    const rests = await runWrite(township, actor, at(), (write) => returnUnused(write, 'node-old', uses));
    assert.deepEqual(rests, [{ blockId: first.id, scope: SCOPE, first: 31, last: 50 }]);
    const row = await township
      .selectFrom('number_blocks')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.returned_from, 31);
    assert.ok(row.returned_at);
    assert.equal(await entries(township, 'return'), 1);
    const entry = await township
      .selectFrom('change_log')
      .select('data')
      .where('op', '=', 'return')
      .executeTakeFirstOrThrow();
    assert.match(JSON.parse(entry.data).summary, /退回未用的第 31–50 号/);
    assert.deepEqual(await blocksFor(township, 'node-old'), [], 'a returned block no longer travels down');

    // The report arriving twice changes nothing; a different one is refused.
    await runWrite(township, actor, at(), (write) => returnUnused(write, 'node-old', uses));
    assert.equal(await entries(township, 'return'), 1);
    const changed = await refusal(
      runWrite(township, actor, at(), (write) =>
        returnUnused(write, 'node-old', [{ blockId: first.id, usedThrough: 20 }]),
      ),
    );
    assert.equal(changed.error.code, 'CONFLICT');
    const foreign = await refusal(
      runWrite(township, actor, at(), (write) =>
        returnUnused(write, 'node-next', [{ blockId: first.id, usedThrough: 1 }]),
      ),
    );
    assert.equal(foreign.error.code, 'NOT_FOUND');

    // The rest goes out again first, in pieces no larger than asked, then the counter goes on.
    const pieces = [await reserve(township, 'node-next', 10), await reserve(township, 'node-next', 50)];
    const fresh = await reserve(township, 'node-next', 50);
    assert.deepEqual(
      [...pieces, fresh].map((block) => [block.first, block.last]),
      [
        [31, 40],
        [41, 50],
        [51, 100],
      ],
    );
    const reissued = await township
      .selectFrom('number_blocks')
      .select('reissues')
      .where(
        'id',
        'in',
        pieces.map((p) => p.id),
      )
      .execute();
    assert.ok(
      reissued.every((r) => r.reissues === first.id),
      'each piece says which returned block it came from',
    );

    await receive(next, await blocksFor(township, 'node-next'));
    const nextNumbers = await issueMany(next, 70);
    const ownNumbers = await issueMany(township, 2);
    assert.deepEqual(ownNumbers, [101, 102]);
    assertRun([...oldNumbers, ...nextNumbers, ...ownNumbers], 102, 'after the return');
  });
});

describe('receiving blocks', () => {
  test('the same block twice changes nothing; a changed or overlapping one is refused', async () => {
    const [township, village] = await Promise.all([node('township'), node('village')]);
    const block = await reserve(township, 'node-v', 20);
    assert.equal(await receive(village, [block]), 1);
    const rows = await village.selectFrom('held_number_blocks').selectAll().execute();
    const logged = await entries(village);
    assert.equal(await receive(village, [block, block]), 0);
    assert.deepEqual(await village.selectFrom('held_number_blocks').selectAll().execute(), rows);
    assert.equal(await entries(village), logged, 'no entry for a block held already');

    const changed = await refusal(receive(village, [{ ...block, last: 25 }]));
    assert.equal(changed.error.code, 'CONFLICT');
    assert.match(changed.error.message, /与本机已收到的不一致/);
    const overlapping = await refusal(
      receive(village, [{ ...block, id: '0190f3a4-1b2c-7d3e-8f40-123456789abc', first: 15, last: 30 }]),
    );
    assert.match(overlapping.error.message, /第 15–30 号与本机已有的第 1–20 号重叠/);
    assert.equal(await entries(village), logged);
    assert.deepEqual(await village.selectFrom('held_number_blocks').selectAll().execute(), rows);
  });

  test('a village cannot reserve blocks for another node', async () => {
    const village = await node('village');
    const refused = await refusal(reserve(village, 'node-x', 10));
    assert.equal(refused.error.code, 'CONFLICT');
    const wrongScope = await refusal(reserve(await node('township'), 'node-x', 10, 'counter-case:2026'));
    assert.match(wrongScope.error.message, /不是村级节点从号段取号的编号/);
  });
});

describe('papers drawn with their numbers on a village node', () => {
  test('windows at once each get the number their paper was drawn with, through two blocks', async () => {
    const village = await node('village');
    // A block of 51–53, then a re-issued rest of lower numbers, 11–14: drawn in that order.
    const blocks = [
      { first: 51, last: 53 },
      { first: 11, last: 14 },
    ].map((range) => ({
      id: uuidv7(),
      nodeId: 'node-v',
      scope: SCOPE,
      ...range,
      reservedAt: at(),
    }));
    await receive(village, blocks);
    const drawnWith = new Map<object, number[]>();
    const windows = Array.from({ length: 7 }, async () => {
      const ctx = { db: village, documents: {} } as unknown as RequestContext;
      drawnWith.set(ctx, []);
      const numbered = await numberedPaper(ctx, SCOPE, async (sequence) => {
        drawnWith.get(ctx)!.push(sequence);
        return { set: { sequence }, paper: null };
      });
      return runWrite(village, actor, at(), async (write) => {
        const drawn = await drawNumber(ctx, write.tx, numbered);
        await write.change({ entity: 'testRecord', id: String(drawn.sequence), op: 'register' }, async () => ({}));
        return drawn.sequence;
      });
    });
    const numbers = await Promise.all(windows);
    assert.deepEqual(
      [...numbers].sort((a, b) => a - b),
      [11, 12, 13, 14, 51, 52, 53],
    );
    for (const [, papers] of drawnWith) assert.equal(papers.length, 1, `a paper drawn again: ${papers.join(' → ')}`);
    const refused = await refusal(
      numberedPaper({ db: village } as unknown as RequestContext, SCOPE, async () => assert.fail('no paper')),
    );
    assert.match(refused.error.message, /第 11–14、51–53 号已全部使用/);
  });
});
