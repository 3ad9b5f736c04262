import type { Role } from '../../shared/auth/roles';
import { COUNTER_READERS, COUNTER_STAFF } from '../../shared/counter/casesApi';
import { AGENTS } from '../../shared/counter/errandsApi';
import { MEDIATION_WORKERS } from '../../shared/mediation/disputesApi';
import { MATTER_COLLECTORS } from '../../shared/matters/api';
import { PETITION_STAFF } from '../../shared/petitions/api';
import { SYNC_READERS } from '../../shared/sync/api';
import { paths } from '../common/router';
import { visibleSections, type SectionKey } from './sections';

export interface HomeCard {
  section: SectionKey;
  description: string;
  /** Shortcuts into the section. */
  links: { label: string; path: string; editorsOnly?: boolean; roles?: readonly Role[] }[];
}

const CARDS: Partial<Record<SectionKey, HomeCard>> = {
  residents: {
    section: 'residents',
    description: '查找和登记居民，核对证件号码。办事、代办、调解、信访都从找到居民开始。',
    links: [
      { label: '查找居民', path: paths.residentSearch },
      { label: '登记居民', path: paths.residentNew, editorsOnly: true },
    ],
  },
  counter: {
    section: 'counter',
    description: '受理群众办事申请，出具受理回执和一次性告知书，跟踪承诺办结时限。',
    links: [
      { label: '工作台', path: paths.counter },
      { label: '收件受理', path: paths.counterIntake, roles: COUNTER_STAFF },
      { label: '叫号', path: paths.queue, roles: COUNTER_STAFF },
    ],
  },
  errands: {
    section: 'errands',
    description: '记录代办委托、材料交接和办理结果送达，查看每位居民的代办进度。',
    links: [
      { label: '登记代办', path: paths.errandNew, roles: AGENTS },
      { label: '我的代办', path: paths.errands('mine'), roles: AGENTS },
      { label: '代办交接', path: paths.errands('handover'), roles: COUNTER_STAFF },
    ],
  },
  mediation: {
    section: 'mediation',
    description:
      '登记、受理和调解矛盾纠纷，出具调解协议书，提醒司法确认期限，回访结案并生成卷宗；排查记录和调委会、调解员名册。',
    links: [
      { label: '纠纷台账', path: paths.mediation('disputes') },
      { label: '登记纠纷', path: paths.disputeNew, roles: MEDIATION_WORKERS },
      { label: '排查', path: paths.mediation('sweeps') },
      { label: '调委会与调解员', path: paths.mediation('committees') },
    ],
  },
  petitions: {
    section: 'petitions',
    description:
      '登记来信来访（集体访、重复访、越级访），15日内告知是否受理，60日内办理并书面答复；领导接访安排和月度、季度、年度统计。',
    links: [
      { label: '信访件', path: paths.petitions() },
      { label: '登记信访', path: paths.petitionNew, roles: PETITION_STAFF },
      { label: '领导接访', path: paths.petitions('reception') },
      { label: '统计', path: paths.petitions('statistics') },
    ],
  },
  matters: {
    section: 'matters',
    description:
      '收集群众的诉求、问题和建议（窗口、网格走访、议事会），三事分流：当即解决、限期解决（工作日）或提交统筹，件件有回复；按月、季度、年度统计。',
    links: [
      { label: '工作台', path: paths.matters() },
      { label: '登记诉求', path: paths.matterNew, roles: MATTER_COLLECTORS },
      { label: '统计', path: paths.matters('statistics') },
    ],
  },
  statistics: {
    section: 'statistics',
    description: '当场办结率、按时办结率、满意率、超期，按月趋势和分类图表，以及月度、季度和年度报表。',
    links: [
      { label: '统计报表', path: paths.statistics('monthly'), roles: COUNTER_READERS },
      { label: '办件台账', path: paths.statistics('ledger'), roles: COUNTER_READERS },
      { label: '排队统计', path: paths.statistics('queue'), roles: COUNTER_READERS },
    ],
  },
  sync: {
    section: 'sync',
    description: '把本乡镇的数据加密上报县级平台（网络或 U 盘），接收县级下发的事项目录、工作日历和交办、督办事项。',
    links: [
      { label: '同步状态', path: paths.sync(), roles: SYNC_READERS },
      { label: '县级交办督办', path: paths.sync('instructions') },
    ],
  },
  system: {
    section: 'system',
    description: '管理工作人员账号和角色、村（社区）与村民小组，查看审计日志。',
    links: [
      { label: '用户', path: paths.system('users') },
      { label: '村（社区）', path: paths.system('villages') },
      { label: '审计日志', path: paths.system('audit') },
    ],
  },
};

/** What each role does day to day, most frequent first. */
const WORK_OF_ROLE: Record<Role, SectionKey[]> = {
  administrator: ['system', 'residents', 'sync', 'matters'],
  counterClerk: ['residents', 'counter', 'errands', 'matters'],
  villageAgent: ['residents', 'errands', 'matters'],
  gridWorker: ['matters', 'residents'],
  mediator: ['residents', 'mediation'],
  committeeHead: ['mediation', 'residents', 'statistics'],
  petitionReceptionist: ['residents', 'petitions'],
  leader: ['statistics', 'petitions', 'matters', 'residents', 'sync'],
};

export function homeCardsFor(roles: readonly Role[]): HomeCard[] {
  const keys: SectionKey[] = [];
  for (const role of roles) for (const key of WORK_OF_ROLE[role]) if (!keys.includes(key)) keys.push(key);
  // A section the roles cannot open (统计 for the mediation committee head, for now) has no card.
  const visible = visibleSections(roles).map((s) => s.key);
  return keys.flatMap((key) => (CARDS[key] && visible.includes(key) ? [CARDS[key]] : []));
}
