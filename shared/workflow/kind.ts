// A kind of record, declared once: its states, the steps that move it (from which states, on
// what condition, by which roles, dated how), who reads it. The backend refuses a step with the
// words of `refusalOf`; the UI draws its buttons from `offeredSteps`. Both read the same
// declaration, so they cannot drift apart.
import { hasAnyRole, type Role } from '../auth/roles';
import type { HallScreenKind } from '../hallScreens/screens';
import { afterTodayProblem, beforeBoundProblem } from '../validation/dates';
import { inScope, SCOPE_UNSET, SCOPE_WORDS, scopesOf, type Reader, type ReadRules, type ScopeFacts } from './access';
import type { RecordKindName } from './kinds';

/** A date a step may not precede, and what it is (`受理日期`). */
export interface DateBound {
  on: string;
  what: string;
}

/** When a step may be dated: never after today, never before the dates `notBefore` gives. */
export interface StepDateRule<R> {
  /** The input field carrying the date; today when the field is left out. */
  field: string;
  label: string;
  /** The earliest allowed dates, checked in order; by default the record's last step. */
  notBefore?: (record: R) => DateBound | DateBound[];
}

export interface StepSpec<S extends string, R> {
  label: string;
  /** The statuses the step starts from. */
  from: readonly S[];
  /** The statuses the step may lead to; left out, the step does not change the status. */
  to?: readonly S[];
  roles: readonly Role[];
  /** Paired hall screens (no one signed in) that may take the step too: the ticket kiosk takes a ticket. */
  screens?: readonly HallScreenKind[];
  /** Why the record cannot take the step now although its status allows it, or null. */
  guard?: (record: R, today: string) => string | null;
  /**
   * Statuses outside `from` in which the step is still shown, disabled, with the reason: a clerk
   * then sees why (件件有回复: no closing before a reply) instead of looking for a missing button.
   */
  shownIn?: Partial<Record<S, string>>;
  /** Statuses outside `from` whose refusal has words of its own (the step is not shown there). */
  refusedIn?: Partial<Record<S, string>>;
  /**
   * Offered as a button only while this holds, though still allowed (a request made in time may
   * be entered late; once the record is closed the button goes after the window).
   */
  offerWhile?: (record: R, today: string) => boolean;
  /** Shown although its guard refuses it (the reason on the disabled button). */
  showWhenGuarded?: boolean;
  date?: StepDateRule<R>;
  tone?: 'danger';
  /** Taken from its own place on the record's page (a card, a link), not among the step buttons. */
  elsewhere?: boolean;
}

/** Who reads a kind of record and what scope a record falls in. */
export interface RecordAccess<R> {
  name: RecordKindName;
  /** `纠纷`, `办件`: used in messages. */
  noun: string;
  read: ReadRules;
  /** Why these roles read these records and no others (PIPL: minimum necessary), for the access table. */
  why: string;
  scope: (record: R) => ScopeFacts;
}

export interface RecordKind<S extends string, K extends string, R> extends RecordAccess<R> {
  /** `该纠纷`: how a refusal names the record. */
  the: string;
  statusLabels: Record<S, string>;
  /** The statuses a new record may start in. */
  initial: readonly S[];
  status: (record: R) => S;
  lastStepOn: (record: R) => string;
  /** Statuses in which nothing more may happen, with what is still possible (“只能加批注”). */
  final?: Partial<Record<S, string>>;
  steps: Record<K, StepSpec<S, R>>;
  /** Said when the record changed since the user read it. */
  stale: string;
}

/**
 * Why `reader` may not read records of this kind, or the one placed as `facts` says (or, with
 * `verb`, register or handle one there); null when they may.
 */
export function accessRefusal<R>(
  access: RecordAccess<R>,
  reader: Reader,
  facts: ScopeFacts,
  verb = '查看',
): string | null {
  const scopes = scopesOf(access.read, reader);
  if (scopes.length === 0) return `您的角色不能${verb}${access.noun}`;
  if (scopes.some((scope) => inScope(scope, reader, facts))) return null;
  const only = `您只能${verb}${scopes.map((s) => SCOPE_WORDS[s]).join('或')}${access.noun}`;
  const unset = scopes.map((s) => SCOPE_UNSET[s]).find((u) => u?.missing(reader));
  return unset ? `${only}；${unset.words}` : only;
}

export function defineAccess<R>(access: RecordAccess<R>): RecordAccess<R> {
  return access;
}

export function defineKind<S extends string, K extends string, R>(kind: RecordKind<S, K, R>): RecordKind<S, K, R> {
  return kind;
}

export type StepsOf<T> = T extends RecordKind<string, infer K, unknown> ? K : never;

/**
 * The user taking a step: their roles decide the steps, their scope the records. A paired hall
 * screen acts with no roles; the steps declared for its kind are the only ones it may take.
 */
export type Actor = Reader & { screen?: HallScreenKind | null };

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT';
  message: string;
}

function statusRefusal<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  step: StepSpec<S, R>,
  status: S,
): string | null {
  if (step.from.includes(status)) return null;
  const shown = step.shownIn?.[status] ?? step.refusedIn?.[status];
  if (shown) return shown;
  const finalWords = kind.final?.[status];
  if (finalWords) return `${kind.the}${kind.statusLabels[status]}，不能再${step.label}，${finalWords}`;
  const allowed = step.from.map((s) => `“${kind.statusLabels[s]}”`).join('或');
  return `${kind.the}当前为“${kind.statusLabels[status]}”，不能${step.label}（只有${allowed}的${kind.noun}可以）`;
}

/** Why `actor` may not take `step` on `record` today, or null when they may. */
export function refusalOf<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
  actor: Actor,
  today: string,
): Refusal | null {
  const step = kind.steps[stepName];
  const who = whoRefusal(step, actor);
  if (who) return who;
  // A screen has no scope: being declared for the step is its whole access.
  if (actor.screen) return statusAndGuardRefusal(kind, step, record, today);
  const outOfScope = accessRefusal(kind, actor, kind.scope(record), '处理');
  if (outOfScope) return { code: 'FORBIDDEN', message: outOfScope };
  return statusAndGuardRefusal(kind, step, record, today);
}

function statusAndGuardRefusal<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  step: StepSpec<S, R>,
  record: R,
  today: string,
): Refusal | null {
  const status = statusRefusal(kind, step, kind.status(record));
  if (status) return { code: 'CONFLICT', message: status };
  const guarded = step.guard?.(record, today);
  return guarded ? { code: 'CONFLICT', message: guarded } : null;
}

/** Whether the actor is among those the step names: a user by role, a paired screen by its kind. */
function whoRefusal<S extends string, R>(step: StepSpec<S, R>, actor: Actor): Refusal | null {
  if (actor.screen) {
    return step.screens?.includes(actor.screen) ? null : { code: 'FORBIDDEN', message: `这台设备不能${step.label}` };
  }
  return hasAnyRole(actor.roles, step.roles) ? null : { code: 'FORBIDDEN', message: `您的角色不能${step.label}` };
}

/**
 * Why `actor` may not take a step that creates a record (a ticket taken): only who may — a
 * record not yet made has no status, scope or guard to ask.
 */
export function creationRefusal<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  actor: Actor,
): Refusal | null {
  return whoRefusal(kind.steps[stepName], actor);
}

export interface OfferedStep<K extends string> {
  step: K;
  label: string;
  tone?: 'danger';
  /** Why the step is shown but cannot be taken now; null when it can. */
  disabledBecause: string | null;
}

/** The steps to draw as buttons for `record` and `actor`, in the declaration's order. */
export function offeredSteps<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  record: R,
  actor: Actor,
  today: string,
): OfferedStep<K>[] {
  const status = kind.status(record);
  const offered: OfferedStep<K>[] = [];
  for (const name of Object.keys(kind.steps) as K[]) {
    const step = kind.steps[name];
    if (step.elsewhere || !hasAnyRole(actor.roles, step.roles)) continue;
    if (step.offerWhile && !step.offerWhile(record, today)) continue;
    if (!step.from.includes(status) && !step.shownIn?.[status]) continue;
    const refusal = refusalOf(kind, name, record, actor, today);
    if (refusal && !step.from.includes(status)) {
      offered.push({ step: name, label: step.label, tone: step.tone, disabledBecause: refusal.message });
    } else if (!refusal) {
      offered.push({ step: name, label: step.label, tone: step.tone, disabledBecause: null });
    } else if (step.showWhenGuarded && refusal.code === 'CONFLICT') {
      offered.push({ step: name, label: step.label, tone: step.tone, disabledBecause: refusal.message });
    }
  }
  return offered;
}

/** Whether `actor` may take `step` on `record` now (for a step taken from its own place on the page). */
export function canTake<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
  actor: Actor,
  today: string,
): boolean {
  return refusalOf(kind, stepName, record, actor, today) === null;
}

/** The dates a step on `record` may not precede, in the order they are checked. */
export function earliestStepDates<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
): DateBound[] {
  const bounds = kind.steps[stepName].date?.notBefore?.(record) ?? {
    on: kind.lastStepOn(record),
    what: '上一环节的日期',
  };
  return Array.isArray(bounds) ? bounds : [bounds];
}

/** The latest of the dates a step on `record` may not precede: the first allowed day, and what it is. */
export function earliestStepBound<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
): DateBound {
  return earliestStepDates(kind, stepName, record).reduce((latest, b) => (b.on > latest.on ? b : latest), {
    on: '',
    what: '',
  });
}

/** The earliest date a step on `record` may carry (for a date picker). */
export function earliestStepDate<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
): string {
  return earliestStepBound(kind, stepName, record).on;
}

/**
 * The date of a step: today when not given; refused (with the field and the words) when it is
 * after today or before the earliest date the step allows.
 */
export function stepDateOf<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  record: R,
  given: string | null | undefined,
  today: string,
): { ok: true; on: string } | { ok: false; field: string; message: string } {
  const rule = kind.steps[stepName].date;
  const on = given ?? today;
  if (!rule) return { ok: true, on };
  const future = afterTodayProblem(rule.label, on, today);
  if (future) return { ok: false, field: rule.field, message: future };
  const before = earliestStepDates(kind, stepName, record).find((bound) => on < bound.on);
  if (before) return { ok: false, field: rule.field, message: beforeBoundProblem(rule.label, on, before)! };
  return { ok: true, on };
}

/**
 * Why a step taken from `from` cannot leave the record in `to`, or null: the declaration's state
 * machine, for the runner (a plan that would leave a record where no step leads is a program
 * error) and for generated records (the demo cannot invent a state the rules forbid).
 */
export function transitionRefusal<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  stepName: K,
  from: S,
  to: S,
): string | null {
  const step = kind.steps[stepName];
  if (!step.from.includes(from)) return `“${step.label}”不能从“${kind.statusLabels[from]}”开始`;
  const targets = step.to ?? [from];
  if (!targets.includes(to)) return `“${step.label}”不会使${kind.noun}变为“${kind.statusLabels[to]}”`;
  return null;
}

/**
 * A record's life as a path of steps from an initial status, checked step by step against the
 * declaration; answers the status it ends in, or throws naming the first impossible move.
 */
export function followPath<S extends string, K extends string, R>(
  kind: RecordKind<S, K, R>,
  initial: S,
  moves: readonly (readonly [K, S])[],
): S {
  if (!kind.initial.includes(initial)) throw new Error(`${kind.noun}不能以“${kind.statusLabels[initial]}”开始`);
  let status = initial;
  for (const [step, to] of moves) {
    const refused = transitionRefusal(kind, step, status, to);
    if (refused) throw new Error(`${kind.noun}：${refused}`);
    status = to;
  }
  return status;
}
