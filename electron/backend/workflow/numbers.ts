// Human numbers (受理编号, 调解案号, 信访编号) drawn inside the transaction that creates or accepts
// the record: no gaps, no duplicates. The paper that carries the number is drawn before the
// transaction with the number the counter will most likely give, and again inside only when
// another window took that number meanwhile — the one writer does not wait for a render.
//
// "Most likely": with many windows accepting at once (15 in a hall), every one of them would
// read the same last number and expect the same next one, and all but one would draw their paper
// again inside the transaction, holding the one writer for a render each. So the numbers expected
// by papers being drawn are pledged here, per database and scope: the next window expects the
// next number not pledged, and, its paper drawn, waits (briefly) until the windows that expect
// lower numbers have drawn theirs, so that the transactions come in the order of the numbers.
// A pledge is only a forecast: the transaction still draws the number (`nextNumber`), and a paper
// drawn with another number is drawn again there, as before.
import type { RequestContext } from '../api/context';
import { discardPrepared, type PreparedDocument } from '../documents/issue';
import { fail } from '../api/failure';
import { nextNumber, type Tx } from '../db/writes';
import { numberForecast } from './numberBlocks';

export interface Numbered<C> {
  /** The columns that carry the number (the case number, its year and sequence). */
  set: C;
  paper: PreparedDocument | null;
}

export interface NumberedPaper<C> {
  scope: string;
  expected: number;
  make(sequence: number): Promise<Numbered<C>>;
  prepared: Numbered<C>;
  /** Gives up the pledge of `expected` (the number is drawn now, or will not be). */
  release?(): void;
}

/** A window's forecast of a number, until its transaction draws one. */
class Pledge {
  readonly settled: Promise<void>;
  settle!: () => void;
  constructor(
    /** The request (a batch pledges several numbers and waits for none of its own). */
    readonly owner: object,
    readonly expires: number,
  ) {
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
  }
}

/** A pledge not drawn after this long was abandoned (its request failed before its transaction). */
const PLEDGE_LEASE_MS = 30_000;
/** How long a window waits for windows expecting lower numbers before it goes ahead anyway. */
const TURN_WAIT_MS = 1_000;

const pledges = new WeakMap<object, Map<string, Map<number, Pledge>>>();

function pledgesOf(db: object, scope: string): Map<number, Pledge> {
  let scopes = pledges.get(db);
  if (!scopes) pledges.set(db, (scopes = new Map()));
  let numbers = scopes.get(scope);
  if (!numbers) scopes.set(scope, (numbers = new Map()));
  return numbers;
}

function drop(numbers: Map<number, Pledge>, number: number, pledge: Pledge): void {
  if (numbers.get(number) !== pledge) return;
  numbers.delete(number);
  pledge.settle();
}

/**
 * Predicts the number in `scope` and draws its paper; `position` is the place in a batch (the
 * n-th record numbered in one transaction expects the n-th number).
 */
export async function numberedPaper<C>(
  ctx: RequestContext,
  scope: string,
  make: (sequence: number) => Promise<Numbered<C>>,
  position = 0,
): Promise<NumberedPaper<C>> {
  // From the counter, or on a village node from the blocks it holds (numberBlocks.ts).
  const forecast = await numberForecast(ctx.db, scope);
  // No number for this place at all: refused now, before a paper is drawn for nothing.
  if (forecast.nth(position) === null) fail('CONFLICT', forecast.exhausted(), { details: { scope, exhausted: true } });
  const numbers = pledgesOf(ctx.db, scope);
  const now = Date.now();
  for (const [number, pledge] of numbers) {
    if (forecast.drawn(number) || pledge.expires < now) drop(numbers, number, pledge);
  }
  let k = position;
  let expected = forecast.nth(k);
  while (expected !== null && numbers.has(expected)) expected = forecast.nth(++k);
  if (expected === null) {
    // Every number left is pledged to other windows (a village's last few): draw with the first,
    // unpledged; the transaction draws the paper again if that one was taken — or refuses.
    const prepared = await make(forecast.nth(position)!);
    return { scope, expected: forecast.nth(position)!, make, prepared };
  }
  const pledged = expected;
  const pledge = new Pledge(ctx, now + PLEDGE_LEASE_MS);
  numbers.set(pledged, pledge);
  const release = () => drop(numbers, pledged, pledge);
  try {
    const prepared = await make(pledged);
    await turnOf(numbers, pledged, pledge, forecast.rank);
    return { scope, expected: pledged, make, prepared, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Waits until other requests' pledges of lower numbers are drawn, at most TURN_WAIT_MS; those
 * still not drawn then are given up as abandoned (if they were only slow, their transaction
 * draws their paper again, as without pledges).
 */
async function turnOf(
  numbers: Map<number, Pledge>,
  expected: number,
  own: Pledge,
  rank: (n: number) => number,
): Promise<void> {
  // Earlier in the order numbers are drawn: the counter's order, or on a village node the blocks'.
  const earlier = [...numbers].filter(
    ([number, pledge]) => rank(number) < rank(expected) && pledge.owner !== own.owner,
  );
  if (earlier.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), TURN_WAIT_MS)));
  const late = await Promise.race([
    Promise.all(earlier.map(([, pledge]) => pledge.settled)).then(() => false),
    timedOut,
  ]);
  clearTimeout(timer);
  if (late) for (const [number, pledge] of earlier) drop(numbers, number, pledge);
}

/** Inside the transaction: the number, and the columns and paper that carry it. */
export async function drawNumber<C>(
  ctx: RequestContext,
  tx: Tx,
  numbered: NumberedPaper<C>,
): Promise<Numbered<C> & { sequence: number }> {
  const sequence = await nextNumber(tx, numbered.scope);
  // Drawn: windows waiting for their turn behind this number may go to the writer (they queue
  // behind this transaction; should it roll back, its number is free again in the database).
  numbered.release?.();
  if (sequence === numbered.expected) return { ...numbered.prepared, sequence };
  // Another window took the number: the paper drawn with it is not archived, and its file goes.
  await discardPrepared(ctx.documents, numbered.prepared.paper);
  return { ...(await numbered.make(sequence)), sequence };
}
