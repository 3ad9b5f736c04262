// A hall for browser tests whose figures must not depend on generated demo data: set up through
// the API (administrator, two villages, the demo service catalog, a clerk, an agent, a leader,
// a few residents) on a clock the test moves.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { catalogFile } from '../../shared/catalog/catalog';
import { residentId } from '../../test/support/ids';
import { disposeAll } from '../../test/support/dispose';
import { ADMIN, TestClient } from '../../test/support/testHall';
import { launchBrowser, REPO_ROOT, startE2eHall, type E2eHall, type E2eHallOptions } from './browser';

/** Every user's password after the first sign-in. */
export const PASSWORD = 'Counter2026';

export const STAFF = {
  clerk: { username: 'clerk', displayName: '李晓燕', roles: ['counterClerk'] },
  agent: { username: 'agent', displayName: '张国庆', roles: ['villageAgent'] },
  leader: { username: 'leader', displayName: '周振华', roles: ['leader'] },
} as const;
type StaffKey = keyof typeof STAFF;

const RESIDENT_NAMES = ['李秀英', '王桂兰', '张德福', '刘建国', '陈玉珍', '赵文华', '孙志明', '周淑芬'];

export { morningOf } from '../../test/support/testHall';

export interface TownshipHall {
  readonly hall: E2eHall;
  readonly browser: Browser;
  /** The hall's clock: set `current` to move it. */
  readonly clock: { current: Date };
  readonly admin: TestClient;
  /** Signed in, password already changed. */
  readonly clients: Record<StaffKey, TestClient>;
  readonly userIds: Record<StaffKey, string>;
  readonly villages: { id: string; name: string }[];
  readonly residents: { id: string; name: string; villageId: string }[];
}

/** Registers `before`/`after` hooks: the hall set up on `start`, and a browser; both closed afterwards. */
export function useTownshipHall(
  start: Date,
  options: Pick<E2eHallOptions, 'backend' | 'browserArgs'> = {},
): TownshipHall {
  let state: Omit<TownshipHall, 'clock'> | undefined;
  const clock = { current: start };
  let hall: E2eHall | undefined;
  let browser: Browser | undefined;
  before(async () => {
    // Kept outside `state` as soon as each is up: if a later step of the set-up fails, `after`
    // still closes them (a hall left open keeps the test process alive).
    hall = await startE2eHall({ clock, backend: options.backend });
    const admin = new TestClient(hall.url);
    await admin.ok('system.setupAdministrator', ADMIN);
    const villages = [];
    for (const [name, kind] of [
      ['东岗村', 'village'],
      ['西河社区', 'community'],
    ] as const) {
      villages.push(await admin.ok('places.saveVillage', { name, kind, groups: [{ name: '第一村民小组' }] }));
    }
    const catalog = catalogFile.parse(
      JSON.parse(await readFile(path.join(REPO_ROOT, 'resources/catalog/demo-service-catalog.json'), 'utf8')),
    );
    await admin.ok('catalog.importFile', catalog);
    const clients = {} as Record<StaffKey, TestClient>;
    const userIds = {} as Record<StaffKey, string>;
    for (const [key, user] of Object.entries(STAFF) as [StaffKey, (typeof STAFF)[StaffKey]][]) {
      const created = await admin.ok('users.create', { ...user, roles: [...user.roles], password: 'Initial123' });
      const client = new TestClient(hall.url);
      await client.ok('auth.login', { username: user.username, password: 'Initial123' });
      await client.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
      clients[key] = client;
      userIds[key] = created.id;
    }
    const residents = [];
    for (const [i, name] of RESIDENT_NAMES.entries()) {
      const resident = await admin.ok('residents.register', {
        name,
        idType: 'residentId',
        idNumber: residentId(`1950${String(i + 1).padStart(2, '0')}15`, 300 + i),
        ethnicity: '汉族',
        villageId: villages[i % villages.length]!.id,
      });
      residents.push({ id: resident.id, name: resident.name, villageId: resident.villageId });
    }
    browser = await launchBrowser(options.browserArgs);
    state = { hall, browser, admin, clients, userIds, villages, residents };
  });
  after(() => disposeAll([() => browser?.close(), () => hall?.dispose()]));
  const get = () => {
    if (!state) throw new Error('the hall starts in before()');
    return state;
  };
  return {
    clock,
    get hall() {
      return get().hall;
    },
    get browser() {
      return get().browser;
    },
    get admin() {
      return get().admin;
    },
    get clients() {
      return get().clients;
    },
    get userIds() {
      return get().userIds;
    },
    get villages() {
      return get().villages;
    },
    get residents() {
      return get().residents;
    },
  };
}
