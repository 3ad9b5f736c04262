// The state one node's sync works on, shared by the link run, the USB file and the key
// commands: the database, the unlocked keys (memory only), and a lock for the few steps that
// must not interleave — building the batch chain and changing keys or the enrollment. Network
// requests and backoff pauses happen outside the lock, so a USB export never waits for a
// sleeping retry.
import type { DataFiles } from '../db/dataFiles';
import type { RecordTables } from '../workflow/recordTables';
import { fromBase64Url } from '../../../shared/sync/bytes';
import type { NodeRequestSigner } from '../../../shared/sync/nodeRequest';
import { fail } from '../api/failure';
import type { Db } from '../db/database';
import { appendDailyReport, type DeskFigures } from './dailyReport';
import { sealPendingFiles } from './fileOutbox';
import { parseStoredKeys, wipe, type KeyProtector, type StoredKeys, type UnlockedKeys } from './keyStore';
import { buildBatches, type BatchLimits } from './outbox';
import { fileRowBaseline } from './rowBaseline';
import { appendBlockRequest } from './villages/blockRequest';
import { isVillageNode } from '../db/nodeTier';
import {
  SYNC_SETTINGS,
  clearSetting,
  readEnrollment,
  readNumber,
  readText,
  writeText,
  type StoredEnrollment,
} from './syncState';

export interface CoreOptions {
  db: Db;
  dataDir: string;
  files: DataFiles;
  now: () => Date;
  timeZone: string;
  keyProtector: KeyProtector | null;
  batch: BatchLimits;
  log: (line: string) => void;
  deskFigures: DeskFigures;
  records: RecordTables;
}

/** Enrolled, unlocked, not revoked: what sending and sealing need. */
export interface Ready {
  enrollment: StoredEnrollment;
  keys: UnlockedKeys;
  hubBoxPublicKey: Uint8Array;
}

/** Who the baseline of row images is filed by. */
const SYNC_BASELINE_ACTOR = { id: null, name: '数据同步' };

/** Requests the hub answers only to this node are signed with our current signing key. */
export function requestSigner(ready: Ready): NodeRequestSigner {
  return {
    suite: ready.keys.current.suite,
    nodeId: ready.enrollment.nodeId,
    signingKeyId: ready.keys.current.signingKeyId,
    signingPrivateKey: ready.keys.current.signing.privateKey,
  };
}

/** A refusal that retrying will not cure (not enrolled, locked, revoked, refused by the hub). */
export class SyncStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncStopped';
  }
}

export class SyncCore {
  keys: UnlockedKeys | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: CoreOptions) {}

  get db(): Db {
    return this.options.db;
  }

  now(): Date {
    return this.options.now();
  }

  /** Runs `work` after every earlier locked step has finished (FIFO). */
  locked<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async storedKeys(): Promise<StoredKeys | null> {
    const raw = await readText(this.db, SYNC_SETTINGS.keys);
    return raw ? parseStoredKeys(raw) : null;
  }

  setKeys(keys: UnlockedKeys | null): void {
    if (this.keys && this.keys !== keys) wipe(this.keys);
    this.keys = keys;
  }

  /**
   * The enrollment and keys, or a SyncStopped saying what is missing. A replacement PC not yet
   * rebuilt is not ready, except for the rebuild itself (`forRebuild`).
   */
  async ready(forRebuild = false): Promise<Ready> {
    const enrollment = await readEnrollment(this.db);
    if (!enrollment) throw new SyncStopped('尚未入网：请先导入县级平台发放的入网文件');
    const rebuildPending = (await readText(this.db, SYNC_SETTINGS.rebuildPending)) !== null;
    if (rebuildPending !== forRebuild) {
      throw new SyncStopped(
        forRebuild
          ? '本机不是待重建的替换电脑：只有用县级平台“授权更换电脑”的入网文件入网后才能重建'
          : '本机是县级平台授权的替换电脑，须先从县级平台重建本乡镇的数据，然后才能同步',
      );
    }
    if (await readText(this.db, SYNC_SETTINGS.revokedAt)) {
      throw new SyncStopped('本节点已被县级平台吊销，同步已停止；请联系县级平台');
    }
    if (!this.keys) throw new SyncStopped('私钥已锁定：请在“同步”页输入密钥口令解锁');
    return { enrollment, keys: this.keys, hubBoxPublicKey: fromBase64Url(enrollment.hubBoxPublicKey) };
  }

  /** As `ready`, for API commands: the reason becomes a CONFLICT the screen shows. */
  async readyOrFail(): Promise<Ready> {
    try {
      return await this.ready();
    } catch (error) {
      if (error instanceof SyncStopped) fail('CONFLICT', error.message);
      throw error;
    }
  }

  /**
   * Appends the daily report (when asked and due), then seals every new change-log entry into
   * stored batches and every new attachment into a file envelope: after this, everything to
   * send is on disk.
   */
  async prepareOutbox(ready: Ready, withReport: boolean): Promise<void> {
    await this.locked(async () => {
      await fileRowBaseline(this.db, SYNC_BASELINE_ACTOR, this.options.now);
      // A village's figures are the township's: the township reports them, the village asks for numbers.
      if (await isVillageNode(this.db)) await appendBlockRequest(this.db, this.now(), this.options.timeZone);
      else if (withReport)
        await appendDailyReport(this.db, this.now(), this.options.timeZone, this.options.deskFigures);
      const context = {
        nodeId: ready.enrollment.nodeId,
        keys: ready.keys.current,
        hubBoxPublicKey: ready.hubBoxPublicKey,
        now: this.options.now,
      };
      await buildBatches(
        this.db,
        { ...context, downApplied: await readNumber(this.db, SYNC_SETTINGS.downApplied) },
        this.options.batch,
      );
      await sealPendingFiles({
        ...context,
        db: this.db,
        dataDir: this.options.dataDir,
        files: this.options.files,
        records: this.options.records,
        log: this.options.log,
      });
    });
  }

  /**
   * A downward envelope sealed to our current box key proves the hub holds our current keys:
   * the registration, and the last rotation if one was waiting, are confirmed.
   */
  async confirmRecipient(recipient: string): Promise<void> {
    if (!this.keys || recipient !== this.keys.current.boxKeyId) return;
    await this.markRegistered();
    await this.markRotated();
  }

  async markRegistered(): Promise<void> {
    if (await readText(this.db, SYNC_SETTINGS.registeredAt)) return;
    await writeText(this.db, SYNC_SETTINGS.registeredAt, this.now().toISOString());
  }

  async isRegistered(): Promise<boolean> {
    return (await readText(this.db, SYNC_SETTINGS.registeredAt)) !== null;
  }

  async markRevoked(): Promise<void> {
    if (await readText(this.db, SYNC_SETTINGS.revokedAt)) return;
    await writeText(this.db, SYNC_SETTINGS.revokedAt, this.now().toISOString());
    this.options.log('县级平台已吊销本节点，同步停止');
  }

  /** The hub holds the keys the last rotation announced: its envelope need not travel any more. */
  async markRotated(): Promise<void> {
    if ((await readText(this.db, SYNC_SETTINGS.rotation)) === null) return;
    await clearSetting(this.db, SYNC_SETTINGS.rotation);
    this.options.log('县级平台已确认本节点的新密钥');
  }
}
