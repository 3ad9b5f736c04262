// The backend a host serves, held so that it can be replaced while the host keeps running: the
// first-run restore (backup/firstRunRestore.ts) closes the fresh data folder's backend, puts the
// restored folder in its place and opens a new backend there. The hall host's HTTP server and
// the desktop's IPC hold this one object and never see the change; requests arriving meanwhile
// are answered UNAVAILABLE (503) instead of reaching a closed database.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult } from '../../shared/api/errors';
import { DEFAULT_SETTINGS } from './api/settings';
import { openBackend, type Backend, type BackendOptions, type SessionCarrier } from './backend';
import { FirstRunRestore, type DataFolderHolder, type HostDatabaseKey } from './backup/firstRunRestore';
import type { Db } from './db/database';
import type { FileRequester, TicketFile } from './documents/fileTickets';
import type { UploadOpening } from './documents/uploads';

export const SWAPPING_MESSAGE = '正在换用从备份恢复的数据，请稍候片刻再试';

export interface ReplaceableBackendOptions extends Omit<BackendOptions, 'firstRunRestore'> {
  /** Where this host keeps its database key (the hall's key file, the desktop's keychain). */
  keys: HostDatabaseKey;
}

/** Opens the backend on `options.dataDir`, held so that a restore at first run can replace it. */
export async function openReplaceableBackend(options: ReplaceableBackendOptions): Promise<BackendHolder> {
  const holder = new BackendHolder(options);
  await holder.resume(options.databaseKey ?? null);
  return holder;
}

export class BackendHolder implements Backend, DataFolderHolder {
  readonly restore: FirstRunRestore;
  readonly dataDir: string;
  #current: Backend | null = null;
  #unavailable: string | null = SWAPPING_MESSAGE;
  #inFlight = 0;
  #drained: (() => void) | null = null;

  constructor(private readonly options: ReplaceableBackendOptions) {
    this.dataDir = options.dataDir;
    this.restore = new FirstRunRestore({
      holder: this,
      keys: options.keys,
      now: options.now ?? (() => new Date()),
      timeZone: options.settings?.timeZone ?? DEFAULT_SETTINGS.timeZone,
      log: (line) => console.warn(`[township-desk] ${line}`),
    });
  }

  /** The backend now open (during a change-over, the one just closed). */
  get current(): Backend {
    if (!this.#current) throw new Error('后台尚未打开');
    return this.#current;
  }

  get db() {
    return this.current.db;
  }
  get nodeId() {
    return this.current.nodeId;
  }
  get sync() {
    return this.current.sync;
  }
  get files() {
    return this.current.files;
  }
  get backups() {
    return this.current.backups;
  }

  unavailable(): string | null {
    return this.#unavailable;
  }

  dispatch(procedure: string, input: unknown, carrier: SessionCarrier): Promise<ApiResult<unknown>> {
    return this.#use(
      (backend) => backend.dispatch(procedure, input, carrier),
      (message) => ({ ok: false, error: { code: 'UNAVAILABLE', message } }),
    );
  }

  openFile(urlPath: string, requester: FileRequester): Promise<TicketFile | null> {
    return this.#use(
      (backend) => backend.openFile(urlPath, requester),
      () => null,
    );
  }

  hasSession(token: string | null): Promise<boolean> {
    return this.#use(
      (backend) => backend.hasSession(token),
      () => false,
    );
  }

  openUpload(carrier: SessionCarrier): Promise<UploadOpening> {
    return this.#use(
      (backend) => backend.openUpload(carrier),
      (message) => ({ ok: false, error: { code: 'UNAVAILABLE', message } }),
    );
  }

  /** A village node's sync through 大厅网络: the hall host and the LAN listener hold this object. */
  villageSync(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    return this.#use(
      (backend) => backend.villageSync?.(req, res) ?? Promise.resolve(false),
      () => false,
    );
  }

  async suspend(check: (db: Db) => Promise<void>): Promise<void> {
    this.#unavailable = SWAPPING_MESSAGE;
    if (this.#inFlight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    try {
      await check(this.current.db);
    } catch (error) {
      this.#unavailable = null;
      throw error;
    }
    await this.current.close();
  }

  async resume(key: Uint8Array | null): Promise<Db> {
    const { keys: _keys, ...backendOptions } = this.options;
    this.#current = await openBackend({ ...backendOptions, databaseKey: key, firstRunRestore: this.restore });
    this.#unavailable = null;
    return this.#current.db;
  }

  async close(): Promise<void> {
    // A restore under way ends first (it would open the data folder again after the close).
    await this.restore.idle();
    this.#unavailable = '程序正在关闭';
    await this.#current?.close();
  }

  /** Runs `work` on the open backend, counted so that a change-over waits for it; `meanwhile` answers during one. */
  async #use<T>(work: (backend: Backend) => Promise<T>, meanwhile: (message: string) => T): Promise<T> {
    if (this.#unavailable !== null || !this.#current) return meanwhile(this.#unavailable ?? SWAPPING_MESSAGE);
    this.#inFlight++;
    try {
      return await work(this.#current);
    } finally {
      this.#inFlight--;
      if (this.#inFlight === 0 && this.#drained) {
        this.#drained();
        this.#drained = null;
      }
    }
  }
}
