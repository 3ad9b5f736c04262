// What goes down to a village node: the township's answers to the village's own records and
// the reference rows the village works from. Read from the township's change log after the
// position last sent to that node, so every change is looked at once per village whatever
// wrote it (a clerk's handover, a triage, a resident's new address, a new catalog):
//   - an entry that touched a row linked to the village (its errand, the case the errand
//     became) sends every answer row it wrote, and links the new ones, so the case's later
//     steps follow it down;
//   - rows of the places and the catalog go to every village; residents to their own village;
//     the accounts and village assignments of that village's agents to it.
// Rows a reference row points at (the clerk's account on a case) go first, so the village's
// foreign keys hold.
import { sql } from 'kysely';
import type { RowImage } from '../../../../shared/sync/protocol';
import type { Db } from '../../db/database';
import { replicatedTables, type TableShape } from '../../db/rowImages';
import { runWrite } from '../../db/writeScope';
import type { Tx } from '../../db/writes';
import { readNumber, writeNumber } from '../syncState';
import type { VillageOrigin } from './projection';
import { ANSWER_TABLES, REFERENCE_SETTINGS, SHARED_REFERENCE_TABLES } from './villageTables';

const PAGE = 2_000;
/** Rows per package: well under a down envelope's limits. */
const ROWS_PER_PACKAGE = 5_000;

export const answeredSetting = (nodeId: string) => `sync.village.${nodeId}.answered`;

export interface VillageNode {
  id: string;
  village_id: string;
}

export interface Answers {
  about: string;
  rows: RowImage[];
}

/** Where a row points, by foreign key: (column, table it points into). */
type ForeignKeys = Map<string, { column: string; target: string }[]>;

async function foreignKeysOf(db: Db, shapes: TableShape[]): Promise<ForeignKeys> {
  const keys: ForeignKeys = new Map();
  for (const shape of shapes) {
    const { rows } = await sql<{ table: string; from: string }>`
      SELECT "table", "from" FROM pragma_foreign_key_list(${shape.name})`.execute(db);
    keys.set(
      shape.name,
      rows.map((r) => ({ column: r.from, target: r.table })),
    );
  }
  return keys;
}

/** The row of `table` with `id` as its image (replicated columns only), or null. */
async function imageOf(db: Db | Tx, shape: TableShape, id: unknown): Promise<RowImage | null> {
  if (shape.key.length !== 1) return null;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join(shape.columns.map((c) => sql.ref(c)))} FROM ${sql.table(shape.name)}
    WHERE ${sql.ref(shape.key[0]!)} = ${id as string}`.execute(db);
  return rows[0] ? { table: shape.name, row: rows[0] } : null;
}

/** Every row of `table` (with a condition) as images, in key order. */
async function imagesOf(db: Db, shape: TableShape, where?: ReturnType<typeof sql>): Promise<RowImage[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join(shape.columns.map((c) => sql.ref(c)))} FROM ${sql.table(shape.name)}
    ${where ? sql`WHERE ${where}` : sql``} ORDER BY ${sql.join(shape.key.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map((row) => ({ table: shape.name, row }));
}

/** Users who work for the village (its agents and grid workers): the accounts a village node signs in with. */
async function villageAccountIds(db: Db | Tx, villageId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('agent_villages').select('user_id').where('village_id', '=', villageId).execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Everything a new village node starts from: the township's name, the places and the catalog,
 * its residents and its agents' accounts.
 */
export async function referenceRows(db: Db, villageId: string): Promise<RowImage[]> {
  const shapes = new Map((await replicatedTables(db)).map((s) => [s.name, s]));
  const rows: RowImage[] = [];
  const settings = shapes.get('node_settings')!;
  rows.push(...(await imagesOf(db, settings, sql`${sql.ref('key')} in (${sql.join(REFERENCE_SETTINGS)})`)));
  for (const table of SHARED_REFERENCE_TABLES) rows.push(...(await imagesOf(db, shapes.get(table)!)));
  const accounts = [...(await villageAccountIds(db, villageId))];
  if (accounts.length) {
    rows.push(...(await imagesOf(db, shapes.get('users')!, sql`id in (${sql.join(accounts)})`)));
    rows.push(...(await imagesOf(db, shapes.get('agent_villages')!, sql`user_id in (${sql.join(accounts)})`)));
  }
  rows.push(...(await imagesOf(db, shapes.get('residents')!, sql`village_id = ${villageId}`)));
  return rows;
}

/** Splits rows into packages of a bounded size, in order. */
export function packagesOf(about: string, rows: RowImage[]): Answers[] {
  const out: Answers[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PACKAGE)
    out.push({ about, rows: rows.slice(i, i + ROWS_PER_PACKAGE) });
  return out;
}

/**
 * The township's changes since the node's position that concern it, and the new position; the
 * caller publishes them and then calls `markAnswered` (a crash between sends them again, which
 * the village's replay takes as the same rows).
 */
export async function answersFor(
  db: Db,
  node: VillageNode,
): Promise<{ rows: RowImage[]; through: number; links: RowImage[] }> {
  const shapes = new Map((await replicatedTables(db)).map((s) => [s.name, s]));
  const foreignKeys = await foreignKeysOf(db, [...shapes.values()]);
  const accounts = await villageAccountIds(db, node.village_id);
  let through = await readNumber(db, answeredSetting(node.id));
  const out: RowImage[] = [];
  const sent = new Set<string>();
  const newLinks: RowImage[] = [];
  const linked = new Set(
    (
      await db.selectFrom('village_links').select(['table_name', 'row_id']).where('node_id', '=', node.id).execute()
    ).map((l) => `${l.table_name}:${l.row_id}`),
  );
  /** Marks an answer row as sent to this village, so the record's later changes follow it down. */
  const link = (image: RowImage) => {
    const key = `${image.table}:${String(image.row['id'] ?? '')}`;
    if (!ANSWER_TABLES.has(image.table) || linked.has(key)) return;
    linked.add(key);
    newLinks.push({ table: image.table, row: { id: image.row['id'] } });
  };
  /** `answer`: an answer row (linked, as are the answer rows it points at); else a reference row. */
  const add = async (image: RowImage, answer: boolean, depth = 0): Promise<void> => {
    // The rows it points at first (a clerk's account, an item snapshot, the case an errand became), once each.
    for (const fk of foreignKeys.get(image.table) ?? []) {
      const value = image.row[fk.column];
      const target = shapes.get(fk.target);
      if (value === null || value === undefined || !target || depth > 1) continue;
      if (sent.has(`${fk.target}:${String(value)}`)) continue;
      const pointed = await imageOf(db, target, value);
      if (pointed) await add(pointed, answer, depth + 1);
    }
    if (answer) link(image);
    sent.add(`${image.table}:${String(image.row['id'] ?? JSON.stringify(image.row))}`);
    out.push(image);
  };
  for (;;) {
    const entries = await db
      .selectFrom('change_log')
      .select(['seq', 'data', 'row_images'])
      .where('seq', '>', through)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (entries.length === 0) break;
    for (const entry of entries) {
      through = entry.seq;
      if (!entry.row_images) continue;
      const images = JSON.parse(entry.row_images) as RowImage[];
      const origin = (JSON.parse(entry.data) as { village?: VillageOrigin } | null)?.village;
      // The village's own write, taken in: it has it (the refused rows excepted, sent below).
      const ownWrite = origin?.nodeId === node.id && !origin.refused?.length;
      const touches = images.some((i) => ANSWER_TABLES.has(i.table) && linked.has(`${i.table}:${String(i.row['id'])}`));
      for (const image of images) {
        if (image.deleted) continue;
        if (touches && !ownWrite && ANSWER_TABLES.has(image.table)) await add(image, true);
        else if (isReferenceFor(image, node, accounts)) await add(image, false);
      }
      // A refused change of the village's: the township's row as it stands goes back down.
      for (const refusal of origin?.nodeId === node.id ? (origin.refused ?? []) : []) {
        const shape = shapes.get(refusal.table);
        const current = shape ? await imageOf(db, shape, refusal.id) : null;
        if (current) await add(current, true);
      }
    }
  }
  return { rows: out, through, links: newLinks };
}

function isReferenceFor(image: RowImage, node: VillageNode, accounts: Set<string>): boolean {
  const row = image.row;
  if ((SHARED_REFERENCE_TABLES as readonly string[]).includes(image.table)) return true;
  switch (image.table) {
    case 'node_settings':
      return REFERENCE_SETTINGS.includes(String(row['key']));
    case 'residents':
      return row['village_id'] === node.village_id;
    case 'users':
      return accounts.has(String(row['id']));
    case 'agent_villages':
      return row['village_id'] === node.village_id;
    default:
      return false;
  }
}

/** Records how far the node was answered, with the links of rows sent down for the first time. */
export async function markAnswered(
  db: Db,
  nodeId: string,
  through: number,
  links: RowImage[],
  at: string,
): Promise<void> {
  if (links.length === 0) {
    await writeNumber(db, answeredSetting(nodeId), through);
    return;
  }
  await runWrite(db, { id: null, name: '系统' }, at, (scope) =>
    scope.change({ entity: 'villageNode', id: nodeId, op: 'answer' }, async (tx) => {
      for (const link of links) {
        await tx
          .insertInto('village_links')
          .values({ table_name: link.table, row_id: String(link.row['id']), node_id: nodeId, owner: 'township' })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await writeNumber(tx, answeredSetting(nodeId), through);
      return { linked: links.length, through };
    }),
  );
}
