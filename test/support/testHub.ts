// Hubs for tests, on both databases: `eachDatabase` runs the same cases once against a hub on
// SQLite and once against a hub on PostgreSQL (one PostgreSQL server per test file, a fresh
// database per hub). Each hub gets its own data folder and a clock the test can move.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, describe } from 'node:test';
import { HubRejection, openHub, type Hub, type HubOptions } from '../../hub/hub';
import type { CalendarFile } from '../../shared/calendar/workingCalendar';
import type { CatalogFile } from '../../shared/catalog/catalog';
import type { EnrollmentFile } from '../../shared/sync/protocol';
import type { SuiteId } from '../../shared/sync/suiteIds';
import { disposeAll } from './dispose';
import { postgresAvailable, startPostgres, type TestPostgres } from './postgres';
import { makeTestNode, type TestNode } from './syncNode';

export type Dialect = 'sqlite' | 'postgres';

/** A clock tests move by hand; the hub reads it for every timestamp. */
export class HubClock {
  constructor(public current = new Date('2026-11-23T02:00:00Z')) {}
  now = () => new Date(this.current);
  advanceMinutes(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

// Enrollment needs a certificate and its fingerprint; the hub only copies them into the file.
export const TEST_CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(40)}\n-----END CERTIFICATE-----\n`;
export const TEST_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_CATALOG = JSON.parse(
  readFileSync(path.join(root, 'resources/catalog/demo-service-catalog.json'), 'utf8'),
) as CatalogFile;
export const SAMPLE_CALENDAR = JSON.parse(
  readFileSync(path.join(root, 'resources/calendars/working-calendar-2026.json'), 'utf8'),
) as CalendarFile;

export interface TestHub {
  hub: Hub;
  dialect: Dialect;
  dataDir: string;
  clock: HubClock;
  logs: string[];
  /** Creates a node (of `suite`: the international one unless given); returns its enrollment file and a test node holding it (not yet registered). */
  enroll(
    townshipName?: string,
    validDays?: number,
    suite?: SuiteId,
  ): Promise<{ enrollment: EnrollmentFile; node: TestNode }>;
  /** A node created and registered over the link. */
  registered(townshipName?: string, suite?: SuiteId): Promise<TestNode>;
  /** Row counts that a refused envelope must leave as they were. */
  counts(): Promise<Counts>;
  /** Closes the hub and opens it again on the same data (a restart). */
  reopen(): Promise<Hub>;
}

export interface Counts {
  entries: number;
  records: number;
  batches: number;
  rejections: number;
  files: number;
  figures: number;
}

export class HubFixture {
  private postgres: Promise<TestPostgres | null> | null = null;
  private readonly open: Array<{ hub: Hub; dataDir: string }> = [];

  constructor(readonly dialect: Dialect) {}

  private async connectionString(): Promise<string | undefined> {
    if (this.dialect === 'sqlite') return undefined;
    this.postgres ??= startPostgres();
    const server = await this.postgres;
    if (!server) throw new Error('PostgreSQL 不可用');
    return server.newDatabase();
  }

  /** A new hub; `extra` options are added to the fixture's (e.g. the county views it keeps). */
  async hub(extra: Partial<HubOptions> = {}): Promise<TestHub> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-hub-'));
    const postgres = await this.connectionString();
    const clock = new HubClock();
    const logs: string[] = [];
    const options = { dataDir, postgres, now: clock.now, log: (line: string) => void logs.push(line), ...extra };
    const entry = { hub: await openHub(options), dataDir };
    this.open.push(entry);
    const fixture: TestHub = {
      get hub() {
        return entry.hub;
      },
      dialect: this.dialect,
      dataDir,
      clock,
      logs,
      async enroll(townshipName = '青石镇', validDays, suite) {
        const { enrollment } = await entry.hub.createNode({
          townshipName,
          hubUrl: 'https://hub.example.test:8443',
          certificatePem: TEST_CERTIFICATE_PEM,
          certificateFingerprint: TEST_FINGERPRINT,
          ...(validDays !== undefined ? { validDays } : {}),
          ...(suite !== undefined ? { suite } : {}),
        });
        return { enrollment, node: makeTestNode(enrollment) };
      },
      async registered(townshipName, suite) {
        const { node } = await fixture.enroll(townshipName, undefined, suite);
        await entry.hub.register(node.registration(), 'link');
        return node;
      },
      async counts() {
        const db = entry.hub.db;
        const count = async (
          table: 'hub_entries' | 'hub_records' | 'hub_batches' | 'hub_rejections' | 'hub_files' | 'hub_figures',
        ) =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        return {
          entries: await count('hub_entries'),
          records: await count('hub_records'),
          batches: await count('hub_batches'),
          rejections: await count('hub_rejections'),
          files: await count('hub_files'),
          figures: await count('hub_figures'),
        };
      },
      async reopen() {
        await entry.hub.close();
        entry.hub = await openHub(options);
        return entry.hub;
      },
    };
    return fixture;
  }

  async closeAll(): Promise<void> {
    const open = this.open.splice(0);
    await disposeAll(
      open.flatMap(({ hub, dataDir }) => [() => hub.close(), () => rm(dataDir, { recursive: true, force: true })]),
    );
  }

  /** Also when a hub fails to close: the PostgreSQL server is a daemon of its own and would outlive the tests. */
  async stop(): Promise<void> {
    await disposeAll([
      () => this.closeAll(),
      async () => {
        const server = await this.postgres;
        await server?.stop();
      },
    ]);
  }
}

/** Registers the same cases for a hub on SQLite and a hub on PostgreSQL. */
export function eachDatabase(cases: (fixture: HubFixture) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !postgresAvailable() ? 'PostgreSQL 未安装（CI 中必须安装）' : false;
    describe(dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL', { skip }, () => {
      const fixture = new HubFixture(dialect);
      afterEach(() => fixture.closeAll());
      after(() => fixture.stop());
      cases(fixture);
    });
  }
}

/** Asserts that `promise` is refused with `code`, and returns the refusal. */
export async function refused(promise: Promise<unknown>, code: string): Promise<HubRejection> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HubRejection, `应为 HubRejection，实为 ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`应被拒收（${code}），却被接受了`);
}
