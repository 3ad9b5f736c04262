// One reader interface for every ID-card driver: the serial SAM protocol (serialport), the
// vendor's sdtapi-style library (koffi, Windows, only where the DLL is present) and the simulated
// reader of tests and demos. A read always ends: with the card's text or one failure sentence.
import type { IdCardRead } from '../../../../shared/devices/idCard';

export interface IdCardReader {
  /** What the administrator sees: `串口读卡器（/dev/ttyUSB0）`, `模拟读卡器`. */
  readonly description: string;
  /** Finds, selects and reads the card on the reader; never hangs (each driver bounds its waits). */
  read(options?: { signal?: AbortSignal }): Promise<IdCardRead>;
  /** Releases the port or the library; a later read opens it again. */
  close(): Promise<void>;
}
