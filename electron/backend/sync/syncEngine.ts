// The township node's sync, as one object per backend: enrollment and keys, one run at a time
// over the link (in the background, with progress), retries with backoff, a scheduler, and the
// USB file both ways. The API handlers, the tests and the bench all drive it through this
// interface:
//
//   const engine = createSyncEngine({ db, dataDir, now });
//   await engine.enroll(enrollmentFile, passphrase);
//   const result = await engine.runOnce();   // { ok, message }
//   const status = await engine.status();
import { DataFiles } from '../db/dataFiles';
import type { RecordTables } from '../workflow/recordTables';
import type { DeskFigures } from './dailyReport';
import type { SyncProgress, SyncStatus } from '../../../shared/sync/api';
import type { FactsSigner } from '../../../shared/documents/verificationLink';
import { suiteOf } from '../../../shared/sync/suites';
import { DEFAULT_SETTINGS } from '../api/settings';
import type { Db } from '../db/database';
import type { Actor } from '../db/writes';
import { DEFAULT_RETRY, backoffDelay, formatDelay, type RetryPolicy } from './backoff';
import { DownRefused } from './downward';
import { DEFAULT_CHUNK_BYTES } from './fileOutbox';
import { HubRejected, postRegistration, postRotation } from './hubApi';
import type { KeyProtector } from './keyStore';
import { DEFAULT_BATCH_MAX_ENTRIES, DEFAULT_BATCH_MAX_RAW_BYTES } from './outbox';
import { SyncCore, SyncStopped } from './syncCore';
import { enrollNode, rotateNodeKeys, unlockFromKeychain, unlockKeys } from './syncKeys';
import { attemptOverLink, recordContact, type ProgressSink } from './syncRun';
import { SYNC_SETTINGS, clearSetting, readBytes, readEnrollment, writeText, type StoredEnrollment } from './syncState';
import { readStatus } from './syncStatus';
import { fileSource, linkSource, rebuildFromHub, type RebuildProgressSink, type RebuildSummary } from './rebuild';
import { DEFAULT_REQUEST_TIMEOUT_MS, LinkError, createHubClient, type HubClient } from './transport';
import { exportSyncFile, importReplyFile, registrationFile, type ExportedFile, type ImportedReply } from './usbFile';

export interface SyncEngineOptions {
  db: Db;
  /** The backend's data folder: attachments are read from it, sealed copies kept under sync/. */
  dataDir: string;
  /** How the data folder's attachments are read (decrypted); default: plain files under `dataDir`. */
  files?: DataFiles;
  now?: () => Date;
  /** Decides "today" for the daily report and file names. */
  timeZone?: string;
  /** The desktop app's OS-keychain wrapping of the private keys (beside the passphrase). */
  keyProtector?: KeyProtector | null;
  /** A batch ends at this many entries… (default 2,000) */
  batchMaxEntries?: number;
  /** …or at this many bytes of entries as JSON (default 400 KiB). */
  batchMaxRawBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** No byte for this long aborts a request (default 20 s). */
  requestTimeoutMs?: number;
  /** Attachment upload chunk (default 256 KiB). */
  chunkBytes?: number;
  log?: (line: string) => void;
  /** The desks' figures for the daily report (the backend's composition root supplies them). */
  deskFigures: DeskFigures;
  /** The kinds of record, whose open deadlines a calendar from the county may move. */
  records: RecordTables;
}

export interface SyncRunResult {
  ok: boolean;
  /** Plain Chinese: what happened. */
  message: string;
}

export interface SyncEngine {
  /** Unlocks at start: with the OS keychain when there is a protector, else with `passphrase` if given. */
  init(options?: { passphrase?: string | null }): Promise<void>;
  /** `purpose` 'replace': a replacement PC's file, to rebuild from the hub (rebuild.ts). */
  enroll(
    file: unknown,
    passphrase: string,
    actor?: Actor,
    purpose?: 'join' | 'replace',
  ): Promise<{ registered: boolean; message: string }>;
  /** Sends the stored registration again (a first attempt that found no link). */
  registerNow(): Promise<{ registered: boolean; message: string }>;
  unlock(passphrase: string): Promise<void>;
  readonly unlocked: boolean;
  /**
   * Signs papers' verification facts with the current signing key (the county knows its public
   * half); null with the reason when not enrolled or the keys are locked.
   */
  documentSigner(): Promise<{ signer: FactsSigner; reason: null } | { signer: null; reason: string }>;
  /** Runs now (or joins the run in progress) and resolves when it ends. */
  runOnce(): Promise<SyncRunResult>;
  /** Starts a run in the background; false when one is running already. */
  syncNow(): { started: boolean; message: string };
  readonly running: boolean;
  status(): Promise<SyncStatus>;
  progress(): SyncProgress;
  registrationFile(): Promise<{ bytes: Uint8Array; fileName: string; urlName: string }>;
  exportFile(): Promise<ExportedFile>;
  importFile(bytes: Uint8Array): Promise<ImportedReply>;
  rotateKeys(
    passphrase: string,
    actor?: Actor,
  ): Promise<{ signingKeyId: string; boxKeyId: string; registered: boolean; message: string }>;
  /**
   * Rebuilds this (fresh) township from the hub's copy after a replacement enrollment
   * (rebuild.ts); progress goes to `onProgress`.
   */
  rebuildFromHub(onProgress: RebuildProgressSink, file?: Uint8Array): Promise<RebuildSummary>;
  /** Marks the registration confirmed: a rebuild file sealed to our key proves the hub holds it. */
  confirmRegistered(): Promise<void>;
  /** Tries every `minutes` while enrolled and unlocked (the hall host and the desktop app), first after `firstRunMs`. */
  startScheduler(minutes: number, firstRunMs?: number): void;
  close(): Promise<void>;
}

/** Who the node's own sync writes are attributed to when no user is named. */
export const SYNC_ACTOR: Actor = { id: null, name: '数据同步' };

/** How long after start the scheduler first tries (the link may have been up all along). */
const FIRST_SCHEDULED_RUN_MS = 5_000;

function idleProgress(): SyncProgress {
  return {
    running: false,
    phase: 'idle',
    startedAt: null,
    finishedAt: null,
    itemsDone: 0,
    itemsTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    error: null,
  };
}

/** Why a run failed, and whether waiting and trying again may help. */
function describeFailure(error: unknown, log: (line: string) => void): { message: string; retry: boolean } {
  if (error instanceof LinkError) {
    if (!error.transient) return { message: error.message, retry: false };
    return { message: `无法连接县级平台（${error.message}）`, retry: true };
  }
  if (error instanceof SyncStopped || error instanceof HubRejected) return { message: error.message, retry: false };
  if (error instanceof DownRefused) return { message: `县级平台下发的数据无法使用：${error.message}`, retry: false };
  log(`同步出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { message: `同步出错：${error instanceof Error ? error.message : String(error)}`, retry: false };
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const core = new SyncCore({
    db: options.db,
    dataDir: options.dataDir,
    files: options.files ?? new DataFiles(options.dataDir, null),
    now,
    timeZone: options.timeZone ?? DEFAULT_SETTINGS.timeZone,
    keyProtector: options.keyProtector ?? null,
    batch: {
      maxEntries: options.batchMaxEntries ?? DEFAULT_BATCH_MAX_ENTRIES,
      maxRawBytes: options.batchMaxRawBytes ?? DEFAULT_BATCH_MAX_RAW_BYTES,
    },
    log,
    deskFigures: options.deskFigures,
    records: options.records,
  });
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const stopping = new AbortController();
  let progress = idleProgress();
  let current: Promise<SyncRunResult> | null = null;
  let schedulerMinutes: number | null = null;
  const timers: NodeJS.Timeout[] = [];

  const sink: ProgressSink = {
    phase: (phase) => void (progress = { ...progress, phase }),
    plan: (items, bytes) =>
      void (progress = {
        ...progress,
        itemsTotal: progress.itemsTotal + items,
        bytesTotal: progress.bytesTotal + bytes,
      }),
    advance: (items, bytes) =>
      void (progress = { ...progress, itemsDone: progress.itemsDone + items, bytesDone: progress.bytesDone + bytes }),
    contact: () => recordContact(core),
  };

  /** A one-off request (enrollment, rotation) over a client made for it. */
  async function once<T>(enrollment: StoredEnrollment, request: (client: HubClient) => Promise<T>): Promise<T> {
    const client = createHubClient(enrollment, timeoutMs);
    try {
      const result = await request(client);
      await recordContact(core);
      return result;
    } finally {
      client.close();
    }
  }

  async function finish(ok: boolean, message: string): Promise<SyncRunResult> {
    const at = now().toISOString();
    if (ok) {
      await writeText(core.db, SYNC_SETTINGS.lastSuccessAt, at);
      await clearSetting(core.db, SYNC_SETTINGS.lastError);
    } else {
      await writeText(core.db, SYNC_SETTINGS.lastError, message);
    }
    progress = {
      ...progress,
      running: false,
      phase: ok ? 'done' : 'failed',
      finishedAt: at,
      error: ok ? null : message,
    };
    return { ok, message };
  }

  function stopped(): SyncRunResult {
    const message = '同步已停止（程序正在关闭）';
    progress = { ...progress, running: false, phase: 'idle', finishedAt: now().toISOString(), error: message };
    return { ok: false, message };
  }

  async function run(): Promise<SyncRunResult> {
    const signal = stopping.signal;
    progress = { ...idleProgress(), running: true, phase: 'connecting', startedAt: now().toISOString() };
    let client: HubClient | null = null;
    try {
      for (let attempt = 0; ;) {
        const doneBefore = progress.itemsDone + progress.bytesDone;
        try {
          const enrollment = await readEnrollment(core.db);
          if (enrollment && !client) client = createHubClient(enrollment, timeoutMs);
          if (!client) throw new SyncStopped('尚未入网：请先导入县级平台发放的入网文件');
          await attemptOverLink({ core, client, progress: sink, signal, chunkBytes });
          return await finish(true, '同步完成');
        } catch (error) {
          // Closing: the database is about to close, so nothing is written (no error to show either).
          if (signal.aborted) return stopped();
          const failure = describeFailure(error, log);
          // Progress in this attempt means the link works: the next pause starts short again.
          if (progress.itemsDone + progress.bytesDone > doneBefore) attempt = 0;
          if (!failure.retry || attempt + 1 >= retry.maxAttempts) {
            const later = failure.retry
              ? schedulerMinutes
                ? `，将在 ${schedulerMinutes} 分钟后自动重试`
                : '，请稍后点“立即同步”重试'
              : '';
            return await finish(false, `${failure.message}${later}`);
          }
          const delay = backoffDelay(attempt++, retry);
          const message = `${failure.message}，将在 ${formatDelay(delay)}后重试`;
          await writeText(core.db, SYNC_SETTINGS.lastError, message);
          progress = { ...progress, phase: 'connecting', error: message };
          log(message);
          await retry.sleep(delay, signal);
        }
      }
    } catch (error) {
      // Only the sleep (aborted at close) or the final bookkeeping get here.
      if (signal.aborted) return stopped();
      const message = `同步出错：${String(error)}`;
      progress = { ...progress, running: false, phase: 'failed', finishedAt: now().toISOString(), error: message };
      return { ok: false, message };
    } finally {
      client?.close();
    }
  }

  function start(): Promise<SyncRunResult> {
    if (!current) {
      current = run().finally(() => {
        current = null;
      });
    }
    return current;
  }

  const engine: SyncEngine = {
    async init(initOptions = {}) {
      // Never stops the backend from starting: locked keys only mean no sync until unlocked.
      try {
        if (await unlockFromKeychain(core)) {
          log('已用系统钥匙串解锁同步密钥');
          return;
        }
        if (initOptions.passphrase && (await core.storedKeys())) {
          await unlockKeys(core, initOptions.passphrase).then(
            () => log('已用启动时给出的口令解锁同步密钥'),
            () => log('启动时给出的同步密钥口令不正确，密钥仍锁定；请在“同步”页输入口令'),
          );
        }
      } catch (error) {
        log(`同步密钥未能在启动时解锁：${error instanceof Error ? error.message : String(error)}`);
      }
    },

    async enroll(file, passphrase, actor = SYNC_ACTOR, purpose = 'join') {
      await enrollNode(core, file, passphrase, actor, purpose);
      return engine.registerNow();
    },

    async registerNow() {
      const enrollment = await readEnrollment(core.db);
      const registration = await readBytes(core.db, SYNC_SETTINGS.registration);
      if (!enrollment || !registration)
        return { registered: false, message: '尚未入网：请先导入县级平台发放的入网文件' };
      if (await core.isRegistered())
        return { registered: true, message: `已在县级平台登记（${enrollment.townshipName}）` };
      try {
        await once(enrollment, (client) => postRegistration(client, registration, stopping.signal));
        await core.markRegistered();
        return { registered: true, message: `已入网并在县级平台登记（${enrollment.townshipName}）` };
      } catch (error) {
        const reason =
          error instanceof HubRejected
            ? error.message
            : error instanceof LinkError && !error.transient
              ? error.message
              : `暂时无法连接县级平台（${error instanceof Error ? error.message : String(error)}）`;
        await writeText(core.db, SYNC_SETTINGS.lastError, reason);
        return {
          registered: false,
          message: `已导入入网文件并生成本节点密钥，但尚未登记：${reason}。联网后点“立即同步”即可登记；或导出登记文件，带到县级平台导入`,
        };
      }
    },

    async unlock(passphrase) {
      await unlockKeys(core, passphrase);
    },

    get unlocked() {
      return core.keys !== null;
    },

    async documentSigner() {
      if (!(await readEnrollment(core.db))) return { signer: null, reason: '本乡镇尚未入网' };
      const keys = core.keys;
      if (!keys) return { signer: null, reason: '同步密钥已锁定（请在“同步”页输入口令解锁）' };
      const current = keys.current;
      return {
        // The township's suite signs its papers too (SM2 for a 国密 township); the hub knows which.
        signer: {
          keyId: current.signingKeyId,
          sign: (message) => suiteOf(current.suite).sign(current.signing.privateKey, message),
        },
        reason: null,
      };
    },

    runOnce: start,

    syncNow() {
      if (current) return { started: false, message: '同步正在进行中' };
      void start();
      return { started: true, message: '已开始同步，进度见同步状态' };
    },

    get running() {
      return current !== null;
    },

    status: () => readStatus(core, progress),
    progress: () => progress,
    registrationFile: () => registrationFile(core),
    exportFile: () => exportSyncFile(core),
    importFile: (bytes) => importReplyFile(core, bytes),

    async rotateKeys(passphrase, actor = SYNC_ACTOR) {
      const keys = await rotateNodeKeys(core, passphrase, actor);
      const enrollment = (await readEnrollment(core.db))!;
      const rotation = await readBytes(core.db, SYNC_SETTINGS.rotation);
      const ids = { signingKeyId: keys.signingKeyId, boxKeyId: keys.boxKeyId };
      try {
        if (rotation) await once(enrollment, (client) => postRotation(client, rotation, stopping.signal));
        await core.markRotated();
        return { ...ids, registered: true, message: '已更换密钥，县级平台已确认' };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ...ids,
          registered: false,
          message: `已更换密钥，但县级平台尚未确认（${reason}）：新密钥会随下次同步或导出的同步文件送达`,
        };
      }
    },

    async rebuildFromHub(onProgress, file) {
      const ready = await core.ready(true);
      if (current) throw new SyncStopped('同步正在进行中，请等它结束再重建');
      if (file) return rebuildFromHub(core, fileSource(file), onProgress);
      return once(ready.enrollment, (client) =>
        rebuildFromHub(core, linkSource(core, client, stopping.signal), onProgress),
      );
    },

    confirmRegistered: () => core.markRegistered(),

    startScheduler(minutes, firstRunMs = FIRST_SCHEDULED_RUN_MS) {
      if (schedulerMinutes !== null || !(minutes > 0)) return;
      schedulerMinutes = minutes;
      const tick = () => {
        void (async () => {
          if (current || stopping.signal.aborted || !core.keys) return;
          // Enrolled and not revoked (ready() says which): otherwise there is nothing to try.
          const ready = await core.ready().catch(() => null);
          if (ready) await start();
        })().catch((error: unknown) => log(`定时同步出错：${String(error)}`));
      };
      const first = setTimeout(tick, firstRunMs);
      const every = setInterval(tick, minutes * 60_000);
      first.unref();
      every.unref();
      timers.push(first, every);
    },

    async close() {
      for (const timer of timers) clearTimeout(timer);
      stopping.abort(new Error('sync engine closed'));
      await current?.catch(() => undefined);
      core.setKeys(null);
    },
  };
  return engine;
}
