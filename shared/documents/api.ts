import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { uploadIdField } from '../api/uploads';
import { dateString, entityId, optionalText, requiredText } from '../validation/fields';
import { paperSpec } from './printing';
import { verificationBaseUrl } from './verificationLink';

export const issuedDocument = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  recordEntity: z.string(),
  recordId: z.string(),
  verificationCode: z.string(),
  sha256: z.string(),
  issuedAt: z.string(),
  issuedByName: z.string(),
  /** Copies confirmed printed (a browser's clerk said so, or the desktop's print job succeeded). */
  printCount: z.number(),
  supersededAt: z.string().nullable(),
  paper: paperSpec,
  pageCount: z.number(),
  /** The archived file is PDF/A-2b. */
  archival: z.boolean(),
  /** What the QR code carries: the verification link (null: the bare code, no base address was set). */
  verificationLink: z.string().nullable(),
  /**
   * When the archived file, found missing (a PC rebuilt from the county), was drawn again from the
   * record as issued; null: the file on file is the original. `sha256` stays the original's.
   */
  rerenderedAt: z.string().nullable(),
});
export type IssuedDocument = z.infer<typeof issuedDocument>;

/**
 * An attachment (photo, scan) added to a record: the file uploaded first (shared/api/uploads.ts),
 * then named here by its `uploadId`; the backend checks its size (20 MB) and its first bytes.
 */
export const attachmentUploadFields = {
  fileName: requiredText('文件名', 120),
  mimeType: z
    .enum(['image/jpeg', 'image/png', 'application/pdf'], { message: '只接受 JPG、PNG 图片或 PDF 扫描件' })
    .describe('文件类型'),
  uploadId: uploadIdField('文件内容'),
  caption: optionalText('说明', 200),
};

/** A short-lived link to an attachment, with its name and type. */
export const attachmentLink = z.object({ fileUrl: z.string(), fileName: z.string(), mimeType: z.string() });

export const VERIFICATION_STATUSES = ['genuine', 'superseded', 'altered', 'notFound'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * A print is `pending` from the moment its file is handed out until what happened is recorded:
 * `printed` (the only outcome that counts), `cancelled` or `failed`.
 */
export const PRINT_OUTCOMES = ['pending', 'printed', 'cancelled', 'failed'] as const;
export type PrintOutcomeValue = (typeof PRINT_OUTCOMES)[number];

export const documentPrint = z.object({
  id: z.string(),
  printedAt: z.string(),
  printedByName: z.string(),
  copies: z.number(),
  /** Printed with the 补打 watermark: an earlier print had been confirmed. */
  reprint: z.boolean(),
  outcome: z.enum(PRINT_OUTCOMES),
  outcomeMessage: z.string().nullable(),
});
export type DocumentPrint = z.infer<typeof documentPrint>;

export const documentTypeInfo = z.object({
  type: z.string(),
  title: z.string(),
  pageSize: z.string(),
  /** A sample record exists, so a test page can be printed. */
  hasSample: z.boolean(),
  /** The desk that issues it (便民服务, 代办, 人民调解, 信访): two desks' papers may share a title. */
  desk: z.string(),
});
export type DocumentTypeInfo = z.infer<typeof documentTypeInfo>;

/** A short-lived link to a PDF (`/files/<ticket>/<name>.pdf`, valid for FILE_TICKET_MINUTES). */
export const fileLink = z.object({ fileUrl: z.string(), paper: paperSpec });
export const FILE_TICKET_MINUTES = 10;

export const DOCUMENT_LIST_LIMIT = 50;

/** What a verification names besides the archive's row: the paper's key facts. */
export const verifiedFacts = z.object({
  /** The paper's title: 受理回执. */
  kind: z.string(),
  /** The human number of its record (SL-2026-000306); '' when the paper has none. */
  number: z.string(),
  /** What kind of record the paper belongs to (办件, 纠纷, 信访件…). */
  recordNoun: z.string(),
  issuedOn: z.string(),
  /** Masked (张*三); '' when the paper names nobody. */
  holder: z.string(),
});

export const verificationSettings = z.object({
  /** '' when none is set: the QR code then carries the bare code. */
  baseUrl: z.string(),
  /** Whether new papers' links are signed now (enrolled and the keys unlocked), and why not. */
  signing: z.object({ ready: z.boolean(), keyId: z.string().nullable(), message: z.string() }),
});

export const documentsProcedures = defineProcedures({
  'documents.verify': {
    summary:
      '核验文书：凭核验码、二维码中的核验链接或文件的 SHA-256（浏览器本地计算，不上传文件）查存档，答复真伪、文书种类与编号、是否已被替换',
    kind: 'query',
    access: 'signedIn',
    input: z
      .strictObject({
        code: z.string().max(1300, { message: '核验码：内容过长，不是核验码或核验链接' }).optional().describe('核验码'),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, { message: '应为 64 位十六进制的 SHA-256 值' })
          .optional()
          .describe('文件指纹'),
      })
      .refine((v) => v.code !== undefined || v.sha256 !== undefined, {
        message: '请输入核验码或选择 PDF 文件',
        path: ['code'],
      }),
    output: z.object({
      status: z.enum(VERIFICATION_STATUSES),
      message: z.string(),
      document: issuedDocument.nullable(),
      /** The paper's key facts (from the archive), when a document was found. */
      facts: verifiedFacts.nullable(),
      /** The file checked is a 补打 print of the document, not the archived original. */
      isReprint: z.boolean(),
    }),
  },
  'documents.verificationSettings': {
    summary: '核验链接设置：二维码中核验链接的网址（如县级平台的核验页），以及新出具的文书能否签名',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: verificationSettings,
  },
  'documents.saveVerificationSettings': {
    summary: '设定核验链接的网址（此后出具的文书的二维码中使用；空：二维码只含核验码）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({ baseUrl: verificationBaseUrl }),
    output: verificationSettings,
  },
  'documents.types': {
    summary: '文书类型：名称、纸张、是否有样张（打印设置与测试打印用）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ types: z.array(documentTypeInfo) }),
  },
  'documents.list': {
    summary: '文书存档：按类型、出具日期、核验码或所属记录查找已出具的文书，新的在前',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({
      type: z.string().max(64).optional().describe('文书类型'),
      code: z.string().max(40).optional().describe('核验码'),
      recordEntity: z.string().max(40).optional().describe('记录类型'),
      recordId: z.string().max(40).optional().describe('所属记录'),
      issuedFrom: dateString('出具日期（起）').optional(),
      issuedTo: dateString('出具日期（止）').optional(),
      /** `issuedAt|id` of the last row of the previous page. */
      cursor: z.string().max(80).optional().describe('翻页位置'),
      limit: z.number().int().min(1).max(DOCUMENT_LIST_LIMIT).optional().describe('条数'),
    }),
    output: z.object({ documents: z.array(issuedDocument), nextCursor: z.string().nullable() }),
  },
  'documents.get': {
    summary: '一份文书的存档信息与打印记录',
    kind: 'query',
    access: 'signedIn',
    record: { document: 'id' },
    input: z.strictObject({ id: entityId('文书') }),
    output: z.object({ document: issuedDocument, prints: z.array(documentPrint) }),
  },
  'documents.preview': {
    summary: '预览文书：给出存档文件的临时链接（不计打印）',
    kind: 'query',
    access: 'signedIn',
    record: { document: 'id' },
    audit: { what: '查看' },
    input: z.strictObject({ id: entityId('文书') }),
    // The file on file may have just been re-rendered (its original was missing): say so at once.
    output: fileLink.extend({ rerenderedAt: z.string().nullable() }),
  },
  'documents.print': {
    summary:
      '准备打印文书：给出要打印的文件（已确认打印过的文书给出带“补打”水印的文件），这次打印待确认，确认打印出来之前不计数',
    kind: 'command',
    access: 'signedIn',
    record: { document: 'documentId' },
    audit: {
      what: '打开待打印的',
      describe: (input: { copies: number }, output: { title: string; reprint: boolean }) =>
        `打开《${output.title}》待打印 ${input.copies} 份${output.reprint ? '（补打）' : ''}`,
    },
    input: z.strictObject({
      documentId: entityId('文书'),
      copies: z.number().int().min(1).max(20).describe('份数'),
    }),
    output: fileLink.extend({
      printId: z.string(),
      title: z.string(),
      documentType: z.string(),
      reprint: z.boolean(),
      printCount: z.number(),
    }),
  },
  'documents.recordPrintOutcome': {
    summary:
      '记录打印结果：桌面程序按打印任务的结果、浏览器按工作人员的确认；只有“已打印”计数（第一次确认的是原件，之后的是补打），取消或失败不计数',
    kind: 'command',
    access: 'signedIn',
    record: { document: 'documentId' },
    audit: {
      action: 'print',
      what: '打印',
      describe: (
        _input: unknown,
        output: { title: string; copies: number; reprint: boolean; outcome: string; outcomeMessage: string | null },
      ) =>
        output.outcome === 'printed'
          ? `打印《${output.title}》${output.copies} 份${output.reprint ? '（补打）' : ''}`
          : output.outcome === 'cancelled'
            ? `《${output.title}》${output.copies} 份未打印（已取消）`
            : `《${output.title}》${output.copies} 份打印失败：${(output.outcomeMessage ?? '原因不明').replace(/^打印失败[：:]\s*/, '')}`,
    },
    input: z.strictObject({
      documentId: entityId('文书'),
      printId: entityId('打印记录'),
      outcome: z
        .enum(['printed', 'cancelled', 'failed'], { message: '打印结果：应为已打印、已取消或失败' })
        .describe('打印结果'),
      message: z.string().max(200).optional().describe('原因'),
    }),
    output: z.object({
      title: z.string(),
      copies: z.number(),
      reprint: z.boolean(),
      outcome: z.enum(PRINT_OUTCOMES),
      outcomeMessage: z.string().nullable(),
      printCount: z.number(),
    }),
  },
  'documents.samplePreview': {
    summary: '样张：用示例数据生成一种文书（带“样张”水印，不存档），用于检查打印机与纸张',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({ type: z.string().min(1).max(64).describe('文书类型') }),
    output: fileLink,
  },
});
