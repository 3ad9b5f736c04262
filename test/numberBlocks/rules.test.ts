// The pure rules of number blocks (shared/workflow/numberBlocks.ts): which scopes are drawn from
// blocks, the arithmetic of drawing block by block, when a node asks for more, what is left of a
// returned block, and the words a user or a log reads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errandAuthorisationScope } from '../../shared/counter/errandAuthorisationNumbers';
import { matterNumberScope } from '../../shared/matters/matters';
import {
  blockNeed,
  cut,
  drawRank,
  exhaustedMessage,
  isBlockDrawnScope,
  needOf,
  numberBlock,
  rangesText,
  restOf,
  scopeLabel,
  scopeYear,
  upcoming,
  useRefusal,
  wantedScopes,
  type HeldBlock,
} from '../../shared/workflow/numberBlocks';

const block = (id: string, first: number, last: number, usedThrough: number | null = null): HeldBlock => ({
  id,
  first,
  last,
  usedThrough,
});

describe('which numbers a village draws from blocks', () => {
  test('the authorisation forms and the matters are block-drawn; case and mediation numbers are not', () => {
    assert.ok(isBlockDrawnScope(errandAuthorisationScope(2026)));
    assert.ok(isBlockDrawnScope(matterNumberScope(2026)), 'the matters module numbers under the declared prefix');
    for (const scope of ['counter-case:2026', 'petition:2026', 'mediation:x:2026'])
      assert.ok(!isBlockDrawnScope(scope));
    assert.equal(scopeYear('errandAuthorisation:2026'), 2026);
    assert.equal(scopeLabel('errandAuthorisation:2026'), '2026年的委托书编号');
    assert.equal(scopeLabel('matter:2027'), '2027年的诉求编号');
  });

  test('a node wants this year’s blocks, and in December next year’s too', () => {
    assert.deepEqual(wantedScopes('2026-11-30'), ['errandAuthorisation:2026', 'matter:2026']);
    assert.deepEqual(wantedScopes('2026-12-01'), [
      'errandAuthorisation:2026',
      'errandAuthorisation:2027',
      'matter:2026',
      'matter:2027',
    ]);
  });
});

describe('drawing block by block', () => {
  const held = [block('a', 101, 105, 103), block('b', 31, 33), block('c', 200, 201, 201)];

  test('the k-th number to come runs through each block in order, skipping used ones', () => {
    const coming = Array.from({ length: 6 }, (_, k) => upcoming(held, k));
    assert.deepEqual(coming, [104, 105, 31, 32, 33, null]);
    assert.equal(drawRank(held, 31), 2, 'a lower number in a later block comes later');
    assert.equal(drawRank(held, 103), null, 'drawn already');
    assert.equal(drawRank(held, 200), null, 'its block is used up');
  });

  test('a node asks for more when fewer than the low mark are left, before it runs out', () => {
    // 50 a block (the default): the mark is 10.
    assert.equal(needOf('errandAuthorisation:2026', [block('a', 1, 50, 40)]), null, '10 left: not yet');
    assert.deepEqual(needOf('errandAuthorisation:2026', [block('a', 1, 50, 41)]), {
      scope: 'errandAuthorisation:2026',
      left: 9,
      ask: 50,
    });
    assert.deepEqual(needOf('matter:2026', []), { scope: 'matter:2026', left: 0, ask: 50 }, 'none held yet');
    // A busy village given 200 keeps getting 200, and asks at 20 % of it.
    assert.equal(needOf('matter:2026', [block('a', 1, 200, 160)]), null);
    assert.deepEqual(needOf('matter:2026', [block('a', 1, 200, 161)]), { scope: 'matter:2026', left: 39, ask: 200 });
    // Numbers left in two blocks count together.
    assert.equal(needOf('matter:2026', [block('a', 1, 50, 45), block('b', 51, 100)]), null);
    assert.ok(blockNeed.safeParse({ scope: 'matter:2026', left: 0, ask: 50 }).success);
  });
});

describe('returned rests', () => {
  test('the rest is what the node did not use, less what was issued again already', () => {
    assert.deepEqual(restOf({ first: 1, last: 50, returnedFrom: 31 }, null), { first: 31, last: 50 });
    assert.deepEqual(restOf({ first: 1, last: 50, returnedFrom: 31 }, 40), { first: 41, last: 50 });
    assert.equal(restOf({ first: 1, last: 50, returnedFrom: 31 }, 50), null);
    assert.equal(restOf({ first: 1, last: 50, returnedFrom: 51 }, null), null, 'all used: nothing comes back');
    assert.equal(restOf({ first: 1, last: 50, returnedFrom: null }, null), null, 'still held');
    assert.deepEqual(cut({ first: 31, last: 50 }, 10), { first: 31, last: 40 });
    assert.deepEqual(cut({ first: 31, last: 50 }, 100), { first: 31, last: 50 });
  });

  test('a use outside the block is refused in words', () => {
    assert.equal(useRefusal({ first: 1, last: 50 }, null), null);
    assert.equal(useRefusal({ first: 1, last: 50 }, 50), null);
    assert.match(useRefusal({ first: 1, last: 50 }, 51)!, /第 1–50 号.*第 51 号，不在号段之内/);
  });
});

describe('words', () => {
  test('the message when the numbers are used up names the numbers and what to do', () => {
    assert.equal(
      exhaustedMessage('errandAuthorisation:2026', [{ first: 1, last: 50 }]),
      '本机2026年的委托书编号已用完（第 1–50 号已全部使用），请联网同步或导入乡镇下发的文件以领取新号段',
    );
    assert.match(exhaustedMessage('matter:2026', []), /^本机2026年的诉求编号还没有号段.*领取号段$/);
    assert.equal(
      rangesText([
        { first: 51, last: 100 },
        { first: 1, last: 50 },
        { first: 131, last: 131 },
      ]),
      '第 1–100、131 号',
      'touching blocks merge; sorted',
    );
    assert.equal(rangesText([1, 3, 5, 7].map((n) => ({ first: n, last: n }))), '第 1、3、5 号等');
  });

  test('a block travels with its numbers checked', () => {
    const good = {
      id: '0190f3a4-1b2c-7d3e-8f40-123456789abc',
      nodeId: 'village-1',
      scope: 'errandAuthorisation:2026',
      first: 1,
      last: 50,
      reservedAt: '2026-10-12T01:00:00.000Z',
    };
    assert.ok(numberBlock.safeParse(good).success);
    const backwards = numberBlock.safeParse({ ...good, first: 51 });
    assert.ok(!backwards.success);
    assert.match(backwards.error.issues[0]!.message, /起号不能大于止号/);
    assert.ok(!numberBlock.safeParse({ ...good, scope: 'counter-case:2026' }).success);
  });
});
