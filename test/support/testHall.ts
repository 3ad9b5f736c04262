import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { ApiResult } from '../../shared/api/errors';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/api/procedures';
import { UPLOADS_PATH } from '../../shared/api/bridge';
import type { UploadReceipt } from '../../shared/api/uploads';
import type { NodeSettings } from '../../electron/backend/api/settings';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { createHallServer, type HallServerOptions } from '../../electron/hall/httpServer';

/** A clock tests can move forward: sessions, lockouts and "today" follow it. */
export class TestClock {
  constructor(public current = new Date('2026-11-23T02:00:00Z')) {}
  now = () => new Date(this.current);
  advanceMinutes(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** 09:30 in Beijing on `date`: a working morning for tests that move the clock by days. */
export const morningOf = (date: string) => new Date(`${date}T01:30:00Z`);

export interface TestHall {
  url: string;
  dataDir: string;
  backend: Backend;
  clock: TestClock;
  /** The hall's HTTP server, for tests of its connections (bytes read, timeouts). */
  server: http.Server;
  /** A client with its own cookie jar, like one browser at one counter window. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface Answer<T> {
  status: number;
  body: ApiResult<T>;
}

/** The result of an answer that must have succeeded. */
export function resultOf<T>(answer: Answer<unknown>): T {
  assert.ok(answer.body.ok, JSON.stringify(answer.body));
  return answer.body.result as T;
}

/** Asserts a refusal: its HTTP status, and its message (or the named field's) matching `pattern`. */
export function refused(answer: Answer<unknown>, status: number, pattern: RegExp, field?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.ok(!answer.body.ok);
  const text = field ? (answer.body.error.fieldErrors?.[field] ?? '') : answer.body.error.message;
  assert.match(text, pattern, JSON.stringify(answer.body.error));
}

export class TestClient {
  cookie: string | null = null;
  constructor(private readonly baseUrl: string) {}

  async raw(
    procedure: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: unknown }> {
    const response = await fetch(new URL(`/api/${procedure}`, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers },
      body,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return { status: response.status, json: await response.json() };
  }

  /** Sends `bytes` as a file ahead of its procedure (`PUT /uploads`), with this client's session. */
  async uploadRaw(bytes: Uint8Array, headers: Record<string, string> = {}): Promise<Answer<UploadReceipt>> {
    const response = await fetch(new URL(UPLOADS_PATH, this.baseUrl), {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/octet-stream',
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as ApiResult<UploadReceipt> };
  }

  /** Uploads `bytes` and returns the `uploadId` a procedure takes; fails the test otherwise. */
  async upload(bytes: Uint8Array): Promise<string> {
    const { status, body } = await this.uploadRaw(bytes);
    if (!body.ok) throw new Error(`upload → ${status} ${body.error.code}: ${body.error.message}`);
    return body.result.uploadId;
  }

  /** Fetches a `/files/<ticket>/<name>` link as this client's browser would: with its session cookie. */
  fetchFile(fileUrl: string, init: RequestInit = {}): Promise<Response> {
    return fetch(new URL(fileUrl, this.baseUrl), {
      ...init,
      headers: { ...(this.cookie ? { Cookie: this.cookie } : {}), ...(init.headers as Record<string, string>) },
    });
  }

  async call<N extends ProcedureName>(
    procedure: N,
    input: InputOf<N> | Record<string, unknown>,
  ): Promise<Answer<OutputOf<N>>> {
    const { status, json } = await this.raw(procedure, JSON.stringify(input));
    return { status, body: json as ApiResult<OutputOf<N>> };
  }

  /** Calls and expects success; fails the test with the API's message otherwise. */
  async ok<N extends ProcedureName>(procedure: N, input: InputOf<N> | Record<string, unknown>): Promise<OutputOf<N>> {
    const { status, body } = await this.call(procedure, input);
    if (!body.ok)
      throw new Error(
        `${procedure} → ${status} ${body.error.code}: ${body.error.message} ${JSON.stringify(body.error.fieldErrors ?? {})}`,
      );
    return body.result;
  }
}

/**
 * What a test may set of the hall's server: TLS (then `url` is https) and its limits; and the
 * database key — by default a fresh one, so that every hall test runs on encrypted data as a
 * township's hall does (null: a plain data folder).
 */
export type TestHallServerOptions = Pick<HallServerOptions, 'tls' | 'limits'> & { databaseKey?: Uint8Array | null };

export async function startTestHall(
  settings: Partial<NodeSettings> = {},
  serverOptions: TestHallServerOptions = {},
): Promise<TestHall> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-test-'));
  const clock = new TestClock();
  const { databaseKey = randomBytes(32), ...hallOptions } = serverOptions;
  const backend = await openBackend({ dataDir, databaseKey, now: clock.now, settings, logError: () => {} });
  const server = createHallServer({ backend, staticDir: null, loopbackOnly: true, ...hallOptions });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scheme = serverOptions.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    dataDir,
    backend,
    clock,
    server,
    client: () => new TestClient(url),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { townshipName: '青石镇', username: 'admin', displayName: '王管理', password: 'Admin2026' };

/** A hall after first-run setup, with a village and an administrator client signed in. */
export async function startSetUpHall(settings: Partial<NodeSettings> = {}, serverOptions: TestHallServerOptions = {}) {
  const hall = await startTestHall(settings, serverOptions);
  try {
    const admin = hall.client();
    await admin.ok('system.setupAdministrator', ADMIN);
    const village = await admin.ok('places.saveVillage', {
      name: '东岗村',
      kind: 'village',
      groups: [{ name: '第一村民小组' }, { name: '第二村民小组' }],
    });
    return { hall, admin, village };
  } catch (error) {
    // Nobody else holds the hall yet: left open, its server would keep the test process alive.
    await hall.close();
    throw error;
  }
}

/** Creates a user with the given roles and returns a signed-in client (password already changed). */
export async function signedInAs(
  hall: TestHall,
  admin: TestClient,
  username: string,
  roles: string[],
): Promise<TestClient> {
  await admin.ok('users.create', { username, displayName: `${username}同志`, roles, password: 'Initial123' });
  const client = hall.client();
  await client.ok('auth.login', { username, password: 'Initial123' });
  await client.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Counter2026' });
  return client;
}

export interface ClerkHall {
  readonly hall: TestHall;
  readonly admin: TestClient;
  /** Signed in with the role counterClerk. */
  readonly clerk: TestClient;
}

/** Registers `before`/`after` hooks: a set-up hall with its administrator and one counter clerk, closed afterwards. */
export function useClerkHall(): ClerkHall {
  let state: { hall: TestHall; admin: TestClient; clerk: TestClient } | undefined;
  // Held as soon as it runs, so that `after` closes it even if the rest of `before` fails.
  let started: TestHall | undefined;
  before(async () => {
    const { hall, admin } = await startSetUpHall();
    started = hall;
    state = { hall, admin, clerk: await signedInAs(hall, admin, 'clerk', ['counterClerk']) };
  });
  after(() => started?.close());
  const get = () => {
    if (!state) throw new Error('the hall starts in before()');
    return state;
  };
  return {
    get hall() {
      return get().hall;
    },
    get admin() {
      return get().admin;
    },
    get clerk() {
      return get().clerk;
    },
  };
}
