// The case file (卷宗): every paper of the dispute in the Ministry's order, drawn again from the
// records they were issued from (so the file shows exactly what the parties signed), with the
// lists the file needs (ID proofs, performance proof) and the follow-up records.
import type { z } from 'zod';
import { PERFORMANCE_LEVEL_LABELS } from '../../../shared/mediation/disputes';
import type { disputesProcedures } from '../../../shared/mediation/disputesApi';
import { maskIdNumber } from '../../../shared/residents/masking';
import type { RequestContext } from '../api/context';
import { runDisputeStep } from './disputeBinding';
import { loadFollowUps } from './disputeClosing';
import { committeeLines, caseTitle, paperOf } from './disputePapers';
import { loadAttachments } from './disputeRecords';
import { DISPUTE_ENTITY, loadParties, type DisputeRow } from './disputeRows';
import { partyLabel } from '../../../shared/mediation/disputes';
import { mediationCaseFile, mediationFollowUpRecord } from './documents';
import type { CaseFileRecord, CaseFileSection, FollowUpPaper } from './documents/records';

type Input<N extends keyof typeof disputesProcedures> = z.output<(typeof disputesProcedures)[N]['input']>;

/** Section titles and the paper types they hold, in the order the file binds them. */
const ORDER: ReadonlyArray<
  | { title: string; types: readonly string[] }
  | { title: string; list: 'idProofs' | 'performance' | 'followUps' | 'records' }
> = [
  { title: '人民调解申请书（纠纷登记表）', types: ['mediationApplication', 'mediationRegistrationForm'] },
  { title: '不予受理告知书', types: ['mediationRefusalNotice'] },
  { title: '人民调解权利义务告知书', types: ['mediationRightsNotice'] },
  { title: '当事人身份证明', list: 'idProofs' },
  { title: '调查记录、调解记录', list: 'records' },
  { title: '人民调解协议书', types: ['mediationAgreement', 'mediationOralAgreement'] },
  { title: '终止人民调解告知书', types: ['mediationTerminationNotice'] },
  { title: '履行凭证', list: 'performance' },
  { title: '回访记录', list: 'followUps' },
  { title: '司法确认申请书', types: ['mediationCourtApplication'] },
  { title: '结案登记表', types: ['mediationClosingSheet'] },
];

async function issuedRecords(ctx: RequestContext, disputeId: string) {
  return ctx.db
    .selectFrom('issued_documents')
    .select(['id', 'type', 'title', 'record_json', 'issued_at'])
    .where('record_entity', '=', DISPUTE_ENTITY)
    .where('record_id', '=', disputeId)
    .where('superseded_by', 'is', null)
    .orderBy('issued_at')
    .execute();
}

export async function caseFileRecord(ctx: RequestContext, row: DisputeRow): Promise<CaseFileRecord> {
  const [committee, parties, documents, records, attachments, followUps] = await Promise.all([
    committeeLines(ctx.db, row.committee_id),
    loadParties(ctx.db, row.id),
    issuedRecords(ctx, row.id),
    ctx.db
      .selectFrom('dispute_records')
      .select(['kind', 'held_on', 'document_id'])
      .where('dispute_id', '=', row.id)
      .orderBy('held_on')
      .orderBy('created_at')
      .execute(),
    loadAttachments(ctx.db, row.id),
    loadFollowUps(ctx.db, row.id),
  ]);
  const byId = new Map(documents.map((d) => [d.id, d]));
  const recordOf = (json: string | null) => (json ? (JSON.parse(json) as unknown) : null);
  const sections: CaseFileSection[] = [];
  for (const part of ORDER) {
    if ('types' in part) {
      // The latest paper of the kind: a reissued one replaces the earlier.
      const doc = documents.filter((d) => part.types.includes(d.type) && d.record_json).at(-1);
      if (!doc) continue;
      // (The agreement draws only the committee's copy inside a case file.)
      sections.push({ title: doc.title, kind: 'document', type: doc.type, record: recordOf(doc.record_json) });
      continue;
    }
    if (part.list === 'idProofs') {
      sections.push({
        title: part.title,
        kind: 'list',
        lines: parties.map((p) =>
          p.kind === 'person'
            ? `${partyLabel(p.position)} ${p.name}：居民身份证${p.id_number ? ` ${maskIdNumber(p.id_number)}` : '（未登记号码）'}（复印件附后）`
            : `${partyLabel(p.position)} ${p.name}：营业执照或登记证书、法定代表人${p.legal_representative}身份证明（复印件附后）`,
        ),
      });
    } else if (part.list === 'records') {
      for (const record of records) {
        const doc = record.document_id ? byId.get(record.document_id) : undefined;
        if (doc?.record_json)
          sections.push({
            title: `${doc.title}（${record.held_on}）`,
            kind: 'document',
            type: doc.type,
            record: recordOf(doc.record_json),
          });
      }
    } else if (part.list === 'performance') {
      const loose = attachments.filter((a) => a.record_id === null);
      const lines = [
        ...followUps
          .filter((f) => f.done_on && f.performance)
          .map(
            (f) =>
              `${f.done_on} 回访确认：${PERFORMANCE_LEVEL_LABELS[f.performance!]}${f.notes ? `（${f.notes}）` : ''}`,
          ),
        ...loose.map((a) => `${a.file_name}${a.caption ? `（${a.caption}）` : ''}，SHA-256 ${a.sha256}`),
      ];
      if (lines.length > 0) sections.push({ title: part.title, kind: 'list', lines });
    } else {
      for (const f of followUps.filter((f) => f.done_on)) {
        const record: FollowUpPaper = {
          committee,
          caseNumber: row.case_number ?? '',
          partyNames: parties.map((p) => p.name),
          doneOn: f.done_on!,
          byName: f.by_name,
          performance: f.performance ? PERFORMANCE_LEVEL_LABELS[f.performance] : '',
          notes: f.notes,
          nextVisitOn: f.next_visit_on ?? '',
        };
        sections.push({
          title: `回访记录（${f.done_on}）`,
          kind: 'document',
          type: mediationFollowUpRecord.type,
          record,
        });
      }
    }
  }
  return {
    committee,
    caseNumber: row.case_number ?? '',
    caseTitle: caseTitle(row, parties),
    partyNames: parties.map((p) => p.name),
    acceptedOn: row.accepted_on ?? '',
    closedOn: row.closed_on ?? '',
    compiledBy: ctx.requireUser().displayName,
    retention: '长期',
    sections,
  };
}

export function caseFile(input: Input<'mediation.caseFile'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, 'caseFile', async ({ row }) => {
    const previous = await ctx.db
      .selectFrom('issued_documents')
      .select('id')
      .where('record_entity', '=', DISPUTE_ENTITY)
      .where('record_id', '=', row.id)
      .where('type', '=', mediationCaseFile.type)
      .where('superseded_by', 'is', null)
      .executeTakeFirst();
    const record = await caseFileRecord(ctx, row);
    return {
      set: {},
      summary: `生成卷宗（${record.sections.length} 项材料）`,
      data: { sections: record.sections.map((s) => s.title) },
      document: paperOf(mediationCaseFile, record),
      supersedes: previous?.id,
    };
  });
}
