// The serial ID-card driver against a simulated reader on a pseudo-terminal pair (socat): the
// bytes it sends, checked one by one, and what it makes of each way a reader answers — a card, no
// card, a failure status, a card taken away mid-read, garbage, a cable pulled. Every read must end
// within its bound; the tests that wait for silence use short timeouts so they end quickly.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { IdCardRead, IdCardText } from '../../shared/devices/idCard';
import { ID_CARD_FAILURE_MESSAGES } from '../../shared/devices/idCard';
import { SerialIdCardReader, type SerialIdCardReaderOptions } from '../../electron/backend/devices/idCard/serialReader';
import { encodeSamResponse, SAM_STATUS } from '../../electron/backend/devices/idCard/samFrames';
import { disposeAll } from '../support/dispose';
import { socatAvailable, startPtyPair, type PtyPair } from './support/ptyPair';
import { cardFrame, samAnswers, SimulatedSamDevice, type SamScript } from './support/samDevice';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const FIND = hex('AA AA AA 96 69 00 03 20 01 22');
const SELECT = hex('AA AA AA 96 69 00 03 20 02 21');
const READ = hex('AA AA AA 96 69 00 03 30 01 32');

const CARD: IdCardText = {
  name: '李桂英',
  sex: '女',
  ethnicity: '回族',
  birthDate: '1956-11-02',
  address: '河南省尉氏县青石镇西岗村第五组27号',
  idNumber: '410223195611020049',
  issuingAuthority: '尉氏县公安局',
  validFrom: '2016-04-11',
  validTo: '长期',
};

/** Bounds of the tests that wait out a silence: short, so a failing driver cannot hold the run. */
const SHORT: Partial<SerialIdCardReaderOptions> = { responseTimeoutMs: 400, readTimeoutMs: 2_000 };
/** Bounds of the tests where the device answers at once: generous, since they end on the answer. */
const GENEROUS: Partial<SerialIdCardReaderOptions> = { responseTimeoutMs: 10_000, readTimeoutMs: 20_000 };

/** The usual script: card found, selected, then `onRead` answers the read command. */
const script =
  (onRead: () => Buffer[]): SamScript =>
  (command) => {
    if (command.cmd === 0x20 && command.para === 0x01) return samAnswers.found();
    if (command.cmd === 0x20 && command.para === 0x02) return samAnswers.selected();
    if (command.cmd === 0x30 && command.para === 0x01) return onRead();
    return [];
  };

function failureOf(read: IdCardRead): string {
  assert.equal(read.ok, false, `expected a failure, got ${JSON.stringify(read)}`);
  assert.ok(!read.ok);
  assert.ok(read.message.startsWith(ID_CARD_FAILURE_MESSAGES[read.failure]), read.message);
  return read.failure;
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe('the serial ID-card reader on a simulated SAM reader', { skip: !socatAvailable() && 'socat 未安装' }, () => {
  let pair: PtyPair;
  let device: SimulatedSamDevice;
  const readers: SerialIdCardReader[] = [];

  const reader = (options: Partial<SerialIdCardReaderOptions> = GENEROUS) => {
    const made = new SerialIdCardReader({ path: pair.driverPath, ...options });
    readers.push(made);
    return made;
  };

  beforeEach(async () => {
    pair = await startPtyPair();
    device = await SimulatedSamDevice.open(pair.devicePath);
  });

  afterEach(() =>
    disposeAll([...readers.splice(0).map((r) => () => r.close()), () => device.close(), () => pair.stop()]),
  );

  test('a good card: find, select, read — exactly these bytes — and every field decoded', async () => {
    device.answer(script(() => samAnswers.card(CARD)));
    const driver = reader();
    const read = await driver.read();
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT, READ]));
    assert.deepEqual(read, {
      ok: true,
      card: CARD,
      photo: { kind: 'skipped', note: '照片为加密格式（WLT），本机没有厂商解码库，未解码' },
    });
    // The port stays open between reads; the next read sends the same three commands again.
    device.answer(script(() => samAnswers.card({ ...CARD, name: '马明', sex: '男' })));
    const again = await driver.read();
    assert.ok(again.ok);
    assert.equal(again.card.name, '马明');
    assert.equal(again.card.sex, '男');
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT, READ]));
    assert.match(driver.description, new RegExp(`串口读卡器（${pair.driverPath}，115200 波特）`));
  });

  test('no card on the reader: only the find command goes out, and the answer is noCard', async () => {
    device.answer((command) => (command.cmd === 0x20 && command.para === 0x01 ? samAnswers.noCard() : []));
    const read = await reader().read();
    assert.equal(failureOf(read), 'noCard');
    assert.deepEqual(device.received, FIND);
  });

  test('a read error status (41) after find and select gives readError', async () => {
    device.answer(script(() => samAnswers.status(SAM_STATUS.readFailed)));
    const read = await reader().read();
    assert.equal(failureOf(read), 'readError');
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT, READ]));
  });

  test('select failing (81) gives readError without sending the read command', async () => {
    device.answer((command) =>
      command.para === 0x01 ? samAnswers.found() : command.para === 0x02 ? samAnswers.status(0x81) : [],
    );
    const read = await reader().read();
    assert.equal(failureOf(read), 'readError');
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT]));
  });

  test('the card taken away mid-read, the reader saying so (80 to the read): cardRemoved', async () => {
    device.answer(script(() => samAnswers.status(SAM_STATUS.findCardFailed)));
    assert.equal(failureOf(await reader().read()), 'cardRemoved');
  });

  test('the card taken away mid-read, the reader stopping after half a frame: timeout within the bound', async () => {
    device.answer(script(() => [cardFrame(CARD).subarray(0, 600)]));
    const { result, ms } = await timed(reader(SHORT).read());
    assert.equal(failureOf(result), 'timeout');
    assert.ok(ms < SHORT.readTimeoutMs! + 1_000, `${ms} ms`);
  });

  test('garbage and a frame with a bad check byte, then nothing: badResponse within the bound', async () => {
    const damaged = encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.findCardSuccess }, Buffer.alloc(4));
    damaged[damaged.length - 1]! ^= 0xff;
    device.answer(() => [hex('13 37 00 FF 42 AA AA 96 01 7E'), damaged, hex('55 66 77')]);
    const { result, ms } = await timed(reader(SHORT).read());
    assert.equal(failureOf(result), 'badResponse');
    assert.ok(ms < SHORT.readTimeoutMs! + 1_000, `${ms} ms`);
    assert.deepEqual(device.received, FIND);
  });

  test('garbage before each answer, and the card in pieces: the driver resyncs and reads the card', async () => {
    const noise = hex('00 AA AA 13 96 69 FF');
    const frame = cardFrame(CARD);
    const answers = script(() => [noise, frame.subarray(0, 3), frame.subarray(3, 700), frame.subarray(700)]);
    device.answer((command, index) =>
      command.cmd === 0x30 ? answers(command, index) : [noise, ...answers(command, index)],
    );
    const read = await reader().read();
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(read.card, CARD);
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT, READ]));
  });

  test('the reader gone mid-read (socat killed): readerUnplugged or timeout within the bound, then readerUnplugged at once', async () => {
    device.answer(
      script(() => {
        pair.cut();
        return [];
      }),
    );
    const driver = reader(SHORT);
    const { result, ms } = await timed(driver.read());
    assert.ok(['readerUnplugged', 'timeout'].includes(failureOf(result)), JSON.stringify(result));
    assert.ok(ms < SHORT.readTimeoutMs! + 1_000, `${ms} ms`);
    const { result: next, ms: nextMs } = await timed(driver.read());
    assert.equal(failureOf(next), 'readerUnplugged');
    assert.ok(nextMs < SHORT.readTimeoutMs! + 1_000, `${nextMs} ms`);
  });

  test('a port that does not exist: readerUnplugged naming the path', async () => {
    const missing = `${pair.driverPath}-missing`;
    const driver = new SerialIdCardReader({ path: missing, ...SHORT });
    readers.push(driver);
    const read = await driver.read();
    assert.equal(failureOf(read), 'readerUnplugged');
    assert.ok(!read.ok && read.message.includes(`串口 ${missing} 不存在`), !read.ok ? read.message : '');
    assert.ok(driver.description.includes(missing));
  });

  test('two reads at once: one reads the card, the other is told the reader is busy', async () => {
    device.answer(script(() => samAnswers.card(CARD)));
    const driver = reader();
    const [first, second] = await Promise.all([driver.read(), driver.read()]);
    assert.ok(first.ok);
    assert.equal(failureOf(second), 'busy');
    assert.deepEqual(device.received, Buffer.concat([FIND, SELECT, READ]));
  });

  test('a read the caller abandons (AbortSignal) ends at once with timeout', async () => {
    device.answer(() => []);
    const controller = new AbortController();
    const commandSeen = once(device, 'command');
    const pending = timed(reader(GENEROUS).read({ signal: controller.signal }));
    // Abort once the find command has reached the device, so the read is really waiting.
    await commandSeen;
    controller.abort();
    const { result, ms } = await pending;
    assert.equal(failureOf(result), 'timeout');
    assert.ok(ms < 5_000, `${ms} ms`);
  });
});
