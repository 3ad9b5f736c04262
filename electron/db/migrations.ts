import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations live in code (not files found at run time) so that the bundled hall host and
 * the packaged desktop app carry them. Never edit a migration that has shipped; add one.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE node_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
        `CREATE TABLE users (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE COLLATE NOCASE,
          display_name TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          roles TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1,
          must_change_password INTEGER NOT NULL DEFAULT 0,
          failed_logins INTEGER NOT NULL DEFAULT 0,
          locked_until TEXT,
          last_login_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id),
          origin TEXT NOT NULL,
          created_at TEXT NOT NULL,
          last_seen_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          locked_at TEXT,
          ended_at TEXT
        ) WITHOUT ROWID`,
        `CREATE INDEX sessions_by_user ON sessions(user_id)`,
        `CREATE TABLE villages (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('village', 'community')),
          sort_order INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE TABLE village_groups (
          id TEXT PRIMARY KEY,
          village_id TEXT NOT NULL REFERENCES villages(id),
          name TEXT NOT NULL,
          sort_order INTEGER NOT NULL,
          UNIQUE (village_id, name)
        )`,
        `CREATE TABLE residents (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          id_type TEXT NOT NULL,
          id_number TEXT NOT NULL,
          id_number_reversed TEXT NOT NULL,
          sex TEXT CHECK (sex IN ('male', 'female')),
          birth_date TEXT,
          phone TEXT NOT NULL DEFAULT '',
          phone_reversed TEXT NOT NULL DEFAULT '',
          ethnicity TEXT NOT NULL,
          village_id TEXT NOT NULL REFERENCES villages(id),
          group_id TEXT REFERENCES village_groups(id),
          address TEXT NOT NULL DEFAULT '',
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          created_by TEXT,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          voided_at TEXT,
          void_reason TEXT
        )`,
        // One living record per document; a voided record frees its number.
        `CREATE UNIQUE INDEX residents_unique_document ON residents(id_type, id_number) WHERE voided_at IS NULL`,
        `CREATE INDEX residents_by_id_number ON residents(id_number)`,
        `CREATE INDEX residents_by_id_number_reversed ON residents(id_number_reversed)`,
        `CREATE INDEX residents_by_phone_reversed ON residents(phone_reversed) WHERE phone_reversed <> ''`,
        `CREATE INDEX residents_by_village ON residents(village_id, group_id)`,
        `CREATE TABLE resident_search_tokens (
          token TEXT NOT NULL,
          resident_id TEXT NOT NULL REFERENCES residents(id),
          PRIMARY KEY (token, resident_id)
        ) WITHOUT ROWID`,
        `CREATE INDEX resident_search_tokens_by_resident ON resident_search_tokens(resident_id)`,
        `CREATE TABLE change_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          op TEXT NOT NULL,
          data TEXT NOT NULL,
          actor_id TEXT,
          actor_name TEXT NOT NULL,
          at TEXT NOT NULL
        )`,
        `CREATE INDEX change_log_by_entity ON change_log(entity, entity_id)`,
        `CREATE TABLE audit_events (
          id TEXT PRIMARY KEY,
          at TEXT NOT NULL,
          actor_id TEXT,
          actor_name TEXT NOT NULL,
          action TEXT NOT NULL,
          entity TEXT,
          entity_id TEXT,
          summary TEXT NOT NULL,
          origin TEXT NOT NULL
        )`,
        `CREATE INDEX audit_events_by_entity ON audit_events(entity_id)`,
        `CREATE INDEX audit_events_by_action ON audit_events(action, id)`,
        `CREATE TABLE number_counters (scope TEXT PRIMARY KEY, last_value INTEGER NOT NULL) WITHOUT ROWID`,
        // The log is append-only: the database itself refuses to rewrite history.
        `CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END`,
        `CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END`,
        `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
        `CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0002_document_archive': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // Every issued paper: the file's hash proves it unaltered, the code finds it from paper.
        `CREATE TABLE issued_documents (
          id TEXT PRIMARY KEY,
          type TEXT NOT NULL,
          title TEXT NOT NULL,
          record_entity TEXT NOT NULL,
          record_id TEXT NOT NULL,
          verification_code TEXT NOT NULL UNIQUE,
          sha256 TEXT NOT NULL,
          size_bytes INTEGER NOT NULL,
          file_path TEXT NOT NULL,
          issued_by TEXT,
          issued_by_name TEXT NOT NULL,
          issued_at TEXT NOT NULL,
          superseded_by TEXT REFERENCES issued_documents(id),
          superseded_at TEXT
        )`,
        `CREATE INDEX issued_documents_by_record ON issued_documents(record_entity, record_id)`,
        `CREATE INDEX issued_documents_by_sha256 ON issued_documents(sha256)`,
        `CREATE TABLE document_prints (
          id TEXT PRIMARY KEY,
          document_id TEXT NOT NULL REFERENCES issued_documents(id),
          printed_at TEXT NOT NULL,
          printed_by TEXT,
          printed_by_name TEXT NOT NULL,
          copies INTEGER NOT NULL CHECK (copies >= 1),
          reprint INTEGER NOT NULL
        )`,
        `CREATE INDEX document_prints_by_document ON document_prints(document_id)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0003_document_printing': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // What a printer needs to know (paper, pages) and what a reprint is drawn from: the
        // record exactly as it was issued, rendered again with the same time and code.
        `ALTER TABLE issued_documents ADD COLUMN page_size TEXT NOT NULL DEFAULT 'a4'`,
        `ALTER TABLE issued_documents ADD COLUMN page_width_pt REAL NOT NULL DEFAULT 595.28`,
        `ALTER TABLE issued_documents ADD COLUMN page_height_pt REAL NOT NULL DEFAULT 841.89`,
        `ALTER TABLE issued_documents ADD COLUMN page_count INTEGER NOT NULL DEFAULT 1`,
        `ALTER TABLE issued_documents ADD COLUMN archival INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE issued_documents ADD COLUMN record_json TEXT`,
        `CREATE INDEX issued_documents_by_time ON issued_documents(issued_at, id)`,
        // A print the desktop reports as cancelled or failed does not count (the next one is
        // then still the first); the file printed is hashed so a 补打 copy can be verified too.
        `ALTER TABLE document_prints ADD COLUMN outcome TEXT NOT NULL DEFAULT 'sent'
          CHECK (outcome IN ('sent', 'cancelled', 'failed'))`,
        `ALTER TABLE document_prints ADD COLUMN outcome_message TEXT`,
        `ALTER TABLE document_prints ADD COLUMN file_sha256 TEXT`,
        `CREATE INDEX document_prints_by_sha256 ON document_prints(file_sha256)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0004_working_calendar': {
    async up(db: Kysely<unknown>) {
      // One row a year, the arrangement as published (JSON, validated by shared/calendar):
      // replaced whole when the county sends a new one, never patched day by day.
      await sql
        .raw(
          `CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            arrangement TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by_name TEXT NOT NULL
          )`,
        )
        .execute(db);
    },
  },
  '0005_service_catalog': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // The item as a whole (JSON, validated by shared/counter/catalog) plus the columns
        // lists and statistics sort and filter on. Items are retired (active_to), never deleted:
        // cases keep pointing at them.
        `CREATE TABLE catalog_items (
          code TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          category TEXT NOT NULL,
          item TEXT NOT NULL,
          origin TEXT NOT NULL CHECK (origin IN ('county', 'local')),
          active_from TEXT,
          active_to TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          updated_at TEXT NOT NULL,
          updated_by_name TEXT NOT NULL
        )`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
