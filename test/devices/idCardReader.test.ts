// The ID-card reader through the API, as the hall host serves it: real SQLite (encrypted) in a
// temp folder, real HTTP on loopback for the host's own windows, and real HTTPS through 大厅网络
// on 127.0.0.2 for a window on the hall LAN. The simulated reader stands in for the device.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiResult } from '../../shared/api/errors';
import type { OutputOf } from '../../shared/api/procedures';
import { ID_CARD_FAILURES, ID_CARD_FAILURE_MESSAGES, type IdCardRead } from '../../shared/devices/idCard';
import { openBackend, type Backend } from '../../electron/backend/backend';
import type { IdCardReader } from '../../electron/backend/devices/idCard/reader';
import { DEMO_ID_CARD, SimulatedIdCardReader } from '../../electron/backend/devices/idCard/simulatedReader';
import { createHallServer } from '../../electron/hall/httpServer';
import { createLanListener, type LanListener } from '../../electron/hall/lanListener';
import { parseHallArgs } from '../../electron/hall/hallOptions';
import { ID_CARD_READER_SETTING_FILE, openIdCardReaderSetting } from '../../electron/main/idCardReaderSetting';
import { ADMIN, TestClient, TestClock } from '../support/testHall';

const LAN_ADDRESS = '127.0.0.2';
type ReadAnswer = OutputOf<'devices.readIdCard'>;

/** A hall host as `npm run hall` puts it together, with the reader the test hands it. */
async function openHall(reader: IdCardReader | null) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-idcard-'));
  let backend: Backend | null = null;
  const lan: LanListener = createLanListener({
    dataDir,
    staticDir: null,
    backend: () => backend!,
    log: () => {},
  });
  const clock = new TestClock();
  backend = await openBackend({
    dataDir,
    databaseKey: randomBytes(32),
    now: clock.now,
    hallNetwork: lan,
    idCardReader: reader,
    logError: () => {},
  });
  const server: http.Server = createHallServer({ backend, staticDir: null, loopbackOnly: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const opened = backend;
  return {
    url,
    backend: opened,
    clock,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lan.close();
      await opened.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
type Hall = Awaited<ReturnType<typeof openHall>>;

async function signedIn(hall: Hall, admin: TestClient, username: string, roles: string[]) {
  const user = await admin.ok('users.create', {
    username,
    displayName: `${username}同志`,
    roles,
    password: 'Initial123',
  });
  const client = new TestClient(hall.url);
  await client.ok('auth.login', { username, password: 'Initial123' });
  await client.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Counter2026' });
  return { client, userId: user.id };
}

/** A port free on the LAN address just now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, LAN_ADDRESS, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A window on the hall LAN: HTTPS trusting exactly the hall's certificate, its own cookie. */
class LanWindow {
  cookie: string | null = null;
  constructor(
    private readonly port: number,
    private readonly certPem: string,
  ) {}

  call(procedure: string, input: unknown): Promise<{ status: number; body: ApiResult<unknown> }> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: LAN_ADDRESS,
          port: this.port,
          path: `/api/${procedure}`,
          method: 'POST',
          ca: this.certPem,
          agent: false,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            ...(this.cookie ? { Cookie: this.cookie } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const setCookie = response.headers['set-cookie']?.[0];
            if (setCookie) this.cookie = setCookie.split(';')[0]!;
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          });
        },
      );
      request.once('error', reject);
      request.end(body);
    });
  }

  async ok<T>(procedure: string, input: unknown): Promise<T> {
    const answer = await this.call(procedure, input);
    assert.ok(answer.body.ok, `${procedure}: ${JSON.stringify(answer.body)}`);
    return answer.body.result as T;
  }
}

function failureOf(answer: ReadAnswer) {
  assert.equal(answer.ok, false, JSON.stringify(answer));
  return answer as Extract<ReadAnswer, { ok: false }>;
}

function successOf(answer: ReadAnswer) {
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return answer as Extract<ReadAnswer, { ok: true }>;
}

describe('reading an ID card through the hall host', () => {
  const reader = new SimulatedIdCardReader();
  let hall: Hall;
  let admin: TestClient;
  let clerk: TestClient;
  let clerkId: string;
  let villageA: { id: string; groups: { id: string }[] };
  let villageB: { id: string };

  before(async () => {
    hall = await openHall(reader);
    admin = new TestClient(hall.url);
    await admin.ok('system.setupAdministrator', ADMIN);
    villageA = await admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [{ name: '第三组' }] });
    villageB = await admin.ok('places.saveVillage', { name: '西岭村', kind: 'village', groups: [] });
    ({ client: clerk, userId: clerkId } = await signedIn(hall, admin, 'clerk', ['counterClerk']));
  });
  after(() => hall?.close());

  test('the simulated reader’s demo card is a valid card of the demo county', () => {
    assert.equal(reader.description, '模拟读卡器');
    assert.match(DEMO_ID_CARD.idNumber, /^410223\d{11}[\dX]$/);
    assert.equal(DEMO_ID_CARD.birthDate.replace(/-/g, ''), DEMO_ID_CARD.idNumber.slice(6, 14));
    assert.equal(Number(DEMO_ID_CARD.idNumber[16]) % 2 === 1 ? '男' : '女', DEMO_ID_CARD.sex);
  });

  test('this machine’s window may read; the card comes back whole, its number checked, nobody registered yet', async () => {
    const availability = await clerk.ok('devices.idCardReader', {});
    assert.deepEqual(availability, { usable: true, description: '模拟读卡器', failure: null, reason: null });
    const read = successOf(await clerk.ok('devices.readIdCard', {}));
    assert.deepEqual(read.card, DEMO_ID_CARD);
    assert.equal(read.idNumberProblem, null);
    assert.equal(read.resident, null);
    assert.equal(read.photo.kind, 'skipped', 'no photo is faked');
  });

  test('a card of a registered resident finds the resident, and the read is audited naming the resident', async () => {
    const registered = await clerk.ok('residents.register', {
      name: DEMO_ID_CARD.name,
      idType: 'residentId',
      idNumber: DEMO_ID_CARD.idNumber,
      ethnicity: '汉族',
      villageId: villageA.id,
      groupId: villageA.groups[0]!.id,
      address: DEMO_ID_CARD.address,
    });
    const read = successOf(await clerk.ok('devices.readIdCard', {}));
    assert.equal(read.resident?.id, registered.id);
    assert.equal(read.resident?.name, DEMO_ID_CARD.name);
    assert.equal(read.resident?.villageName, '东岗村');
    assert.ok(!JSON.stringify(read.resident).includes(DEMO_ID_CARD.idNumber), 'the match is a masked summary');

    const event = await hall.backend.db
      .selectFrom('audit_events')
      .selectAll()
      .where('procedure', '=', 'devices.readIdCard')
      .where('actor_id', '=', clerkId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(event.action, 'readPersonalData');
    assert.equal(event.entity, 'resident');
    assert.deepEqual(JSON.parse(event.record_ids!), [registered.id]);
    assert.match(event.summary, /读取身份证：王秀兰（4102\*+0248），已登记为居民/);
    assert.ok(!event.summary.includes(DEMO_ID_CARD.idNumber), 'the log masks the number');
    assert.equal(event.origin, '127.0.0.1');
  });

  test('a resident the reader may not read is not disclosed: a village agent of another village sees no match', async () => {
    const { client: agentB, userId: agentBId } = await signedIn(hall, admin, 'agentB', ['villageAgent']);
    await admin.ok('errands.setAgentVillage', { userId: agentBId, villageId: villageB.id });
    const { client: agentA, userId: agentAId } = await signedIn(hall, admin, 'agentA', ['villageAgent']);
    await admin.ok('errands.setAgentVillage', { userId: agentAId, villageId: villageA.id });
    const other = successOf(await agentB.ok('devices.readIdCard', {}));
    assert.equal(other.resident, null);
    assert.deepEqual(other.card, DEMO_ID_CARD, 'the card in hand is still read');
    const own = successOf(await agentA.ok('devices.readIdCard', {}));
    assert.equal(own.resident?.name, DEMO_ID_CARD.name);
  });

  test('a role whose forms take no person may not read cards', async () => {
    const { client: leader } = await signedIn(hall, admin, 'leader', ['leader']);
    const refused = await leader.call('devices.readIdCard', {});
    assert.equal(refused.status, 403);
    // …and is told the reader's state without reading.
    assert.equal((await leader.ok('devices.idCardReader', {})).usable, true);
  });

  test('every failure of a read is answered (not thrown) with its one sentence; what lies there next reads again', async () => {
    for (const failure of ID_CARD_FAILURES) {
      reader.failWith(failure);
      const answer = failureOf(await clerk.ok('devices.readIdCard', {}));
      assert.equal(answer.failure, failure);
      assert.equal(answer.message, ID_CARD_FAILURE_MESSAGES[failure]);
      assert.ok(!/\n/.test(answer.message) && answer.message.length < 80, `one sentence: ${answer.message}`);
    }
    reader.failWith(null);
    reader.place(null);
    assert.equal(failureOf(await clerk.ok('devices.readIdCard', {})).failure, 'noCard');
    reader.place(DEMO_ID_CARD);
    assert.equal((await clerk.ok('devices.readIdCard', {})).ok, true);
    const failedEvent = await hall.backend.db
      .selectFrom('audit_events')
      .select('summary')
      .where('procedure', '=', 'devices.readIdCard')
      .where('summary', 'like', '读取身份证未成功%')
      .executeTakeFirst();
    assert.ok(failedEvent, 'a failed read is in the log too');
  });

  test('a card whose number fails its check digit is read, and the form is told so', async () => {
    const wrong = DEMO_ID_CARD.idNumber.slice(0, 17) + (DEMO_ID_CARD.idNumber.endsWith('0') ? '1' : '0');
    reader.place({ ...DEMO_ID_CARD, idNumber: wrong });
    try {
      const read = successOf(await clerk.ok('devices.readIdCard', {}));
      assert.equal(read.card.idNumber, wrong);
      assert.match(read.idNumberProblem ?? '', /校验位不符/);
      assert.equal(read.resident, null);
    } finally {
      reader.place(DEMO_ID_CARD);
    }
  });

  describe('a window on the hall LAN', () => {
    let port: number;
    let certPem: string;
    let lan: LanWindow;
    let lanAddress: string;

    before(async () => {
      port = await freePort();
      const on = await admin.ok('hallNetwork.enable', { address: LAN_ADDRESS, port });
      certPem = on.certificate!.pem;
      lan = new LanWindow(port, certPem);
      await lan.ok('auth.login', { username: 'clerk', password: 'Counter2026' });
      const { windows } = await admin.ok('hallNetwork.windows', {});
      lanAddress = windows.find((w) => w.channel === 'lan' && w.username === 'clerk')!.from;
    });

    test('is refused with notAssigned until the administrator assigns the reader to its computer', async () => {
      const availability = await lan.ok<OutputOf<'devices.idCardReader'>>('devices.idCardReader', {});
      assert.equal(availability.usable, false);
      assert.equal(availability.failure, 'notAssigned');
      assert.equal(availability.reason, ID_CARD_FAILURE_MESSAGES.notAssigned);
      const refused = failureOf(await lan.ok<ReadAnswer>('devices.readIdCard', {}));
      assert.equal(refused.failure, 'notAssigned');
      assert.equal(refused.message, ID_CARD_FAILURE_MESSAGES.notAssigned);
    });

    test('assigned, it reads; the assignment is a change in the change log; taken back, it is refused again', async () => {
      const clerkRefused = await clerk.call('devices.assignIdCardReader', { address: lanAddress, assigned: true });
      assert.equal(clerkRefused.status, 403, 'only the administrator assigns');
      const assigned = await admin.ok('devices.assignIdCardReader', { address: lanAddress, assigned: true });
      assert.equal(assigned.reader, '模拟读卡器');
      assert.deepEqual(
        assigned.assignments.map((a) => [a.address, a.assignedBy]),
        [[lanAddress, ADMIN.displayName]],
      );
      assert.equal((await lan.ok<OutputOf<'devices.idCardReader'>>('devices.idCardReader', {})).usable, true);
      const read = successOf(await lan.ok<ReadAnswer>('devices.readIdCard', {}));
      assert.equal(read.card.idNumber, DEMO_ID_CARD.idNumber);

      const changes = await admin.ok('audit.changes', { entity: 'node' });
      const change = changes.items.find((c) => c.op === 'assignIdCardReader');
      assert.ok(change, JSON.stringify(changes.items.map((c) => c.op)));
      assert.equal(change.actorName, ADMIN.displayName);

      await admin.ok('devices.assignIdCardReader', { address: lanAddress, assigned: false });
      assert.equal(failureOf(await lan.ok<ReadAnswer>('devices.readIdCard', {})).failure, 'notAssigned');
      assert.deepEqual((await admin.ok('devices.idCardReaderAssignments', {})).assignments, []);
    });

    test('an address that is not one is refused naming the field', async () => {
      const answer = await admin.call('devices.assignIdCardReader', { address: '第三窗口', assigned: true });
      assert.equal(answer.status, 400);
      assert.ok(!answer.body.ok);
      assert.match(answer.body.error.fieldErrors?.address ?? '', /窗口地址：应为 IP 地址/);
    });
  });
});

describe('a reader that misbehaves, and none at all', () => {
  test('no reader on the hall host: every window is told so in one sentence', async () => {
    const hall = await openHall(null);
    try {
      const admin = new TestClient(hall.url);
      await admin.ok('system.setupAdministrator', ADMIN);
      const availability = await admin.ok('devices.idCardReader', {});
      assert.deepEqual(availability, {
        usable: false,
        description: null,
        failure: 'noReader',
        reason: ID_CARD_FAILURE_MESSAGES.noReader,
      });
      const answer = failureOf(await admin.ok('devices.readIdCard', {}));
      assert.equal(answer.failure, 'noReader');
      assert.equal((await admin.ok('devices.idCardReaderAssignments', {})).reader, null);
    } finally {
      await hall.close();
    }
  });

  test('a driver that throws is a read error; a second read while one is under way hears busy', async () => {
    let release: (read: IdCardRead) => void = () => {};
    let started: () => void = () => {};
    const readStarted = new Promise<void>((resolve) => (started = resolve));
    let throwNext = true;
    const flaky: IdCardReader = {
      description: '串口读卡器（测试）',
      read() {
        if (throwNext) {
          throwNext = false;
          return Promise.reject(new Error('port vanished'));
        }
        started();
        return new Promise<IdCardRead>((resolve) => (release = resolve));
      },
      close: () => Promise.resolve(),
    };
    const hall = await openHall(flaky);
    try {
      const admin = new TestClient(hall.url);
      await admin.ok('system.setupAdministrator', ADMIN);
      assert.equal(failureOf(await admin.ok('devices.readIdCard', {})).failure, 'readError');
      const second = new TestClient(hall.url);
      await second.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
      // The first read holds the reader until the card is released; a second window is answered meanwhile.
      const first = admin.ok('devices.readIdCard', {});
      await readStarted;
      const busy = failureOf(await second.ok('devices.readIdCard', {}));
      assert.equal(busy.failure, 'busy');
      release({ ok: true, card: DEMO_ID_CARD, photo: { kind: 'skipped', note: '无照片解码库' } });
      assert.equal(successOf(await first).card.name, DEMO_ID_CARD.name);
    } finally {
      await hall.close();
    }
  });
});

describe('the hall host’s --id-card-reader', () => {
  const defaults = { cwd: '/srv/hall', staticDir: null };
  const optionOf = (argv: string[]) => {
    const parsed = parseHallArgs(argv, defaults);
    assert.ok(parsed.ok === true, JSON.stringify(parsed));
    return parsed.options.idCardReader;
  };

  test('none by default, simulated for the demo unless told otherwise, the drivers’ words taken', () => {
    assert.equal(optionOf([]), 'none');
    assert.equal(optionOf(['--demo']), 'simulated');
    assert.equal(optionOf(['--demo', '--id-card-reader', 'none']), 'none');
    assert.equal(optionOf(['--id-card-reader', 'serial:/dev/ttyUSB0@115200']), 'serial:/dev/ttyUSB0@115200');
    assert.equal(optionOf(['--id-card-reader', 'serial:COM3']), 'serial:COM3');
    assert.equal(optionOf(['--id-card-reader', 'sdtapi:1001']), 'sdtapi:1001');
  });

  test('an unknown reader is refused in a sentence naming the choices', () => {
    const parsed = parseHallArgs(['--id-card-reader', 'usb'], defaults);
    assert.ok(parsed.ok === false);
    assert.match(parsed.message, /身份证读卡器设置“usb”无法识别。可用的写法：none/);
  });
});

describe('the desktop app’s id-card-reader.json', () => {
  test('absent: no reader; the hall’s words: that reader; anything else: no reader, logged, the app still opens', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'township-idcard-setting-'));
    try {
      const logged: string[] = [];
      const log = (message: string) => logged.push(message);
      assert.equal(await openIdCardReaderSetting(folder, log), null);
      assert.deepEqual(logged, [], 'no file is not a problem');
      const file = path.join(folder, ID_CARD_READER_SETTING_FILE);
      await writeFile(file, JSON.stringify({ reader: 'simulated' }));
      assert.equal((await openIdCardReaderSetting(folder, log))?.description, '模拟读卡器');
      for (const text of ['{ "reader": "usb" }', 'not json']) {
        await writeFile(file, text);
        assert.equal(await openIdCardReaderSetting(folder, log), null);
      }
      assert.equal(logged.length, 2);
      assert.match(logged[0]!, /读卡器设置 .* 无效，按未配置读卡器处理/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
