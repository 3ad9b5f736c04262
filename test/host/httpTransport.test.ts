import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('the HTTP transport', () => {
  let hall: TestHall;
  let admin: TestClient;
  before(async () => {
    ({ hall, admin } = await startSetUpHall());
  });
  after(() => hall.close());

  test('GET /api lists every procedure with its access rule and JSON Schemas, to a signed-in user', async () => {
    const response = await fetch(new URL('/api', hall.url), { headers: { Cookie: admin.cookie! } });
    assert.equal(response.status, 200);
    const description = (await response.json()) as {
      procedures: Array<{ name: string; access: unknown; input: { properties?: Record<string, unknown> } }>;
    };
    const names = description.procedures.map((p) => p.name);
    for (const name of ['auth.login', 'residents.search', 'residents.register', 'users.create', 'audit.events'])
      assert.ok(names.includes(name), name);
    const register = description.procedures.find((p) => p.name === 'residents.register')!;
    assert.ok(register.input.properties?.idNumber);
    assert.deepEqual(description.procedures.find((p) => p.name === 'users.create')!.access, ['administrator']);
  });

  test('an unknown procedure answers 404 with a Chinese message', async () => {
    const answer = await admin.raw('residents.dropAll', '{}');
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.json, {
      ok: false,
      error: { code: 'UNKNOWN_PROCEDURE', message: '没有名为“residents.dropAll”的接口' },
    });
  });

  test('malformed JSON, a wrong content type, a wrong method, an oversized body', async () => {
    assert.equal((await admin.raw('residents.search', '{"query": ')).status, 400);
    assert.equal((await admin.raw('residents.search', '{"query":"张"}', { 'Content-Type': 'text/plain' })).status, 415);
    assert.equal((await fetch(new URL('/api/residents.search', hall.url))).status, 405);
    const big = await admin.raw('residents.search', JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }));
    assert.equal(big.status, 413);
    // A scan inside the JSON is refused like any big body: files go by upload (PUT /uploads).
    const scan = await admin.raw(
      'mediation.addAttachment',
      JSON.stringify({ disputeId: 'x', contentBase64: 'A'.repeat(3 * 1024 * 1024) }),
    );
    assert.equal(scan.status, 413);
    const notObject = await admin.raw('residents.search', '[1,2,3]');
    assert.equal(notObject.status, 400);
  });

  test('requests from another web origin or naming another host are refused', async () => {
    assert.equal((await admin.raw('users.list', '{}', { Origin: 'http://evil.example' })).status, 403);
    // fetch will not send a forged Host header; a raw request does, as a rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL('/api/system.status', hall.url), {
        method: 'POST',
        headers: { Host: 'evil.example', 'Content-Type': 'application/json' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.end('{}');
    });
    assert.equal(status, 403);
  });

  test('the session cookie is httpOnly and SameSite=Strict, and security headers are set', async () => {
    const response = await fetch(new URL('/api/auth.login', hall.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin2026' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
  });
});
