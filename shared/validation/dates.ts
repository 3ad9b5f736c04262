// The words for a date typed out of its range, the same on every layer: the backend refuses with
// them (beside the field named) and the form says them before sending, keeping what was typed.

/** `办结日期：不能晚于今天（2026-06-05）` when `on` (YYYY-MM-DD) is after `today`, else null. */
export function afterTodayProblem(label: string, on: string, today: string): string | null {
  return on > today ? `${label}：不能晚于今天（${today}）` : null;
}

/** `来访日期：不能早于上一环节的日期（2026-06-01）` when `on` is before `bound.on`, else null. */
export function beforeBoundProblem(label: string, on: string, bound: { on: string; what: string }): string | null {
  return on < bound.on ? `${label}：不能早于${bound.what}（${bound.on}）` : null;
}

/** `下次回访日期：不能早于今天（2026-06-05）`: for a date planned ahead. */
export function beforeTodayProblem(label: string, on: string, today: string): string | null {
  return beforeBoundProblem(label, on, { on: today, what: '今天' });
}
