// Number blocks (号段): how a village node issues human numbers with no link (ARCHITECTURE
// principle 4). The township reserves a contiguous range of one scope's run for a village node in
// advance — out of its own counter, so its own numbers and every village's block never overlap —
// and the node draws from the blocks it holds, block by block. A node asks for more before it
// runs out; a retired node's unused rest goes back and is issued again to the next node, so the
// run has no gaps in the end and no number is ever issued twice. Pure rules here; storage and
// operations in electron/backend/workflow/numberBlocks.ts, the drawing in db/heldBlocks.ts.
import { z } from 'zod';
import { ERRAND_AUTHORISATION_SCOPE_PREFIX } from '../counter/errandAuthorisationNumbers';

/** A family of scopes a village node draws from blocks: the scopes' prefix and their name. */
export interface BlockDrawnFamily {
  prefix: string;
  /** What the number is called on the paper and by the clerk (委托书编号). */
  name: string;
}

/**
 * The scopes a village node draws from blocks instead of its own counters: only numbers a
 * village issues (the rest — 受理编号, 调解案号 — are issued at the township). A scope is
 * `<prefix><year>`; the year, when there is one, is named in messages and asked for in advance.
 */
export const BLOCK_DRAWN_FAMILIES: readonly BlockDrawnFamily[] = Object.freeze([
  { prefix: ERRAND_AUTHORISATION_SCOPE_PREFIX, name: '委托书编号' },
  // Residents' matters (shared/matters) number as `matter:<year>`.
  { prefix: 'matter:', name: '诉求编号' },
]);

/** A block as large as the next one a node asks for when it holds none (about a month of forms). */
export const DEFAULT_BLOCK_SIZE = 50;
export const MAX_BLOCK_SIZE = 10_000;
/** A node asks for more when fewer than this share of a block is left … */
export const LOW_SHARE = 0.2;
/** … and never fewer than this many (a busy day of a village). */
export const LOW_FLOOR = 10;
/** From this month on, a node also asks for next year's blocks (it may be offline over new year). */
export const NEXT_YEAR_FROM_MONTH = 12;

export function blockDrawnFamily(scope: string): BlockDrawnFamily | null {
  return BLOCK_DRAWN_FAMILIES.find((family) => scope.startsWith(family.prefix)) ?? null;
}

/** Whether a village node draws this scope from blocks (never from its own counter). */
export function isBlockDrawnScope(scope: string): boolean {
  return blockDrawnFamily(scope) !== null;
}

/** The year a scope counts (`errandAuthorisation:2026` → 2026), or null when it has none. */
export function scopeYear(scope: string): number | null {
  const family = blockDrawnFamily(scope);
  const rest = family ? scope.slice(family.prefix.length) : '';
  return /^\d{4}$/.test(rest) ? Number(rest) : null;
}

/** `2026年的委托书编号`, as people say it (the scope itself for one that is not block-drawn). */
export function scopeLabel(scope: string): string {
  const family = blockDrawnFamily(scope);
  if (!family) return scope;
  const year = scopeYear(scope);
  return year === null ? family.name : `${year}年的${family.name}`;
}

/** The block-drawn scopes a node wants to hold on `today` (YYYY-MM-DD): this year's, and in December next year's. */
export function wantedScopes(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const years = month >= NEXT_YEAR_FROM_MONTH ? [year, year + 1] : [year];
  return BLOCK_DRAWN_FAMILIES.flatMap((family) => years.map((y) => `${family.prefix}${y}`));
}

// ---------------------------------------------------------------------------------------------
// Block arithmetic
// ---------------------------------------------------------------------------------------------

/** A contiguous range of numbers, both ends included. */
export interface BlockRange {
  first: number;
  last: number;
}

/** A block as a node holds it: how far it has drawn (null: nothing yet). */
export interface HeldBlock extends BlockRange {
  id: string;
  usedThrough: number | null;
}

export function blockSize(block: BlockRange): number {
  return block.last - block.first + 1;
}

/** The numbers of a held block not drawn yet. */
export function leftIn(block: HeldBlock): number {
  return block.last - (block.usedThrough ?? block.first - 1);
}

/** The number a held block gives next, or null when it is used up. */
export function nextIn(block: HeldBlock): number | null {
  return leftIn(block) > 0 ? (block.usedThrough ?? block.first - 1) + 1 : null;
}

/**
 * The number the `k`-th draw from now gives (k = 0: the next), from blocks in the order they are
 * drawn; null when the blocks run out before it.
 */
export function upcoming(blocks: readonly HeldBlock[], k: number): number | null {
  let skip = k;
  for (const block of blocks) {
    const left = leftIn(block);
    if (skip < left) return (block.usedThrough ?? block.first - 1) + 1 + skip;
    skip -= Math.max(left, 0);
  }
  return null;
}

/** How many draws from now give `n` (0: the next), or null when these blocks will not give it. */
export function drawRank(blocks: readonly HeldBlock[], n: number): number | null {
  let before = 0;
  for (const block of blocks) {
    const next = nextIn(block);
    if (next === null) continue;
    if (n >= next && n <= block.last) return before + (n - next);
    before += leftIn(block);
  }
  return null;
}

/** Whether `n` is still to be drawn from these blocks. */
export function isUndrawn(blocks: readonly HeldBlock[], n: number): boolean {
  return drawRank(blocks, n) !== null;
}

/** When fewer than this are left a node asks for a block of `ask`. */
export function lowMark(ask: number): number {
  return Math.max(LOW_FLOOR, Math.ceil(ask * LOW_SHARE));
}

/** What a node asks its township for: a block of `ask` numbers of `scope`, `left` being what it has. */
export const blockNeed = z.object({
  scope: z.string().min(1).max(200).refine(isBlockDrawnScope, { message: '号段的编号种类不是村级节点取号的种类' }),
  left: z.number().int().min(0),
  ask: z
    .number()
    .int()
    .min(1, { message: '号段大小至少为 1' })
    .max(MAX_BLOCK_SIZE, { message: `号段大小最多为 ${MAX_BLOCK_SIZE}` }),
});
export type BlockNeed = z.infer<typeof blockNeed>;

/**
 * Whether a node holding `held` (one scope's blocks, in the order they are drawn) must ask for
 * more: when fewer than the low mark are left, for a block as large as its largest (a busy
 * village keeps getting the size it was given), at least DEFAULT_BLOCK_SIZE.
 */
export function needOf(scope: string, held: readonly HeldBlock[]): BlockNeed | null {
  const left = held.reduce((sum, block) => sum + Math.max(leftIn(block), 0), 0);
  const ask = Math.min(MAX_BLOCK_SIZE, Math.max(DEFAULT_BLOCK_SIZE, ...held.map(blockSize)));
  return left < lowMark(ask) ? { scope, left, ask } : null;
}

/**
 * The part of a returned block still to be issued again: from the first number the retired node
 * did not use, after what was issued again already (`reissuedThrough`); null when none is left.
 */
export function restOf(
  block: BlockRange & { returnedFrom: number | null },
  reissuedThrough: number | null,
): BlockRange | null {
  if (block.returnedFrom === null) return null;
  const first = Math.max(block.returnedFrom, (reissuedThrough ?? 0) + 1);
  return first <= block.last ? { first, last: block.last } : null;
}

/** The front of `range` no longer than `size`. */
export function cut(range: BlockRange, size: number): BlockRange {
  return { first: range.first, last: Math.min(range.last, range.first + size - 1) };
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/** `第 1–50 号`, or for several (merged where they touch) `第 1–50、81–100 号`; more than three end in `号等`. */
export function rangesText(ranges: readonly BlockRange[]): string {
  const merged: BlockRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.first - b.first)) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1) previous.last = Math.max(previous.last, range.last);
    else merged.push({ ...range });
  }
  const shown = merged.slice(0, 3).map((r) => (r.first === r.last ? `${r.first}` : `${r.first}–${r.last}`));
  return `第 ${shown.join('、')} 号${merged.length > 3 ? '等' : ''}`;
}

function ofThisNode(scope: string): string {
  const family = blockDrawnFamily(scope);
  const year = scopeYear(scope);
  const name = family?.name ?? scope;
  return year === null ? `本机的${name}` : `本机${year}年的${name}`;
}

/**
 * Why a village node cannot issue a number of `scope`: its blocks (`held`) are all used, or it
 * holds none. Says what to do, so the user (whose form stays as typed) knows how to go on.
 */
export function exhaustedMessage(scope: string, held: readonly BlockRange[]): string {
  if (held.length === 0) {
    return `${ofThisNode(scope)}还没有号段，不能编号，请联网同步或导入乡镇下发的文件以领取号段`;
  }
  return `${ofThisNode(scope)}已用完（${rangesText(held)}已全部使用），请联网同步或导入乡镇下发的文件以领取新号段`;
}

/** Why `size` cannot be reserved, or null. */
export function sizeRefusal(size: number): string | null {
  return Number.isInteger(size) && size >= 1 && size <= MAX_BLOCK_SIZE
    ? null
    : `号段大小应为 1 至 ${MAX_BLOCK_SIZE} 之间的整数，收到的是 ${size}`;
}

/** Why no block of `scope` is reserved, or null. */
export function scopeRefusal(scope: string): string | null {
  if (isBlockDrawnScope(scope)) return null;
  const names = BLOCK_DRAWN_FAMILIES.map((f) => f.name).join('、');
  return `“${scope}”不是村级节点从号段取号的编号（只有${names}从号段取号）`;
}

/** Why a node cannot say it used `block` through `usedThrough` (null: none used), or null. */
export function useRefusal(block: BlockRange, usedThrough: number | null): string | null {
  if (
    usedThrough === null ||
    (Number.isInteger(usedThrough) && usedThrough >= block.first && usedThrough <= block.last)
  )
    return null;
  return `号段${rangesText([block])}报告已用至第 ${usedThrough} 号，不在号段之内`;
}

/** The history line of a reservation. */
export function reservedSummary(nodeId: string, scope: string, range: BlockRange, reissued: boolean): string {
  return `为村级节点 ${nodeId} 预留${scopeLabel(scope)}${rangesText([range])}${reissued ? '（退回后重新下发）' : ''}`;
}

/** The history line of a return. */
export function returnedSummary(nodeId: string, scope: string, block: BlockRange, returnedFrom: number): string {
  const rest =
    returnedFrom <= block.last
      ? `退回未用的${rangesText([{ first: returnedFrom, last: block.last }])}`
      : '已全部使用，无余号';
  return `村级节点 ${nodeId} 停用：${scopeLabel(scope)}${rangesText([block])}${rest}`;
}

// ---------------------------------------------------------------------------------------------
// Shapes that travel between a village node and its township
// ---------------------------------------------------------------------------------------------

/** A reserved block as it travels down to the node that holds it. */
export const numberBlock = z
  .object({
    id: z.uuid({ message: '号段编号无效' }).describe('号段编号'),
    nodeId: z.string().min(1, { message: '节点编号不能为空' }).max(200).describe('节点编号'),
    scope: z
      .string()
      .max(200)
      .refine(isBlockDrawnScope, { message: '号段的编号种类不是村级节点取号的种类' })
      .describe('编号种类'),
    first: z.number().int().min(1, { message: '号段起号至少为 1' }).describe('起号'),
    last: z.number().int().min(1, { message: '号段止号至少为 1' }).describe('止号'),
    reservedAt: z.string().min(1).describe('预留时间'),
  })
  .refine((block) => block.first <= block.last, { message: '号段起号不能大于止号', path: ['last'] });
export type NumberBlock = z.infer<typeof numberBlock>;

/** How far a node drew from one block (null: nothing), as it goes up when the node retires. */
export const blockUse = z.object({
  blockId: z.uuid({ message: '号段编号无效' }).describe('号段编号'),
  usedThrough: z.number().int().min(1).nullable().describe('已用至'),
});
export type BlockUse = z.infer<typeof blockUse>;

/**
 * What a node's sync asks for: the scopes running low, and the blocks it holds (so the township
 * neither reserves again for a block still on its way down nor sends one twice).
 */
export const blockRequest = z.object({
  needs: z.array(blockNeed).max(50),
  held: z.array(z.uuid({ message: '号段编号无效' })).max(10_000),
});
export type BlockRequest = z.infer<typeof blockRequest>;
