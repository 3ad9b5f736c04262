// Walks every step of a kind of record in every status against a table written out by hand:
// the declaration must allow exactly what the table says, refuse the rest with the status named,
// and offer as buttons exactly the steps it allows (or shows with their reason).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../../shared/auth/roles';
import { offeredSteps, refusalOf, type Actor, type RecordKind } from '../../shared/workflow/kind';

export function actorWith(roles: Role[], scope: Partial<Actor> = {}): Actor {
  return { id: 'user-1', roles, villageIds: [], committeeIds: [], ...scope };
}

export function walkEveryStepInEveryStatus<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  statuses: readonly S[],
  allowedFrom: Record<K, readonly S[]>,
  /** A record in `status` on which every guard of the kind passes. */
  recordIn: (status: S) => R,
  /** Who takes each step (a role the step declares). */
  actor: Actor | ((step: K) => Actor),
  today = '2026-12-07',
) {
  const actorFor = typeof actor === 'function' ? actor : () => actor;
  test('the table names every step of the declaration, and no other', () => {
    assert.deepEqual(Object.keys(allowedFrom).sort(), Object.keys(kind.steps).sort());
  });
  for (const step of Object.keys(allowedFrom) as K[]) {
    test(`${kind.steps[step].label}: allowed only from ${allowedFrom[step].join(', ')}`, () => {
      for (const status of statuses) {
        const refusal = refusalOf(kind, step, recordIn(status), actorFor(step), today);
        if (allowedFrom[step].includes(status)) {
          assert.equal(refusal, null, `${step} from ${status} must be allowed`);
        } else {
          assert.ok(refusal, `${step} from ${status} must be refused`);
          assert.equal(refusal.code, 'CONFLICT');
          const shown = kind.steps[step].shownIn?.[status] ?? kind.steps[step].refusedIn?.[status];
          if (!shown) assert.match(refusal.message, new RegExp(kind.statusLabels[status]), refusal.message);
        }
      }
    });
  }
  test('every status is where a record starts or where some step leads, and steps lead to known statuses', () => {
    const reached = new Set<string>(kind.initial);
    for (const step of Object.values(kind.steps) as { to?: readonly S[] }[])
      for (const s of step.to ?? []) reached.add(s);
    assert.deepEqual([...reached].sort(), [...statuses].sort());
  });
  test('the buttons offered are the steps allowed in each status', () => {
    for (const status of statuses) {
      for (const step of Object.keys(allowedFrom) as K[]) {
        if (kind.steps[step].elsewhere) continue;
        const offered = offeredSteps(kind, recordIn(status), actorFor(step), today).find((o) => o.step === step);
        const enabled = offered !== undefined && offered.disabledBecause === null;
        assert.equal(enabled, allowedFrom[step].includes(status), `the button ${step} in ${status}`);
      }
    }
  });
}
