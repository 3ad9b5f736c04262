import type { Role } from '../../shared/auth/roles';
import { COUNTER_READERS, COUNTER_STAFF } from '../../shared/counter/casesApi';
import { AGENTS } from '../../shared/counter/errandsApi';
import { MEDIATION_READERS } from '../../shared/mediation/committees';
import { MATTER_READERS } from '../../shared/matters/api';
import { PETITION_READERS } from '../../shared/petitions/api';
import { paths, type Route } from '../common/router';

export type SectionKey =
  | 'home'
  | 'residents'
  | 'counter'
  | 'errands'
  | 'mediation'
  | 'petitions'
  | 'matters'
  | 'statistics'
  | 'sync'
  | 'documents'
  | 'system';

export interface Section {
  key: SectionKey;
  label: string;
  path: string;
  /** Who sees it in the menu; undefined: everyone signed in. */
  roles?: readonly Role[];
}

/** The menu, in the order a township hall thinks of its work. */
export const SECTIONS: readonly Section[] = [
  { key: 'home', label: '首页', path: paths.home },
  { key: 'residents', label: '居民', path: paths.residentSearch },
  { key: 'counter', label: '窗口受理', path: paths.counter, roles: COUNTER_READERS },
  { key: 'errands', label: '代办', path: paths.errands(), roles: [...AGENTS, ...COUNTER_STAFF] },
  { key: 'mediation', label: '人民调解', path: paths.mediation(), roles: MEDIATION_READERS },
  { key: 'petitions', label: '信访', path: paths.petitions(), roles: PETITION_READERS },
  { key: 'matters', label: '群众诉求', path: paths.matters(), roles: MATTER_READERS },
  { key: 'statistics', label: '统计', path: paths.statistics(), roles: COUNTER_READERS },
  // Everyone signed in: the county's instructions (县级交办督办) reach every desk; the sync
  // status itself is only offered to SYNC_READERS inside the section.
  { key: 'sync', label: '同步', path: paths.sync() },
  { key: 'documents', label: '文书', path: paths.documents },
  { key: 'system', label: '系统管理', path: paths.system('users'), roles: ['administrator'] },
];

export function sectionByKey(key: SectionKey): Section {
  return SECTIONS.find((s) => s.key === key)!;
}

export function visibleSections(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((s) => !s.roles || s.roles.some((r) => roles.includes(r)));
}

export function sectionOf(route: Route): SectionKey | null {
  switch (route.page) {
    case 'home':
      return 'home';
    case 'residentSearch':
    case 'residentNew':
    case 'resident':
      return 'residents';
    case 'counterWorklist':
    case 'counterIntake':
    case 'counterCase':
    case 'queue':
      return 'counter';
    case 'errands':
    case 'errandNew':
      return 'errands';
    case 'mediation':
    case 'disputeNew':
    case 'dispute':
    case 'disputeEdit':
      return 'mediation';
    case 'statistics':
      return 'statistics';
    case 'sync':
      return 'sync';
    case 'petitions':
    case 'petitionNew':
    case 'petition':
      return 'petitions';
    case 'matters':
    case 'matterNew':
    case 'matter':
      return 'matters';
    case 'system':
      return 'system';
    case 'verifyDocument':
    case 'documents':
    case 'document':
      return 'documents';
    case 'notFound':
      return null;
  }
}
