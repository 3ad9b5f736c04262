// Errands in the database and as the API shows them: with the case each became, as it stands.
import type { Selectable } from 'kysely';
import type { WorkingCalendar } from '../../../../shared/calendar/workingCalendar';
import type {
  AgentRecord,
  ErrandAttachment,
  ErrandMaterial,
  ErrandRecord,
} from '../../../../shared/counter/errandsApi';
import { maskIdNumber } from '../../../../shared/residents/masking';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Tx } from '../../db/writes';
import { SUMMARY_COLUMNS, toCaseSummary, type SummaryRow } from '../caseRows';

export const ERRAND_ENTITY = 'errand';

export type ErrandRow = Selectable<Database['errands']>;

export function errandMaterialsOf(row: ErrandRow): ErrandMaterial[] {
  return JSON.parse(row.materials) as ErrandMaterial[];
}

export type ErrandAttachmentRow = Selectable<Database['errand_attachments']>;

export function toErrandAttachment(row: ErrandAttachmentRow): ErrandAttachment {
  return {
    id: row.id,
    material: row.material,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    caption: row.caption,
    addedAt: row.added_at,
    addedByName: row.added_by_name,
  };
}

export async function findErrandRow(db: Db | Tx, id: string): Promise<ErrandRow | undefined> {
  return db.selectFrom('errands').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Errand rows with what a record shows beside them: village, masked ID, the case. */
export async function toErrandRecords(
  db: Db | Tx,
  rows: readonly ErrandRow[],
  calendar: WorkingCalendar,
  today: string,
): Promise<ErrandRecord[]> {
  if (rows.length === 0) return [];
  const residentIds = [...new Set(rows.map((r) => r.resident_id))];
  const villageIds = [...new Set(rows.map((r) => r.village_id).filter((v): v is string => v !== null))];
  const caseIds = rows.map((r) => r.case_id).filter((c): c is string => c !== null);
  const [residents, villages, cases, authorisations, attachments] = await Promise.all([
    db.selectFrom('residents').select(['id', 'id_number']).where('id', 'in', residentIds).execute(),
    villageIds.length
      ? db.selectFrom('villages').select(['id', 'name']).where('id', 'in', villageIds).execute()
      : Promise.resolve([]),
    caseIds.length
      ? db.selectFrom('counter_cases').select(SUMMARY_COLUMNS).where('id', 'in', caseIds).execute()
      : Promise.resolve([] as SummaryRow[]),
    db
      .selectFrom('issued_documents')
      .select(['id', 'record_id'])
      .where('record_entity', '=', ERRAND_ENTITY)
      .where(
        'record_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('issued_at')
      .execute(),
    db
      .selectFrom('errand_attachments')
      .selectAll()
      .where(
        'errand_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('added_at')
      .orderBy('id')
      .execute(),
  ]);
  const attachmentsOf = new Map<string, ErrandAttachment[]>();
  for (const attachment of attachments) {
    const list = attachmentsOf.get(attachment.errand_id) ?? [];
    list.push(toErrandAttachment(attachment));
    attachmentsOf.set(attachment.errand_id, list);
  }
  const authorisationOf = new Map<string, string>();
  for (const document of authorisations) {
    if (!authorisationOf.has(document.record_id)) authorisationOf.set(document.record_id, document.id);
  }
  const idNumbers = new Map(residents.map((r) => [r.id, r.id_number]));
  const villageNames = new Map(villages.map((v) => [v.id, v.name]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  return rows.map((row) => {
    const linked = row.case_id ? caseById.get(row.case_id) : undefined;
    return {
      id: row.id,
      status: row.status,
      agentId: row.agent_id,
      agentName: row.agent_name,
      villageName: (row.village_id && villageNames.get(row.village_id)) || '',
      residentId: row.resident_id,
      residentName: row.resident_name,
      idNumberMasked: maskIdNumber(idNumbers.get(row.resident_id) ?? ''),
      itemCode: row.item_code,
      itemName: row.item_name,
      materials: errandMaterialsOf(row),
      note: row.note,
      authorisedOn: row.authorised_on,
      case: linked ? toCaseSummary(linked, calendar, today) : null,
      delivery:
        row.delivered_on && row.delivery_signed_by
          ? { signedBy: row.delivery_signed_by, deliveredOn: row.delivered_on }
          : null,
      withdrawReason: row.withdraw_reason,
      authorisationDocumentId: authorisationOf.get(row.id) ?? null,
      authorisationNumber: row.authorisation_number,
      attachments: attachmentsOf.get(row.id) ?? [],
      version: row.version,
    };
  });
}

export async function listAgents(db: Db | Tx): Promise<AgentRecord[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('agent_villages as a', 'a.user_id', 'u.id')
    .leftJoin('villages as v', 'v.id', 'a.village_id')
    .select(['u.id', 'u.display_name', 'u.roles', 'u.active', 'a.village_id', 'v.name as village_name'])
    .orderBy('u.display_name')
    .execute();
  return rows
    .filter((row) => (JSON.parse(row.roles) as string[]).includes('villageAgent'))
    .map((row) => ({
      userId: row.id,
      name: row.display_name,
      active: row.active === 1,
      villageId: row.village_id,
      villageName: row.village_name,
    }));
}
