// A procedure's declared record and audit, applied by dispatch: the caller's access to the very
// record the input names is checked before the handler runs, and an answer that carries personal
// data writes its audit event after it — no handler checks or audits by hand.
import { sql } from 'kysely';
import type { AuditSpec, RecordRef } from '../../../shared/api/contract';
import type { Reader } from '../../../shared/workflow/access';
import { isRecordKindName } from '../../../shared/workflow/kinds';
import { recordAccess } from '../../../shared/api/records';
import { hasAnyRole } from '../../../shared/auth/roles';
import { PAPERS_OF_NO_KIND } from './recordTables';
import { fail } from '../api/failure';
import type { Db } from '../db/database';
import { accessRefusal } from '../../../shared/workflow/kind';
import { scopeFactsOf, type RecordTables } from './recordTables';

/** The record a call addressed: what its audit event names. */
export interface AddressedRecord {
  entity: string;
  id: string;
  label: string;
}

function fieldOf(input: unknown, field: string): string | null {
  const value = (input as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
}

/** The kind and id of a record, refused with FORBIDDEN when `reader` may not read it. */
async function checkRecord(db: Db, tables: RecordTables, kind: string, id: string, reader: Reader) {
  if (!isRecordKindName(kind)) {
    // Papers of no declared kind (none today) are the administrator's alone.
    if (!hasAnyRole(reader.roles, PAPERS_OF_NO_KIND)) fail('FORBIDDEN', '您的角色不能查看这份文书');
    return;
  }
  const table = tables[kind];
  const facts = await scopeFactsOf(db, table, id);
  // No such record: the handler answers NOT_FOUND in its own words; there is nothing to protect.
  if (!facts) return;
  const refused = accessRefusal(table.access, reader, facts);
  if (refused) fail('FORBIDDEN', refused);
}

/**
 * Applies the procedure's `record` declaration to `input`: the record, document or attachment it
 * names must be one `reader` may read. Returns what the audit log is to name.
 */
export async function checkAddressedRecord(
  db: Db,
  tables: RecordTables,
  ref: RecordRef,
  input: unknown,
  reader: Reader,
): Promise<AddressedRecord | null> {
  if ('document' in ref) {
    const id = fieldOf(input, ref.document);
    if (!id) return null;
    const document = await db
      .selectFrom('issued_documents')
      .select(['record_entity', 'record_id', 'title', 'verification_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!document) return null;
    await checkRecord(db, tables, document.record_entity, document.record_id, reader);
    return { entity: 'document', id, label: `《${document.title}》（核验码 ${document.verification_code}）` };
  }
  const table = tables[ref.kind];
  let id: string | null;
  if ('attachment' in ref) {
    const attachmentId = fieldOf(input, ref.attachment);
    const attachments = table.attachments;
    if (!attachmentId || !attachments) return null;
    id = await attachmentRecordId(db, attachments, attachmentId);
    if (!id) return null;
  } else {
    id = fieldOf(input, ref.field);
    if (!id) return null;
  }
  await checkRecord(db, tables, ref.kind, id, reader);
  return { entity: ref.kind, id, label: (await table.label(db, id)) ?? id };
}

async function attachmentRecordId(
  db: Db,
  attachments: { table: string; recordColumn: string },
  attachmentId: string,
): Promise<string | null> {
  const { rows } = await sql<{
    recordId: string;
  }>`select ${sql.ref(attachments.recordColumn)} as "recordId" from ${sql.table(
    attachments.table,
  )} where id = ${attachmentId}`.execute(db);
  return rows[0]?.recordId ?? null;
}

/** The `id`s of the records at `path` in an answer, arrays on the way flattened. */
function idsAt(value: unknown, path: string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => idsAt(item, path));
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  if (head === undefined) {
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' ? [id] : [];
  }
  return idsAt((value as Record<string, unknown>)[head], rest);
}

/** One audit event of a declared answer: its action, entity, record(s) and words. */
export interface DeclaredAuditEvent {
  action: NonNullable<AuditSpec['action']>;
  entity: string | null;
  entityId: string | null;
  recordIds: string[] | null;
  summary: string;
}

/**
 * The audit events a declared answer writes: one, or for an answer listing several kinds of
 * record (`lists`) one per kind that showed records — one naming none when nothing was shown.
 */
export function declaredAuditEvents(
  audit: AuditSpec,
  addressed: AddressedRecord | null,
  input: unknown,
  output: unknown,
): DeclaredAuditEvent[] {
  if (!audit.lists) return [declaredAuditEvent(audit, addressed, input, output)];
  const action = audit.action ?? 'readPersonalData';
  const describe = audit.describe as ((input: unknown, output: unknown) => string) | undefined;
  const what = describe ? describe(input, output) : audit.what;
  const events: DeclaredAuditEvent[] = [];
  for (const list of audit.lists) {
    const ids = [...new Set(list.fields.flatMap((path) => idsAt(output, path.split('.'))))];
    if (ids.length === 0) continue;
    const noun = recordAccess[list.kind].noun;
    events.push({
      action,
      entity: list.kind,
      entityId: null,
      recordIds: ids,
      summary: `${what}（${noun} ${ids.length} 条）`,
    });
  }
  if (events.length === 0)
    events.push({ action, entity: null, entityId: null, recordIds: null, summary: `${what}（无结果）` });
  return events;
}

/** The audit event a declared answer writes: its action, entity, record(s) and words. */
export function declaredAuditEvent(
  audit: AuditSpec,
  addressed: AddressedRecord | null,
  input: unknown,
  output: unknown,
): DeclaredAuditEvent {
  const action = audit.action ?? 'readPersonalData';
  const describe = audit.describe as ((input: unknown, output: unknown) => string) | undefined;
  if (audit.list) {
    const ids = [...new Set(audit.list.fields.flatMap((path) => idsAt(output, path.split('.'))))];
    return {
      action,
      entity: audit.list.kind,
      entityId: null,
      recordIds: ids,
      summary: describe ? describe(input, output) : `${audit.what}（${ids.length} 条）`,
    };
  }
  return {
    action,
    entity: addressed?.entity ?? null,
    entityId: addressed?.id ?? null,
    recordIds: null,
    summary: describe ? describe(input, output) : `${audit.what}${addressed?.label ?? ''}`,
  };
}
