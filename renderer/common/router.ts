import { useSyncExternalStore } from 'react';
import { confirmLeave, hasUnsavedInput, isSaving } from './leaveGuard';

export const SYSTEM_TABS = [
  'users',
  'villages',
  'catalog',
  'calendar',
  'printers',
  'backup',
  'hallNetwork',
  'hallScreens',
  'queue',
  'updates',
  'audit',
] as const;
export type SystemTab = (typeof SYSTEM_TABS)[number];

/** 代办: the agent's own errands, the counter's handover, the administrator's list of agents. */
export const ERRANDS_TABS = ['mine', 'handover', 'agents'] as const;
export type ErrandsTab = (typeof ERRANDS_TABS)[number];

export const STATISTICS_TABS = ['monthly', 'ledger', 'queue'] as const;
export type StatisticsTab = (typeof STATISTICS_TABS)[number];

/** 人民调解: the register of disputes (纠纷台账), the sweeps (排查), the monthly statistics (统计), committees and mediators. */
export const MEDIATION_TABS = ['disputes', 'sweeps', 'statistics', 'committees'] as const;
export type MediationTab = (typeof MEDIATION_TABS)[number];

/** 信访: the petitions (信访件), the leaders' reception days (领导接访), the statistics and the administrator's settings. */
export const PETITIONS_TABS = ['list', 'reception', 'statistics', 'settings'] as const;
export type PetitionsTab = (typeof PETITIONS_TABS)[number];

/** 群众诉求: the worklist (工作台), the statistics and the administrator's grid workers (网格员). */
export const MATTERS_TABS = ['list', 'statistics', 'gridWorkers'] as const;
export type MattersTab = (typeof MATTERS_TABS)[number];

/**
 * 同步: the administrator's sync screen (状态), the county's instructions (交办督办, for everyone)
 * and, on a township, its village nodes (村级节点).
 */
export const SYNC_TABS = ['status', 'instructions', 'villages'] as const;
export type SyncTab = (typeof SYNC_TABS)[number];

export type Route =
  | { page: 'home' }
  | { page: 'residentSearch' }
  | { page: 'residentNew' }
  | { page: 'resident'; id: string; editing: boolean }
  | { page: 'counterWorklist' }
  | { page: 'counterIntake' }
  | { page: 'counterCase'; id: string }
  | { page: 'queue' }
  | { page: 'errands'; tab: ErrandsTab | null }
  | { page: 'errandNew' }
  | { page: 'statistics'; tab: StatisticsTab }
  | { page: 'mediation'; tab: MediationTab | null }
  | { page: 'disputeNew' }
  | { page: 'dispute'; id: string }
  | { page: 'disputeEdit'; id: string }
  | { page: 'sync'; tab: SyncTab | null }
  | { page: 'petitions'; tab: PetitionsTab }
  | { page: 'petitionNew' }
  | { page: 'petition'; id: string }
  | { page: 'matters'; tab: MattersTab }
  | { page: 'matterNew' }
  | { page: 'matter'; id: string }
  | { page: 'system'; tab: SystemTab }
  | { page: 'verifyDocument' }
  | { page: 'documents' }
  | { page: 'document'; id: string }
  | { page: 'notFound'; path: string };

/**
 * Hash routes, so the same files work from disk in the desktop window and from the hall host:
 * `#/residents`, `#/residents/new`, `#/residents/<id>`, `#/residents/<id>/edit`,
 * `#/counter`, `#/counter/intake`, `#/counter/cases/<id>`, `#/queue`,
 * `#/errands`, `#/errands/new`, `#/errands/mine|handover|agents`, `#/statistics`, `#/statistics/ledger|queue`,
 * `#/mediation`, `#/mediation/disputes|sweeps|statistics|committees`, `#/mediation/disputes/new`,
 * `#/mediation/disputes/<id>`, `#/mediation/disputes/<id>/edit`, `#/documents`, `#/documents/<id>`, `#/documents/verify`,
 * `#/sync`, `#/sync/status|instructions|villages`,
 * `#/petitions`, `#/petitions/reception|statistics|settings`, `#/petitions/new`, `#/petitions/<id>`,
 * `#/matters`, `#/matters/statistics|gridWorkers`, `#/matters/new`, `#/matters/<id>`,
 * `#/system/users|villages|catalog|calendar|printers|backup|hallNetwork|hallScreens|queue|updates|audit` …
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (first === 'residents') {
    if (parts.length === 1) return { page: 'residentSearch' };
    if (second === 'new' && parts.length === 2) return { page: 'residentNew' };
    if (second && parts.length === 2) return { page: 'resident', id: decodeURIComponent(second), editing: false };
    if (second && third === 'edit' && parts.length === 3)
      return { page: 'resident', id: decodeURIComponent(second), editing: true };
  }
  if (first === 'counter') {
    if (parts.length === 1) return { page: 'counterWorklist' };
    if (second === 'intake' && parts.length === 2) return { page: 'counterIntake' };
    if (second === 'cases' && third && parts.length === 3)
      return { page: 'counterCase', id: decodeURIComponent(third) };
  }
  if (first === 'queue') {
    if (parts.length === 1) return { page: 'queue' };
  }
  if (first === 'errands') {
    if (parts.length === 1) return { page: 'errands', tab: null };
    if (second === 'new' && parts.length === 2) return { page: 'errandNew' };
    if (parts.length === 2 && (ERRANDS_TABS as readonly string[]).includes(second!))
      return { page: 'errands', tab: second as ErrandsTab };
  }
  if (first === 'statistics') {
    if (parts.length === 1) return { page: 'statistics', tab: 'monthly' };
    if (parts.length === 2 && (STATISTICS_TABS as readonly string[]).includes(second!))
      return { page: 'statistics', tab: second as StatisticsTab };
  }
  if (first === 'mediation') {
    if (parts.length === 1) return { page: 'mediation', tab: null };
    if (parts.length === 2 && (MEDIATION_TABS as readonly string[]).includes(second!))
      return { page: 'mediation', tab: second as MediationTab };
    if (second === 'disputes' && third === 'new' && parts.length === 3) return { page: 'disputeNew' };
    if (second === 'disputes' && third && parts.length === 3) return { page: 'dispute', id: decodeURIComponent(third) };
    if (second === 'disputes' && third && parts[3] === 'edit' && parts.length === 4)
      return { page: 'disputeEdit', id: decodeURIComponent(third) };
  }
  if (first === 'documents') {
    if (parts.length === 1) return { page: 'documents' };
    if (second === 'verify' && parts.length === 2) return { page: 'verifyDocument' };
    if (second && parts.length === 2) return { page: 'document', id: decodeURIComponent(second) };
  }
  if (first === 'sync') {
    if (parts.length === 1) return { page: 'sync', tab: null };
    if (parts.length === 2 && (SYNC_TABS as readonly string[]).includes(second!))
      return { page: 'sync', tab: second as SyncTab };
  }
  if (first === 'system' && parts.length <= 2) {
    const tab = second ?? 'users';
    if ((SYSTEM_TABS as readonly string[]).includes(tab)) return { page: 'system', tab: tab as SystemTab };
  }
  if (first === 'petitions') {
    if (parts.length === 1) return { page: 'petitions', tab: 'list' };
    if (second === 'new' && parts.length === 2) return { page: 'petitionNew' };
    if (parts.length === 2 && (PETITIONS_TABS as readonly string[]).includes(second!))
      return { page: 'petitions', tab: second as PetitionsTab };
    if (second && parts.length === 2) return { page: 'petition', id: decodeURIComponent(second) };
  }
  if (first === 'matters') {
    if (parts.length === 1) return { page: 'matters', tab: 'list' };
    if (second === 'new' && parts.length === 2) return { page: 'matterNew' };
    if (parts.length === 2 && (MATTERS_TABS as readonly string[]).includes(second!))
      return { page: 'matters', tab: second as MattersTab };
    if (second && parts.length === 2) return { page: 'matter', id: decodeURIComponent(second) };
  }
  return { page: 'notFound', path };
}

export const paths = {
  home: '/',
  residentSearch: '/residents',
  residentNew: '/residents/new',
  resident: (id: string) => `/residents/${encodeURIComponent(id)}`,
  residentEdit: (id: string) => `/residents/${encodeURIComponent(id)}/edit`,
  counter: '/counter',
  counterIntake: '/counter/intake',
  counterCase: (id: string) => `/counter/cases/${encodeURIComponent(id)}`,
  /** 叫号: this computer's window's calling panel. */
  queue: '/queue',
  /** Without a tab: the first tab the user's roles allow. */
  errands: (tab?: ErrandsTab) => (tab ? `/errands/${tab}` : '/errands'),
  errandNew: '/errands/new',
  statistics: (tab: StatisticsTab = 'monthly') => (tab === 'monthly' ? '/statistics' : `/statistics/${tab}`),
  /** Without a tab: the first tab the user's roles allow. */
  mediation: (tab?: MediationTab) => (tab ? `/mediation/${tab}` : '/mediation'),
  disputeNew: '/mediation/disputes/new',
  dispute: (id: string) => `/mediation/disputes/${encodeURIComponent(id)}`,
  disputeEdit: (id: string) => `/mediation/disputes/${encodeURIComponent(id)}/edit`,
  /** Without a tab (and for 状态): the first tab the user's roles allow. */
  sync: (tab?: SyncTab) => (tab === 'instructions' || tab === 'villages' ? `/sync/${tab}` : '/sync'),
  system: (tab: SystemTab) => `/system/${tab}`,
  verifyDocument: '/documents/verify',
  documents: '/documents',
  document: (id: string) => `/documents/${encodeURIComponent(id)}`,
  petitions: (tab: PetitionsTab = 'list') => (tab === 'list' ? '/petitions' : `/petitions/${tab}`),
  petitionNew: '/petitions/new',
  petition: (id: string) => `/petitions/${encodeURIComponent(id)}`,
  matters: (tab: MattersTab = 'list') => (tab === 'list' ? '/matters' : `/matters/${tab}`),
  matterNew: '/matters/new',
  matter: (id: string) => `/matters/${encodeURIComponent(id)}`,
};

/** For `<a href>`: links keep working with middle-click and are announced as links. */
export function href(path: string): string {
  return `#${path}`;
}

/**
 * Goes to `path`. Away from unsaved input it asks first — except when a save running now moves
 * on to what it saved (`whileSaving`).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (isSaving()) agreed = href(path);
  if (options.replace) {
    window.location.replace(href(path));
  } else {
    window.location.hash = path;
  }
}

/**
 * The hash the page shows. It follows the address bar, except while the user is asked whether to
 * leave unsaved input: the address is put back at once and the page stays as it was.
 */
let shownHash = typeof window === 'undefined' ? '' : window.location.hash;
const routeListeners = new Set<() => void>();

function show(hash: string): void {
  shownHash = hash;
  for (const listener of routeListeners) listener();
}

/** `#/x` as a full address of this page (replaceState needs one; an empty hash is the home page). */
function addressWith(hash: string): string {
  return `${window.location.pathname}${window.location.search}${hash || '#/'}`;
}

/** A hash the user agreed to go to: it arrives without asking again. */
let agreed: string | null = null;

/** Asks; on 确定, `go` makes the change (which then arrives agreed). */
function askThenGo(next: string, go: () => void): void {
  void confirmLeave('leave').then((leave) => {
    if (!leave) return;
    agreed = next;
    go();
  });
}

/**
 * Where the browser has the Navigation API (Chromium, Electron), a link or `navigate()` away
 * from unsaved input is stopped before the address changes, so the history stays as it was;
 * so is Back or Forward where the browser lets a page stop it.
 */
interface NavigateEvent extends Event {
  hashChange: boolean;
  cancelable: boolean;
  navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  destination: { url: string; key: string | null };
}
interface NavigationApi extends EventTarget {
  navigate(url: string, options?: { history?: 'push' | 'replace' }): unknown;
  traverseTo(key: string): unknown;
}

function onNavigate(event: Event): void {
  const navigation = event as NavigateEvent;
  if (!navigation.hashChange || !navigation.cancelable) return;
  const next = new URL(navigation.destination.url).hash;
  if (next === agreed || next === shownHash || !hasUnsavedInput()) return;
  event.preventDefault();
  const api = (window as unknown as { navigation: NavigationApi }).navigation;
  const { navigationType, destination } = navigation;
  askThenGo(next, () => {
    if (navigationType === 'traverse' && destination.key) api.traverseTo(destination.key);
    else api.navigate(destination.url, { history: navigationType === 'replace' ? 'replace' : 'push' });
  });
}

/**
 * Every change of the address arrives here (a link, `navigate`, Back, a typed address). One
 * not stopped before (no Navigation API, or a Back the browser would not let the page stop)
 * with unsaved input on screen: the address goes back while the question is open, and on 确定
 * becomes the new one; the page never changes underneath the question.
 */
function onHashChange(): void {
  const next = window.location.hash;
  if (next === shownHash) return;
  if (next === agreed || !hasUnsavedInput()) {
    agreed = null;
    return show(next);
  }
  window.history.replaceState(window.history.state, '', addressWith(shownHash));
  askThenGo(next, () => {
    window.history.replaceState(window.history.state, '', addressWith(next));
    agreed = null;
    show(next);
  });
}

if (typeof window !== 'undefined') {
  const api = (window as unknown as { navigation?: NavigationApi }).navigation;
  api?.addEventListener('navigate', onNavigate);
}
if (typeof window !== 'undefined') window.addEventListener('hashchange', onHashChange);

function subscribe(onChange: () => void): () => void {
  routeListeners.add(onChange);
  return () => routeListeners.delete(onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => shownHash);
  return parseRoute(hash);
}
