import type { ResidentFormValues } from './formValues';

export const DRAFT_KEY = 'residents.draft';

/**
 * “Nobody found” usually means “register this person”: start the form with what was
 * searched for, when it is plainly a name or a full ID number.
 */
export function draftFromQuery(query: string): Partial<ResidentFormValues> {
  const text = query.trim();
  if (/^\d{17}[\dxX]$/.test(text)) return { idNumber: text.toUpperCase() };
  if (/^[\p{Script=Han}·]{2,}$/u.test(text)) return { name: text };
  return {};
}
