// A throwaway PostgreSQL server for tests: initdb in a temp folder, listening on a Unix socket
// in that folder only (no port to collide with, nothing reachable from outside), fsync off.
// One server per test file; each hub under test gets a fresh database on it.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection string of the server's initial database (`postgres`). */
  connectionString: string;
  /** Creates a fresh empty database and returns its connection string. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The folder with initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Whether PostgreSQL tests run here; in CI a missing PostgreSQL is a failure, not a skip. */
export function postgresAvailable(): boolean {
  if (findPostgresBin()) return true;
  if (process.env.CI === 'true')
    throw new Error('CI 环境中找不到 PostgreSQL（initdb）：县级平台须在 SQLite 与 PostgreSQL 上都通过测试');
  return false;
}

/**
 * `durable`: keep PostgreSQL's defaults (fsync, synchronous commit, full page writes), as a
 * county server runs; the bench measures that. Tests turn durability off for speed.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres | null> {
  if (!postgresAvailable()) return null;
  const bin = findPostgresBin()!;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-pg-'));
  const dataDir = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]) : run(path.join(bin, name), args);
  const port = 5432;
  try {
    await tool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'hub', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await tool('pg_ctl', [
      '-D',
      dataDir,
      '-w',
      // Waits until the server takes connections; pg_ctl's own 60 s can pass on a loaded CI machine.
      '-t',
      '300',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=''` +
        (options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'),
      'start',
    ]);
  } catch (error) {
    // A server that started but was not ready in time would otherwise run on, a daemon no test stops.
    await tool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw new Error(`无法启动测试用 PostgreSQL：${String(error)}`, { cause: error });
  }
  const url = (database: string) =>
    `postgresql://hub@localhost/${database}?host=${encodeURIComponent(dir)}&port=${port}`;
  let counter = 0;
  return {
    connectionString: url('postgres'),
    async newDatabase() {
      const name = `hub_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        await tool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
