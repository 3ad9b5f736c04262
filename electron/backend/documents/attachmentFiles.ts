// Attachments (photos, scans of letters and papers) kept in the data folder under their SHA-256:
// the same scan added twice is one file. Every domain that takes attachments stores them here.
import path from 'node:path';
import { failFields } from '../api/failure';
import type { DocumentServices } from './issue';

export const ATTACHMENT_FOLDER = 'attachments';
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** The first bytes each accepted type starts with: a renamed file is refused, not stored. */
const MAGIC: Record<string, { bytes: number[]; label: string }> = {
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], label: 'JPG 图片' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47], label: 'PNG 图片' },
  'application/pdf': { bytes: [0x25, 0x50, 0x44, 0x46], label: 'PDF 文件' },
};
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export interface AttachmentUpload {
  fileName: string;
  mimeType: string;
  /** The file, uploaded first (documents/uploads.ts). */
  uploadId: string;
}

export interface StoredAttachment {
  sha256: string;
  /** Relative to the data folder. */
  filePath: string;
  sizeBytes: number;
}

/** The field of the procedures' input that names the file (shared/documents/api.ts). */
const FILE_FIELD = { name: 'uploadId', label: '文件内容' };

/**
 * Takes `upload` from this session's uploads, checks it (size, that it is what its type says)
 * and stores it by content; the staged upload is gone either way. Refusals name the field
 * `uploadId` (文件内容) or `mimeType`.
 */
export async function storeAttachment(
  services: Pick<DocumentServices, 'files' | 'uploads'>,
  sessionHash: string,
  upload: AttachmentUpload,
): Promise<StoredAttachment> {
  const magic = MAGIC[upload.mimeType];
  if (!magic) failFields({ mimeType: '文件类型：只接受 JPG、PNG 图片或 PDF 扫描件' });
  const { bytes, sha256 } = await services.uploads.take(upload.uploadId, sessionHash, FILE_FIELD);
  if (bytes.byteLength === 0) failFields({ uploadId: '文件内容：文件是空的' });
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) failFields({ uploadId: '文件内容：文件超过 20 MB' });
  if (!magic.bytes.every((b, i) => bytes[i] === b))
    failFields({ uploadId: `文件内容：“${upload.fileName}”不是${magic.label}，请检查文件` });
  // The hash was taken while the bytes arrived; the staged file is authenticated (AES-GCM) where there is a key.
  const relative = path.posix.join(ATTACHMENT_FOLDER, sha256.slice(0, 2), `${sha256}.${EXTENSIONS[upload.mimeType]}`);
  // A file already there is whole: it took its name only after being written.
  if (!(await services.files.exists(relative))) await services.files.write(relative, bytes);
  return { sha256, filePath: relative, sizeBytes: bytes.byteLength };
}

/**
 * Whether `relative` is where `storeAttachment` files content with this hash: a row made on
 * another node (a village's) names its file's path, and nothing is written under a path that
 * could lie elsewhere in the data folder or outside it.
 */
export function isAttachmentPath(relative: string, sha256: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
  return Object.values(EXTENSIONS).some(
    (extension) => relative === path.posix.join(ATTACHMENT_FOLDER, sha256.slice(0, 2), `${sha256}.${extension}`),
  );
}

/** A short-lived link to a stored attachment, downloaded under its own name. */
export function attachmentLink(
  documents: DocumentServices,
  row: { sha256: string; file_path: string; file_name: string; mime_type: string },
): { fileUrl: string; fileName: string; mimeType: string } {
  const extension = EXTENSIONS[row.mime_type] ?? 'bin';
  return {
    fileUrl: documents.tickets.issue({
      urlName: `attachment-${row.sha256.slice(0, 16)}.${extension}`,
      downloadName: row.file_name,
      contentType: row.mime_type,
      read: () => documents.files.read(row.file_path),
    }),
    fileName: row.file_name,
    mimeType: row.mime_type,
  };
}
