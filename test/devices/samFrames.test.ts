// The SAM frames of second-generation ID-card readers: the bytes of the protocol's own examples,
// round trips, and the incremental decoder's resync over garbage, bad lengths and bad checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeSamStatus,
  encodeReadAnswer,
  encodeSamCommand,
  encodeSamFrame,
  encodeSamResponse,
  failureForSamStatus,
  parseReadAnswer,
  parseSamCommand,
  parseSamResponse,
  SAM_COMMANDS,
  SAM_STATUS,
  SamFrameDecoder,
} from '../../electron/backend/devices/idCard/samFrames';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('SAM command and response frames', () => {
  test('the three commands of a read, byte for byte as readers expect them', () => {
    assert.deepEqual(encodeSamCommand(SAM_COMMANDS.findCard), hex('AA AA AA 96 69 00 03 20 01 22'));
    assert.deepEqual(encodeSamCommand(SAM_COMMANDS.selectCard), hex('AA AA AA 96 69 00 03 20 02 21'));
    assert.deepEqual(encodeSamCommand(SAM_COMMANDS.readTextAndPhoto), hex('AA AA AA 96 69 00 03 30 01 32'));
  });

  test('responses: the find and select answers a reader sends, and a failure status', () => {
    assert.deepEqual(
      encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.findCardSuccess }, Buffer.alloc(4)),
      hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'),
    );
    assert.deepEqual(
      encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.success }, Buffer.alloc(8)),
      hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'),
    );
    assert.deepEqual(
      encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.readFailed }),
      hex('AA AA AA 96 69 00 04 00 00 41 45'),
    );
  });

  test('the read answer: lengths 0100 and 0400, 1 295 bytes on the wire', () => {
    const text = Buffer.alloc(256, 0x31);
    const photo = Buffer.alloc(1024, 0x57);
    const frame = encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x90 }, encodeReadAnswer(text, photo));
    assert.equal(frame.length, 1295);
    assert.deepEqual(frame.subarray(0, 14), hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
    const [payload] = new SamFrameDecoder({ minLength: 4 }).push(frame);
    const response = parseSamResponse(payload!)!;
    assert.equal(response.sw3, 0x90);
    const blocks = parseReadAnswer(response.data)!;
    assert.deepEqual(blocks.text, text);
    assert.deepEqual(blocks.photo, photo);
    // Lengths that promise more than the frame holds, or a short text block, are not an answer.
    assert.equal(parseReadAnswer(encodeReadAnswer(text, photo).subarray(0, 1000)), null);
    assert.equal(parseReadAnswer(encodeReadAnswer(Buffer.alloc(100), photo)), null);
    assert.equal(parseReadAnswer(Buffer.alloc(3)), null);
  });

  test('round trips: a command with data and a response decode to what was encoded', () => {
    const decoder = new SamFrameDecoder();
    const [commandPayload] = decoder.push(encodeSamCommand({ cmd: 0x60, para: 0x04 }, Buffer.from([1, 2, 3])));
    assert.deepEqual(parseSamCommand(commandPayload!), { cmd: 0x60, para: 0x04, data: Buffer.from([1, 2, 3]) });
    const [responsePayload] = decoder.push(encodeSamResponse({ sw1: 0x12, sw2: 0x34, sw3: 0x81 }, Buffer.from([9])));
    assert.deepEqual(parseSamResponse(responsePayload!), { sw1: 0x12, sw2: 0x34, sw3: 0x81, data: Buffer.from([9]) });
    assert.equal(parseSamCommand(Buffer.from([0x20])), null);
    assert.equal(parseSamResponse(Buffer.from([0, 0])), null);
  });

  test('the check byte is the XOR of the length and everything after it', () => {
    const frame = encodeSamFrame(Buffer.from([0x11, 0xff]));
    assert.deepEqual(frame, hex('AA AA AA 96 69 00 03 11 FF ED'));
    assert.equal(0x00 ^ 0x03 ^ 0x11 ^ 0xff, 0xed);
  });
});

describe('the incremental decoder', () => {
  const found = encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x9f }, Buffer.alloc(4));
  const selected = encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x90 }, Buffer.alloc(8));

  test('a frame split at every possible point, even inside the preamble, comes out once and whole', () => {
    for (let cut = 1; cut < found.length; cut++) {
      const decoder = new SamFrameDecoder({ minLength: 4 });
      assert.deepEqual(decoder.push(found.subarray(0, cut)), [], `cut at ${cut}`);
      assert.equal(decoder.midFrame, cut >= 5, `mid-frame after ${cut} bytes`);
      const [payload] = decoder.push(found.subarray(cut));
      assert.equal(parseSamResponse(payload!)!.sw3, 0x9f, `cut at ${cut}`);
      assert.equal(decoder.sawGarbage, false);
    }
  });

  test('byte by byte, two frames back to back', () => {
    const decoder = new SamFrameDecoder({ minLength: 4 });
    const out: Buffer[] = [];
    for (const byte of Buffer.concat([found, selected])) out.push(...decoder.push(Buffer.from([byte])));
    assert.deepEqual(
      out.map((payload) => parseSamResponse(payload)!.sw3),
      [0x9f, 0x90],
    );
  });

  test('garbage before a frame is dropped and counted; the frame is found', () => {
    const decoder = new SamFrameDecoder({ minLength: 4 });
    const garbage = hex('00 FF 13 AA AA 96 69 AA 37');
    const frames = decoder.push(Buffer.concat([garbage, found]));
    assert.equal(frames.length, 1);
    assert.equal(decoder.discardedBytes, garbage.length);
    assert.equal(decoder.sawGarbage, true);
  });

  test('a bad check byte rejects the frame, and a good frame right after it is still found', () => {
    const damaged = Buffer.from(found);
    damaged[damaged.length - 1]! ^= 0x01;
    const decoder = new SamFrameDecoder({ minLength: 4 });
    assert.deepEqual(decoder.push(damaged), []);
    assert.equal(decoder.rejectedFrames, 1);
    assert.equal(decoder.midFrame, false);
    const [payload] = decoder.push(selected);
    assert.equal(parseSamResponse(payload!)!.sw3, 0x90);
  });

  test('a frame hidden inside a rejected frame is found (resync one byte after the false start)', () => {
    // A preamble whose length claims 0x0010 bytes, followed at once by a real frame: the false
    // frame's check byte is wrong, and the real one starts inside it.
    const decoder = new SamFrameDecoder({ minLength: 4 });
    const falseStart = Buffer.concat([hex('AA AA AA 96 69 00 10'), found, Buffer.alloc(16)]);
    const frames = decoder.push(falseStart);
    assert.equal(frames.length, 1);
    assert.equal(parseSamResponse(frames[0]!)!.sw3, 0x9f);
    assert.equal(decoder.rejectedFrames, 1);
  });

  test('lengths out of range are rejected without waiting for their bytes', () => {
    const decoder = new SamFrameDecoder({ minLength: 4, maxLength: 4096 });
    assert.deepEqual(decoder.push(hex('AA AA AA 96 69 FF FF 00 00')), []);
    assert.deepEqual(decoder.push(hex('AA AA AA 96 69 00 02 00 02')), []);
    assert.equal(decoder.rejectedFrames, 2);
    assert.equal(decoder.midFrame, false);
    assert.equal(decoder.push(found).length, 1);
  });

  test('reset forgets a half frame and the garbage counts', () => {
    const decoder = new SamFrameDecoder({ minLength: 4 });
    decoder.push(Buffer.concat([hex('01 02'), found.subarray(0, 9)]));
    assert.ok(decoder.midFrame && decoder.sawGarbage);
    decoder.reset();
    assert.ok(!decoder.midFrame && !decoder.sawGarbage);
    assert.deepEqual(decoder.push(found.subarray(9)), []);
  });
});

describe('what a status means at each step', () => {
  test('success codes differ by step: 9F for find, 90 for select and read', () => {
    assert.equal(failureForSamStatus('findCard', 0x9f), null);
    assert.equal(failureForSamStatus('findCard', 0x90), 'readError');
    assert.equal(failureForSamStatus('selectCard', 0x90), null);
    assert.equal(failureForSamStatus('readTextAndPhoto', 0x90), null);
  });

  test('80 is no card when looking for one and a removed card afterwards; 81, 41 and the rest are read errors', () => {
    assert.equal(failureForSamStatus('findCard', 0x80), 'noCard');
    assert.equal(failureForSamStatus('selectCard', 0x80), 'cardRemoved');
    assert.equal(failureForSamStatus('readTextAndPhoto', 0x80), 'cardRemoved');
    assert.equal(failureForSamStatus('selectCard', 0x81), 'readError');
    assert.equal(failureForSamStatus('readTextAndPhoto', 0x41), 'readError');
    assert.equal(failureForSamStatus('readTextAndPhoto', 0x33), 'readError');
    assert.equal(failureForSamStatus('findCard', 0x66), 'readError');
    assert.equal(failureForSamStatus('findCard', 0x10), 'badResponse');
  });

  test('statuses are named for the administrator', () => {
    assert.equal(describeSamStatus(0x41), 'SW3 41：读证/卡操作失败');
    assert.equal(describeSamStatus(0x07), 'SW3 07：未知状态');
  });
});
