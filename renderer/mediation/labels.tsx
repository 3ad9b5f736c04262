import { Tag } from 'antd';
import { COMMITTEE_KIND_LABELS, type CommitteeKind, type CommitteeRecord } from '../../shared/mediation/committees';

/** 乡镇（街道）, 村（居）, 行业性、专业性: the kind without the words every committee shares. */
export function shortKindLabel(kind: CommitteeKind): string {
  return COMMITTEE_KIND_LABELS[kind].replace(/人民调解委员会$/u, '');
}

/** A village committee's village, a specialised one's field; a township committee has neither. */
export function committeeScope(committee: CommitteeRecord): string | null {
  if (committee.kind === 'village') return committee.villageName;
  if (committee.kind === 'specialised') return committee.speciality;
  return null;
}

export function CommitteeStatusTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">在用</Tag> : <Tag>已撤销</Tag>;
}

export function MediatorStatusTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">在册</Tag> : <Tag>不在册</Tag>;
}

/** For selects: a revoked committee stays choosable where it is already chosen, marked as such. */
export function committeeOptionLabel(committee: Pick<CommitteeRecord, 'name' | 'active'>): string {
  return committee.active ? committee.name : `${committee.name}（已撤销）`;
}
