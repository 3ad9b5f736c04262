// A file travels on its own before the procedure that uses it: the raw bytes go to the host once
// (`PUT /uploads` on the hall host, the upload channel on the desktop), are streamed to the data
// folder encrypted, and the answer names them by an `uploadId`; the procedure then carries only
// that id in its ordinary JSON body. So no request body is ever held whole in memory, and the
// procedures have one shape on both transports.
import { z } from 'zod';

const MiB = 1024 * 1024;

/**
 * The largest file one upload may carry: the county's reply file (at most 36 MiB; an attachment
 * is at most 20 MB). Each procedure checks its own, smaller limit on what it takes.
 */
export const MAX_UPLOAD_BYTES = 36 * MiB;

/** How long an upload waits for the procedure that uses it; it is removed then, or when used. */
export const UPLOAD_MINUTES = 60;

/** 16 random bytes, base64url. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;

/** What an upload answers. */
export const uploadReceipt = z.object({
  uploadId: z.string(),
  sizeBytes: z.number(),
  /** SHA-256 of the bytes received, hex. */
  sha256: z.string(),
  expiresAt: z.string(),
});
export type UploadReceipt = z.infer<typeof uploadReceipt>;

/** Said, beside the field, of an upload that is gone: used, expired, from before a restart, or another session's. */
export const UPLOAD_EXPIRED = '上传已过期，请重新选择文件';

/** The field of a procedure that takes an uploaded file, labelled as the form names it (`文件内容`, `回执文件`). */
export function uploadIdField(label: string) {
  return z
    .string({ message: '请先选择文件' })
    .regex(UPLOAD_ID, { message: '上传编号不正确，请重新选择文件' })
    .describe(label);
}
