import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { entityId } from '../validation/fields';

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
  printCount: z.number(),
  supersededAt: z.string().nullable(),
});
export type IssuedDocument = z.infer<typeof issuedDocument>;

export const VERIFICATION_STATUSES = ['genuine', 'superseded', 'altered', 'notFound'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const documentsProcedures = defineProcedures({
  'documents.verify': {
    summary: '核验文书：凭核验码或文件的 SHA-256（浏览器本地计算，不上传文件）查存档，答复真伪、所属记录、是否已被替换',
    kind: 'query',
    access: 'signedIn',
    input: z
      .strictObject({
        code: z.string().max(40).optional().describe('核验码'),
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
    }),
  },
  'documents.recordPrint': {
    summary: '记录一次打印（份数）；同一文书第二次起标为补打。每次打印记入审计日志',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({
      documentId: entityId('文书'),
      copies: z.number().int().min(1).max(20).describe('份数'),
    }),
    output: z.object({ reprint: z.boolean(), printCount: z.number() }),
  },
});
