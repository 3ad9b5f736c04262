// What the hall host decides before it reads a body: the session (from the cookie), the declared
// length; and what it stops reading: a chunked body past the limit. Each test counts the bytes
// the server actually read from the connection (`socket.bytesRead`), not only the status.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import https from 'node:https';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../shared/api/bridge';
import { procedures } from '../../shared/api/procedures';
import { HALL_LIMITS } from '../../electron/hall/hallLimits';
import { createSelfSignedCertificate } from '../../hub/certificate';
import { postStreaming, watchConnections, type StreamedBody } from '../support/rawHttp';
import { startSetUpHall, startTestHall, type TestClient, type TestHall } from '../support/testHall';

const MiB = 1024 * 1024;
/** What a server reads with the headers before it has decided anything: one read of the socket. */
const ONE_READ = 256 * 1024;
/** A test that would wait for a body or a timeout forever on a host without these limits fails instead. */
const BOUNDED = { timeout: 60_000 };

const ATTACHMENT_HEAD =
  '{"disputeId":"0192f000-0000-7000-8000-000000000000","fileName":"scan.jpg","mimeType":"image/jpeg","contentBase64":"';

describe('bodies are limited before they are read', () => {
  let hall: TestHall;
  let admin: TestClient;
  before(async () => {
    ({ hall, admin } = await startSetUpHall());
  });
  after(() => hall.close());

  /** Posts `body` to `procedure` and returns the answer with what the server read of that connection. */
  async function post(procedure: string, body: StreamedBody, headers: Record<string, string> = {}) {
    const connections = watchConnections(hall.server);
    try {
      const answer = await postStreaming(new URL(`/api/${procedure}`, hall.url), headers, body);
      await connections.closed();
      const [serverRead] = connections.read();
      return { ...answer, serverRead: serverRead ?? 0 };
    } finally {
      connections.stop();
    }
  }
  const signedIn = () => ({ Cookie: admin.cookie! });

  test(
    'a Content-Length over the limit is answered 413 at once, the body unread, the connection closed',
    BOUNDED,
    async () => {
      const search = await post('residents.search', { declaredLength: 32 * MiB, total: 32 * MiB }, signedIn());
      assert.equal(search.status, 413);
      assert.match(search.text, /请求内容超过 1 MB/);
      assert.equal(search.headers.connection, 'close');
      assert.ok(search.serverRead < ONE_READ, `the server read ${search.serverRead} bytes`);

      // A file inside the JSON, as before uploads: a procedure that takes files gets no more than any other.
      const scan = await post(
        'mediation.addAttachment',
        { declaredLength: 40 * MiB, total: 40 * MiB, head: ATTACHMENT_HEAD },
        signedIn(),
      );
      assert.equal(scan.status, 413);
      assert.match(scan.text, /请求内容超过 1 MB/);
      assert.ok(scan.serverRead < ONE_READ, `the server read ${scan.serverRead} bytes`);
    },
  );

  test('a chunked body is cut off at the limit: 413, and nothing read past it', BOUNDED, async () => {
    const answer = await post('residents.search', { total: 64 * MiB, head: '{"query":"' }, signedIn());
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
    const limit = HALL_LIMITS.bodyBytes;
    assert.ok(answer.serverRead < limit + ONE_READ, `the server read ${answer.serverRead} bytes`);
    assert.ok(answer.bytesSent < 32 * MiB, `the client got ${answer.bytesSent} bytes out`);
  });

  test('without a session, a procedure that needs one answers 401 before reading the body', BOUNDED, async () => {
    const declared = await post('mediation.addAttachment', {
      declaredLength: 63_000_000,
      total: 63_000_000,
      head: ATTACHMENT_HEAD,
      tail: '"}',
    });
    assert.equal(declared.status, 401);
    assert.match(declared.text, /尚未登录/);
    assert.equal(declared.headers.connection, 'close');
    assert.ok(declared.serverRead < ONE_READ, `the server read ${declared.serverRead} bytes`);

    const chunked = await post('sync.importFile', { total: 63_000_000, head: '{"fileName":"x","uploadId":"' });
    assert.equal(chunked.status, 401);
    assert.ok(chunked.serverRead < ONE_READ, `the server read ${chunked.serverRead} bytes`);

    // A session that has ended is no session: its cookie is cleared, as dispatch clears it.
    const stale = await post(
      'residents.search',
      { declaredLength: 900_000, total: 900_000, head: '{"query":"' },
      { Cookie: `${SESSION_COOKIE}=not-a-session` },
    );
    assert.equal(stale.status, 401);
    assert.ok(stale.serverRead < ONE_READ, `the server read ${stale.serverRead} bytes`);
    assert.match(String(stale.headers['set-cookie']), /Max-Age=0/);
  });

  test('what needs no session still reads its body; a body read to its end keeps the connection', BOUNDED, async () => {
    const status = await post('system.status', { declaredLength: 2, total: 2, head: '{}' });
    assert.equal(status.status, 200);
    const search = await admin.call('residents.search', { query: '张' });
    assert.equal(search.status, 200);
    // Two requests on one connection: the first's answer does not close it.
    const socket = net.connect(Number(new URL(hall.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const request = (connection: string) =>
      `POST /api/system.status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: ${connection}\r\n\r\n{}`;
    socket.write(request('keep-alive') + request('close'));
    await once(socket, 'close');
    assert.equal(received.match(/HTTP\/1\.1 200/g)?.length, 2, received);
  });

  test('a client that asks first (Expect: 100-continue) is refused before it sends the body', BOUNDED, async () => {
    const answer = await post(
      'mediation.addAttachment',
      { declaredLength: 20 * MiB, total: 20 * MiB, head: ATTACHMENT_HEAD },
      { Expect: '100-continue' },
    );
    assert.equal(answer.status, 401);
  });

  test('GET /api describes the API to a signed-in user only', async () => {
    const anonymous = await fetch(new URL('/api', hall.url));
    assert.equal(anonymous.status, 401);
    const body = (await anonymous.json()) as { ok: boolean; error: { code: string } };
    assert.equal(body.error.code, 'UNAUTHENTICATED');
    assert.ok(!('procedures' in body));
    const signedInAnswer = await fetch(new URL('/api', hall.url), { headers: signedIn() });
    assert.equal(signedInAnswer.status, 200);
    assert.ok(((await signedInAnswer.json()) as { procedures: unknown[] }).procedures.length > 100);
  });

  test('no Strict-Transport-Security over plain HTTP on loopback', async () => {
    const response = await fetch(new URL('/api/system.status', hall.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.headers.get('strict-transport-security'), null);
  });
});

test('under TLS every answer carries Strict-Transport-Security', BOUNDED, async () => {
  const certificate = await createSelfSignedCertificate({ commonName: 'hall', altNames: ['127.0.0.1'] });
  const hall = await startTestHall(
    {},
    { tls: { cert: Buffer.from(certificate.certificatePem), key: Buffer.from(certificate.keyPem) } },
  );
  try {
    assert.match(hall.url, /^https:/);
    const get = (path: string, method = 'GET', body?: string) =>
      new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
        const request = https.request(new URL(path, hall.url), {
          method,
          ca: certificate.certificatePem,
          agent: false,
          headers: body ? { 'Content-Type': 'application/json' } : {},
        });
        request.on('response', (response) => {
          response.resume();
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              hsts: response.headers['strict-transport-security'] as string | undefined,
            }),
          );
        });
        request.on('error', reject);
        request.end(body);
      });
    const status = await get('/api/system.status', 'POST', '{}');
    assert.equal(status.status, 200);
    assert.equal(status.hsts, 'max-age=31536000');
    const missing = await get('/no-such-page.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.hsts, 'max-age=31536000');
    const api = await get('/api');
    assert.equal(api.status, 401);
    assert.equal(api.hsts, 'max-age=31536000');
  } finally {
    await hall.close();
  }
});

describe('timeouts and the connection cap', () => {
  test('the hall sets them explicitly, not Node’s defaults', async () => {
    const hall = await startTestHall();
    try {
      assert.equal(hall.server.headersTimeout, HALL_LIMITS.headersTimeoutMs);
      assert.equal(hall.server.requestTimeout, HALL_LIMITS.requestTimeoutMs);
      assert.equal(hall.server.keepAliveTimeout, HALL_LIMITS.keepAliveTimeoutMs);
      assert.equal(hall.server.maxConnections, HALL_LIMITS.maxConnections);
      assert.ok(HALL_LIMITS.headersTimeoutMs < 60_000, 'shorter than Node’s 60 s');
      assert.ok(HALL_LIMITS.requestTimeoutMs < 300_000, 'shorter than Node’s 300 s');
      assert.ok(HALL_LIMITS.maxConnections > 0);
    } finally {
      await hall.close();
    }
  });

  const short = {
    headersTimeoutMs: 1_000,
    requestTimeoutMs: 1_500,
    keepAliveTimeoutMs: 500,
    timeoutCheckIntervalMs: 200,
    maxConnections: 2,
  };
  let hall: TestHall;
  before(async () => {
    hall = await startTestHall({}, { limits: short });
  });
  after(() => hall.close());

  /** A raw connection to the hall; resolves with all it received once the server closed it. */
  async function rawConnection(firstBytes: string) {
    const socket = net.connect(Number(new URL(hall.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    const closed = once(socket, 'close').then(() => received);
    socket.write(firstBytes);
    return { socket, closed };
  }

  test('headers sent a byte at a time are cut off at the header timeout', BOUNDED, async () => {
    const { closed } = await rawConnection('POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    assert.match(await closed, /^HTTP\/1\.1 408/);
  });

  test('a body that stops coming is cut off at the request timeout', BOUNDED, async () => {
    const { closed } = await rawConnection(
      'POST /api/system.status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a"',
    );
    const received = await closed;
    assert.doesNotMatch(received, /^HTTP\/1\.1 200/);
  });

  test('connections past the cap are closed as they come; those within it are served', BOUNDED, async () => {
    const first = await rawConnection('');
    const second = await rawConnection('');
    // Accepted by the server (not only by the kernel) before the third knocks.
    while ((await new Promise<number>((r, j) => hall.server.getConnections((e, n) => (e ? j(e) : r(n))))) < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const third = await rawConnection('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.equal(await third.closed, '', 'closed without an answer');
    first.socket.write('GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.match(await first.closed, /^HTTP\/1\.1 404/);
    second.socket.destroy();
  });
});

test('every procedure’s input fits the 1 MB body: files go by upload, never inside the JSON', () => {
  /** The largest `maxLength` anywhere in a JSON Schema. */
  const longest = (schema: unknown): number => {
    if (typeof schema !== 'object' || schema === null) return 0;
    let max = 0;
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'maxLength' && typeof value === 'number') max = Math.max(max, value);
      else max = Math.max(max, longest(value));
    }
    return max;
  };
  for (const [name, spec] of Object.entries(procedures)) {
    const input = longest(z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }));
    // Even written as \uXXXX escapes (6 bytes a character), the longest field fits with room to spare.
    assert.ok(input * 6 < HALL_LIMITS.bodyBytes, `${name}: a field of ${input} characters`);
  }
  assert.equal(HALL_LIMITS.bodyBytes, MiB);
  assert.ok(!('fileBodyBytes' in HALL_LIMITS), 'no procedure has a limit of its own');
});
