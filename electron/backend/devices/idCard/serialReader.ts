// The ID-card reader on a serial port (a UART, or the USB-serial port most readers show): find,
// select and read the card in SAM frames (samFrames.ts). Every wait is bounded — silence on the
// line past `responseTimeoutMs`, and the whole read past `readTimeoutMs` — so a read always ends
// with the card or one failure, and nothing is thrown to the caller.
//
// `serialport` is loaded on the first read, not at import: its native addon is needed only where
// a serial reader is configured, and a machine where it fails to load gets one sentence, not a
// backend that does not start.
import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import type { IdCardRead } from '../../../../shared/devices/idCard';
import { decodeCardText } from './cardText';
import { failedRead, WLT_PHOTO_SKIPPED } from './readResults';
import type { IdCardReader } from './reader';
import { requireAtRunTime } from './runtimeRequire';
import {
  encodeSamCommand,
  failureForSamStatus,
  parseReadAnswer,
  parseSamResponse,
  SAM_COMMANDS,
  SamFrameDecoder,
  type SamReadStep,
  type SamResponse,
} from './samFrames';

export interface SerialIdCardReaderOptions {
  /** `/dev/ttyUSB0`, `COM3`. */
  path: string;
  /** The SAM module's default is 115 200; modules can be set to 57 600 … 9 600. */
  baudRate?: number;
  /** Longest silence while an answer is awaited (the card read itself takes up to about a second). */
  responseTimeoutMs?: number;
  /** Longest whole read, from opening the port to the last byte. */
  readTimeoutMs?: number;
}

type WaitOutcome =
  | { kind: 'frame'; response: SamResponse }
  | { kind: 'silence' }
  | { kind: 'unplugged' }
  | { kind: 'aborted' }
  | { kind: 'closed' };

export class SerialIdCardReader implements IdCardReader {
  readonly description: string;
  private readonly path: string;
  private readonly baudRate: number;
  private readonly responseTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private port: SerialPort | null = null;
  private readonly decoder = new SamFrameDecoder({ minLength: 4 });
  private reading = false;
  /** Set while an answer is awaited; every event that ends the wait goes through it. */
  private wake: ((outcome: WaitOutcome) => void) | null = null;
  /** Reset on every byte: the silence timer of the current wait. */
  private onBytes: (() => void) | null = null;

  constructor(options: SerialIdCardReaderOptions) {
    this.path = options.path;
    this.baudRate = options.baudRate ?? 115_200;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 2_000;
    this.readTimeoutMs = options.readTimeoutMs ?? 8_000;
    this.description = `串口读卡器（${this.path}，${this.baudRate} 波特）`;
  }

  async read(options: { signal?: AbortSignal } = {}): Promise<IdCardRead> {
    if (this.reading) return failedRead('busy');
    this.reading = true;
    try {
      return await this.readCard(options.signal, Date.now() + this.readTimeoutMs);
    } catch (error) {
      // Nothing below should throw; if something does, the clerk still gets a sentence.
      return failedRead('readError', error instanceof Error ? error.message : String(error));
    } finally {
      this.wake = null;
      this.onBytes = null;
      this.reading = false;
    }
  }

  async close(): Promise<void> {
    this.wake?.({ kind: 'closed' });
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async readCard(signal: AbortSignal | undefined, deadline: number): Promise<IdCardRead> {
    if (signal?.aborted) return failedRead('timeout');
    const opened = await this.open(deadline);
    if (opened) return opened;

    const found = await this.exchange('findCard', signal, deadline);
    if (!found.ok) return found.read;
    const selected = await this.exchange('selectCard', signal, deadline);
    if (!selected.ok) return selected.read;
    const answered = await this.exchange('readTextAndPhoto', signal, deadline);
    if (!answered.ok) return answered.read;

    const blocks = parseReadAnswer(answered.response.data);
    if (!blocks) return failedRead('badResponse', '读卡应答的长度与内容不符');
    const text = decodeCardText(blocks.text);
    if (!text.ok) return failedRead('badResponse', text.reason);
    return { ok: true, card: text.text, photo: WLT_PHOTO_SKIPPED };
  }

  /** Opens the port unless open; a failure as the read's answer, `null` when open. */
  private async open(deadline: number): Promise<IdCardRead | null> {
    if (this.port?.isOpen) return null;
    let SerialPortClass: typeof SerialPort;
    try {
      ({ SerialPort: SerialPortClass } = requireAtRunTime<typeof import('serialport')>('serialport'));
    } catch (error) {
      return failedRead('noReader', `串口组件无法加载：${error instanceof Error ? error.message : String(error)}`);
    }
    const port = new SerialPortClass({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    let abandoned = false;
    const error = await withinDeadline(
      new Promise<Error | null>((resolve) =>
        port.open((err) => {
          // Opened after the read gave up: nobody will use or close it.
          if (abandoned && !err) port.close();
          resolve(err);
        }),
      ),
      deadline,
      new Error('打开串口超时'),
    );
    if (error) {
      abandoned = true;
      if (port.isOpen) port.close();
      const missing =
        (process.platform !== 'win32' && !existsSync(this.path)) ||
        /no such file|not found|cannot find|ENOENT/i.test(error.message);
      return failedRead(
        'readerUnplugged',
        missing ? `串口 ${this.path} 不存在` : `串口 ${this.path}：${error.message}`,
      );
    }
    port.on('data', (chunk: Buffer) => this.receive(port, chunk));
    // An unplugged USB-serial adapter (or a pty whose other end went away) closes the port with a
    // DisconnectedError; a close we asked for comes without one.
    port.on('close', () => {
      if (this.port === port) this.port = null;
      this.wake?.({ kind: 'unplugged' });
    });
    // Errors after opening also reach the close handler or the pending write; without a listener
    // an 'error' event would be thrown.
    port.on('error', () => {});
    this.decoder.reset();
    this.port = port;
    return null;
  }

  private receive(port: SerialPort, chunk: Buffer): void {
    if (this.port !== port) return;
    this.onBytes?.();
    const frames = this.decoder.push(chunk);
    const response = frames.map(parseSamResponse).find((frame) => frame !== null);
    if (response) this.wake?.({ kind: 'frame', response });
  }

  /** Sends the step's command and awaits its answer; a failure as the read's answer. */
  private async exchange(
    step: SamReadStep,
    signal: AbortSignal | undefined,
    deadline: number,
  ): Promise<{ ok: true; response: SamResponse } | { ok: false; read: IdCardRead }> {
    const port = this.port;
    if (!port) return { ok: false, read: failedRead('readerUnplugged') };
    if (signal?.aborted) return { ok: false, read: failedRead('timeout') };
    // An answer that arrives late belongs to the previous command, not to this one.
    this.decoder.reset();
    const outcome = new Promise<WaitOutcome>((resolve) => {
      let silence: NodeJS.Timeout | undefined;
      const finish = (result: WaitOutcome) => {
        clearTimeout(silence);
        clearTimeout(overall);
        signal?.removeEventListener('abort', onAbort);
        this.wake = null;
        this.onBytes = null;
        resolve(result);
      };
      const armSilence = () => {
        clearTimeout(silence);
        silence = setTimeout(() => finish({ kind: 'silence' }), this.responseTimeoutMs);
      };
      const overall = setTimeout(() => finish({ kind: 'silence' }), Math.max(0, deadline - Date.now()));
      const onAbort = () => finish({ kind: 'aborted' });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake = finish;
      this.onBytes = armSilence;
      armSilence();
    });
    port.write(encodeSamCommand(SAM_COMMANDS[step]), (error) => {
      if (error) this.wake?.({ kind: 'unplugged' });
    });
    const result = await outcome;
    switch (result.kind) {
      case 'frame': {
        const failure = failureForSamStatus(step, result.response.sw3);
        return failure ? { ok: false, read: failedRead(failure) } : { ok: true, response: result.response };
      }
      case 'unplugged':
        await this.close();
        return { ok: false, read: failedRead('readerUnplugged') };
      case 'closed':
        return { ok: false, read: failedRead('noReader') };
      case 'aborted':
        return { ok: false, read: failedRead('timeout') };
      case 'silence':
        // Half a frame and then nothing: the reader stopped answering. Only bytes that never made
        // a frame: the reader answers, but not in this protocol (wrong speed, damaged line).
        if (!this.decoder.midFrame && this.decoder.sawGarbage) return { ok: false, read: failedRead('badResponse') };
        return { ok: false, read: failedRead('timeout') };
    }
  }
}

function withinDeadline<T>(promise: Promise<T>, deadline: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), Math.max(0, deadline - Date.now())))),
  ]).finally(() => clearTimeout(timer));
}
