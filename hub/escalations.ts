// The residents' matters townships escalated to the county (提交统筹): the counterpart of an
// instruction — an instruction goes down, an escalated matter comes up. Nothing new travels for
// it: the township's triage writes the matter's row with `handling = 'escalated'` and that row's
// image rides on the change-log entry like every write's (hub_entries.row_images), so the county
// reads the matter as it now stands from the latest entry of each record (hub_records → its
// entry's images) and follows it there as the township replies and closes it.
//
// Read per township, by the keys the hub already has (hub_records' primary key, hub_entries'
// (node, seq)); the row images are filtered with a LIKE on their JSON text first, which both
// SQLite and PostgreSQL run the same way (the hub stores the JSON as written: no spaces).
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { matterKind } from '../shared/matters/matterKind';
import { MATTER_STATUSES } from '../shared/matters/matters';
import {
  escalationListed,
  type EscalatedMatterRow,
  type EscalationInstruction,
  type EscalationStatusFilter,
} from '../shared/sync/countyApi';
import { rowImage, type Instruction, type RowImage } from '../shared/sync/protocol';
import type { HubContext } from './context';
import type { HubDatabase } from './db/schema';

/** The township's change-log entity of a village (electron/backend/places/placesHandlers.ts). */
const VILLAGE_ENTITY = 'village';
/** The township's baseline of rows written without entries (electron/backend/sync/rowBaseline.ts). */
const BASELINE_ENTITY = 'rowBaseline';
/** Ids per `IN (…)`: far below both databases' parameter limits. */
const CHUNK = 500;

export interface EscalationFilter {
  nodeId?: string;
  status?: EscalationStatusFilter;
}

/** The columns of the township's `matters` row the county reads (others are left where they are). */
const matterRow = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(MATTER_STATUSES),
  handling: z.literal('escalated'),
  village_id: z.string(),
  type: z.string().nullish(),
  category: z.string().nullish(),
  resident_name: z.string().nullish(),
  description: z.string().nullish(),
  escalated_to: z.string().nullish(),
  escalation_reason: z.string().nullish(),
  decided_on: z.string().nullish(),
  replied_on: z.string().nullish(),
  reply: z.string().nullish(),
  closed_on: z.string().nullish(),
  voided_on: z.string().nullish(),
});
type MatterRow = z.infer<typeof matterRow>;

/** Every matter a township escalated, newest first, with its current status at the township. */
export async function escalatedMatters(ctx: HubContext, filter: EscalationFilter = {}): Promise<EscalatedMatterRow[]> {
  const nodes = await ctx.db
    .selectFrom('hub_nodes')
    .select(['id', 'township_name'])
    .$if(filter.nodeId !== undefined, (q) => q.where('id', '=', filter.nodeId!))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const rows: EscalatedMatterRow[] = [];
  for (const node of nodes) {
    const matters = (await currentMatters(ctx.db, node.id)).filter((m) => wanted(m.row, filter.status));
    if (matters.length === 0) continue;
    const villages = await villageNames(ctx.db, node.id, new Set(matters.map((m) => m.row.village_id)));
    const origins = await villageOrigins(
      ctx.db,
      node.id,
      matters.map((m) => m.row.id),
    );
    const instructions = await instructionsNaming(ctx.db, node.id);
    for (const { row, at } of matters) {
      rows.push({
        nodeId: node.id,
        townshipName: node.township_name,
        matterId: row.id,
        number: row.number,
        villageId: row.village_id,
        villageName: villages.get(row.village_id) ?? null,
        type: row.type ?? '',
        category: row.category ?? '',
        residentName: row.resident_name ?? '',
        description: row.description ?? '',
        escalatedTo: row.escalated_to ?? '',
        escalationReason: row.escalation_reason ?? '',
        escalatedOn: row.decided_on ?? '',
        status: row.status,
        repliedOn: row.replied_on ?? null,
        reply: row.reply ?? '',
        closedOn: row.closed_on ?? null,
        voidedOn: row.voided_on ?? null,
        villageNodeId: origins.get(row.id) ?? null,
        changedAt: at,
        instructions: instructions.filter((i) => i.names(row.number)).map((i) => i.instruction),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.escalatedOn.localeCompare(a.escalatedOn) ||
      b.changedAt.localeCompare(a.changedAt) ||
      a.townshipName.localeCompare(b.townshipName, 'zh-CN') ||
      b.number.localeCompare(a.number),
  );
}

function wanted(row: MatterRow, status: EscalationStatusFilter | undefined): boolean {
  return escalationListed(row.status, status);
}

/** The node's escalated matters as their latest entries left them. */
async function currentMatters(db: Kysely<HubDatabase>, nodeId: string): Promise<{ row: MatterRow; at: string }[]> {
  const records = await db
    .selectFrom('hub_records as r')
    .innerJoin('hub_entries as e', (join) => join.onRef('e.node_id', '=', 'r.node_id').onRef('e.seq', '=', 'r.seq'))
    .select(['r.entity_id', 'r.at', 'e.row_images'])
    .where('r.node_id', '=', nodeId)
    .where('r.entity', '=', matterKind.name)
    // Once escalated a matter keeps its handling through reply, close and void: the mark stays.
    .where('e.row_images', 'like', '%"handling":"escalated"%')
    .execute();
  const found: { row: MatterRow; at: string }[] = [];
  for (const record of records) {
    const image = imagesOf(record.row_images).find(
      (i) => i.table === 'matters' && !i.deleted && i.row['id'] === record.entity_id,
    );
    const row = image && matterRow.safeParse(image.row);
    if (row?.success) found.push({ row: row.data, at: record.at });
  }
  return found;
}

/**
 * The villages' names as the township last sent them: the latest entry of each village (its
 * row is in that entry's images), or the latest baseline of the villages table (villages
 * written before the township's log carried images, or in bulk). A village neither has reached
 * is left without a name, and the county page says so.
 */
async function villageNames(db: Kysely<HubDatabase>, nodeId: string, ids: Set<string>): Promise<Map<string, string>> {
  const found = new Map<string, { name: string; seq: number }>();
  const records = await db
    .selectFrom('hub_records as r')
    .innerJoin('hub_entries as e', (join) => join.onRef('e.node_id', '=', 'r.node_id').onRef('e.seq', '=', 'r.seq'))
    .select(['e.seq', 'e.row_images'])
    .where('r.node_id', '=', nodeId)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.entity', '=', VILLAGE_ENTITY), eb('r.entity_id', 'in', [...ids])]),
        eb.and([eb('r.entity', '=', BASELINE_ENTITY), eb('r.entity_id', '=', 'villages')]),
      ]),
    )
    .execute();
  for (const record of records) {
    const seq = Number(record.seq);
    for (const image of imagesOf(record.row_images)) {
      const { id, name } = image.row;
      if (image.table !== 'villages' || image.deleted || typeof id !== 'string' || typeof name !== 'string') continue;
      if (!ids.has(id)) continue;
      const seen = found.get(id);
      if (!seen || seen.seq < seq) found.set(id, { name, seq });
    }
  }
  return new Map([...found].map(([id, { name }]) => [id, name]));
}

/**
 * Which of the matters a village node collected: the township forwards a village's entries with
 * `data.village = { nodeId, seq }` (electron/backend/sync/villages/projection.ts), the
 * registration among them. (The triage itself is always the township's.) This reads the node's
 * registrations of the listed matters: a scan of its entries, bounded by the node.
 */
async function villageOrigins(db: Kysely<HubDatabase>, nodeId: string, ids: string[]): Promise<Map<string, string>> {
  const origins = new Map<string, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const entries = await db
      .selectFrom('hub_entries')
      .select(['entity_id', 'data'])
      .where('node_id', '=', nodeId)
      .where('entity', '=', matterKind.name)
      .where('op', '=', 'register')
      .where('entity_id', 'in', ids.slice(i, i + CHUNK))
      .where('data', 'like', '%"village":{%')
      .execute();
    for (const entry of entries) {
      const village = villageOf(entry.data);
      if (village) origins.set(entry.entity_id, village);
    }
  }
  return origins;
}

function villageOf(data: string): string | null {
  try {
    const parsed = JSON.parse(data) as { village?: { nodeId?: unknown } } | null;
    const nodeId = parsed?.village?.nodeId;
    return typeof nodeId === 'string' ? nodeId : null;
  } catch {
    return null;
  }
}

/**
 * The instructions the county sent this township about one of its matters: those pointing at it
 * (`about`, kind matter, its number — the 交办 sent from the 提交统筹 list, and the automatic
 * 督办 that chases it), and, from before instructions could point at a record, those whose title
 * or text names its number. Read by the township's receipts (indexed by node since migration 0007).
 */
async function instructionsNaming(
  db: Kysely<HubDatabase>,
  nodeId: string,
): Promise<{ names: (number: string) => boolean; instruction: EscalationInstruction }[]> {
  const rows = await db
    .selectFrom('hub_instruction_receipts as r')
    .innerJoin('hub_instructions as i', 'i.id', 'r.instruction_id')
    .select([
      'i.id',
      'i.kind',
      'i.title',
      'i.body',
      'i.issued_at',
      'i.due_on',
      'i.about_kind',
      'i.about_number',
      'r.acknowledged_at',
      'r.replied_at',
    ])
    .where('r.node_id', '=', nodeId)
    .where((eb) =>
      eb.or([
        eb('i.about_kind', '=', matterKind.name),
        eb.and([
          eb('i.about_kind', 'is', null),
          eb.or([eb('i.title', 'like', '%SQ-%'), eb('i.body', 'like', '%SQ-%')]),
        ]),
      ]),
    )
    .orderBy('i.issued_at')
    .execute();
  return rows.map((row) => ({
    names: (number: string) =>
      row.about_kind !== null ? row.about_number === number : row.title.includes(number) || row.body.includes(number),
    instruction: {
      id: row.id,
      kind: row.kind as Instruction['kind'],
      title: row.title,
      issuedAt: row.issued_at,
      dueOn: row.due_on,
      acknowledgedAt: row.acknowledged_at,
      repliedAt: row.replied_at,
    },
  }));
}

/** An entry's row images; images that do not parse are passed over (they are not this list's to judge). */
function imagesOf(json: string | null): RowImage[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((image) => {
    const checked = rowImage.safeParse(image);
    return checked.success ? [checked.data] : [];
  });
}
