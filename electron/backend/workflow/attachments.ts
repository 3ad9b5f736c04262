// Steps that add a row belonging to a record without changing the record itself: an attachment
// (a photo, a scan, stored by its hash), an annotation. The declaration says in which statuses and
// by whom; the row and the record's entry are written together; the record's version does not
// move, so a page open on it stays current.
import type { Insertable } from 'kysely';
import type { RequestContext } from '../api/context';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import type { VersionedTable, WriteScope } from '../db/writeScope';
import { fail } from '../api/failure';
import {
  attachmentLink,
  storeAttachment,
  type AttachmentUpload,
  type StoredAttachment,
} from '../documents/attachmentFiles';
import { prepareStep, type KindBinding } from './runStep';

/** The columns every attachment table has: the file by its hash and path, who added it and when. */
interface AttachmentColumns {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  file_path: string;
  caption: string;
  added_by_name: string;
  added_at: string;
}

/** The tables holding a kind's attachments (each kind's RecordTable names its own, `attachments`). */
export type AttachmentTable = {
  [T in keyof Database]: Database[T] extends AttachmentColumns ? T : never;
}[keyof Database];

/**
 * Adds one row of `table` to a record as the declared `step`; answers the new row's id. `also`
 * writes in the same transaction after it (a further step, with its own entry).
 */
export async function addToRecord<
  S extends string,
  K extends string,
  R,
  T extends VersionedTable,
  RowTable extends keyof Database,
>(
  ctx: RequestContext,
  binding: KindBinding<S, K, R, T>,
  step: K,
  recordId: string,
  table: RowTable,
  row: (id: string, scope: WriteScope) => Insertable<Database[RowTable]>,
  data: (id: string) => Record<string, unknown> & { summary: string },
  also?: (scope: WriteScope) => Promise<void>,
): Promise<{ id: string; at: string }> {
  await prepareStep(ctx, binding, step, { id: recordId });
  const id = uuidv7();
  const at = await ctx.write(async (scope) => {
    await scope.insert(table, row(id, scope), {
      entity: binding.kind.name,
      id: recordId,
      op: step,
      data: { ...data(id), rowId: id },
    });
    await also?.(scope);
    return scope.at;
  });
  return { id, at };
}

/** Stores an uploaded file (taken from the caller's uploads) by its hash and adds its row to the record as the declared `step`. */
export async function attachToRecord<
  S extends string,
  K extends string,
  R,
  T extends VersionedTable,
  RowTable extends AttachmentTable,
>(
  ctx: RequestContext,
  binding: KindBinding<S, K, R, T>,
  step: K,
  recordId: string,
  upload: AttachmentUpload & { caption: string },
  table: RowTable,
  /** The kind's own columns (the record it belongs to, what it shows); the kit fills the file's and who added it. */
  ownColumns: (attachment: {
    id: string;
    stored: StoredAttachment;
    scope: WriteScope;
  }) => Omit<Insertable<Database[RowTable]>, keyof AttachmentColumns>,
  /** Another step the attachment brings, in the same transaction with its own entry (a material ticked as received). */
  also?: (scope: WriteScope) => Promise<void>,
): Promise<string> {
  await prepareStep(ctx, binding, step, { id: recordId });
  const stored = await storeAttachment(ctx.documents, ctx.requireSession().tokenHash, upload);
  const { id } = await addToRecord(
    ctx,
    binding,
    step,
    recordId,
    table,
    (id, scope) =>
      ({
        id,
        file_name: upload.fileName,
        mime_type: upload.mimeType,
        size_bytes: stored.sizeBytes,
        sha256: stored.sha256,
        file_path: stored.filePath,
        caption: upload.caption,
        added_by_name: scope.actor.name,
        added_at: scope.at,
        ...ownColumns({ id, stored, scope }),
      }) as unknown as Insertable<Database[RowTable]>, // TS cannot add Omit<T, K> and K back up to T for a generic T
    (id) => ({
      attachmentId: id,
      fileName: upload.fileName,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      summary: `添加附件“${upload.fileName}”（SHA-256 ${stored.sha256.slice(0, 12)}…）`,
    }),
    also,
  );
  return id;
}

/**
 * A link to one attachment's file, or NOT_FOUND — also while the row is here and its file is not
 * yet (a village's photo follows its record; a rebuilt PC downloads files after the rows).
 */
export async function attachmentFileLink(ctx: RequestContext, table: AttachmentTable, attachmentId: string) {
  // Every attachment table has these columns; Kysely cannot see that through the union of names.
  const row = await ctx.db
    .selectFrom(table as 'case_attachments')
    .select(['file_name', 'mime_type', 'sha256', 'file_path'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) fail('NOT_FOUND', '没有这个附件');
  if (!(await ctx.documents.files.exists(row.file_path))) {
    fail('NOT_FOUND', `附件“${row.file_name}”的文件还没有送到本机，同步送达后才能打开`);
  }
  return attachmentLink(ctx.documents, row);
}
