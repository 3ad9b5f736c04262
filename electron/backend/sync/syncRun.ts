// One attempt at syncing over the link, step by step. Each step starts from what is stored
// (the hub's own word on how far it got, the sealed batches, the upload addresses, the
// downward high-water mark), so an attempt cut off anywhere — a dropped link, a killed process
// — is simply followed by another that picks up where this one stopped.
import type { SyncPhase } from '../../../shared/sync/api';
import type { SyncRejectCode } from '../../../shared/sync/protocol';
import { HubRejected, getDown, getState, postBatch, postRegistration, postRotation } from './hubApi';
import { applyDown, openDown } from './downward';
import { uploadFile, unacknowledgedFiles, removeAcknowledgedEnvelopes } from './fileOutbox';
import { acknowledgeThrough, envelopeOf, markSent, reopenAfter, unacknowledgedBatches } from './outbox';
import { SyncStopped, requestSigner, type Ready, type SyncCore } from './syncCore';
import { SYNC_SETTINGS, readBytes, readNumber, writeText } from './syncState';
import type { HubClient } from './transport';

export interface ProgressSink {
  phase(phase: SyncPhase): void;
  /** Adds to what this run has to do. */
  plan(items: number, bytes: number): void;
  /** Adds to what this run has done. */
  advance(items: number, bytes: number): void;
  /** Called after every request that got through, whatever the answer. */
  contact(): Promise<void>;
}

export interface AttemptContext {
  core: SyncCore;
  client: HubClient;
  progress: ProgressSink;
  signal: AbortSignal;
  chunkBytes: number;
}

/** Most downward envelopes fetched in one run (200 packages each): the rest come next time. */
const MAX_DOWN_ROUNDS = 50;

export async function attemptOverLink(context: AttemptContext): Promise<void> {
  const { core, progress } = context;
  const ready = await core.ready();
  progress.phase('connecting');
  await announceKeys(context, ready);
  const state = await withContact(context, () =>
    getState(context.client, requestSigner(ready), core.now(), context.signal),
  );
  await reconcile(core, state);

  await core.prepareOutbox(ready, true);
  await sendBatches(context, ready, state.appliedThrough);
  await sendFiles(context, ready);
  const wrote = await receiveDown(context, ready);
  if (wrote) {
    // What just arrived wrote entries (an instruction's arrival, the catalog it replaced); the
    // county wants to see an arrival at once, not with tomorrow's sync.
    await core.prepareOutbox(ready, false);
    await sendBatches(context, ready, await readNumber(core.db, SYNC_SETTINGS.ackThrough));
  }
}

/**
 * Takes the hub's word for how far it got. Our batch ending there must be the one it names
 * (else the chains differ and sending on would only be refused); if the hub has less than it
 * once acknowledged (restored from a backup), the rest is sent again.
 */
async function reconcile(core: SyncCore, state: { appliedThrough: number; lastBatchHash: string }): Promise<void> {
  if (state.appliedThrough > 0) {
    const ours = await core.db
      .selectFrom('sync_batches')
      .select('hash')
      .where('last', '=', state.appliedThrough)
      .executeTakeFirst();
    if (ours && ours.hash !== state.lastBatchHash) {
      throw new SyncStopped('县级平台记录的最后一个批次与本节点的不一致（哈希链不符），同步已停止；请联系县级平台');
    }
  }
  await standAt(core, state.appliedThrough);
}

/** Acknowledged exactly through `through`: reopens what the hub no longer has, marks what it has. */
async function standAt(core: SyncCore, through: number): Promise<void> {
  const acknowledged = await readNumber(core.db, SYNC_SETTINGS.ackThrough);
  if (through < acknowledged) {
    const reopened = await reopenAfter(core.db, through);
    core.options.log(
      `县级平台只接收到第 ${through} 条（此前确认至第 ${acknowledged} 条），重新发送 ${reopened} 个批次`,
    );
  }
  await acknowledgeThrough(core.db, through, 'link', core.now().toISOString());
}

/**
 * Any answer from the hub, even a refusal, proves the link: the contact is recorded. A refusal
 * stops the run with the hub's reason, except the codes the caller can mend (`mendable`).
 */
async function withContact<T>(
  context: AttemptContext,
  request: () => Promise<T>,
  mendable: readonly SyncRejectCode[] = [],
): Promise<T> {
  try {
    const result = await request();
    await context.progress.contact();
    return result;
  } catch (error) {
    if (error instanceof HubRejected) {
      await context.progress.contact();
      if (mendable.includes(error.code)) throw error;
      if (error.code === 'revoked') await context.core.markRevoked();
      throw new SyncStopped(error.message);
    }
    throw error;
  }
}

/** The registration (until confirmed) and the latest rotation (until confirmed) go first. */
async function announceKeys(context: AttemptContext, ready: Ready): Promise<void> {
  const { core } = context;
  if (!(await core.isRegistered())) {
    const registration = await readBytes(core.db, SYNC_SETTINGS.registration);
    if (!registration) throw new SyncStopped('登记数据缺失：请重新导入入网文件');
    await withContact(context, () => postRegistration(context.client, registration, context.signal));
    await core.markRegistered();
    core.options.log(`已在县级平台登记（节点 ${ready.enrollment.nodeId}）`);
  }
  const rotation = await readBytes(core.db, SYNC_SETTINGS.rotation);
  if (rotation) {
    await withContact(context, () => postRotation(context.client, rotation, context.signal));
    await core.markRotated();
  }
}

/**
 * Sends the stored batches after the hub's appliedThrough, in order. Only the hub's answer
 * marks a batch acknowledged. A 'gap' means the hub has less than we thought (it answers with
 * how much): resend from there. Anything else the hub refuses stops the run with its reason.
 */
async function sendBatches(context: AttemptContext, ready: Ready, appliedThrough: number): Promise<void> {
  const { core, progress } = context;
  let through = appliedThrough;
  let planned = false;
  let gaps = 0;
  for (;;) {
    const waiting = (await unacknowledgedBatches(core.db)).filter((batch) => batch.last > through);
    if (waiting.length === 0) return;
    if (!planned) {
      progress.plan(
        waiting.reduce((sum, batch) => sum + batch.entries, 0),
        waiting.reduce((sum, batch) => sum + batch.bytes, 0),
      );
      planned = true;
    }
    progress.phase('uploading');
    let restart = false;
    for (const batch of waiting) {
      try {
        const answer = await withContact(context, () => postBatch(context.client, envelopeOf(batch), context.signal), [
          'gap',
        ]);
        const at = core.now().toISOString();
        await markSent(core.db, batch.first, at);
        through = answer.appliedThrough;
        await acknowledgeThrough(core.db, through, 'link', at);
        progress.advance(batch.entries, batch.bytes);
      } catch (error) {
        if (!(error instanceof HubRejected) || error.code !== 'gap') throw error;
        // The hub says where it stands; go back there (at most a few times: a hub that keeps
        // moving backwards is not one to keep feeding).
        if (++gaps > 3) throw new SyncStopped(error.message);
        through =
          error.appliedThrough ??
          (await getState(context.client, requestSigner(ready), core.now(), context.signal)).appliedThrough;
        await standAt(core, through);
        restart = true;
        break;
      }
    }
    if (!restart) return;
  }
}

async function sendFiles(context: AttemptContext, ready: Ready): Promise<void> {
  const { core, progress } = context;
  const files = await unacknowledgedFiles(core.db);
  if (files.length === 0) return;
  progress.phase('files');
  progress.plan(
    files.length,
    files.reduce((sum, file) => sum + file.envelope_bytes, 0),
  );
  for (const file of files) {
    await withContact(context, () =>
      uploadFile(
        context.client,
        {
          db: core.db,
          dataDir: core.options.dataDir,
          nodeId: ready.enrollment.nodeId,
          chunkBytes: context.chunkBytes,
          now: core.options.now,
          signal: context.signal,
          onBytes: (bytes) => progress.advance(0, bytes),
        },
        file,
        ready.enrollment.hubUrl,
      ),
    );
    progress.advance(1, 0);
  }
  await removeAcknowledgedEnvelopes(core.db, core.options.dataDir);
}

/** Fetches and applies downward envelopes until the hub has nothing newer. @returns whether entries were written. */
async function receiveDown(context: AttemptContext, ready: Ready): Promise<boolean> {
  const { core, progress } = context;
  progress.phase('downloading');
  let wrote = false;
  for (let round = 0; round < MAX_DOWN_ROUNDS; round++) {
    const after = await readNumber(core.db, SYNC_SETTINGS.downApplied);
    const bytes = await withContact(context, () =>
      getDown(context.client, ready.enrollment.nodeId, after, context.signal),
    );
    if (!bytes) break;
    progress.plan(0, bytes.byteLength);
    const { payload, recipient } = openDown(bytes, ready.enrollment, ready.keys);
    await core.confirmRecipient(recipient);
    if (payload.revoked) {
      await core.markRevoked();
      throw new SyncStopped('本节点已被县级平台吊销，同步已停止；请联系县级平台');
    }
    progress.plan(payload.packages.length, 0);
    const outcome = await applyDown(
      {
        db: core.db,
        now: core.options.now,
        timeZone: core.options.timeZone,
        records: core.options.records,
        via: 'link',
      },
      payload,
    );
    progress.advance(payload.packages.length, bytes.byteLength);
    wrote ||= outcome.wroteEntries;
    if ((await readNumber(core.db, SYNC_SETTINGS.downApplied)) <= after) break;
  }
  return wrote;
}

export async function recordContact(core: SyncCore): Promise<void> {
  await writeText(core.db, SYNC_SETTINGS.lastContactAt, core.now().toISOString());
}
