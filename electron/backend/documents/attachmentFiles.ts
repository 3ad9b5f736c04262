// Attachments (photos, scans of letters and papers) kept in the data folder under their SHA-256:
// the same scan added twice is one file. Every domain that takes attachments stores them here.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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
  contentBase64: string;
}

export interface StoredAttachment {
  sha256: string;
  /** Relative to the data folder. */
  filePath: string;
  sizeBytes: number;
}

function decodeBase64(content: string): Buffer {
  const clean = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0)
    failFields({ contentBase64: '文件内容：不是有效的 base64 编码' });
  return Buffer.from(clean, 'base64');
}

/**
 * Checks an uploaded file (size, that it is what its type says) and stores it by content.
 * Refusals name the field `contentBase64`.
 */
export async function storeAttachment(dataDir: string, upload: AttachmentUpload): Promise<StoredAttachment> {
  const bytes = decodeBase64(upload.contentBase64);
  if (bytes.byteLength === 0) failFields({ contentBase64: '文件内容：文件是空的' });
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) failFields({ contentBase64: '文件内容：文件超过 20 MB' });
  const magic = MAGIC[upload.mimeType];
  if (!magic) failFields({ mimeType: '文件类型：只接受 JPG、PNG 图片或 PDF 扫描件' });
  if (!magic.bytes.every((b, i) => bytes[i] === b))
    failFields({ contentBase64: `文件内容：“${upload.fileName}”不是${magic.label}，请检查文件` });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const relative = path.posix.join(ATTACHMENT_FOLDER, sha256.slice(0, 2), `${sha256}.${EXTENSIONS[upload.mimeType]}`);
  const absolute = path.join(dataDir, relative);
  // A file already there is whole: it was renamed into place only after being written.
  const present = await stat(absolute).then(
    (s) => s.size === bytes.byteLength,
    () => false,
  );
  if (!present) {
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(`${absolute}.partial`, bytes);
    await rename(`${absolute}.partial`, absolute);
  }
  return { sha256, filePath: relative, sizeBytes: bytes.byteLength };
}

/** A short-lived link to a stored attachment, downloaded under its own name. */
export function attachmentLink(
  documents: DocumentServices,
  row: { sha256: string; file_path: string; file_name: string; mime_type: string },
): { fileUrl: string; fileName: string; mimeType: string } {
  const extension = EXTENSIONS[row.mime_type] ?? 'bin';
  const absolute = path.join(documents.dataDir, row.file_path);
  return {
    fileUrl: documents.tickets.issue({
      urlName: `attachment-${row.sha256.slice(0, 16)}.${extension}`,
      downloadName: row.file_name,
      contentType: row.mime_type,
      read: () => readFile(absolute),
    }),
    fileName: row.file_name,
    mimeType: row.mime_type,
  };
}
