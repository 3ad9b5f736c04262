// What the sync screen shows: enrollment, lock, last contact, success and error, what is still
// waiting (entries, bytes, attachments), the batch history and the run in progress. Read from
// the database each time, so it is right after a restart too.
import { unsealedAttachments } from './fileOutbox';
import { fromBase64Url } from '../../../shared/sync/bytes';
import type { SyncProgress, SyncStatus } from '../../../shared/sync/api';
import { suiteOf } from '../../../shared/sync/suites';
import { batchHistory, pendingEntries } from './outbox';
import type { SyncCore } from './syncCore';
import { SYNC_SETTINGS, readEnrollment, readNumber, readText } from './syncState';

export async function readStatus(core: SyncCore, progress: SyncProgress): Promise<SyncStatus> {
  const db = core.db;
  const [enrollment, stored, registeredAt, revokedAt, ackThrough, downApplied] = await Promise.all([
    readEnrollment(db),
    core.storedKeys(),
    readText(db, SYNC_SETTINGS.registeredAt),
    readText(db, SYNC_SETTINGS.revokedAt),
    readNumber(db, SYNC_SETTINGS.ackThrough),
    readNumber(db, SYNC_SETTINGS.downApplied),
  ]);
  const [lastContactAt, lastSuccessAt, lastError, catalogVersion, calendarVersion] = await Promise.all([
    readText(db, SYNC_SETTINGS.lastContactAt),
    readText(db, SYNC_SETTINGS.lastSuccessAt),
    readText(db, SYNC_SETTINGS.lastError),
    readText(db, SYNC_SETTINGS.catalogVersion),
    readText(db, SYNC_SETTINGS.calendarVersion),
  ]);
  const [pending, files, unsealed, batches] = await Promise.all([
    pendingEntries(db, ackThrough),
    db
      .selectFrom('sync_files')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('envelope_bytes').as('bytes')])
      .where('acknowledged_at', 'is', null)
      .executeTakeFirstOrThrow(),
    // Attachments added since the last run, not sealed yet: waiting too.
    unsealedAttachments(db, core.options.records),
    batchHistory(db),
  ]);
  return {
    enrolled: enrollment !== null,
    enrollment:
      enrollment && stored
        ? {
            nodeId: enrollment.nodeId,
            townshipName: enrollment.townshipName,
            suite: enrollment.suite,
            hubUrl: enrollment.hubUrl,
            enrolledAt: enrollment.enrolledAt,
            registered: registeredAt !== null,
            signingKeyId: suiteOf(stored.current.suite).keyId(fromBase64Url(stored.current.signingPublicKey)),
            boxKeyId: suiteOf(stored.current.suite).keyId(fromBase64Url(stored.current.boxPublicKey)),
            certificateFingerprint: enrollment.certificateFingerprint,
            revoked: revokedAt !== null,
          }
        : null,
    locked: enrollment !== null && core.keys === null,
    lastContactAt,
    lastSuccessAt,
    lastError,
    pending: {
      entries: pending.entries,
      bytes: pending.bytes + Number(files.bytes ?? 0),
      files: Number(files.n) + (enrollment ? unsealed.length : 0),
    },
    acknowledgedThrough: ackThrough,
    downAppliedThrough: downApplied,
    progress,
    batches,
    reference: { catalogVersion, calendarVersion },
  };
}
