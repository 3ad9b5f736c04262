// The card's text as the forms take it: sex and ethnicity in the register's words, the validity
// as the card prints it.
import type { IdCardText } from '../../../shared/devices/idCard';
import { ETHNICITIES, type Ethnicity } from '../../../shared/residents/ethnicities';

export function sexOfCard(card: IdCardText): 'male' | 'female' | null {
  return card.sex === '男' ? 'male' : card.sex === '女' ? 'female' : null;
}

/** The register's ethnicity for the card's (汉族; 汉 on an older decoder's output), or null if none fits. */
export function ethnicityOfCard(card: IdCardText): Ethnicity | null {
  const name = card.ethnicity.trim();
  const found = ETHNICITIES.find((e) => e === name || e === `${name}族`);
  return found ?? null;
}

/** `2012.06.18-2032.06.18`, `2012.06.18-长期`, as on the card's back. */
export function cardValidity(card: IdCardText): string {
  const dotted = (date: string) => date.replace(/-/g, '.');
  return `${dotted(card.validFrom) || '—'}-${dotted(card.validTo) || '—'}`;
}

export function isCardExpired(card: IdCardText, today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(card.validTo) && card.validTo < today;
}

/**
 * The person of `listName` (PersonCard's `parties`, `petitioners`) the hot key reads for: the card
 * holding the focus, else the first person whose name is still empty, else null (a new one).
 */
export function personForHotkey(listName: string, names: readonly (string | undefined)[]): number | null {
  const focused = document.activeElement?.closest(`[data-person-list="${listName}"]`);
  const index = Number(focused?.getAttribute('data-person-index'));
  if (focused && Number.isInteger(index)) return index;
  const empty = names.findIndex((name) => !name?.trim());
  return empty >= 0 ? empty : null;
}
