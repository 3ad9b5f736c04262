// Steps that add a row belonging to a record without changing the record itself: an attachment
// (a photo, a scan, stored by its hash), an annotation. The declaration says in which statuses and
// by whom; the row and the record's entry are written together; the record's version does not
// move, so a page open on it stays current.
import type { Insertable } from 'kysely';
import type { RequestContext } from '../api/context';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import type { VersionedTable, WriteScope } from '../db/writeScope';
import { storeAttachment, type AttachmentUpload, type StoredAttachment } from '../documents/attachmentFiles';
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

/** Adds one row of `table` to a record as the declared `step`; answers the new row's id. */
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
): Promise<{ id: string; at: string }> {
  await prepareStep(ctx, binding, step, { id: recordId });
  const id = uuidv7();
  const at = await ctx.write(async (scope) => {
    await scope.insert(table, row(id, scope), {
      entity: binding.kind.name,
      id: recordId,
      op: step,
      data: { ...data, rowId: id },
    });
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
  upload: AttachmentUpload,
  table: RowTable,
  row: (attachment: { id: string; stored: StoredAttachment; scope: WriteScope }) => Insertable<Database[RowTable]>,
): Promise<string> {
  await prepareStep(ctx, binding, step, { id: recordId });
  const stored = await storeAttachment(ctx.documents, ctx.requireSession().tokenHash, upload);
  const { id } = await addToRecord(
    ctx,
    binding,
    step,
    recordId,
    table,
    (id, scope) => row({ id, stored, scope }),
    (id) => ({
      attachmentId: id,
      fileName: upload.fileName,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      summary: `添加附件“${upload.fileName}”（SHA-256 ${stored.sha256.slice(0, 12)}…）`,
    }),
  );
  return id;
}
