// The USB fallback, for weeks without a link. Export: one file (shared/sync/container) with
// every envelope the hub has not acknowledged — the registration while it is unconfirmed, the
// latest key rotation while it is unconfirmed, the batches, the attachments — in the order the
// hub must take them. These are the very envelopes the link would send, so a batch that went
// both ways is a replay at the hub. Import: the hub's reply file, whose 'down' envelope is
// verified and opened exactly like one fetched over the link; importing it twice changes nothing.
import { EnvelopeError, parseEnvelope } from '../../../shared/sync/envelope';
import { packContainer, unpackContainer } from '../../../shared/sync/container';
import { fail, failFields } from '../api/failure';
import { localDate } from '../api/settings';
import { applyDown, DownRefused, openDown, type OpenedDown } from './downward';
import { readFileEnvelope, removeAcknowledgedEnvelopes, unacknowledgedFiles } from './fileOutbox';
import { envelopeOf, unacknowledgedBatches } from './outbox';
import type { Ready, SyncCore } from './syncCore';
import { SYNC_SETTINGS, readBytes, readEnrollment, readNumber } from './syncState';

export const SYNC_FILE_EXTENSION = 'tdsync';

export interface ExportedFile {
  bytes: Uint8Array;
  /** `青石镇-同步-2026-11-23.tdsync`: what the administrator sees on the stick. */
  fileName: string;
  /** ASCII name for the download link. */
  urlName: string;
  batches: number;
  entries: number;
  files: number;
}

/** Everything not yet acknowledged, sealed and ready, in one file. */
export async function exportSyncFile(core: SyncCore): Promise<ExportedFile> {
  const ready = await core.readyOrFail();
  await core.prepareOutbox(ready, true);
  const envelopes: Uint8Array[] = [];
  if (!(await core.isRegistered())) {
    const registration = await readBytes(core.db, SYNC_SETTINGS.registration);
    if (registration) envelopes.push(registration);
  }
  const rotation = await readBytes(core.db, SYNC_SETTINGS.rotation);
  if (rotation) envelopes.push(rotation);
  const batches = await unacknowledgedBatches(core.db);
  for (const batch of batches) envelopes.push(envelopeOf(batch));
  let files = 0;
  for (const file of await unacknowledgedFiles(core.db)) {
    try {
      envelopes.push(await readFileEnvelope(core.options.dataDir, file));
      files++;
    } catch {
      // The sealed copy went missing; the next link run or export seals it again.
      await core.db.deleteFrom('sync_files').where('sha256', '=', file.sha256).execute();
    }
  }
  if (envelopes.length === 0) {
    fail('CONFLICT', '没有需要导出的内容：所有变更都已送达县级平台。如需接收下发内容，请县级平台导出本乡镇的回执文件');
  }
  const day = localDate(core.now(), core.options.timeZone);
  return {
    bytes: packContainer(envelopes),
    fileName: `${ready.enrollment.townshipName}-同步-${day}.${SYNC_FILE_EXTENSION}`,
    urlName: `sync-${day}.${SYNC_FILE_EXTENSION}`,
    batches: batches.length,
    entries: batches.reduce((sum, batch) => sum + batch.entries, 0),
    files,
  };
}

/** The registration envelope alone, for a node without a link at enrollment. */
export async function registrationFile(
  core: SyncCore,
): Promise<{ bytes: Uint8Array; fileName: string; urlName: string }> {
  const enrollment = await readEnrollment(core.db);
  if (!enrollment) fail('CONFLICT', '尚未入网：请先导入县级平台发放的入网文件');
  if (await core.isRegistered()) fail('CONFLICT', '本节点已在县级平台登记，无需导出登记文件');
  const registration = await readBytes(core.db, SYNC_SETTINGS.registration);
  if (!registration) fail('CONFLICT', '登记数据缺失：请重新导入入网文件');
  return {
    bytes: packContainer([registration]),
    fileName: `${enrollment.townshipName}-登记-${localDate(core.now(), core.options.timeZone)}.${SYNC_FILE_EXTENSION}`,
    urlName: `registration.${SYNC_FILE_EXTENSION}`,
  };
}

export interface ImportedReply {
  acknowledgedThrough: number;
  newlyAcknowledged: number;
  packagesApplied: number;
  message: string;
}

const field = (message: string) => failFields({ uploadId: `回执文件：${message}` });

/** Opens every envelope first: a file with one bad envelope is refused whole, nothing applied. */
function openAll(bytes: Uint8Array, ready: Ready): OpenedDown[] {
  let envelopes: Uint8Array[] = [];
  try {
    envelopes = unpackContainer(bytes);
  } catch (error) {
    field(error instanceof EnvelopeError ? error.message : '不是县级平台的回执文件');
  }
  if (envelopes.length === 0) field('文件中没有任何内容');
  return envelopes.map((envelope) => {
    try {
      const kind = parseEnvelope(envelope).header.kind;
      if (kind !== 'down') field('这是本乡镇导出的同步文件，应在县级平台导入；这里请导入县级平台给出的回执文件');
      return openDown(envelope, ready.enrollment, ready.keys);
    } catch (error) {
      if (error instanceof DownRefused || error instanceof EnvelopeError) field(error.message);
      throw error;
    }
  });
}

export async function importReplyFile(core: SyncCore, bytes: Uint8Array): Promise<ImportedReply> {
  const ready = await core.readyOrFail();
  const opened = openAll(bytes, ready);
  let newlyAcknowledged = 0;
  let packagesApplied = 0;
  for (const { payload, recipient } of opened) {
    await core.confirmRecipient(recipient);
    if (payload.revoked) {
      await core.markRevoked();
      fail('CONFLICT', '县级平台的回执表明本节点已被吊销，同步已停止；请联系县级平台');
    }
    try {
      const outcome = await applyDown(
        {
          db: core.db,
          now: core.options.now,
          timeZone: core.options.timeZone,
          records: core.options.records,
          via: 'file',
        },
        payload,
      );
      newlyAcknowledged += outcome.newlyAcknowledged;
      packagesApplied += outcome.packagesApplied;
    } catch (error) {
      if (error instanceof DownRefused) fail('CONFLICT', error.message);
      throw error;
    }
  }
  await removeAcknowledgedEnvelopes(core.db, core.options.dataDir);
  const acknowledgedThrough = await readNumber(core.db, SYNC_SETTINGS.ackThrough);
  const message =
    newlyAcknowledged === 0 && packagesApplied === 0
      ? '回执中没有新的内容（可能此前已导入过），未作任何改动'
      : `县级平台已确认 ${newlyAcknowledged} 个批次（已接收至第 ${acknowledgedThrough} 条变更），应用下发内容 ${packagesApplied} 项`;
  return { acknowledgedThrough, newlyAcknowledged, packagesApplied, message };
}
