// Human numbers (受理编号, 调解案号, 信访编号) drawn inside the transaction that creates or accepts
// the record: no gaps, no duplicates. The paper that carries the number is drawn before the
// transaction with the number the counter will most likely give, and again inside only when
// another window took that number meanwhile — the one writer does not wait for a render.
import type { RequestContext } from '../api/context';
import type { PreparedDocument } from '../documents/issue';
import { nextNumber, type Tx } from '../db/writes';

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
  const row = await ctx.db
    .selectFrom('number_counters')
    .select('last_value')
    .where('scope', '=', scope)
    .executeTakeFirst();
  const expected = (row?.last_value ?? 0) + 1 + position;
  return { scope, expected, make, prepared: await make(expected) };
}

/** Inside the transaction: the number, and the columns and paper that carry it. */
export async function drawNumber<C>(
  _ctx: RequestContext,
  tx: Tx,
  numbered: NumberedPaper<C>,
): Promise<Numbered<C> & { sequence: number }> {
  const sequence = await nextNumber(tx, numbered.scope);
  const made = sequence === numbered.expected ? numbered.prepared : await numbered.make(sequence);
  return { ...made, sequence };
}
