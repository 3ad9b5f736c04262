// The serial protocol of second-generation ID-card readers: the host talks to the reader's SAM
// (安全模块, GA 467) in frames, the same over a UART and a USB-serial adapter.
//
//   command:  AA AA AA 96 69 | LEN (2, big-endian) | CMD | PARA | data… | CHK
//   response: AA AA AA 96 69 | LEN (2, big-endian) | SW1 | SW2 | SW3 | data… | CHK
//
// LEN counts what follows it, the check byte included; CHK is the XOR of the two length bytes and
// every byte after them up to the check. SW3 is the reader's own status (SW1 SW2 relay the card's
// APDU status and are 00 00 on success). Source of the commands and status codes: the SAM
// module's published communication protocol (公安部身份证阅读器模块 SAM 通讯协议), as vendors of
// SAM modules reprint it, and the sample exchanges in integrators' write-ups, e.g. find card
// `AA AA AA 96 69 00 03 20 01 22` → `… 00 08 00 00 9F 00 00 00 00 97`.

export const SAM_PREAMBLE: Buffer = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Preamble and the two length bytes: what a frame has before LEN counts. */
const HEADER_BYTES = SAM_PREAMBLE.length + 2;

export interface SamCommandCode {
  cmd: number;
  para: number;
}

export const SAM_COMMANDS = {
  /** 寻找证/卡: answers 9F and the card's IIN (4 bytes), or 80 when no card lies on the reader. */
  findCard: { cmd: 0x20, para: 0x01 },
  /** 选取证/卡: answers 90 and the card's serial number (8 bytes), or 81. */
  selectCard: { cmd: 0x20, para: 0x02 },
  /** 读固定信息（文字 + 照片）: answers 90 and the text and photo blocks (see parseReadAnswer). */
  readTextAndPhoto: { cmd: 0x30, para: 0x01 },
} as const satisfies Record<string, SamCommandCode>;

/** SW3 values (the reader's status byte). */
export const SAM_STATUS = {
  success: 0x90,
  noContent: 0x91,
  findCardSuccess: 0x9f,
  badChecksumReceived: 0x10,
  badLengthReceived: 0x11,
  badCommandReceived: 0x21,
  unknownError: 0x24,
  cardRejectedSam: 0x31,
  samRejectedCard: 0x32,
  verificationFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomNumberFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorized: 0x66,
  findCardFailed: 0x80,
  selectCardFailed: 0x81,
} as const;

const STATUS_MEANINGS: Record<number, string> = {
  [SAM_STATUS.success]: '操作成功',
  [SAM_STATUS.noContent]: '证/卡中此项无内容',
  [SAM_STATUS.findCardSuccess]: '寻找证/卡成功',
  [SAM_STATUS.badChecksumReceived]: '读卡器收到的命令校验和错误',
  [SAM_STATUS.badLengthReceived]: '读卡器收到的命令长度错误',
  [SAM_STATUS.badCommandReceived]: '读卡器收到的命令错误',
  [SAM_STATUS.unknownError]: '无法识别的错误',
  [SAM_STATUS.cardRejectedSam]: '证/卡认证读卡器失败',
  [SAM_STATUS.samRejectedCard]: '读卡器认证证/卡失败',
  [SAM_STATUS.verificationFailed]: '信息验证错误',
  [SAM_STATUS.unknownCardType]: '无法识别的证/卡',
  [SAM_STATUS.readFailed]: '读证/卡操作失败',
  [SAM_STATUS.randomNumberFailed]: '取随机数失败',
  [SAM_STATUS.samSelfTestFailed]: '读卡器安全模块自检失败',
  [SAM_STATUS.samNotAuthorized]: '读卡器安全模块未经授权',
  [SAM_STATUS.findCardFailed]: '寻找证/卡失败（读卡区没有证件）',
  [SAM_STATUS.selectCardFailed]: '选取证/卡失败',
};

/** `SW3 41：读证/卡操作失败`, for logs and the administrator; unknown codes are named by value. */
export function describeSamStatus(sw3: number): string {
  const hex = sw3.toString(16).toUpperCase().padStart(2, '0');
  return `SW3 ${hex}：${STATUS_MEANINGS[sw3] ?? '未知状态'}`;
}

/** The steps of one read, in order: a status means different things at different steps. */
export type SamReadStep = 'findCard' | 'selectCard' | 'readTextAndPhoto';

/**
 * What a status answered at `step` means for the clerk: `null` = the step succeeded. The vendor
 * library (sdtapi) returns the same SW3 values, so both drivers judge a step here.
 */
export function failureForSamStatus(
  step: SamReadStep,
  sw3: number,
): null | 'noCard' | 'cardRemoved' | 'readError' | 'badResponse' {
  const success = step === 'findCard' ? SAM_STATUS.findCardSuccess : SAM_STATUS.success;
  if (sw3 === success) return null;
  if (sw3 === SAM_STATUS.findCardFailed) {
    // Found and selected a moment ago, gone now: the card was taken away during the read.
    return step === 'findCard' ? 'noCard' : 'cardRemoved';
  }
  // The reader says our frame reached it damaged: the line, not the card.
  if (
    sw3 === SAM_STATUS.badChecksumReceived ||
    sw3 === SAM_STATUS.badLengthReceived ||
    sw3 === SAM_STATUS.badCommandReceived
  ) {
    return 'badResponse';
  }
  return 'readError';
}

function xor(bytes: Uint8Array): number {
  let check = 0;
  for (const byte of bytes) check ^= byte;
  return check;
}

/** A frame around `payload` (what goes between the length and the check byte). */
export function encodeSamFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(HEADER_BYTES + payload.length + 1);
  SAM_PREAMBLE.copy(frame, 0);
  frame.writeUInt16BE(payload.length + 1, SAM_PREAMBLE.length);
  frame.set(payload, HEADER_BYTES);
  frame[frame.length - 1] = xor(frame.subarray(SAM_PREAMBLE.length, frame.length - 1));
  return frame;
}

export function encodeSamCommand(code: SamCommandCode, data: Uint8Array = new Uint8Array(0)): Buffer {
  return encodeSamFrame(Buffer.concat([Buffer.from([code.cmd, code.para]), data]));
}

export interface SamStatusBytes {
  sw1: number;
  sw2: number;
  sw3: number;
}

export function encodeSamResponse(status: SamStatusBytes, data: Uint8Array = new Uint8Array(0)): Buffer {
  return encodeSamFrame(Buffer.concat([Buffer.from([status.sw1, status.sw2, status.sw3]), data]));
}

export interface SamCommand extends SamCommandCode {
  data: Buffer;
}

export interface SamResponse extends SamStatusBytes {
  data: Buffer;
}

/** A decoded frame's payload read as a command; `null` when too short to hold CMD and PARA. */
export function parseSamCommand(payload: Buffer): SamCommand | null {
  if (payload.length < 2) return null;
  return { cmd: payload[0]!, para: payload[1]!, data: payload.subarray(2) };
}

/** A decoded frame's payload read as a response; `null` when too short to hold SW1–SW3. */
export function parseSamResponse(payload: Buffer): SamResponse | null {
  if (payload.length < 3) return null;
  return { sw1: payload[0]!, sw2: payload[1]!, sw3: payload[2]!, data: payload.subarray(3) };
}

export const CARD_TEXT_BLOCK_BYTES = 256;
export const CARD_PHOTO_BLOCK_BYTES = 1024;

/**
 * The data of a successful read (30 01): text length (2, BE), photo length (2, BE), the text
 * block, the photo block (WLT, 1024 bytes). `null` when the lengths disagree with the data.
 */
export function parseReadAnswer(data: Buffer): { text: Buffer; photo: Buffer } | null {
  if (data.length < 4) return null;
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  if (textLength < CARD_TEXT_BLOCK_BYTES || 4 + textLength + photoLength > data.length) return null;
  return {
    text: data.subarray(4, 4 + textLength),
    photo: data.subarray(4 + textLength, 4 + textLength + photoLength),
  };
}

export function encodeReadAnswer(text: Uint8Array, photo: Uint8Array): Buffer {
  const lengths = Buffer.alloc(4);
  lengths.writeUInt16BE(text.length, 0);
  lengths.writeUInt16BE(photo.length, 2);
  return Buffer.concat([lengths, text, photo]);
}

export interface SamFrameDecoderOptions {
  /** Smallest LEN accepted: 3 for commands (CMD PARA CHK), 4 for responses (SW1–3 CHK). */
  minLength?: number;
  /**
   * Largest LEN accepted. The longest answer of the protocol is text + photo + fingerprints
   * (2 321 bytes on the wire); anything far larger is a damaged length field.
   */
  maxLength?: number;
}

/**
 * Splits a byte stream into frame payloads. Bytes before a preamble are dropped; a frame whose
 * length is out of range or whose check byte is wrong is rejected and the search for a preamble
 * resumes one byte after the rejected one's start, so a real frame hidden inside garbage is found.
 */
export class SamFrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly minLength: number;
  private readonly maxLength: number;
  /** Bytes dropped because no frame started there. */
  discardedBytes = 0;
  /** Frames dropped for a bad length or check byte. */
  rejectedFrames = 0;

  constructor(options: SamFrameDecoderOptions = {}) {
    this.minLength = options.minLength ?? 3;
    this.maxLength = options.maxLength ?? 4096;
  }

  /** Payloads of the frames completed by `chunk`, in order. */
  push(chunk: Uint8Array): Buffer[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const payloads: Buffer[] = [];
    for (;;) {
      const start = this.buffer.indexOf(SAM_PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the first bytes of a preamble split across chunks.
        const keep = preamblePrefixAtEnd(this.buffer);
        this.drop(this.buffer.length - keep);
        break;
      }
      this.drop(start);
      if (this.buffer.length < HEADER_BYTES) break;
      const length = this.buffer.readUInt16BE(SAM_PREAMBLE.length);
      if (length < this.minLength || length > this.maxLength) {
        this.reject();
        continue;
      }
      if (this.buffer.length < HEADER_BYTES + length) break;
      const end = HEADER_BYTES + length;
      if (xor(this.buffer.subarray(SAM_PREAMBLE.length, end - 1)) !== this.buffer[end - 1]) {
        this.reject();
        continue;
      }
      payloads.push(Buffer.from(this.buffer.subarray(HEADER_BYTES, end - 1)));
      this.buffer = this.buffer.subarray(end);
    }
    return payloads;
  }

  /** Whether a frame has begun (its preamble arrived) and its end has not. */
  get midFrame(): boolean {
    return (
      this.buffer.length >= SAM_PREAMBLE.length && this.buffer.subarray(0, SAM_PREAMBLE.length).equals(SAM_PREAMBLE)
    );
  }

  /** Whether anything arrived that was not a frame: dropped bytes or rejected frames. */
  get sawGarbage(): boolean {
    return this.discardedBytes > 0 || this.rejectedFrames > 0;
  }

  /** Forgets everything received so far (before a new command: a late answer is not its answer). */
  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.discardedBytes = 0;
    this.rejectedFrames = 0;
  }

  private drop(count: number): void {
    if (count <= 0) return;
    this.discardedBytes += count;
    this.buffer = this.buffer.subarray(count);
  }

  private reject(): void {
    this.rejectedFrames++;
    // Past this preamble's first byte only: the next frame may begin inside this one.
    this.buffer = this.buffer.subarray(1);
    this.discardedBytes++;
  }
}

function preamblePrefixAtEnd(buffer: Buffer): number {
  for (let keep = Math.min(SAM_PREAMBLE.length - 1, buffer.length); keep > 0; keep--) {
    if (buffer.subarray(buffer.length - keep).equals(SAM_PREAMBLE.subarray(0, keep))) return keep;
  }
  return 0;
}
