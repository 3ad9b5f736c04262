// What every attachment card deals in, whatever the record: the rows it lists and the upload it
// adds (AttachmentsCard.tsx, and the camera's dialog, which adds through the same procedure).

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What every feature's attachment record has. */
export interface AttachmentRow {
  id: string;
  fileName: string;
  caption: string;
  sizeBytes: number;
  sha256: string;
  addedAt: string;
  addedByName: string;
}

/** A chosen file as the add procedures take it, once uploaded. */
export interface AttachmentUpload {
  fileName: string;
  mimeType: AttachmentType;
  uploadId: string;
  caption: string;
}
