// Investigation and session records (调查记录, 调解记录), each printed for signature, and the
// attachments (photos, scans) kept in the data folder under their SHA-256.
import type { z } from 'zod';
import type { AttachmentRecord, DisputeRecordEntry, disputesProcedures } from '../../../shared/mediation/disputesApi';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { attachmentFileLink, attachToRecord } from '../workflow/attachments';
import { disputeBinding, runDisputeStep } from './disputeBinding';
import { loadAssignedMediators, loadParties } from './disputeRows';
import { recordPaper } from './disputePapers';

type Input<N extends keyof typeof disputesProcedures> = z.output<(typeof disputesProcedures)[N]['input']>;

type AttachmentRow = {
  id: string;
  record_id: string | null;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  caption: string;
  added_at: string;
  added_by_name: string;
};

export function toAttachmentRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    recordId: row.record_id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    caption: row.caption,
    addedAt: row.added_at,
    addedByName: row.added_by_name,
  };
}

export function loadAttachments(db: Db | Tx, disputeId: string) {
  return db
    .selectFrom('dispute_attachments')
    .selectAll()
    .where('dispute_id', '=', disputeId)
    .orderBy('added_at')
    .execute();
}

export async function loadRecordEntries(db: Db | Tx, disputeId: string): Promise<DisputeRecordEntry[]> {
  const [rows, attachments] = await Promise.all([
    db
      .selectFrom('dispute_records')
      .selectAll()
      .where('dispute_id', '=', disputeId)
      .orderBy('held_on')
      .orderBy('created_at')
      .execute(),
    loadAttachments(db, disputeId),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    heldOn: row.held_on,
    place: row.place,
    mediatorNames: row.mediator_names,
    attendees: row.attendees,
    subject: row.subject,
    findings: row.findings,
    statements: JSON.parse(row.statements) as DisputeRecordEntry['statements'],
    recorder: row.recorder,
    documentId: row.document_id,
    attachmentIds: attachments.filter((a) => a.record_id === row.id).map((a) => a.id),
  }));
}

export async function addRecord(input: Input<'mediation.addRecord'>, ctx: RequestContext) {
  const user = ctx.requireUser();
  const recordId = uuidv7();
  const result = await runDisputeStep(
    ctx,
    input,
    input.kind === 'session' ? 'session' : 'investigation',
    async ({ row }) => {
      if (input.kind === 'session' && !input.findings)
        failFields({ findings: '调解结果：调解记录须写明本次调解的结果' });
      if (input.kind === 'investigation' && !input.findings)
        failFields({ findings: '调查情况：调查记录须写明调查所得' });
      const assigned = new Map((await loadAssignedMediators(ctx.db, row.id)).map((m) => [m.mediator_id, m.name]));
      const mediatorNames = input.mediatorIds.map((id) => {
        const name = assigned.get(id);
        if (!name) failFields({ mediatorIds: '调解员：只能选择指派到本纠纷的调解员' });
        return name;
      });
      const parties = new Map((await loadParties(ctx.db, row.id)).map((p) => [p.id, p.name]));
      const statements = input.statements.map((s, i) => {
        const partyName = parties.get(s.partyId);
        if (!partyName) failFields({ [`statements.${i}.partyId`]: '当事人陈述：不是本纠纷的当事人' });
        return { partyId: s.partyId, partyName, statement: s.statement };
      });
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const attachments = attachmentIds.length
        ? await ctx.db
            .selectFrom('dispute_attachments')
            .selectAll()
            .where('dispute_id', '=', row.id)
            .where('id', 'in', attachmentIds)
            .execute()
        : [];
      if (attachments.length !== attachmentIds.length) failFields({ attachmentIds: '附件：其中有不属于本纠纷的附件' });
      const taken = attachments.find((a) => a.record_id !== null);
      if (taken) failFields({ attachmentIds: `附件：“${taken.file_name}”已列入另一份记录` });
      const document = await recordPaper(ctx, row, {
        kind: input.kind,
        heldOn: input.heldOn,
        place: input.place,
        mediatorNames,
        attendees: input.attendees,
        subject: input.subject,
        findings: input.findings,
        statements: input.statements,
        recorder: input.recorder,
        attachments: attachments.map((a) => ({
          fileName: a.file_name,
          caption: a.caption,
          sha256: a.sha256,
          sizeBytes: a.size_bytes,
        })),
      });
      const kindLabel = input.kind === 'session' ? '调解记录' : '调查记录';
      const values = {
        id: recordId,
        dispute_id: row.id,
        kind: input.kind,
        held_on: input.heldOn,
        place: input.place,
        mediator_names: mediatorNames.join('、'),
        attendees: input.attendees,
        subject: input.subject,
        findings: input.findings,
        statements: JSON.stringify(statements),
        recorder: input.recorder,
        created_by_name: user.displayName,
      };
      return {
        set: {},
        summary: `${kindLabel}：${input.heldOn} ${input.place}`,
        data: { recordId, ...values, statements },
        document,
        write: async (tx, scope) => {
          await tx
            .insertInto('dispute_records')
            .values({ ...values, document_id: null, created_at: scope.at })
            .execute();
          if (attachmentIds.length > 0)
            await tx
              .updateTable('dispute_attachments')
              .set({ record_id: recordId })
              .where('id', 'in', attachmentIds)
              .execute();
        },
        archived: async (tx, issued) => {
          await tx.updateTable('dispute_records').set({ document_id: issued.id }).where('id', '=', recordId).execute();
        },
      };
    },
  );
  const entry = (await loadRecordEntries(ctx.db, input.id)).find((r) => r.id === recordId);
  if (!entry) fail('INTERNAL', '记录保存失败');
  return { ...result, record: entry };
}

export async function addAttachment(input: Input<'mediation.addAttachment'>, ctx: RequestContext) {
  if (input.recordId) {
    const record = await ctx.db
      .selectFrom('dispute_records')
      .select('id')
      .where('id', '=', input.recordId)
      .where('dispute_id', '=', input.disputeId)
      .executeTakeFirst();
    if (!record) failFields({ recordId: '所属记录：不是本纠纷的记录' });
  }
  const id = await attachToRecord(ctx, disputeBinding, 'attach', input.disputeId, input, 'dispute_attachments', () => ({
    dispute_id: input.disputeId,
    record_id: input.recordId ?? null,
  }));
  const stored = await ctx.db.selectFrom('dispute_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!stored) fail('INTERNAL', '附件保存失败');
  return toAttachmentRecord(stored);
}

export async function attachmentFile(input: Input<'mediation.attachmentFile'>, ctx: RequestContext) {
  return attachmentFileLink(ctx, 'dispute_attachments', input.attachmentId);
}
