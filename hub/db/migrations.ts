// The hub's schema, written once with Kysely's schema builder so that the same migration runs
// on SQLite and on PostgreSQL. Only types both understand: text, bigint (SQLite gives it
// integer affinity; PostgreSQL int8, which open.ts reads back as a JS number). No booleans,
// no blobs, no autoincrement: ids are UUIDv7 text, flags are text states.
// Migrations live in code so the bundled hub carries them; never edit one that has shipped.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';
import { SUITE_INTERNATIONAL } from '../../shared/sync/suiteIds';

const migrations: Record<string, Migration> = {
  '0001_hub': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hub_nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('township_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('token_expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text')
        .addColumn('registered_key_id', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoke_reason', 'text')
        .addColumn('applied_through', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_batch_hash', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('last_contact_at', 'text')
        .addColumn('down_applied', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('down_next_seq', 'bigint', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('hub_node_keys')
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('sealed_before', 'text')
        .addColumn('revoked_at', 'text')
        // Per node: a key id is 64 bits of a hash, unique enough to name a node's own keys, and
        // every lookup is by (node of the envelope, signer of the envelope).
        .addPrimaryKeyConstraint('hub_node_keys_pk', ['node_id', 'key_id'])
        .execute();

      await db.schema
        .createTable('hub_batches')
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('first_seq', 'bigint', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('entries', 'bigint', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('signer', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_batches_pk', ['node_id', 'first_seq'])
        .execute();

      // No foreign key from the big tables: every row is written in the same transaction that
      // checked the node, and a per-row FK lookup would cost the apply rate for nothing.
      await db.schema
        .createTable('hub_entries')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_entries_pk', ['node_id', 'seq'])
        .execute();

      await db.schema
        .createTable('hub_records')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_records_pk', ['node_id', 'entity', 'entity_id'])
        .execute();
      await db.schema.createIndex('hub_records_by_seq').on('hub_records').columns(['node_id', 'seq']).execute();

      await db.schema
        .createTable('hub_rejections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('first_seq', 'bigint')
        .addColumn('last_seq', 'bigint')
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hub_rejections_by_node').on('hub_rejections').columns(['node_id', 'id']).execute();

      await db.schema
        .createTable('hub_files')
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_files_pk', ['node_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('hub_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('length', 'bigint', (c) => c.notNull())
        .addColumn('upload_offset', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('hub_packages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('hub_deliveries')
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('package_id', 'text', (c) => c.notNull().references('hub_packages.id'))
        .addPrimaryKeyConstraint('hub_deliveries_pk', ['node_id', 'seq'])
        .execute();

      await db.schema
        .createTable('hub_instructions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('responsible_role', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('refers_to', 'text')
        .addColumn('package_id', 'text', (c) => c.notNull().references('hub_packages.id'))
        .execute();

      await db.schema
        .createTable('hub_instruction_receipts')
        .addColumn('instruction_id', 'text', (c) => c.notNull().references('hub_instructions.id'))
        .addColumn('node_id', 'text', (c) => c.notNull().references('hub_nodes.id'))
        .addColumn('delivered_at', 'text', (c) => c.notNull())
        .addColumn('arrived_at', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('replied_at', 'text')
        .addColumn('reply', 'text')
        .addColumn('replied_by', 'text')
        .addPrimaryKeyConstraint('hub_instruction_receipts_pk', ['instruction_id', 'node_id'])
        .execute();

      await db.schema
        .createTable('hub_figures')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_figures_pk', ['node_id', 'month'])
        .execute();
    },
  },
  '0002_node_suite': {
    // The cipher suite the county chose for each township (国密 or international). Every node
    // created before the choice existed used the international suite, which the default says.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('hub_nodes')
        .addColumn('suite', 'text', (c) => c.notNull().defaultTo(SUITE_INTERNATIONAL))
        .execute();
    },
  },
  '0003_rebuild': {
    // The rows each entry left behind (the township's db/rowImages.ts), kept so a township whose
    // PC and backups are lost can be rebuilt from here; and the state of such a rebuild.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('hub_entries').addColumn('row_images', 'text').execute();
      await db.schema.alterTable('hub_nodes').addColumn('rebuild_authorized_at', 'text').execute();
      await db.schema.alterTable('hub_nodes').addColumn('rebuild_through', 'bigint').execute();
      await db.schema.alterTable('hub_nodes').addColumn('rebuild_files', 'bigint').execute();
      await db.schema.alterTable('hub_nodes').addColumn('rebuild_finished_at', 'text').execute();
    },
  },
  '0004_row_keepers': {
    // How far each county view kept from the rows (hub/rowKeepers.ts) has read each township's
    // entries: a view added to a hub that already holds entries fills itself from them once.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hub_keeper_positions')
        .addColumn('keeper', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('through_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_keeper_positions_pk', ['keeper', 'node_id'])
        .execute();
    },
  },
  '0005_figures': {
    // The county's figures kept from the rows (hub/figures/): what each record adds (spans), and
    // the sums of each period's events by the month they are dated in and by day — a period as it
    // stood on any day is its months before that day's month plus that month's days up to it.
    // grp '' is the township's whole figure (a breakdown's events are summed there too and under
    // their group); period '*' holds the figures of no period (the counter's 超期).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hub_figure_spans')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('desk', 'text', (c) => c.notNull())
        .addColumn('figure', 'text', (c) => c.notNull())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('placed_on', 'text', (c) => c.notNull())
        .addColumn('start_day', 'text', (c) => c.notNull())
        .addColumn('end_day', 'text')
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addColumn('at_day_end', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('hub_figure_spans_row')
        .on('hub_figure_spans')
        .columns(['node_id', 'tbl', 'row_id'])
        .execute();
      await db.schema
        .createIndex('hub_figure_spans_figure')
        .on('hub_figure_spans')
        .columns(['node_id', 'desk', 'figure', 'placed_on'])
        .execute();
      await db.schema
        .createTable('hub_figure_records')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_figure_records_pk', ['node_id', 'tbl', 'row_id'])
        .execute();
      await db.schema
        .createTable('hub_figure_days')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('desk', 'text', (c) => c.notNull())
        .addColumn('figure', 'text', (c) => c.notNull())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('at_day_end', 'bigint', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_figure_days_pk', [
          'period',
          'node_id',
          'desk',
          'figure',
          'grp',
          'day',
          'at_day_end',
        ])
        .execute();
      await db.schema
        .createTable('hub_figure_months')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('desk', 'text', (c) => c.notNull())
        .addColumn('figure', 'text', (c) => c.notNull())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_figure_months_pk', ['period', 'node_id', 'desk', 'figure', 'grp', 'month'])
        .execute();
    },
  },
  '0006_county_search': {
    // The county's search across townships (hub/searchIndex.ts): a row per township record it
    // finds (and per party or petitioner, pointing at their dispute or petition), its key — the
    // number as typed-comparable text, or for an ID number its keyed hash, never the number —
    // and where the latest image of the row is; and the record of every search and opening.
    async up(db: Kysely<unknown>) {
      // Prefix search is a range on the key: PostgreSQL must compare it byte by byte (its
      // default collation follows the locale and would put `sl-2026-1…` elsewhere); SQLite does.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('hub_search_index')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('key_kind', 'text')
        .addColumn('search_key', 'text', (c) => (postgres ? c.modifyEnd(sql`collate "C"`) : c))
        .addColumn('record_table', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('village_id', 'text')
        .addColumn('number', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text')
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hub_search_index_pk', ['node_id', 'table_name', 'row_id'])
        .execute();
      await db.schema
        .createIndex('hub_search_by_key')
        .on('hub_search_index')
        .columns(['key_kind', 'search_key'])
        .where(sql.ref('search_key'), 'is not', null)
        .execute();
      // A resident's records (cases, matters, parties, petitioners naming the resident's row).
      await db.schema
        .createIndex('hub_search_by_person')
        .on('hub_search_index')
        .columns(['node_id', 'person_id'])
        .where(sql.ref('person_id'), 'is not', null)
        .execute();
      // A dispute's parties, a petition's petitioners.
      await db.schema
        .createIndex('hub_search_by_record')
        .on('hub_search_index')
        .columns(['node_id', 'record_id'])
        .where(sql<boolean>`table_name <> record_table`)
        .execute();

      await db.schema
        .createTable('hub_search_audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('searcher', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('found', 'bigint', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0007_instruction_follow_up': {
    // Instructions followed to the end (issue 21, docs/sync.md): the township's record an
    // instruction is about (kind and number); on each receipt the 交办's deadline, copied so the
    // minute's search for overdue ones reads an index of the open receipts only, and the 督办 the
    // hub sent by itself once that deadline passed without a reply (at most one: it is recorded
    // here in the transaction that issues it).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('hub_instructions').addColumn('about_kind', 'text').execute();
      await db.schema.alterTable('hub_instructions').addColumn('about_number', 'text').execute();
      await db.schema.alterTable('hub_instruction_receipts').addColumn('due_on', 'text').execute();
      await db.schema.alterTable('hub_instruction_receipts').addColumn('auto_supervision_id', 'text').execute();
      await sql`UPDATE hub_instruction_receipts SET due_on = (
        SELECT i.due_on FROM hub_instructions i
        WHERE i.id = hub_instruction_receipts.instruction_id AND i.kind = 'assign'
      )`.execute(db);
      await db.schema
        .createIndex('hub_instruction_receipts_open_due')
        .on('hub_instruction_receipts')
        .columns(['due_on'])
        .where(sql.ref('due_on'), 'is not', null)
        .where(sql.ref('replied_at'), 'is', null)
        .where(sql.ref('auto_supervision_id'), 'is', null)
        .execute();
      await db.schema
        .createIndex('hub_instruction_receipts_by_node')
        .on('hub_instruction_receipts')
        .columns(['node_id', 'instruction_id'])
        .execute();
      await db.schema
        .createIndex('hub_instructions_by_about')
        .on('hub_instructions')
        .columns(['about_kind', 'about_number'])
        .where(sql.ref('about_kind'), 'is not', null)
        .execute();
    },
  },
};

export const hubMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
