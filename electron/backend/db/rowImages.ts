// Row images: every change-log entry carries the rows its write left behind, whole (or the key
// of a row it deleted), so the county's copy of a township's log is enough to rebuild the
// township's database on a new PC (issue 18, docs/rebuild.md). The entry's `data` says what
// happened for people and figures; the images say what the tables hold afterwards.
//
// They are caught by temporary triggers on the one connection — not written by each handler —
// so no write can forget them: a trigger files each written row in `temp.row_changes`, and the
// change-log append (writes.ts) takes what was filed since the transaction began or since the
// previous entry. The driver empties the table at every BEGIN (db/database.ts), so a write made
// outside any entry (a sign-in's counter) never rides on someone else's entry.
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { RowImage } from '../../../shared/sync/protocol';
import type { Database } from './schema';

// The database and transaction types spelled out here: database.ts and writes.ts import this.
type Db = Kysely<Database>;
type Tx = Transaction<Database>;

/**
 * Tables that stay on this machine, and why. Every other table is replicated: a new table goes
 * to the county unless it is declared here.
 */
export const LOCAL_TABLES: Readonly<Record<string, string>> = Object.freeze({
  change_log: 'the log itself travels as entries',
  sessions: 'sign-ins of this machine',
  audit_events: "this machine's record of who read what",
  resident_search_tokens: 'derived from residents (rebuilt from them)',
  sync_batches: "this node's outbox, sealed to the hub",
  sync_files: "this node's attachment outbox",
  sync_packages: 'downward packages as this machine applied them',
  backup_runs: "this machine's backups",
  app_versions: 'the app versions that opened this copy of the database',
  hall_screens: "this host's paired hall screens and their credentials (they pair again with a new host)",
  pad_presentations: 'what a rating pad of this hall shows now',
  kysely_migration: 'schema version',
  kysely_migration_lock: 'schema version',
});

/** Columns that never leave the machine: secrets and this machine's sign-in state. */
export const LOCAL_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  users: ['password_hash', 'failed_logins', 'locked_until', 'last_login_at'],
});

/** Settings of this machine only: its sync keys and state, where its backups go. */
export const LOCAL_SETTING_PREFIXES = ['sync.', 'backup.'] as const;

/** The empty table, made when the connection opens (before any schema exists). */
export const ROW_CHANGES_TABLE_SQL =
  'CREATE TEMP TABLE IF NOT EXISTS row_changes (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, image TEXT NOT NULL, deleted INTEGER NOT NULL)';
export const CLEAR_ROW_CHANGES_SQL = 'DELETE FROM temp.row_changes';

export interface TableShape {
  name: string;
  columns: string[];
  key: string[];
}

/** The replicated tables of this database as they are now (after migrations). */
export async function replicatedTables(db: Db | Tx): Promise<TableShape[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT name FROM main.sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const shapes: TableShape[] = [];
  for (const { name } of tables) {
    if (name in LOCAL_TABLES) continue;
    const { rows } = await sql<{ name: string; pk: number }>`
      SELECT name, pk FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
    const local = LOCAL_COLUMNS[name] ?? [];
    const key = rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    if (key.length === 0) throw new Error(`表 ${name} 没有主键，无法复制到县级平台`);
    shapes.push({ name, columns: rows.map((c) => c.name).filter((c) => !local.includes(c)), key });
  }
  return shapes;
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function jsonOf(row: 'NEW' | 'OLD', columns: string[]): string {
  return `json_object(${columns.map((c) => `${literal(c)}, ${row}.${identifier(c)}`).join(', ')})`;
}

/** The WHEN clause keeping a table's local rows out (node_settings: this machine's settings). */
function localRows(table: string, row: 'NEW' | 'OLD'): string {
  if (table !== 'node_settings') return '';
  return `WHEN ${LOCAL_SETTING_PREFIXES.map((p) => `substr(${row}."key", 1, ${p.length}) <> ${literal(p)}`).join(' AND ')}`;
}

function triggersOf(shape: TableShape): string[] {
  const t = identifier(shape.name);
  const name = (event: string) => identifier(`row_image_${event}_${shape.name}`);
  const file = (row: 'NEW' | 'OLD', columns: string[], deleted: 0 | 1) =>
    `INSERT INTO temp.row_changes (tbl, image, deleted) VALUES (${literal(shape.name)}, ${jsonOf(row, columns)}, ${deleted});`;
  const keyChanged = shape.key.map((c) => `OLD.${identifier(c)} IS NOT NEW.${identifier(c)}`).join(' OR ');
  const keyOfOld = `INSERT INTO temp.row_changes (tbl, image, deleted) SELECT ${literal(shape.name)}, ${jsonOf('OLD', shape.key)}, 1 WHERE ${keyChanged};`;
  // UPDATE OF the replicated columns only: a sign-in that sets last_login_at files nothing.
  const updateOf = shape.columns.map(identifier).join(', ');
  return [
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('insert')} AFTER INSERT ON main.${t} ${localRows(shape.name, 'NEW')} BEGIN ${file('NEW', shape.columns, 0)} END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE OF ${updateOf} ON main.${t} ${localRows(shape.name, 'NEW')} BEGIN ${keyOfOld} ${file('NEW', shape.columns, 0)} END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON main.${t} ${localRows(shape.name, 'OLD')} BEGIN ${file('OLD', shape.key, 1)} END`,
  ];
}

/** Puts the triggers on every replicated table (once per connection, after the migrations). */
export async function installRowCapture(db: Db): Promise<void> {
  for (const shape of await replicatedTables(db)) {
    for (const statement of triggersOf(shape)) await sql.raw(statement).execute(db);
  }
}

/**
 * The rows written since the transaction began or the previous entry, in write order (a row
 * written twice is there twice: replaying in order ends where the write ended), and empties the
 * list for the next entry.
 */
export async function takeRowImages(tx: Tx): Promise<RowImage[]> {
  const { rows } = await sql<{ tbl: string; image: string; deleted: number }>`
    SELECT tbl, image, deleted FROM temp.row_changes ORDER BY n`.execute(tx);
  if (rows.length === 0) return [];
  await sql.raw(CLEAR_ROW_CHANGES_SQL).execute(tx);
  return rows.map((r): RowImage => ({
    table: r.tbl,
    row: JSON.parse(r.image) as Record<string, unknown>,
    ...(r.deleted ? { deleted: true as const } : {}),
  }));
}

/** What a local column holds in a rebuilt row: a password nobody can sign in with, no lockout. */
const LOCAL_COLUMN_FILL: Readonly<Record<string, Record<string, unknown>>> = Object.freeze({
  users: { password_hash: '!rebuilt', failed_logins: 0, locked_until: null, last_login_at: null },
});

/** Replays images onto the tables, in order; answers how many were applied and skipped. */
export class RowReplay {
  readonly #shapes: Map<string, TableShape & { all: Set<string> }>;
  applied = 0;
  /** Images of tables or columns this schema does not have (a newer township's): counted, not fatal. */
  skipped = 0;

  constructor(shapes: TableShape[]) {
    this.#shapes = new Map(shapes.map((shape) => [shape.name, { ...shape, all: new Set(shape.columns) }]));
  }

  async apply(tx: Tx, images: readonly RowImage[]): Promise<void> {
    for (const image of images) {
      const shape = this.#shapes.get(image.table);
      if (!shape) {
        this.skipped++;
        continue;
      }
      const table = identifier(shape.name);
      if (image.deleted) {
        const where = shape.key.map((c) => sql`${sql.ref(c)} = ${image.row[c] as string}`);
        await sql`DELETE FROM ${sql.raw(table)} WHERE ${sql.join(where, sql` AND `)}`.execute(tx);
      } else {
        const columns = Object.keys(image.row).filter((c) => shape.all.has(c));
        if (columns.length < Object.keys(image.row).length) this.skipped++;
        const fill = Object.entries(LOCAL_COLUMN_FILL[shape.name] ?? {});
        const names = [...columns, ...fill.map(([c]) => c)];
        const values = [...columns.map((c) => image.row[c]), ...fill.map(([, v]) => v)];
        const updates = columns.filter((c) => !shape.key.includes(c));
        const onConflict = updates.length
          ? sql`DO UPDATE SET ${sql.join(updates.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`
          : sql`DO NOTHING`;
        await sql`INSERT INTO ${sql.raw(table)} (${sql.join(names.map((c) => sql.ref(c)))})
          VALUES (${sql.join(values.map((v) => sql`${v as string}`))})
          ON CONFLICT (${sql.join(shape.key.map((c) => sql.ref(c)))}) ${onConflict}`.execute(tx);
      }
      this.applied++;
    }
  }
}

/**
 * Files the images of up to `limit` rows of a table, in key order after `afterKey` (the key of
 * the last row filed by the previous call; null: from the start), as if a write had touched
 * them: the next entry appended takes them. Keyset order, so rows inserted or deleted between
 * calls shift nothing. @returns how many, and the key to go on after.
 */
export async function fileTableImages(
  tx: Tx,
  shape: TableShape,
  afterKey: readonly unknown[] | null,
  limit: number,
): Promise<{ count: number; lastKey: unknown[] | null }> {
  const conditions: string[] = [];
  if (shape.name === 'node_settings')
    conditions.push(...LOCAL_SETTING_PREFIXES.map((p) => `substr("key", 1, ${p.length}) <> ${literal(p)}`));
  const keyList = shape.key.map(identifier).join(', ');
  if (afterKey) conditions.push(`(${keyList}) > (${shape.key.map(() => '?').join(', ')})`);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const query = `INSERT INTO temp.row_changes (tbl, image, deleted)
    SELECT ${literal(shape.name)}, ${jsonOf('NEW', shape.columns)}, 0 FROM ${identifier(shape.name)} AS NEW
    ${where} ORDER BY ${shape.key.map((c) => `NEW.${identifier(c)}`).join(', ')} LIMIT ?`;
  const parameters = [...(afterKey ?? []), limit];
  const result = await tx.executeQuery(CompiledQuery.raw(query, parameters));
  const count = Number(result.numAffectedRows ?? 0n);
  if (count === 0) return { count, lastKey: null };
  const { rows } = await sql<{ image: string }>`SELECT image FROM temp.row_changes ORDER BY n DESC LIMIT 1`.execute(tx);
  const last = JSON.parse(rows[0]!.image) as Record<string, unknown>;
  return { count, lastKey: shape.key.map((c) => last[c]) };
}
