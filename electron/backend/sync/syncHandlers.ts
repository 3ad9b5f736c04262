// The sync procedures of the typed API (shared/sync/api.ts) on top of the backend's engine.
// Made per backend (the engine holds that backend's unlocked keys and its run in progress),
// which is why this is a factory rather than a constant like the other handler sets.
import { isVillageNode } from '../db/nodeTier';
import { inVillageWords, refusalInVillageWords } from './villages/levelWords';
import type { HandlersFor } from '../api/handlers';
import type { RequestContext } from '../api/context';
import type { FirstRunRebuild } from './firstRunRebuild';
import type { SyncEngine } from './syncEngine';

const SYNC_FILE_TYPE = 'application/octet-stream';

/** The reply file's field in `sync.importFile` (shared/sync/api.ts); usbFile.ts names it in its refusals too. */
const REPLY_FILE_FIELD = { name: 'uploadId', label: '回执文件' };

function fileLink(ctx: RequestContext, file: { bytes: Uint8Array; fileName: string; urlName: string }) {
  return {
    fileUrl: ctx.documents.tickets.issue({
      urlName: file.urlName,
      downloadName: file.fileName,
      contentType: SYNC_FILE_TYPE,
      read: async () => file.bytes,
    }),
    fileName: file.fileName,
  };
}

type SyncProcedure =
  | 'sync.status'
  | 'sync.enroll'
  | 'sync.firstRunRebuild'
  | 'sync.firstRunRebuildProgress'
  | 'sync.firstRunRegistrationFile'
  | 'sync.registrationFile'
  | 'sync.unlock'
  | 'sync.syncNow'
  | 'sync.exportFile'
  | 'sync.importFile'
  | 'sync.rotateKeys';

/** The sync procedures; on a village node their answers and refusals name the township as the level above. */
export function syncHandlers(engine: SyncEngine, firstRunRebuild: FirstRunRebuild): HandlersFor<SyncProcedure> {
  const handlers = townshipSyncHandlers(engine, firstRunRebuild);
  const said = {} as Record<string, unknown>;
  for (const [name, handler] of Object.entries(handlers) as [
    SyncProcedure,
    (input: unknown, ctx: RequestContext) => Promise<unknown>,
  ][]) {
    said[name] = async (input: unknown, ctx: RequestContext) => {
      const village = await isVillageNode(ctx.db);
      try {
        const answer = await handler(input, ctx);
        return village ? inVillageWords(answer) : answer;
      } catch (error) {
        throw village ? refusalInVillageWords(error) : error;
      }
    };
  }
  return said as HandlersFor<SyncProcedure>;
}

function townshipSyncHandlers(
  engine: SyncEngine,
  firstRunRebuild: FirstRunRebuild,
): HandlersFor<
  | 'sync.status'
  | 'sync.enroll'
  | 'sync.firstRunRebuild'
  | 'sync.firstRunRebuildProgress'
  | 'sync.firstRunRegistrationFile'
  | 'sync.registrationFile'
  | 'sync.unlock'
  | 'sync.syncNow'
  | 'sync.exportFile'
  | 'sync.importFile'
  | 'sync.rotateKeys'
> {
  return {
    async 'sync.status'() {
      return engine.status();
    },

    async 'sync.enroll'(input, ctx) {
      // The enrollment itself is a change-log entry (entity syncNode), attributed to the caller.
      return engine.enroll(input.file, input.passphrase, ctx.actor);
    },

    async 'sync.firstRunRebuild'(input) {
      return firstRunRebuild.start({
        file: input.file,
        passphrase: input.passphrase,
        administrator: { username: input.username, displayName: input.displayName, password: input.password },
        rebuildFile: input.rebuildFile,
      });
    },

    async 'sync.firstRunRegistrationFile'(input) {
      return firstRunRebuild.registrationFile(input);
    },

    async 'sync.firstRunRebuildProgress'() {
      return firstRunRebuild.progress();
    },

    async 'sync.registrationFile'(_input, ctx) {
      const file = await engine.registrationFile();
      return fileLink(ctx, file);
    },

    async 'sync.unlock'(input) {
      await engine.unlock(input.passphrase);
      return { unlocked: true };
    },

    async 'sync.syncNow'() {
      // Refuse at once what a run would only fail on (not enrolled, locked, revoked).
      const status = await engine.status();
      if (!status.enrolled) return { started: false, message: '尚未入网：请先导入县级平台发放的入网文件' };
      if (status.enrollment?.revoked) return { started: false, message: '本节点已被县级平台吊销，同步已停止' };
      if (status.locked) return { started: false, message: '私钥已锁定：请先输入密钥口令解锁' };
      return engine.syncNow();
    },

    async 'sync.exportFile'(_input, ctx) {
      const file = await engine.exportFile();
      return {
        ...fileLink(ctx, file),
        batches: file.batches,
        entries: file.entries,
        files: file.files,
        bytes: file.bytes.byteLength,
      };
    },

    async 'sync.importFile'(input, ctx) {
      // The file was uploaded first; taken here, it leaves the staging folder whatever the import says.
      const { bytes } = await ctx.documents.uploads.take(
        input.uploadId,
        ctx.requireSession().tokenHash,
        REPLY_FILE_FIELD,
      );
      return engine.importFile(bytes);
    },

    async 'sync.rotateKeys'(input, ctx) {
      const result = await engine.rotateKeys(input.passphrase, ctx.actor);
      return { signingKeyId: result.signingKeyId, boxKeyId: result.boxKeyId, registered: result.registered };
    },
  };
}
