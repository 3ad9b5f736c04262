import { pinyin } from 'pinyin-pro';
import type { CatalogItem } from './catalog';

/** 城乡居民基本养老保险参保登记 → cxjmjbylbxcbdj: what a clerk types to find an item fast. */
export function itemInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .filter((initial) => /^[a-z]$/.test(initial))
    .join('');
}

/** Whether the item is in force on `date` (YYYY-MM-DD). */
export function isItemActive(item: Pick<CatalogItem, 'activeFrom' | 'activeTo'>, date: string): boolean {
  return (item.activeFrom === null || item.activeFrom <= date) && (item.activeTo === null || date <= item.activeTo);
}

/**
 * Finds items by a fragment of the name (低保), the code or its start (MZ-00, mz001), or the
 * pinyin initials of the name or a run of them (zdshbz or shbz for 最低生活保障申请).
 */
export function matchesCatalogQuery(item: Pick<CatalogItem, 'code' | 'name'>, query: string): boolean {
  const text = query.trim();
  if (text === '') return true;
  if (item.name.includes(text)) return true;
  const compactCode = item.code.replace('-', '').toLowerCase();
  const compactQuery = text.replace(/[-\s]/g, '').toLowerCase();
  if (compactQuery !== '' && compactCode.startsWith(compactQuery)) return true;
  return /^[a-z]+$/i.test(text) && itemInitials(item.name).includes(text.toLowerCase());
}
