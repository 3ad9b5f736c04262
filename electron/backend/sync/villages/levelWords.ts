// On a village node the level above is its township, not the county: the sync's sentences —
// written once, for a township, and some of them coming from the receiving library itself —
// are said with the village's words at the one place they reach the screen (the sync
// procedures' answers and refusals), rather than in a second copy of every sentence.
import { ApiFailure } from '../../api/failure';

const WORDS: readonly [RegExp, string][] = [
  [/县级平台/g, '乡镇'],
  [/本乡镇/g, '本村级节点'],
  [/乡镇节点/g, '村级节点'],
];

export function villageWords(text: string): string {
  return WORDS.reduce((said, [pattern, words]) => said.replace(pattern, words), text);
}

/** Every string in an answer, said for a village (the answer's shape unchanged). */
export function inVillageWords<T>(value: T): T {
  if (typeof value === 'string') return villageWords(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => inVillageWords(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inVillageWords(v)])) as T;
  }
  return value;
}

/** A refusal said for a village. */
export function refusalInVillageWords(error: unknown): unknown {
  if (!(error instanceof ApiFailure)) return error;
  const fieldErrors = error.error.fieldErrors
    ? Object.fromEntries(Object.entries(error.error.fieldErrors).map(([k, v]) => [k, villageWords(v)]))
    : undefined;
  return new ApiFailure({
    ...error.error,
    message: villageWords(error.error.message),
    ...(fieldErrors ? { fieldErrors } : {}),
  });
}
