// Which rows cross between a township and its village nodes, and in which direction. A village
// owns what it makes (an errand, a matter, the papers it printed for them); the township owns
// the rest and sends down the copies a village works from (its residents, the places, the
// catalog, the agents' accounts) and its answers (the case an errand became, a triage). Every
// other row stays where it is: the list is what may cross, not what may not.
import { caseKind } from '../../../../shared/counter/caseKind';
import { errandKind } from '../../../../shared/counter/errandKind';
import { matterKind } from '../../../../shared/matters/matterKind';
import type { Role } from '../../../../shared/auth/roles';
import type { RecordKind } from '../../../../shared/workflow/kind';

/** Roles that act on a village node: a village's change is a step one of them may take. */
export const VILLAGE_ROLES: readonly Role[] = ['villageAgent', 'gridWorker', 'administrator'];

/**
 * Tables whose rows a village node makes and the township takes in, with the declared kind of
 * record a row of it is (its status then moves only by a declared step a village role takes).
 */
export const VILLAGE_OWNED_TABLES: Readonly<Record<string, RecordKind<string, string, never> | null>> = {
  errands: errandKind as unknown as RecordKind<string, string, never>,
  // The agent's photos of an errand's materials; their files follow as file envelopes (villageFiles.ts).
  errand_attachments: null,
  matters: matterKind as unknown as RecordKind<string, string, never>,
  issued_documents: null,
  document_prints: null,
};

/**
 * Rows of the township a village holds a copy of (sent down as answers) and may move only by
 * these steps of their kind: the case an errand became is delivered through the agent (the
 * errand's 登记送达 takes the case's 送达 on the village's copy).
 */
export const VILLAGE_MOVES: Readonly<
  Record<string, { kind: RecordKind<string, string, never>; steps: readonly string[] }>
> = {
  counter_cases: { kind: caseKind as unknown as RecordKind<string, string, never>, steps: ['deliver'] },
};

/** Why a village may not move the township's row of `table` from `from` to `to`, or null when a listed step does. */
export function villageMoveRefusal(table: string, from: string, to: string): string | null {
  const move = VILLAGE_MOVES[table];
  if (!move) return '这条记录属于乡镇';
  const labels = move.kind.statusLabels as Record<string, string>;
  const allowed = move.steps.some((name) => {
    const step = move.kind.steps[name];
    return step !== undefined && step.from.includes(from) && (step.to ?? [from]).includes(to);
  });
  return allowed
    ? null
    : `${move.kind.noun}在乡镇已为“${labels[from] ?? from}”，村级节点不能把它改为“${labels[to] ?? to}”`;
}

/** Tables of the township's rows that answer a village's (sent down once they touch its rows). */
export const ANSWER_TABLES: ReadonlySet<string> = new Set([
  'errands',
  'errand_attachments',
  'errand_handovers',
  'counter_cases',
  'matters',
  'issued_documents',
  'document_prints',
]);

/** Reference rows every village node gets whole. */
export const SHARED_REFERENCE_TABLES = [
  'villages',
  'village_groups',
  'catalog_items',
  'catalog_snapshots',
  'calendar_years',
] as const;

/** Settings of the township a village node shows (its name on papers and screens). */
export const REFERENCE_SETTINGS: readonly string[] = ['township.name'];

/**
 * Why a village's row of `table` moving from `from` to `to` is not a step the declaration lets a
 * village take, or null when it is (a row without a kind, or one whose status did not move).
 */
export function villageStepRefusal(table: string, from: string | null, to: string | null): string | null {
  const kind = VILLAGE_OWNED_TABLES[table];
  if (!kind || from === null || to === null || from === to) return null;
  const labels = kind.statusLabels as Record<string, string>;
  for (const step of Object.values(kind.steps)) {
    if (!step.from.includes(from) || !(step.to ?? [from]).includes(to)) continue;
    if (step.roles.some((role) => VILLAGE_ROLES.includes(role))) return null;
  }
  return `${kind.noun}在乡镇已为“${labels[from] ?? from}”，村级节点不能把它改为“${labels[to] ?? to}”`;
}
