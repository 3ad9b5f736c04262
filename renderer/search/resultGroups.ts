import type { Role } from '../../shared/auth/roles';
import {
  GROUP_LABELS,
  type DocumentHit,
  type RecordHit,
  type ResidentHit,
  type SearchAnswer,
} from '../../shared/search/api';
import { linePath } from '../common/RecordLineTags';
import { paths } from '../common/router';

export type ResultEntry =
  | { key: string; path: string; kind: 'resident'; hit: ResidentHit }
  | { key: string; path: string; kind: 'record'; hit: RecordHit }
  | { key: string; path: string; kind: 'document'; hit: DocumentHit };

export interface ResultGroup {
  kind: keyof typeof GROUP_LABELS;
  label: string;
  entries: ResultEntry[];
  /** More matched than are listed (with the count, when known). */
  more: string | null;
  exact: boolean;
}

/**
 * The answer's groups in the order they are shown: a group holding an exact hit (the number
 * typed in full, the code scanned) first, then 居民、受理件、代办件、纠纷、信访、文书; empty
 * groups left out.
 */
export function resultGroups(answer: SearchAnswer, roles: readonly Role[]): ResultGroup[] {
  const groups: ResultGroup[] = [];
  if (answer.residents && answer.residents.items.length > 0) {
    const { items, total, totalIsLowerBound } = answer.residents;
    groups.push({
      kind: 'resident',
      label: GROUP_LABELS.resident,
      entries: items.map((hit) => ({ key: `resident-${hit.id}`, path: paths.resident(hit.id), kind: 'resident', hit })),
      more: total > items.length ? `共 ${total}${totalIsLowerBound ? '+' : ''} 位，请输入更多信息缩小范围` : null,
      exact: items.some((hit) => hit.exact),
    });
  }
  const records = [
    ['counterCase', answer.cases],
    ['errand', answer.errands],
    ['dispute', answer.disputes],
    ['petition', answer.petitions],
  ] as const;
  for (const [kind, group] of records) {
    if (!group || group.items.length === 0) continue;
    groups.push({
      kind,
      label: GROUP_LABELS[kind],
      entries: group.items.map((hit) => ({
        key: `${kind}-${hit.id}`,
        path: linePath(hit, roles),
        kind: 'record',
        hit,
      })),
      more: group.more ? '还有更多，请输入完整编号或更多信息' : null,
      exact: group.items.some((hit) => hit.exact),
    });
  }
  if (answer.documents.items.length > 0) {
    groups.push({
      kind: 'document',
      label: GROUP_LABELS.document,
      entries: answer.documents.items.map((hit) => ({
        key: `document-${hit.id}`,
        path: paths.document(hit.id),
        kind: 'document',
        hit,
      })),
      more: null,
      exact: true,
    });
  }
  // Stable: within the exact and the other groups the declared order stays.
  return [...groups.filter((g) => g.exact), ...groups.filter((g) => !g.exact)];
}
