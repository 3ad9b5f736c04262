// A generated record's life, step by step, as its kind declares it: the demo cannot invent a
// state the rules forbid (a case resumed into a status its pause did not begin in, a dispute
// settled without being accepted). A move the declaration refuses stops the generator.
import { transitionRefusal, type RecordKind } from '../shared/workflow/kind';

export class DeclaredPath<S extends string, K extends string, R> {
  #status: S;

  constructor(
    private readonly kind: RecordKind<S, K, R>,
    initial: S,
  ) {
    if (!kind.initial.includes(initial))
      throw new Error(`演示数据：${kind.noun}不能以“${kind.statusLabels[initial]}”开始`);
    this.#status = initial;
  }

  get status(): S {
    return this.#status;
  }

  /** Takes `step`, leaving the record in `to`; throws when the declaration allows no such move. */
  take(step: K, to: S): S {
    const refused = transitionRefusal(this.kind, step, this.#status, to);
    if (refused) throw new Error(`演示数据：${this.kind.noun}${refused}`);
    this.#status = to;
    return to;
  }
}
