// The ID-card reader through the vendor's library: most Chinese readers ship `sdtapi.dll`, the
// Windows API of the SAM module (SDT_OpenPort, SDT_StartFindIDCard, SDT_SelectIDCard,
// SDT_ReadBaseMsg; __stdcall). It is called through `koffi`, an optional dependency loaded on the
// first read and only on Windows — importing this file needs neither koffi nor the DLL, and a
// machine without them answers `noReader` in one sentence.
//
// The functions return the reader's SW3 status (0x90 success, 0x9F card found, 0x80 no card, …,
// judged by failureForSamStatus as the serial driver does) or the library's own codes 0x01–0x06
// (port, USB and receive-timeout errors). Calls run on koffi's worker threads (`.async`), so a
// read never blocks the event loop, and each wait is bounded; a call that never returns leaves
// the reader busy rather than starting a second call into the same library.
import type { IdCardRead } from '../../../../shared/devices/idCard';
import { decodeCardText } from './cardText';
import { failedRead, WLT_PHOTO_SKIPPED } from './readResults';
import type { IdCardReader } from './reader';
import { requireAtRunTime } from './runtimeRequire';
import { CARD_PHOTO_BLOCK_BYTES, CARD_TEXT_BLOCK_BYTES, failureForSamStatus, type SamReadStep } from './samFrames';

/** The four calls a read needs, each resolving to the library's return code. */
export interface SdtapiLibrary {
  openPort(port: number): Promise<number>;
  closePort(port: number): Promise<number>;
  startFindIdCard(port: number): Promise<number>;
  selectIdCard(port: number): Promise<number>;
  readBaseMsg(port: number): Promise<{ status: number; text: Buffer; photo: Buffer }>;
  unload(): void;
}

/** USB readers are ports 1001–1016 to sdtapi (serial ones 1–16). */
export const SDTAPI_USB_PORTS: readonly number[] = Array.from({ length: 16 }, (_, i) => 1001 + i);

/** The library's own return codes (not SAM statuses). */
const LIBRARY_CODES = {
  portFailed: 0x01,
  receiveTimeout: 0x02,
  transferError: 0x03,
  usbNotConfigured: 0x04,
  samPortUnavailable: 0x05,
  usbDisabled: 0x06,
} as const;

export interface SdtapiIdCardReaderOptions {
  /** The reader's port; omitted = the first USB port (1001–1016) that opens. */
  port?: number;
  /** Where the DLL is; the default lets Windows search (the program's folder, System32, PATH). */
  libraryPath?: string;
  /** Longest wait for one library call. */
  callTimeoutMs?: number;
  /** Tests: the platform to act as, and a stand-in for koffi and the DLL. */
  platform?: NodeJS.Platform;
  openLibrary?: (libraryPath: string) => Promise<SdtapiLibrary>;
}

export class SdtapiIdCardReader implements IdCardReader {
  readonly description: string;
  private readonly configuredPort: number | undefined;
  private readonly libraryPath: string;
  private readonly callTimeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private readonly openLibrary: (libraryPath: string) => Promise<SdtapiLibrary>;
  private library: SdtapiLibrary | null = null;
  private openPortNumber: number | null = null;
  private reading = false;
  /** A library call that outlived its wait: nothing else may call the library until it returns. */
  private stuckCall: Promise<unknown> | null = null;

  constructor(options: SdtapiIdCardReaderOptions = {}) {
    this.configuredPort = options.port;
    this.libraryPath = options.libraryPath ?? 'sdtapi.dll';
    this.callTimeoutMs = options.callTimeoutMs ?? 5_000;
    this.platform = options.platform ?? process.platform;
    this.openLibrary = options.openLibrary ?? loadSdtapiWithKoffi;
    const where = this.configuredPort === undefined ? 'USB 端口自动查找' : `端口 ${this.configuredPort}`;
    this.description = `厂商读卡库读卡器（sdtapi.dll，${where}）`;
  }

  async read(options: { signal?: AbortSignal } = {}): Promise<IdCardRead> {
    if (this.reading || this.stuckCall) return failedRead('busy');
    this.reading = true;
    try {
      return await this.readCard(options.signal);
    } catch (error) {
      return failedRead('readError', error instanceof Error ? error.message : String(error));
    } finally {
      this.reading = false;
    }
  }

  async close(): Promise<void> {
    const library = this.library;
    const port = this.openPortNumber;
    this.library = null;
    this.openPortNumber = null;
    if (!library || this.stuckCall) return;
    if (port !== null) await this.call(library.closePort(port)).catch(() => undefined);
    library.unload();
  }

  private async readCard(signal: AbortSignal | undefined): Promise<IdCardRead> {
    if (this.platform !== 'win32') return failedRead('noReader', '厂商读卡库 sdtapi.dll 只能在 Windows 上使用');
    if (!this.library) {
      try {
        this.library = await this.openLibrary(this.libraryPath);
      } catch (error) {
        return failedRead('noReader', `无法加载厂商读卡库 ${this.libraryPath}：${describe(error)}`);
      }
    }
    const library = this.library;
    if (this.openPortNumber === null) {
      const opened = await this.openFirstPort(library, signal);
      if (typeof opened !== 'number') return opened;
      this.openPortNumber = opened;
    }
    const port = this.openPortNumber;

    const steps: Array<[SamReadStep, () => Promise<number>]> = [
      ['findCard', () => library.startFindIdCard(port)],
      ['selectCard', () => library.selectIdCard(port)],
    ];
    for (const [step, run] of steps) {
      const status = await this.call(run(), signal);
      const failure = this.judge(step, status);
      if (failure) return failure;
    }
    const answer = await this.call(library.readBaseMsg(port), signal);
    if (answer === 'timeout') return failedRead('timeout');
    const failure = this.judge('readTextAndPhoto', answer.status);
    if (failure) return failure;
    const text = decodeCardText(answer.text);
    if (!text.ok) return failedRead('badResponse', text.reason);
    return { ok: true, card: text.text, photo: WLT_PHOTO_SKIPPED };
  }

  private async openFirstPort(library: SdtapiLibrary, signal: AbortSignal | undefined): Promise<number | IdCardRead> {
    const candidates = this.configuredPort === undefined ? SDTAPI_USB_PORTS : [this.configuredPort];
    for (const port of candidates) {
      const status = await this.call(library.openPort(port), signal);
      if (status === 'timeout') return failedRead('timeout');
      if (status === 0x90) return port;
    }
    return failedRead(
      'readerUnplugged',
      this.configuredPort === undefined
        ? '厂商读卡库在 USB 端口 1001–1016 上都没有找到读卡器'
        : `厂商读卡库打不开端口 ${this.configuredPort}`,
    );
  }

  /** A step's return code as the read's failure, or `null` when the step succeeded. */
  private judge(step: SamReadStep, status: number | 'timeout'): IdCardRead | null {
    if (status === 'timeout' || status === LIBRARY_CODES.receiveTimeout) return failedRead('timeout');
    if (
      status === LIBRARY_CODES.portFailed ||
      status === LIBRARY_CODES.usbNotConfigured ||
      status === LIBRARY_CODES.samPortUnavailable ||
      status === LIBRARY_CODES.usbDisabled
    ) {
      // Unplugged since the port was opened: open it again on the next read.
      this.openPortNumber = null;
      return failedRead('readerUnplugged');
    }
    if (status === LIBRARY_CODES.transferError) return failedRead('badResponse');
    const failure = failureForSamStatus(step, status);
    return failure ? failedRead(failure) : null;
  }

  /** The call's result, or `timeout` when it took longer than allowed or the caller gave up. */
  private call<T>(pending: Promise<T>, signal?: AbortSignal): Promise<T | 'timeout'> {
    if (signal?.aborted) {
      this.holdUntilDone(pending);
      return Promise.resolve('timeout');
    }
    return new Promise((resolve, reject) => {
      const giveUp = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        this.holdUntilDone(pending);
        resolve('timeout');
      };
      const timer = setTimeout(giveUp, this.callTimeoutMs);
      signal?.addEventListener('abort', giveUp, { once: true });
      pending.then(
        (value) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', giveUp);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', giveUp);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private holdUntilDone(pending: Promise<unknown>): void {
    const stuck = pending.then(
      () => undefined,
      () => undefined,
    );
    this.stuckCall = stuck;
    void stuck.then(() => {
      if (this.stuckCall === stuck) this.stuckCall = null;
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads the DLL through koffi (required here, on first use: an optional dependency). */
export async function loadSdtapiWithKoffi(libraryPath: string): Promise<SdtapiLibrary> {
  const koffi = requireAtRunTime<typeof import('koffi')>('koffi');
  const lib = koffi.load(libraryPath);
  let functions;
  try {
    functions = {
      openPort: lib.func('int __stdcall SDT_OpenPort(int iPortID)'),
      closePort: lib.func('int __stdcall SDT_ClosePort(int iPortID)'),
      startFind: lib.func('int __stdcall SDT_StartFindIDCard(int iPortID, _Out_ uint8_t *pucIIN, int iIfOpen)'),
      select: lib.func('int __stdcall SDT_SelectIDCard(int iPortID, _Out_ uint8_t *pucSN, int iIfOpen)'),
      readBase: lib.func(
        'int __stdcall SDT_ReadBaseMsg(int iPortID, _Out_ uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, ' +
          '_Out_ uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)',
      ),
    };
  } catch (error) {
    // A DLL of that name without these functions is not the reader's library.
    lib.unload();
    throw error;
  }
  const { openPort, closePort, startFind, select, readBase } = functions;
  const run = (fn: { async: (...args: unknown[]) => void }, ...args: unknown[]) =>
    new Promise<number>((resolve, reject) =>
      fn.async(...args, (error: unknown, result: number) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
      ),
    );
  // iIfOpen = 0: the port stays open between calls (SDT_OpenPort / SDT_ClosePort hold it).
  const IF_OPEN = 0;
  return {
    openPort: (port) => run(openPort, port),
    closePort: (port) => run(closePort, port),
    startFindIdCard: (port) => run(startFind, port, Buffer.alloc(8), IF_OPEN),
    selectIdCard: (port) => run(select, port, Buffer.alloc(16), IF_OPEN),
    async readBaseMsg(port) {
      // Room to spare: some libraries write a little past the documented 256 / 1024 bytes.
      const text = Buffer.alloc(CARD_TEXT_BLOCK_BYTES + 256);
      const photo = Buffer.alloc(CARD_PHOTO_BLOCK_BYTES + 1024);
      const textLength = [0];
      const photoLength = [0];
      const status = await run(readBase, port, text, textLength, photo, photoLength, IF_OPEN);
      return {
        status,
        text: text.subarray(0, Math.min(textLength[0] ?? 0, text.length)),
        photo: photo.subarray(0, Math.min(photoLength[0] ?? 0, photo.length)),
      };
    },
    unload: () => lib.unload(),
  };
}
