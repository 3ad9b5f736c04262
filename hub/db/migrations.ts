// The hub's schema, written once with Kysely's schema builder so that the same migration runs
// on SQLite and on PostgreSQL. Only types both understand: text, bigint (SQLite gives it
// integer affinity; PostgreSQL int8, which open.ts reads back as a JS number). No booleans,
// no blobs, no autoincrement: ids are UUIDv7 text, flags are text states.
// Migrations live in code so the bundled hub carries them; never edit one that has shipped.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
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
};

export const hubMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
