import type { VerificationStatus } from '../../shared/documents/api';
import { checkVerificationCode } from '../../shared/documents/verificationCode';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { uuidv7 } from '../db/uuidv7';
import { findIssuedDocument } from './archive';

const MESSAGES: Record<VerificationStatus, string> = {
  genuine: '真实有效：与存档一致',
  superseded: '真实，但已被新出具的文书替换，请以新文书为准',
  altered: '核验码存在，但文件与存档不一致：文件可能被修改过',
  notFound: '存档中没有这份文书：核验码不存在，或文件不是本系统出具的',
};

export const documentsHandlers: HandlersFor<'documents.verify' | 'documents.recordPrint'> = {
  async 'documents.verify'(input, ctx) {
    let code: string | null = null;
    if (input.code !== undefined) {
      const checked = checkVerificationCode(input.code);
      if (!checked.ok) failFields({ code: `核验码：${checked.message}` });
      code = checked.code;
    }
    const document = code
      ? await findIssuedDocument(ctx.db, { code })
      : await findIssuedDocument(ctx.db, { sha256: input.sha256! });
    let status: VerificationStatus;
    if (!document) status = 'notFound';
    else if (input.sha256 !== undefined && document.sha256 !== input.sha256) status = 'altered';
    else status = document.supersededAt ? 'superseded' : 'genuine';
    return { status, message: MESSAGES[status], document };
  },

  async 'documents.recordPrint'(input, ctx) {
    const document = await findIssuedDocument(ctx.db, { id: input.documentId });
    if (!document) fail('NOT_FOUND', '没有这份文书');
    // Counted inside the write: two windows printing at once cannot both be the first print.
    const reprint = await ctx.write(async ({ tx, at, actor }) => {
      const earlier = await tx
        .selectFrom('document_prints')
        .select('id')
        .where('document_id', '=', document.id)
        .limit(1)
        .executeTakeFirst();
      await tx
        .insertInto('document_prints')
        .values({
          id: uuidv7(),
          document_id: document.id,
          printed_at: at,
          printed_by: actor.id,
          printed_by_name: actor.name,
          copies: input.copies,
          reprint: earlier ? 1 : 0,
        })
        .execute();
      return earlier !== undefined;
    });
    await ctx.audit('print', `打印《${document.title}》${input.copies} 份${reprint ? '（补打）' : ''}`, {
      entity: 'document',
      entityId: document.id,
    });
    return { reprint, printCount: document.printCount + input.copies };
  },
};
