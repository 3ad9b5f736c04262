import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDesktopBridge,
  createDesktopHallClient,
  isProcedureNameShape,
  printingIpcError,
  type InvokePrinting,
  type InvokeUpload,
} from '../../electron/preload/desktopBridge';
import type { PrintRequest } from '../../shared/documents/printing';

/** For the tests of `call`: printing is never reached. */
const noPrinting: InvokePrinting = () => Promise.reject(new Error('printing not expected'));
/** For the tests of `call` and printing: no upload is sent. */
const noUpload: InvokeUpload = () => Promise.reject(new Error('upload not expected'));

test('procedure names: domain.name, short, nothing else', () => {
  for (const name of ['residents.search', 'auth.changePassword', 'system.setupAdministrator', 'users.list']) {
    assert.equal(isProcedureNameShape(name), true, name);
  }
  for (const name of [
    '',
    'residents',
    'Residents.search',
    'residents.search.x',
    'residents.',
    '.search',
    'residents.search ',
    'residents.search\n',
    'residents/search',
    '__proto__.constructor',
    'residents.sea-rch',
    'a'.repeat(40) + '.' + 'b'.repeat(40),
    42,
    null,
    undefined,
    { toString: () => 'residents.search' },
  ]) {
    assert.equal(isProcedureNameShape(name), false, String(name));
  }
});

test('the bridge exposes call(), printing and upload(), nothing else, frozen', () => {
  const bridge = createDesktopBridge(async () => ({ ok: true, result: null }), noPrinting, noUpload);
  assert.deepEqual(Object.keys(bridge), ['call', 'printing', 'upload']);
  assert.equal(Object.isFrozen(bridge), true);
  assert.deepEqual(Object.keys(bridge.printing), ['listPrinters', 'getSettings', 'setSettings', 'print']);
  assert.equal(Object.isFrozen(bridge.printing), true);
});

test('call() forwards procedure and input and returns the main process’s answer', async () => {
  const sent: unknown[] = [];
  const bridge = createDesktopBridge(
    async (procedure, input) => {
      sent.push([procedure, input]);
      return { ok: true, result: { echoed: input } };
    },
    noPrinting,
    noUpload,
  );
  const result = await bridge.call('residents.get', { id: 'abc' });
  assert.deepEqual(sent, [['residents.get', { id: 'abc' }]]);
  assert.deepEqual(result, { ok: true, result: { echoed: { id: 'abc' } } });
});

test('a malformed procedure never reaches the main process', async () => {
  let sent = 0;
  const bridge = createDesktopBridge(
    async () => {
      sent++;
      return { ok: true, result: null };
    },
    noPrinting,
    noUpload,
  );
  const result = await bridge.call('../../etc/passwd', {});
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'BAD_REQUEST');
  assert.equal(await bridge.call(123 as unknown as string, {}).then((r) => r.ok), false);
  assert.equal(sent, 0);
});

test('an IPC failure (rejected or thrown) becomes an ApiResult', async () => {
  const rejecting = createDesktopBridge(
    () => Promise.reject(new Error('An object could not be cloned.')),
    noPrinting,
    noUpload,
  );
  const r1 = await rejecting.call('residents.search', { fn: () => 1 });
  assert.equal(!r1.ok && r1.error.code, 'INTERNAL');
  const throwing = createDesktopBridge(
    () => {
      throw new Error('sync');
    },
    noPrinting,
    noUpload,
  );
  const r2 = await throwing.call('residents.search', {});
  assert.equal(!r2.ok && r2.error.code, 'INTERNAL');
});

test('upload() hands an ArrayBuffer to the upload channel and returns its answer; anything else never leaves', async () => {
  const sent: unknown[] = [];
  const receipt = {
    uploadId: 'A'.repeat(22),
    sizeBytes: 3,
    sha256: 'f'.repeat(64),
    expiresAt: '2026-11-23T03:00:00.000Z',
  };
  const bridge = createDesktopBridge(
    () => Promise.reject(new Error('call not expected')),
    noPrinting,
    async (bytes) => {
      sent.push(bytes);
      return { ok: true, result: receipt };
    },
  );
  const bytes = new Uint8Array([1, 2, 3]).buffer;
  assert.deepEqual(await bridge.upload(bytes), { ok: true, result: receipt });
  assert.deepEqual(sent, [bytes]);
  const notBytes = await bridge.upload('a file' as unknown as ArrayBuffer);
  assert.equal(!notBytes.ok && notBytes.error.code, 'BAD_REQUEST');
  assert.equal(sent.length, 1);
  const failing = createDesktopBridge(
    () => Promise.reject(new Error('call not expected')),
    noPrinting,
    () => Promise.reject(new Error('An object could not be cloned.')),
  );
  const failed = await failing.upload(bytes);
  assert.equal(!failed.ok && failed.error.code, 'INTERNAL');
});

const request: PrintRequest = {
  fileUrl: '/files/abcdefghijklmnop/receipt.pdf',
  documentType: 'receipt',
  paper: { pageSize: 'receipt80', widthMm: 80, heightMm: 123.5 },
  copies: 1,
  showDialog: false,
};

/** A printing bridge whose IPC records what it sends and answers with `answer`. */
function recordingPrinting(answer: (operation: string) => Promise<unknown>) {
  const sent: [string, unknown][] = [];
  const bridge = createDesktopBridge(
    () => Promise.reject(new Error('call not expected')),
    (operation, argument) => {
      sent.push([operation, argument]);
      return answer(operation);
    },
    noUpload,
  );
  return { printing: bridge.printing, sent };
}

test('printing forwards each operation and its argument through the one channel', async () => {
  const settings = { byDocumentType: { receipt: { deviceName: 'XP-80', silent: true } } };
  const answers: Record<string, unknown> = {
    listPrinters: [{ name: 'XP-80', displayName: 'XP-80', isDefault: true }],
    getSettings: settings,
    setSettings: settings,
    print: { ok: true, deviceName: 'XP-80', silent: true },
  };
  const { printing, sent } = recordingPrinting(async (operation) => answers[operation]);
  assert.deepEqual(await printing.listPrinters(), answers.listPrinters);
  assert.deepEqual(await printing.getSettings(), settings);
  assert.deepEqual(await printing.setSettings(settings), settings);
  assert.deepEqual(await printing.print(request), answers.print);
  assert.deepEqual(sent, [
    ['listPrinters', undefined],
    ['getSettings', undefined],
    ['setSettings', settings],
    ['print', request],
  ]);
});

test('a failed print IPC is a failed outcome, never a rejection', async () => {
  const { printing } = recordingPrinting(() => Promise.reject(new Error('An object could not be cloned.')));
  assert.deepEqual(await printing.print(request), {
    ok: false,
    reason: 'failed',
    message: '无法与本机后台通信，请重新启动程序后再试。',
  });
  const throwing = createDesktopBridge(
    async () => ({ ok: true, result: null }),
    () => {
      throw new Error('sync');
    },
    noUpload,
  );
  assert.equal((await throwing.printing.print(request)).ok, false);
});

test('the other operations reject with a Chinese Error: the main process’s sentence, or the general one', async () => {
  const fromMain = recordingPrinting(() =>
    Promise.reject(
      new Error("Error invoking remote method 'township-desk:printing': Error: 打印设置的内容无效，没有保存。"),
    ),
  );
  await assert.rejects(fromMain.printing.setSettings({ byDocumentType: {} }), {
    message: '打印设置的内容无效，没有保存。',
  });
  const local = recordingPrinting(() => Promise.reject(new Error('An object could not be cloned.')));
  await assert.rejects(local.printing.listPrinters(), { message: '无法与本机后台通信，请重新启动程序后再试。' });
  await assert.rejects(local.printing.getSettings(), { message: '无法与本机后台通信，请重新启动程序后再试。' });
  // an unexpected English error from the main process is not shown to the clerk
  assert.equal(
    printingIpcError(new Error("Error invoking remote method 'township-desk:printing': TypeError: x is undefined"))
      .message,
    '无法与本机后台通信，请重新启动程序后再试。',
  );
  assert.equal(printingIpcError('not an error').message, '无法与本机后台通信，请重新启动程序后再试。');
});

test('hallClient (连接到大厅主机) forwards check and connect through one channel; a failed round trip is an outcome', async () => {
  const sent: unknown[][] = [];
  const hallClient = createDesktopHallClient(async (operation, argument) => {
    sent.push([operation, argument]);
    return operation === 'check' ? { outcome: 'match', fingerprint: 'AB' } : { outcome: 'restarting' };
  });
  assert.ok(Object.isFrozen(hallClient));
  const input = { hallUrl: 'https://192.168.1.10:4781/', fingerprint: 'AB' };
  assert.deepEqual(await hallClient.check(input), { outcome: 'match', fingerprint: 'AB' });
  assert.deepEqual(await hallClient.connect(input), { outcome: 'restarting' });
  assert.deepEqual(sent, [
    ['check', input],
    ['connect', input],
  ]);
  const broken = createDesktopHallClient(() => Promise.reject(new Error('boom')));
  assert.deepEqual(await broken.check(input), {
    outcome: 'unreachable',
    message: '无法与本机后台通信，请重新启动程序后再试。',
  });
  assert.deepEqual(await broken.connect(input), {
    outcome: 'failed',
    message: '无法与本机后台通信，请重新启动程序后再试。',
  });
  const bridge = createDesktopBridge(() => Promise.resolve(null), noPrinting, noUpload, undefined, hallClient);
  assert.equal(bridge.hallClient, hallClient);
});
