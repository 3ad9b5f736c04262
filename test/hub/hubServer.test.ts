// The hub behind its real HTTPS server, as the county page and a township reach it: a
// generated certificate pinned by fingerprint, the county API with and without the token.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import {
  COUNTY_API_PREFIX,
  type CreateNodeResponse,
  type ImportFileResponse,
  type InstructionStatusRow,
  type TownshipRow,
} from '../../shared/sync/countyApi';
import { fromUtf8, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { packContainer, unpackContainer } from '../../shared/sync/container';
import { openEnvelope, parseEnvelope, sealEnvelope, verifyEnvelope } from '../../shared/sync/envelope';
import { generateBoxKeyPair, generateSigningKeyPair } from '../../shared/sync/keys';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, suiteOf } from '../../shared/sync/suites';
import {
  downPayload,
  enrollmentFile,
  INSTRUCTION_ENTITY,
  REPORT_ENTITY,
  REPORT_OP,
  SYNC_PATHS,
  type ChangeEntry,
  type EnrollmentFile,
  type Instruction,
  type MonthlyFiguresReport,
} from '../../shared/sync/protocol';
import { createSelfSignedCertificate, type GeneratedCertificate } from '../../hub/certificate';
import { openHub, type Hub } from '../../hub/hub';
import { startHubServer, type RunningHubServer } from '../../hub/server';
import { disposeAll } from '../support/dispose';

const COUNTY_TOKEN = 'county-token-for-tests-0123456789abcdef';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T = unknown>(): T;
}

let dataDir: string;
let uiDir: string;
let certificate: GeneratedCertificate;
let hub: Hub;
let server: RunningHubServer;
/** What the server logged (its internal errors), shown when a test fails. */
const serverLog: string[] = [];

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-server-'));
  uiDir = await mkdtemp(path.join(os.tmpdir(), 'hub-ui-'));
  await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>县级平台</title>');
  certificate = await createSelfSignedCertificate({ commonName: 'hub', altNames: ['127.0.0.1', 'localhost'] });
  hub = await openHub({ dataDir, log: () => {} });
  server = await startHubServer({
    hub,
    host: '127.0.0.1',
    port: 0,
    tls: { certificatePem: certificate.certificatePem, keyPem: certificate.keyPem },
    countyToken: COUNTY_TOKEN,
    uiDir,
    log: (line) => serverLog.push(line),
  });
});

after(() =>
  disposeAll([
    () => server?.close(),
    () => hub?.close(),
    () => dataDir && rm(dataDir, { recursive: true, force: true }),
    () => uiDir && rm(uiDir, { recursive: true, force: true }),
  ]),
);

/** A request as a township makes it: trusting exactly the pinned certificate. */
function request(
  method: string,
  pathname: string,
  options: { token?: string | null; json?: unknown; bytes?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(pathname, server.url);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? COUNTY_TOKEN : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: Buffer | undefined;
  if (options.json !== undefined) {
    body = Buffer.from(JSON.stringify(options.json));
    headers['Content-Type'] ??= 'application/json';
  } else if (options.bytes) {
    body = Buffer.from(options.bytes);
    headers['Content-Type'] ??= 'application/octet-stream';
  }
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        headers,
        ca: [certificate.certificatePem],
        agent: false,
        checkServerIdentity: (_host: string, cert: PeerCertificate) =>
          cert.fingerprint256 === certificate.fingerprint ? undefined : new Error('证书指纹不符'),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: all,
            json: <T>() => JSON.parse(all.toString('utf8')) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const api = (route: string) => COUNTY_API_PREFIX + route;
const errorMessage = (answer: Answer) => answer.json<{ error: { message: string; field?: string } }>().error;

describe('the county API needs the county access token', () => {
  for (const [method, route] of [
    ['GET', 'townships'],
    ['POST', 'nodes'],
    ['GET', 'instructions'],
    ['GET', 'rejections'],
    ['POST', 'import-file'],
    ['GET', 'nodes/x/reply-file'],
    ['GET', 'no-such-route'],
  ] as const) {
    test(`${method} ${route} without a token → 401`, async () => {
      const body = method === 'POST' ? { json: { townshipName: '青山镇' } } : {};
      const answer = await request(method, api(route), { token: null, ...body });
      assert.equal(answer.status, 401);
      assert.match(errorMessage(answer).message, /访问口令/);
      assert.match(String(answer.headers['www-authenticate']), /^Bearer/);
    });
  }

  test('a wrong token → 401, and nothing is created', async () => {
    const answer = await request('POST', api('nodes'), { token: 'x'.repeat(43), json: { townshipName: '偷偷镇' } });
    assert.equal(answer.status, 401);
    const townships = (await request('GET', api('townships'))).json<TownshipRow[]>();
    assert.ok(!townships.some((t) => t.townshipName === '偷偷镇'));
  });

  test('the page itself needs no token and carries the security headers', async () => {
    const answer = await request('GET', '/', { token: null });
    assert.equal(answer.status, 200);
    assert.match(answer.body.toString('utf8'), /县级平台/);
    assert.match(String(answer.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(answer.headers['x-frame-options'], 'DENY');
    assert.equal((await request('GET', '/assets/none.js', { token: null })).status, 404);
  });
});

describe('enrollment through the county API', () => {
  let created: CreateNodeResponse;

  before(async () => {
    const answer = await request('POST', api('nodes'), { json: { townshipName: '  青山镇 ' } });
    assert.equal(answer.status, 201, answer.body.toString('utf8'));
    created = answer.json<CreateNodeResponse>();
  });

  test('the enrollment file validates and pins the served certificate', () => {
    const enrollment = enrollmentFile.parse(created.enrollment);
    assert.equal(enrollment.nodeId, created.nodeId);
    assert.equal(enrollment.townshipName, '青山镇');
    assert.equal(enrollment.certificateFingerprint, certificate.fingerprint);
    assert.equal(enrollment.certificatePem, certificate.certificatePem);
    assert.equal(enrollment.hubUrl, server.publicUrl);
    assert.equal(server.publicUrl, server.url);
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(created.fileName, '青山镇-入网文件.json');
  });

  test('without a choice the township gets the international suite and the hub’s X25519 / Ed25519 keys', () => {
    assert.equal(created.enrollment.suite, SUITE_INTERNATIONAL);
    assert.equal(created.enrollment.hubBoxPublicKey, toBase64Url(hub.identity.boxPublicKey));
    assert.equal(created.enrollment.hubSigningPublicKey, toBase64Url(hub.identity.signingPublicKey));
  });

  test('the county chooses the 国密 suite: the file names it and carries the hub’s SM2 keys; the list shows it', async () => {
    const answer = await request('POST', api('nodes'), { json: { townshipName: '国密镇', suite: SUITE_GUOMI } });
    assert.equal(answer.status, 201, answer.body.toString('utf8'));
    const guomi = answer.json<CreateNodeResponse>();
    const enrollment = enrollmentFile.parse(guomi.enrollment);
    assert.equal(enrollment.suite, SUITE_GUOMI);
    const sm2Keys = hub.identity.suites[SUITE_GUOMI];
    assert.equal(enrollment.hubBoxPublicKey, toBase64Url(sm2Keys.boxPublicKey));
    assert.equal(enrollment.hubSigningPublicKey, toBase64Url(sm2Keys.signingPublicKey));
    assert.equal(suiteOf(SUITE_GUOMI).isPublicKey(sm2Keys.boxPublicKey), true);
    assert.notEqual(sm2Keys.boxKeyId, sm2Keys.signingKeyId, 'separate SM2 pairs for encryption and signing');
    const rows = (await request('GET', api('townships'))).json<TownshipRow[]>();
    assert.equal(rows.find((t) => t.nodeId === guomi.nodeId)?.suite, SUITE_GUOMI);
    assert.equal(rows.find((t) => t.nodeId === created.nodeId)?.suite, SUITE_INTERNATIONAL);
  });

  test('townships lists the new node, pending until it registers', async () => {
    const answer = await request('GET', api('townships'));
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['cache-control'], 'no-store');
    const row = answer.json<TownshipRow[]>().find((t) => t.nodeId === created.nodeId);
    assert.ok(row);
    assert.equal(row.townshipName, '青山镇');
    assert.equal(row.status, 'pending');
    assert.equal(row.lastContactAt, null);
  });

  test("the sync routes answer on the same server: a node's state for the county token, not for anyone", async () => {
    const anonymous = await request('GET', SYNC_PATHS.state(created.nodeId), { token: null });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json<{ error: { code: string } }>().error.code, 'unauthenticated');
    assert.doesNotMatch(anonymous.body.toString('utf8'), /appliedThrough|lastBatchHash/);
    const wrongToken = await request('GET', SYNC_PATHS.state(created.nodeId), { token: 'x'.repeat(43) });
    assert.equal(wrongToken.status, 401);
    const county = await request('GET', SYNC_PATHS.state(created.nodeId));
    assert.equal(county.status, 200, county.body.toString('utf8'));
    assert.deepEqual(county.json(), { appliedThrough: 0, lastBatchHash: '' });
    const unknown = await request('GET', SYNC_PATHS.state('no-such-node'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'unknown-node');
  });

  test('an instruction issued through the API shows in the instruction status', async () => {
    const issued = await request('POST', api('instructions'), {
      json: {
        kind: 'assign',
        title: '报送一季度矛盾纠纷排查情况',
        body: '请于期限前报送。',
        dueOn: '2031-04-10',
        responsibleRole: 'mediator',
        nodeIds: [created.nodeId],
      },
    });
    assert.equal(issued.status, 201, issued.body.toString('utf8'));
    const instruction = issued.json<Instruction>();
    assert.equal(instruction.issuedBy, '县级平台');
    const status = (await request('GET', api('instructions'))).json<InstructionStatusRow[]>();
    const row = status.find((s) => s.instruction.id === instruction.id && s.nodeId === created.nodeId);
    assert.ok(row, JSON.stringify(status));
    assert.equal(row.instruction.title, '报送一季度矛盾纠纷排查情况');
    assert.equal(row.townshipName, '青山镇');
    assert.equal(row.arrivedAt, null);
    assert.equal(row.ackWithin5Min, null);
    assert.equal(row.unacknowledgedAfter30Min, false);
  });

  test('no reply file before the township has registered its keys', async () => {
    const answer = await request('GET', api(`nodes/${created.nodeId}/reply-file`));
    assert.equal(answer.status, 403, answer.body.toString('utf8'));
    assert.match(errorMessage(answer).message, /[\u4e00-\u9fff]/);
  });

  test('revoking needs a reason, then the node shows revoked', async () => {
    const other = (
      await request('POST', api('nodes'), { json: { townshipName: '白水乡' } })
    ).json<CreateNodeResponse>();
    const noReason = await request('POST', api(`nodes/${other.nodeId}/revoke`), { json: { reason: ' ' } });
    assert.equal(noReason.status, 400);
    assert.match(errorMessage(noReason).message, /吊销原因/);
    const revoked = await request('POST', api(`nodes/${other.nodeId}/revoke`), { json: { reason: '电脑丢失' } });
    assert.equal(revoked.status, 200, revoked.body.toString('utf8'));
    const row = (await request('GET', api('townships'))).json<TownshipRow[]>().find((t) => t.nodeId === other.nodeId);
    assert.equal(row?.status, 'revoked');
    const unknown = await request('POST', api('nodes/no-such-node/revoke'), { json: { reason: '测试' } });
    assert.equal(unknown.status, 404);
  });
});

describe('bodies are checked, and refusals name the field in Chinese', () => {
  test('a node without a township name', async () => {
    const answer = await request('POST', api('nodes'), { json: { townshipName: '' } });
    assert.equal(answer.status, 400);
    const error = errorMessage(answer);
    assert.equal(error.field, 'townshipName');
    assert.match(error.message, /^乡镇名称：/);
  });

  test('a suite that is not one of ours', async () => {
    const answer = await request('POST', api('nodes'), { json: { townshipName: '青山镇', suite: 'DES+MD5' } });
    assert.equal(answer.status, 400);
    const error = errorMessage(answer);
    assert.equal(error.field, 'suite');
    assert.match(error.message, /^加密算法：/);
  });

  test('an unknown field', async () => {
    const answer = await request('POST', api('nodes'), { json: { townshipName: '青山镇', extra: 1 } });
    assert.equal(answer.status, 400);
    assert.match(errorMessage(answer).message, /不认识的字段“extra”/);
  });

  test('an instruction of kind 交办 without a deadline', async () => {
    const answer = await request('POST', api('instructions'), {
      json: { kind: 'assign', title: '标题', body: '内容', dueOn: null, responsibleRole: 'mediator' },
    });
    assert.equal(answer.status, 400);
    assert.equal(errorMessage(answer).field, 'dueOn');
    assert.match(errorMessage(answer).message, /期限/);
  });

  test('an instruction for an empty list of townships', async () => {
    const answer = await request('POST', api('instructions'), {
      json: { kind: 'supervise', title: '标题', body: '内容', dueOn: null, responsibleRole: 'mediator', nodeIds: [] },
    });
    assert.equal(answer.status, 400);
    assert.match(errorMessage(answer).message, /至少选择一个乡镇/);
  });

  test('a catalog file that is not one', async () => {
    const answer = await request('POST', api('catalog'), { json: { file: { format: 'nope' } } });
    assert.equal(answer.status, 400);
    assert.match(errorMessage(answer).message, /事项目录文件|目录文件/);
  });

  test('not JSON, the wrong content type, the wrong method', async () => {
    const broken = await request('POST', api('nodes'), {
      bytes: Buffer.from('{'),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(broken.status, 400);
    assert.match(errorMessage(broken).message, /JSON/);
    const form = await request('POST', api('nodes'), {
      bytes: Buffer.from('townshipName=x'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    const wrongMethod = await request('DELETE', api('townships'));
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'GET');
  });

  test('a file that is not a sync file is refused, and logged', async () => {
    const answer = await request('POST', api('import-file'), { bytes: new TextEncoder().encode('不是同步文件') });
    assert.equal(answer.status, 400, answer.body.toString('utf8'));
    assert.match(errorMessage(answer).message, /[\u4e00-\u9fff]/);
    const rejections = (await request('GET', api('rejections'))).json<{ via: string; kind: string }[]>();
    assert.ok(rejections.some((r) => r.via === 'file'));
  });

  test('an empty file', async () => {
    const answer = await request('POST', api('import-file'), { bytes: new Uint8Array(0) });
    assert.equal(answer.status, 400);
    assert.match(errorMessage(answer).message, /空的/);
  });

  test('an import larger than the limit is refused before it is read', async () => {
    const answer = await request('POST', api('import-file'), {
      bytes: new Uint8Array(16),
      headers: { 'Content-Length': String(65 * 1024 * 1024) },
    }).catch((error: unknown) => error as Error);
    // The server answers 413 and closes; depending on timing the client sees the answer or the reset.
    if (!(answer instanceof Error)) {
      assert.equal(answer.status, 413);
      assert.match(errorMessage(answer).message, /上限/);
    }
  });
});

test('an empty container imports to no outcomes and no replies', async () => {
  // "TDF1" + count 0: a township's export with nothing in it.
  const empty = new Uint8Array([0x54, 0x44, 0x46, 0x31, 0, 0, 0, 0]);
  const answer = await request('POST', api('import-file'), { bytes: empty });
  assert.equal(answer.status, 200, answer.body.toString('utf8'));
  const result = answer.json<ImportFileResponse>();
  assert.deepEqual(result, { outcomes: [], replies: [] });
});

describe("a township's USB file through the county page, and its reply file back", () => {
  const signing = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  let enrollment: EnrollmentFile;
  let instruction: Instruction;
  const arrivedAt = '2031-03-02T08:00:00.000Z';
  const figures: MonthlyFiguresReport = {
    month: '2031-03',
    reportedAt: '2031-03-02T08:03:00.000Z',
    backlog: 0,
    counter: { received: 12, completed: 10, overdue: 1 },
    mediation: { accepted: 4, successful: 3, concluded: 3, successRate: 100 },
  };

  before(async () => {
    enrollment = (await request('POST', api('nodes'), { json: { townshipName: '石门镇' } })).json<CreateNodeResponse>()
      .enrollment;
    const issued = await request('POST', api('instructions'), {
      json: {
        kind: 'assign',
        title: '核查石门镇调解台账',
        body: '请核查。',
        dueOn: '2031-03-31',
        responsibleRole: 'mediator',
        nodeIds: [enrollment.nodeId],
      },
    });
    instruction = issued.json<Instruction>();
  });

  function usbFile(): Uint8Array {
    const hubBoxKey = Buffer.from(enrollment.hubBoxPublicKey, 'base64url');
    const registration = sealEnvelope({
      suite: SUITE_INTERNATIONAL,
      header: { kind: 'registration', node: enrollment.nodeId },
      plaintext: utf8(
        JSON.stringify({
          nodeId: enrollment.nodeId,
          token: enrollment.token,
          signingPublicKey: toBase64Url(signing.publicKey),
          boxPublicKey: toBase64Url(box.publicKey),
          townshipName: enrollment.townshipName,
          registeredAt: arrivedAt,
        }),
      ),
      recipientPublicKey: hubBoxKey,
      signer: signing,
    });
    const entry = (seq: number, fields: Pick<ChangeEntry, 'entity' | 'entityId' | 'op' | 'data'>): ChangeEntry => ({
      seq,
      id: `entry-${seq}`,
      actorId: null,
      actorName: '调解员甲',
      at: arrivedAt,
      ...fields,
    });
    const entries = [
      entry(1, { entity: INSTRUCTION_ENTITY, entityId: instruction.id, op: 'arrive', data: { arrivedAt } }),
      entry(2, {
        entity: INSTRUCTION_ENTITY,
        entityId: instruction.id,
        op: 'acknowledge',
        data: { acknowledgedAt: '2031-03-02T08:02:00.000Z', acknowledgedBy: '调解员甲' },
      }),
      entry(3, { entity: REPORT_ENTITY, entityId: figures.month, op: REPORT_OP, data: figures }),
    ];
    const batch = sealEnvelope({
      suite: SUITE_INTERNATIONAL,
      header: { kind: 'batch', node: enrollment.nodeId, first: 1, last: 3, prev: '', downApplied: 0 },
      plaintext: utf8(JSON.stringify({ entries })),
      recipientPublicKey: hubBoxKey,
      signer: signing,
    });
    return packContainer([registration, batch]);
  }

  test('the import applies everything, and the reply file carries the instruction down', async () => {
    const file = usbFile();
    const answer = await request('POST', api('import-file'), { bytes: file });
    assert.equal(answer.status, 200, `${answer.body.toString('utf8')}\n${serverLog.join('\n')}`);
    const result = answer.json<ImportFileResponse>();
    assert.deepEqual(
      result.outcomes.map((o) => [o.index, o.kind, o.result]),
      [
        [1, 'registration', 'accepted'],
        [2, 'batch', 'accepted'],
      ],
    );
    assert.equal(result.replies.length, 1);
    const reply = result.replies[0]!;
    assert.equal(reply.nodeId, enrollment.nodeId);
    assert.match(reply.fileName, /^石门镇-回执文件-\d{12}\.tdsync$/);

    const [down] = unpackContainer(Buffer.from(reply.base64, 'base64'));
    assert.ok(down);
    const parsed = parseEnvelope(down);
    verifyEnvelope(parsed, Buffer.from(enrollment.hubSigningPublicKey, 'base64url'));
    const payload = downPayload.parse(JSON.parse(fromUtf8(openEnvelope(parsed, box.privateKey))));
    assert.equal(payload.appliedThrough, 3);
    assert.ok(payload.packages.some((p) => p.kind === 'instruction' && p.instruction.id === instruction.id));

    // Imported a second time: nothing changes, the batch is recognised as a replay.
    const again = (await request('POST', api('import-file'), { bytes: file })).json<ImportFileResponse>();
    assert.deepEqual(
      again.outcomes.map((o) => o.result),
      ['accepted', 'replay'],
    );
  });

  test('the county sees the township active, with its figures and the acknowledgement', async () => {
    const township = (await request('GET', api('townships')))
      .json<TownshipRow[]>()
      .find((t) => t.nodeId === enrollment.nodeId);
    assert.ok(township);
    assert.equal(township.status, 'active');
    assert.equal(township.appliedThrough, 3);
    assert.deepEqual(township.figures, figures);
    assert.equal(township.backlog, 0);

    const status = (await request('GET', api('instructions')))
      .json<InstructionStatusRow[]>()
      .find((s) => s.instruction.id === instruction.id);
    assert.ok(status);
    assert.equal(status.arrivedAt, arrivedAt);
    assert.equal(status.acknowledgedAt, '2031-03-02T08:02:00.000Z');
    assert.equal(status.ackWithin5Min, true);
    assert.equal(status.unacknowledgedAfter30Min, false);
  });

  test("the county reads the township's records as they stand, by entity", async () => {
    const all = (await request('GET', api(`nodes/${enrollment.nodeId}/records`))).json<{ entity: string }[]>();
    assert.ok(all.length >= 2, JSON.stringify(all));
    const reports = (await request('GET', api(`nodes/${enrollment.nodeId}/records?entity=syncReport`))).json<
      { entity: string; data: unknown }[]
    >();
    assert.deepEqual(
      reports.map((r) => r.entity),
      ['syncReport'],
    );
    assert.equal((await request('GET', api(`nodes/${enrollment.nodeId}/records?limit=0`))).status, 400);
  });

  test('the reply file can be downloaded again from the townships table', async () => {
    const answer = await request('GET', api(`nodes/${enrollment.nodeId}/reply-file`));
    assert.equal(answer.status, 200, answer.body.toString('utf8'));
    assert.equal(answer.headers['content-type'], 'application/octet-stream');
    // 石门镇, percent-encoded, in the RFC 6266 file name.
    assert.match(String(answer.headers['content-disposition']), /filename\*=UTF-8''%E7%9F%B3%E9%97%A8%E9%95%87/);
    assert.equal(unpackContainer(answer.body).length, 1);
  });
});
