import type { z } from 'zod';
import { createHash } from 'node:crypto';
import { addDays } from '../../../shared/calendar/dates';
import { DOCUMENT_LIST_LIMIT, type VerificationStatus, type verifiedFacts } from '../../../shared/documents/api';
import { checkVerificationCode, MISTYPED_CODE_MESSAGE } from '../../../shared/documents/verificationCode';
import {
  parseVerificationInput,
  readVerificationToken,
  type DocumentFacts,
} from '../../../shared/documents/verificationLink';
import { isRecordKindName } from '../../../shared/workflow/kinds';
import { writeSetting } from '../auth/nodeSettings';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { RequestContext } from '../api/context';
import { localDayStartUtc } from '../api/settings';
import { uuidv7 } from '../db/uuidv7';
import { findIssuedDocumentRow, paperOf, printedCopies, toIssuedDocuments, type IssuedDocumentRow } from './archive';
import { chinaDate, factsOf, renderPaper } from './issue';
import { SETTING_VERIFICATION_BASE_URL } from './linking';
import type { TicketFile } from './fileTickets';
import { deskOf, documentTypes, isArchival, type DocumentDefinition } from './registry';
import type { Watermark } from './render';
import { ensureArchivedPaper, readArchivedPaper } from './rerender';
import { SAMPLE_ISSUE } from './samples';
import { readablePointers } from '../workflow/recordTables';

const MESSAGES: Record<VerificationStatus, string> = {
  genuine: '真实有效：与存档一致',
  superseded: '真实，但已被新出具的文书替换，请以新文书为准',
  altered: '核验码存在，但文件与存档不一致：文件可能被修改过',
  notFound: '存档中没有这份文书：核验码不存在，或文件不是本系统出具的',
};
type VerifiedFacts = z.infer<typeof verifiedFacts>;
const ALTERED_LINK = '核验码存在，但核验链接中的信息与存档不一致：链接可能被篡改过';

type DocumentProcedures =
  | 'documents.verify'
  | 'documents.verificationSettings'
  | 'documents.saveVerificationSettings'
  | 'documents.types'
  | 'documents.list'
  | 'documents.get'
  | 'documents.preview'
  | 'documents.print'
  | 'documents.recordPrintOutcome'
  | 'documents.samplePreview';

export const documentsHandlers: HandlersFor<DocumentProcedures> = {
  async 'documents.verify'(input, ctx) {
    let code: string | null = null;
    let linked: DocumentFacts | null = null;
    let legacy = false;
    if (input.code !== undefined) {
      // A code typed from paper, or the whole link (or its token) that a scanner typed in.
      const given = parseVerificationInput(input.code);
      if (given && 'token' in given) {
        const read = readVerificationToken(given.token);
        if (!read.ok) failFields({ code: `核验码：${read.message}` });
        linked = read.token.facts;
        code = linked.code;
      } else if (given) {
        const checked = checkVerificationCode(given.code);
        if (!checked.ok) failFields({ code: `核验码：${checked.message}` });
        code = checked.code;
        legacy = checked.scheme === 'legacy';
      }
    }
    if (code === null && input.sha256 === undefined) failFields({ code: '核验码：请输入核验码或选择 PDF 文件' });
    let isReprint = false;
    let isRerenderedCopy = false;
    let row = code
      ? await findIssuedDocumentRow(ctx.db, { code })
      : await findIssuedDocumentRow(ctx.db, { sha256: input.sha256! });
    // A code that passes only the old check character and is not archived is a mistyped new one.
    if (!row && legacy && input.sha256 === undefined) failFields({ code: `核验码：${MISTYPED_CODE_MESSAGE}` });
    if (!row && input.sha256 !== undefined) {
      // A 补打 copy is not the archived file, but its hash was recorded when it was printed.
      const print = await ctx.db
        .selectFrom('document_prints')
        .select('document_id')
        .where('file_sha256', '=', input.sha256)
        .executeTakeFirst();
      if (print) {
        row = await findIssuedDocumentRow(ctx.db, { id: print.document_id });
        isReprint = row !== null;
      }
    }
    if (!row && input.sha256 !== undefined) {
      // The copy drawn again where the archived file was gone: its own hash was kept beside the original's.
      row = await findIssuedDocumentRow(ctx.db, { rerenderedSha256: input.sha256 });
      isRerenderedCopy = row !== null;
    }
    const document = row ? (await toIssuedDocuments(ctx.db, [row]))[0]! : null;
    const facts = row ? archivedFacts(ctx, row) : null;
    let status: VerificationStatus;
    let message: string;
    if (!document) status = 'notFound';
    else if (input.sha256 !== undefined && document.sha256 !== input.sha256 && !isReprint && !isRerenderedCopy)
      status = 'altered';
    else status = document.supersededAt ? 'superseded' : 'genuine';
    message = isReprint ? `${MESSAGES[status]}（此文件为补打件）` : MESSAGES[status];
    // Checked against the original's hash all the same; the answer says the copy on file is not it.
    if (row?.rerendered_at && status !== 'notFound')
      message += isRerenderedCopy
        ? `（此文件为 ${chinaDate(new Date(row.rerendered_at))} 依存档记录重新生成的文件，非原件）`
        : `（存档原件已丢失，存档文件于 ${chinaDate(new Date(row.rerendered_at))} 依存档记录重新生成）`;
    if (row && linked && !sameFacts(linked, row)) {
      status = 'altered';
      message = ALTERED_LINK;
    }
    return { status, message, document, facts, isReprint };
  },

  async 'documents.verificationSettings'(_input, ctx) {
    return verificationSettingsOf(ctx);
  },

  async 'documents.saveVerificationSettings'(input, ctx) {
    await ctx.write((scope) =>
      scope.change({ entity: 'node', id: 'documents', op: 'saveVerificationSettings' }, async (tx) => {
        await writeSetting(tx, SETTING_VERIFICATION_BASE_URL, input.baseUrl);
        return { verificationBaseUrl: input.baseUrl };
      }),
    );
    return verificationSettingsOf(ctx);
  },

  async 'documents.types'() {
    // The engine's own specimens (samples/) are drawn in tests and docs, never issued: not listed.
    const types = [...documentTypes.values()]
      .filter((definition) => !definition.engineSample)
      .map((definition) => ({
        type: definition.type,
        title: definition.title,
        pageSize: definition.pageSize,
        hasSample: definition.sample !== undefined,
        desk: deskOf(definition.type),
      }));
    types.sort((a, b) => a.desk.localeCompare(b.desk, 'zh-CN') || a.title.localeCompare(b.title, 'zh-CN'));
    return { types };
  },

  async 'documents.list'(input, ctx) {
    const limit = input.limit ?? DOCUMENT_LIST_LIMIT;
    let query = ctx.db
      .selectFrom('issued_documents')
      .selectAll()
      .where(readablePointers(ctx.records, ctx.requireUser(), 'record_entity', 'record_id'));
    if (input.type) query = query.where('type', '=', input.type);
    if (input.recordEntity) query = query.where('record_entity', '=', input.recordEntity);
    if (input.recordId) query = query.where('record_id', '=', input.recordId);
    if (input.code !== undefined && input.code.trim() !== '') {
      const checked = checkVerificationCode(input.code);
      if (!checked.ok) failFields({ code: `核验码：${checked.message}` });
      query = query.where('verification_code', '=', checked.code);
    }
    // Dates are local (the node's time zone); issued_at is UTC, so compare against the instants.
    if (input.issuedFrom)
      query = query.where('issued_at', '>=', localDayStartUtc(input.issuedFrom, ctx.settings.timeZone));
    if (input.issuedTo)
      query = query.where('issued_at', '<', localDayStartUtc(addDays(input.issuedTo, 1), ctx.settings.timeZone));
    if (input.cursor) {
      const [at, id] = input.cursor.split('|');
      if (!at || !id) failFields({ cursor: '翻页位置：格式不对' });
      query = query.where((eb) =>
        eb.or([eb('issued_at', '<', at), eb.and([eb('issued_at', '=', at), eb('id', '<', id)])]),
      );
    }
    const rows = await query
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      documents: await toIssuedDocuments(ctx.db, page),
      nextCursor: rows.length > limit && last ? `${last.issued_at}|${last.id}` : null,
    };
  },

  async 'documents.get'(input, ctx) {
    const row = await requireDocument(ctx, input.id);
    const prints = await ctx.db
      .selectFrom('document_prints')
      .selectAll()
      .where('document_id', '=', row.id)
      .orderBy('printed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const [document] = await toIssuedDocuments(ctx.db, [row]);
    return {
      document: document!,
      prints: prints.map((print) => ({
        id: print.id,
        printedAt: print.printed_at,
        printedByName: print.printed_by_name,
        copies: print.copies,
        reprint: print.reprint === 1,
        outcome: print.outcome,
        outcomeMessage: print.outcome_message,
      })),
    };
  },

  async 'documents.preview'(input, ctx) {
    // A file gone (a PC rebuilt from the county) is drawn again now, so a paper that cannot be is refused here.
    const row = await ensureArchivedPaper(ctx, await requireDocument(ctx, input.id));
    return {
      fileUrl: ctx.documents.tickets.issue(archivedFile(ctx, row)),
      paper: paperOf(row.page_size, row.page_width_pt, row.page_height_pt),
      rerenderedAt: row.rerendered_at,
    };
  },

  async 'documents.print'(input, ctx) {
    let row = await requireDocument(ctx, input.documentId);
    // A reprint is drawn again from the record with the 补打 watermark; drawing it here (not
    // when the file is fetched) gives its hash for the print record, so the copy verifies.
    const reprintFile = async () => {
      const file = reprintedFile(ctx, row);
      const bytes = await file.read();
      return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
    };
    const printedBefore = async () => (await printedCopies(ctx.db, [row.id])).has(row.id);
    const prepared = (await printedBefore()) ? await reprintFile() : null;
    // The original's file is handed out: one gone is drawn again before the print is recorded.
    if (!prepared) row = await ensureArchivedPaper(ctx, row);
    const printId = uuidv7(ctx.now.getTime());
    // Pending until its outcome is recorded: only a print that came out counts, and the first
    // one confirmed is the original. Decided inside the write: a print confirmed in another
    // window meanwhile makes this one a reprint.
    const reprint = await ctx.write(async ({ tx, at, actor }) => {
      const earlier = await tx
        .selectFrom('document_prints')
        .select('id')
        .where('document_id', '=', row.id)
        .where('outcome', '=', 'printed')
        .limit(1)
        .executeTakeFirst();
      if (earlier && !prepared) return 'raced' as const;
      await tx
        .insertInto('document_prints')
        .values({
          id: printId,
          document_id: row.id,
          printed_at: at,
          printed_by: actor.id,
          printed_by_name: actor.name,
          copies: input.copies,
          reprint: earlier ? 1 : 0,
          outcome: 'pending',
          file_sha256: earlier ? prepared!.sha256 : row.sha256,
        })
        .execute();
      return earlier !== undefined;
    });
    if (reprint === 'raced') return documentsHandlers['documents.print'](input, ctx);
    const file = reprint ? prepared!.file : archivedFile(ctx, row);
    const copies = await printedCopies(ctx.db, [row.id]);
    return {
      printId,
      title: row.title,
      documentType: row.type,
      reprint,
      printCount: copies.get(row.id) ?? 0,
      fileUrl: ctx.documents.tickets.issue(file),
      paper: paperOf(row.page_size, row.page_width_pt, row.page_height_pt),
    };
  },

  async 'documents.recordPrintOutcome'(input, ctx) {
    const user = ctx.requireUser();
    const print = await ctx.db
      .selectFrom('document_prints')
      .innerJoin('issued_documents', 'issued_documents.id', 'document_prints.document_id')
      .select([
        'document_prints.id',
        'document_prints.document_id',
        'document_prints.printed_by',
        'document_prints.outcome',
        'document_prints.copies',
        'document_prints.reprint',
        'issued_documents.title',
      ])
      .where('document_prints.id', '=', input.printId)
      .executeTakeFirst();
    if (!print || print.document_id !== input.documentId) fail('NOT_FOUND', '没有这次打印的记录');
    if (print.printed_by !== user.id) fail('FORBIDDEN', '只能记录自己发起的打印的结果');
    if (print.outcome !== 'pending') fail('CONFLICT', '这次打印的结果已经记录过');
    const outcomeMessage =
      input.outcome === 'printed'
        ? null
        : input.message?.trim() || (input.outcome === 'cancelled' ? '已取消打印' : '打印失败');
    await ctx.write(async ({ tx, at }) => {
      await tx
        .updateTable('document_prints')
        .set({ outcome: input.outcome, outcome_message: outcomeMessage, settled_at: at })
        .where('id', '=', print.id)
        .where('outcome', '=', 'pending')
        .execute();
    });
    const copies = await printedCopies(ctx.db, [print.document_id]);
    return {
      title: print.title,
      copies: print.copies,
      reprint: print.reprint === 1,
      outcome: input.outcome,
      outcomeMessage,
      printCount: copies.get(print.document_id) ?? 0,
    };
  },

  async 'documents.samplePreview'(input, ctx) {
    const definition = documentTypes.get(input.type);
    if (!definition) failFields({ type: `文书类型：没有名为“${input.type}”的文书类型` });
    const sample = definition.sample;
    if (!sample) failFields({ type: `文书类型：《${definition.title}》没有样张数据` });
    const rendered = await renderPaper(ctx.documents, definition, sample(), { ...SAMPLE_ISSUE, watermark: '样张' });
    const file: TicketFile = {
      urlName: `${definition.type}-sample.pdf`,
      downloadName: `${definition.title}（样张）.pdf`,
      contentType: 'application/pdf',
      read: () => Promise.resolve(rendered.pdf),
    };
    return {
      fileUrl: ctx.documents.tickets.issue(file),
      paper: paperOf(definition.pageSize, rendered.width, rendered.height),
    };
  },
};

async function requireDocument(ctx: RequestContext, id: string): Promise<IssuedDocumentRow> {
  const row = await findIssuedDocumentRow(ctx.db, { id });
  if (!row) fail('NOT_FOUND', '存档中没有这份文书');
  return row;
}

function archivedFile(ctx: RequestContext, row: IssuedDocumentRow): TicketFile {
  return {
    urlName: `${row.type}-${row.id}.pdf`,
    downloadName: `${row.title}-${fileNameCode(row.verification_code)}.pdf`,
    contentType: 'application/pdf',
    read: () => readArchivedPaper(ctx, row),
  };
}

/** The document drawn again from its record as issued, with the 补打 watermark (same bytes every time). */
function reprintedFile(ctx: RequestContext, row: IssuedDocumentRow): TicketFile {
  const definition = documentTypes.get(row.type) as DocumentDefinition<unknown> | undefined;
  if (!definition || row.record_json === null) {
    fail('CONFLICT', `《${row.title}》缺少补打所需的数据（文书类型已停用或为早期存档），无法补打`);
  }
  const record = JSON.parse(row.record_json) as unknown;
  return {
    urlName: `${row.type}-${row.id}-reprint.pdf`,
    downloadName: `${row.title}-${fileNameCode(row.verification_code)}（补打）.pdf`,
    contentType: 'application/pdf',
    read: async () =>
      (
        await renderPaper(ctx.documents, definition, record, {
          issuedAt: new Date(row.issued_at),
          verificationCode: row.verification_code,
          verificationLink: row.verification_link,
          archival: isArchival(definition),
          watermark: '补打' satisfies Watermark,
        })
      ).pdf,
  };
}

/** The code as part of a file name: an old code's check symbol may be `*`, `~`, `$`, `=`, which Windows or URLs mangle. */
function fileNameCode(code: string): string {
  return code.replace(/[^0-9A-Z-]/g, '_');
}

/** The paper's key facts as the archive has them (drawn from the record as issued). */
function archivedFacts(ctx: RequestContext, row: IssuedDocumentRow): VerifiedFacts {
  const recordNoun = isRecordKindName(row.record_entity) ? ctx.records[row.record_entity].access.noun : '';
  const definition = documentTypes.get(row.type);
  if (!definition || row.record_json === null) {
    return { kind: row.title, number: '', recordNoun, issuedOn: chinaDate(new Date(row.issued_at)), holder: '' };
  }
  const facts = issuedFacts(definition, row);
  return { kind: facts.kind, number: facts.number, recordNoun, issuedOn: facts.issuedOn, holder: facts.holder };
}

function issuedFacts(definition: DocumentDefinition, row: IssuedDocumentRow): DocumentFacts {
  return factsOf(
    definition,
    JSON.parse(row.record_json!) as unknown,
    row.verification_code,
    new Date(row.issued_at),
    row.record_json!,
  );
}

/** Whether a link's facts are the archive's: kind, number, date, holder and content digest. */
function sameFacts(linked: DocumentFacts, row: IssuedDocumentRow): boolean {
  const definition = documentTypes.get(row.type);
  if (!definition || row.record_json === null) return linked.kind === row.title;
  const archived = issuedFacts(definition, row);
  return (
    linked.kind === archived.kind &&
    linked.number === archived.number &&
    linked.issuedOn === archived.issuedOn &&
    linked.holder === archived.holder &&
    linked.digest === archived.digest
  );
}

async function verificationSettingsOf(ctx: RequestContext) {
  const linking = await ctx.documents.linking();
  return {
    baseUrl: linking.baseUrl ?? '',
    signing: linking.signer
      ? {
          ready: true,
          keyId: linking.signer.keyId,
          message: `新出具文书的核验链接由本乡镇的同步签名密钥（${linking.signer.keyId}）签名，县级平台可凭已登记的公钥核验`,
        }
      : {
          ready: false,
          keyId: null,
          message: `${linking.unsignedReason ?? '没有可用的签名密钥'}：新出具文书的核验链接不带签名，县级平台无法核验，只能在本乡镇核验`,
        },
  };
}
