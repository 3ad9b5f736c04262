import { sql, type Kysely, type Migration } from 'kysely';

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
        // The item as a whole (JSON, validated by shared/catalog/catalog) plus the columns
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
  '0006_counter_cases': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // One row per case. The item (as a snapshot) and the resident's name are fixed at intake:
        // a later catalog change or a renamed resident must not rewrite what was accepted. The step
        // details are JSON (read whole with the case); the columns are what lists, worklists
        // and statistics filter and sort on.
        // Catalog items as cases saw them, stored once per distinct content (see itemSnapshots).
        `CREATE TABLE catalog_snapshots (id TEXT PRIMARY KEY, item TEXT NOT NULL) WITHOUT ROWID`,
        `CREATE TABLE counter_cases (
          id TEXT PRIMARY KEY,
          intake_key TEXT NOT NULL UNIQUE,
          case_number TEXT UNIQUE,
          status TEXT NOT NULL,
          resident_id TEXT NOT NULL REFERENCES residents(id),
          resident_name TEXT NOT NULL,
          village_id TEXT NOT NULL REFERENCES villages(id),
          item_code TEXT NOT NULL,
          item_name TEXT NOT NULL,
          category TEXT NOT NULL,
          handling_type TEXT NOT NULL,
          item_snapshot TEXT NOT NULL REFERENCES catalog_snapshots(id),
          received_materials TEXT NOT NULL,
          window TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          clerk_id TEXT REFERENCES users(id),
          clerk_name TEXT NOT NULL,
          intake_at TEXT NOT NULL,
          intake_on TEXT NOT NULL,
          accepted_at TEXT,
          accepted_on TEXT,
          original_promised_date TEXT,
          promised_date TEXT,
          paused_days INTEGER NOT NULL DEFAULT 0,
          paused_on TEXT,
          steps TEXT NOT NULL DEFAULT '{}',
          outcome TEXT CHECK (outcome IN ('approved', 'refused')),
          completed_on TEXT,
          completed_on_the_spot INTEGER NOT NULL DEFAULT 0,
          delivered_on TEXT,
          rating TEXT,
          follow_up_open INTEGER NOT NULL DEFAULT 0,
          last_step_on TEXT NOT NULL,
          voided_at TEXT,
          errand_id TEXT,
          agent_id TEXT REFERENCES users(id),
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        // A clerk's worklist: their open cases by due date, from the index alone.
        `CREATE INDEX counter_cases_open_by_clerk ON counter_cases(clerk_id, promised_date)
          WHERE status IN ('accepted', 'inProgress', 'forwarded', 'paused')`,
        `CREATE INDEX counter_cases_open ON counter_cases(promised_date)
          WHERE status IN ('accepted', 'inProgress', 'forwarded', 'paused')`,
        // Lists by status (待补齐, 待送达), oldest first, for the hall and for one clerk.
        `CREATE INDEX counter_cases_by_status ON counter_cases(status, intake_at)`,
        `CREATE INDEX counter_cases_by_clerk_status ON counter_cases(clerk_id, status, intake_at)`,
        `CREATE INDEX counter_cases_by_accepted_on ON counter_cases(accepted_on)`,
        `CREATE INDEX counter_cases_by_intake_on ON counter_cases(intake_on)`,
        `CREATE INDEX counter_cases_by_resident ON counter_cases(resident_id)`,
        `CREATE INDEX counter_cases_follow_ups ON counter_cases(follow_up_open) WHERE follow_up_open = 1`,
        `CREATE INDEX counter_cases_by_agent ON counter_cases(agent_id, accepted_on) WHERE agent_id IS NOT NULL`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0007_errands': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE agent_villages (
          user_id TEXT PRIMARY KEY REFERENCES users(id),
          village_id TEXT NOT NULL REFERENCES villages(id),
          updated_at TEXT NOT NULL
        ) WITHOUT ROWID`,
        `CREATE TABLE errand_handovers (
          id TEXT PRIMARY KEY,
          request_key TEXT NOT NULL UNIQUE,
          agent_id TEXT NOT NULL REFERENCES users(id),
          agent_name TEXT NOT NULL,
          clerk_id TEXT REFERENCES users(id),
          clerk_name TEXT NOT NULL,
          window TEXT NOT NULL,
          handed_over_at TEXT NOT NULL,
          handed_over_on TEXT NOT NULL,
          errand_count INTEGER NOT NULL
        )`,
        // Made on the agent's node (node_id), possibly offline: a UUID and no human number,
        // so errands from many laptops meet at the township without colliding.
        `CREATE TABLE errands (
          id TEXT PRIMARY KEY,
          request_key TEXT NOT NULL UNIQUE,
          node_id TEXT NOT NULL,
          agent_id TEXT NOT NULL REFERENCES users(id),
          agent_name TEXT NOT NULL,
          village_id TEXT REFERENCES villages(id),
          resident_id TEXT NOT NULL REFERENCES residents(id),
          resident_name TEXT NOT NULL,
          item_code TEXT NOT NULL,
          item_name TEXT NOT NULL,
          item TEXT NOT NULL,
          materials TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL,
          authorised_at TEXT NOT NULL,
          authorised_on TEXT NOT NULL,
          handover_id TEXT REFERENCES errand_handovers(id),
          handed_over_on TEXT,
          case_id TEXT REFERENCES counter_cases(id),
          delivered_on TEXT,
          delivery_signed_by TEXT,
          withdraw_reason TEXT,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE INDEX errands_by_agent ON errands(agent_id, status)`,
        `CREATE INDEX errands_by_status ON errands(status, agent_id)`,
        `CREATE INDEX errands_by_authorised_on ON errands(authorised_on)`,
        `CREATE INDEX errands_by_handed_over_on ON errands(handed_over_on) WHERE handed_over_on IS NOT NULL`,
        `CREATE INDEX errands_by_delivered_on ON errands(delivered_on) WHERE delivered_on IS NOT NULL`,
        `CREATE INDEX errands_by_case ON errands(case_id) WHERE case_id IS NOT NULL`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0008_mediation_committees': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE mediation_committees (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('township', 'village', 'specialised')),
          village_id TEXT REFERENCES villages(id),
          speciality TEXT,
          seal_name TEXT NOT NULL,
          case_prefix TEXT NOT NULL UNIQUE,
          phone TEXT NOT NULL DEFAULT '',
          active INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE TABLE mediators (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          id_number TEXT NOT NULL DEFAULT '',
          phone TEXT NOT NULL DEFAULT '',
          specialities TEXT NOT NULL,
          full_time INTEGER NOT NULL,
          lawyer INTEGER NOT NULL,
          user_id TEXT UNIQUE REFERENCES users(id),
          active INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        // A mediator may serve several committees.
        `CREATE TABLE committee_mediators (
          committee_id TEXT NOT NULL REFERENCES mediation_committees(id),
          mediator_id TEXT NOT NULL REFERENCES mediators(id),
          PRIMARY KEY (committee_id, mediator_id)
        ) WITHOUT ROWID`,
        `CREATE INDEX committee_mediators_by_mediator ON committee_mediators(mediator_id)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0009_mediation_disputes': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE mediation_sweeps (
          id TEXT PRIMARY KEY,
          committee_id TEXT NOT NULL REFERENCES mediation_committees(id),
          held_on TEXT NOT NULL,
          area TEXT NOT NULL,
          team TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE INDEX mediation_sweeps_by_date ON mediation_sweeps(held_on, committee_id)`,
        // One row per dispute from registration to closing. The case number is drawn at
        // acceptance from the committee's counter for the year (mediation-case:<committee>:<year>).
        // amount_fen: 涉及金额 in fen. outcome_on: the day the agreement was reached or the
        // mediation ended; effective_on: the written or oral agreement's effective day (Art. 30, 33).
        `CREATE TABLE disputes (
          id TEXT PRIMARY KEY,
          request_key TEXT NOT NULL UNIQUE,
          committee_id TEXT NOT NULL REFERENCES mediation_committees(id),
          case_year INTEGER,
          case_sequence INTEGER,
          case_number TEXT,
          status TEXT NOT NULL,
          source TEXT NOT NULL,
          sweep_id TEXT REFERENCES mediation_sweeps(id),
          handover_kind TEXT,
          handover_from TEXT,
          handover_on TEXT,
          handover_reference TEXT NOT NULL DEFAULT '',
          category TEXT NOT NULL,
          facts TEXT NOT NULL,
          village_id TEXT REFERENCES villages(id),
          place_detail TEXT NOT NULL DEFAULT '',
          amount_fen INTEGER,
          people_involved INTEGER NOT NULL,
          risky INTEGER NOT NULL,
          risk_note TEXT NOT NULL DEFAULT '',
          party_names TEXT NOT NULL,
          registered_on TEXT NOT NULL,
          registered_by_name TEXT NOT NULL,
          accepted_on TEXT,
          refused_on TEXT,
          refusal_reason TEXT,
          agreement TEXT,
          outcome_kind TEXT,
          outcome_on TEXT,
          outcome_text TEXT,
          agreement_copies INTEGER,
          effective_on TEXT,
          court_applied_on TEXT,
          court_name TEXT NOT NULL DEFAULT '',
          court_decision TEXT,
          court_decided_on TEXT,
          closed_on TEXT,
          closing_summary TEXT,
          closed_by_name TEXT,
          last_step_on TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE UNIQUE INDEX disputes_by_case_number ON disputes(committee_id, case_year, case_sequence)
          WHERE case_sequence IS NOT NULL`,
        `CREATE INDEX disputes_by_case_sequence ON disputes(case_sequence) WHERE case_sequence IS NOT NULL`,
        `CREATE INDEX disputes_by_registered_on ON disputes(registered_on)`,
        `CREATE INDEX disputes_by_outcome_on ON disputes(outcome_on) WHERE outcome_on IS NOT NULL`,
        `CREATE INDEX disputes_by_sweep ON disputes(sweep_id) WHERE sweep_id IS NOT NULL`,
        `CREATE INDEX disputes_open ON disputes(status, accepted_on) WHERE status IN ('registered', 'accepted', 'settled')`,
        // Parties in the order the papers print them (applicants first): 甲方, 乙方 …
        `CREATE TABLE dispute_parties (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          position INTEGER NOT NULL,
          side TEXT NOT NULL,
          kind TEXT NOT NULL,
          resident_id TEXT REFERENCES residents(id),
          name TEXT NOT NULL,
          sex TEXT,
          ethnicity TEXT NOT NULL DEFAULT '',
          birth_date TEXT,
          occupation TEXT NOT NULL DEFAULT '',
          id_number TEXT NOT NULL DEFAULT '',
          address TEXT NOT NULL DEFAULT '',
          phone TEXT NOT NULL DEFAULT '',
          legal_representative TEXT NOT NULL DEFAULT '',
          legal_representative_title TEXT NOT NULL DEFAULT '',
          agent_name TEXT NOT NULL DEFAULT '',
          agent_relation TEXT NOT NULL DEFAULT '',
          agent_phone TEXT NOT NULL DEFAULT '',
          agent_id_number TEXT NOT NULL DEFAULT ''
        )`,
        `CREATE INDEX dispute_parties_by_dispute ON dispute_parties(dispute_id, position)`,
        `CREATE INDEX dispute_parties_by_name ON dispute_parties(name)`,
        `CREATE INDEX dispute_parties_by_id_number ON dispute_parties(id_number) WHERE id_number != ''`,
        `CREATE TABLE dispute_mediators (
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          mediator_id TEXT NOT NULL REFERENCES mediators(id),
          lead INTEGER NOT NULL,
          assigned_on TEXT NOT NULL,
          PRIMARY KEY (dispute_id, mediator_id)
        ) WITHOUT ROWID`,
        `CREATE INDEX dispute_mediators_by_mediator ON dispute_mediators(mediator_id)`,
        `CREATE TABLE dispute_recusals (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          mediator_id TEXT NOT NULL REFERENCES mediators(id),
          mediator_name TEXT NOT NULL,
          party_id TEXT NOT NULL REFERENCES dispute_parties(id),
          party_name TEXT NOT NULL,
          reason TEXT NOT NULL,
          decided_on TEXT NOT NULL,
          created_at TEXT NOT NULL
        )`,
        `CREATE INDEX dispute_recusals_by_dispute ON dispute_recusals(dispute_id)`,
        // 调查记录 and 调解记录; statements: [{partyId, partyName, statement}] (JSON).
        `CREATE TABLE dispute_records (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          kind TEXT NOT NULL,
          held_on TEXT NOT NULL,
          place TEXT NOT NULL,
          mediator_names TEXT NOT NULL,
          attendees TEXT NOT NULL,
          subject TEXT NOT NULL,
          findings TEXT NOT NULL,
          statements TEXT NOT NULL,
          recorder TEXT NOT NULL,
          document_id TEXT REFERENCES issued_documents(id),
          created_by_name TEXT NOT NULL,
          created_at TEXT NOT NULL
        )`,
        `CREATE INDEX dispute_records_by_dispute ON dispute_records(dispute_id, held_on)`,
        // Files under <data>/attachments/<sha256 prefix>/<sha256>; the hash is listed in the record.
        `CREATE TABLE dispute_attachments (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          record_id TEXT REFERENCES dispute_records(id),
          file_name TEXT NOT NULL,
          mime_type TEXT NOT NULL,
          size_bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          file_path TEXT NOT NULL,
          caption TEXT NOT NULL DEFAULT '',
          added_at TEXT NOT NULL,
          added_by_name TEXT NOT NULL
        )`,
        `CREATE INDEX dispute_attachments_by_dispute ON dispute_attachments(dispute_id)`,
        `CREATE TABLE dispute_follow_ups (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          planned_on TEXT,
          done_on TEXT,
          by_name TEXT NOT NULL DEFAULT '',
          performance TEXT,
          notes TEXT NOT NULL DEFAULT '',
          next_visit_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE INDEX dispute_follow_ups_by_dispute ON dispute_follow_ups(dispute_id)`,
        `CREATE INDEX dispute_follow_ups_by_done_on ON dispute_follow_ups(done_on) WHERE done_on IS NOT NULL`,
        `CREATE TABLE dispute_annotations (
          id TEXT PRIMARY KEY,
          dispute_id TEXT NOT NULL REFERENCES disputes(id),
          at TEXT NOT NULL,
          by_name TEXT NOT NULL,
          text TEXT NOT NULL
        )`,
        `CREATE INDEX dispute_annotations_by_dispute ON dispute_annotations(dispute_id)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // The monthly statistics count each event by its own date; registered_on, outcome_on and the
  // follow-ups' done_on have indexes already, these are the other dates they count by.
  '0010_mediation_statistics': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE INDEX disputes_by_accepted_on ON disputes(accepted_on) WHERE accepted_on IS NOT NULL`,
        `CREATE INDEX disputes_by_court_applied_on ON disputes(court_applied_on) WHERE court_applied_on IS NOT NULL`,
        `CREATE INDEX disputes_by_court_decided_on ON disputes(court_decided_on) WHERE court_decided_on IS NOT NULL`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // 三调联动 the other way: a dispute refused or whose mediation ended may be sent on to the
  // township, a court, the police, the petition office or another body (referral_out_kind takes
  // the handover kinds). referral_out_on is the refusal's or the termination's date, which the
  // monthly statistics count referrals out by.
  '0011_mediation_referrals_out': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `ALTER TABLE disputes ADD COLUMN referral_out_kind TEXT`,
        `ALTER TABLE disputes ADD COLUMN referral_out_to TEXT NOT NULL DEFAULT ''`,
        `ALTER TABLE disputes ADD COLUMN referral_out_on TEXT`,
        `CREATE INDEX disputes_by_referral_out_on ON disputes(referral_out_on) WHERE referral_out_on IS NOT NULL`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // Upward sync (electron/backend/sync). The change log stays the source; these tables hold what the sync
  // made of it: each batch sealed ONCE and stored before any sending (so a resend is the very same
  // bytes, which the hub recognises as a replay), each attachment sealed once (the envelope lives
  // in <data>/sync/outgoing, the row remembers the upload address so an interrupted upload
  // resumes), the downward packages applied, and the county's instructions.
  '0012_sync': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE sync_batches (
          first INTEGER PRIMARY KEY,
          last INTEGER NOT NULL,
          node_id TEXT NOT NULL,
          entries INTEGER NOT NULL,
          raw_bytes INTEGER NOT NULL,
          bytes INTEGER NOT NULL,
          hash TEXT NOT NULL UNIQUE,
          prev TEXT NOT NULL,
          envelope BLOB NOT NULL,
          created_at TEXT NOT NULL,
          sent_at TEXT,
          acknowledged_at TEXT,
          via TEXT CHECK (via IN ('link', 'file')),
          CHECK (last >= first)
        )`,
        `CREATE INDEX sync_batches_unacknowledged ON sync_batches(first) WHERE acknowledged_at IS NULL`,
        `CREATE TABLE sync_files (
          sha256 TEXT PRIMARY KEY,
          size_bytes INTEGER NOT NULL,
          envelope_path TEXT NOT NULL,
          envelope_bytes INTEGER NOT NULL,
          upload_url TEXT,
          created_at TEXT NOT NULL,
          uploaded_at TEXT,
          acknowledged_at TEXT,
          via TEXT CHECK (via IN ('link', 'file'))
        ) WITHOUT ROWID`,
        `CREATE TABLE sync_packages (
          seq INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          published_at TEXT NOT NULL,
          applied_at TEXT NOT NULL,
          via TEXT NOT NULL CHECK (via IN ('link', 'file')),
          summary TEXT NOT NULL
        )`,
        `CREATE TABLE instructions (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('assign', 'supervise')),
          title TEXT NOT NULL,
          responsible_role TEXT NOT NULL,
          due_on TEXT,
          instruction TEXT NOT NULL,
          down_seq INTEGER NOT NULL,
          arrived_at TEXT NOT NULL,
          acknowledged_at TEXT,
          acknowledged_by TEXT,
          acknowledged_by_id TEXT,
          reply TEXT,
          replied_at TEXT,
          replied_by TEXT,
          version INTEGER NOT NULL DEFAULT 1
        )`,
        `CREATE INDEX instructions_by_arrival ON instructions(arrived_at)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // The petition desk (信访). Each step's date and each deadline given is a column of its own:
  // deadlines are computed when their step is taken and never recomputed (only an extension
  // moves the handling deadline, and it is recorded). running_due_on is the office's deadline
  // running now (null when none), kept with every step so the worklist filters by colour on an
  // index. Petitioners are rows of their own, looked up by ID number or by name and phone to
  // find a person's earlier petitions.
  '0013_petitions': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE reception_days (
          id TEXT PRIMARY KEY,
          "on" TEXT NOT NULL,
          starts_at TEXT NOT NULL,
          ends_at TEXT NOT NULL,
          place TEXT NOT NULL,
          leader_name TEXT NOT NULL,
          leader_title TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )`,
        `CREATE INDEX reception_days_by_day ON reception_days("on")`,
        `CREATE TABLE petitions (
          id TEXT PRIMARY KEY,
          year INTEGER NOT NULL,
          sequence INTEGER NOT NULL,
          number TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          status TEXT NOT NULL CHECK (status IN ('registered', 'accepted', 'notAccepted', 'replied',
            'underReview', 'reviewed', 'underReReview', 'reReviewed', 'closed')),
          channel TEXT NOT NULL CHECK (channel IN ('visit', 'letter')),
          source TEXT NOT NULL CHECK (source IN ('desk', 'handedDown')),
          handed_down_from TEXT NOT NULL DEFAULT '',
          handed_down_on TEXT,
          handed_down_reference TEXT NOT NULL DEFAULT '',
          received_on TEXT NOT NULL,
          received_at TEXT,
          people_count INTEGER NOT NULL CHECK (people_count >= 1),
          group_visit INTEGER NOT NULL,
          letter_postmark_on TEXT,
          letter_from_address TEXT NOT NULL DEFAULT '',
          letter_mail_number TEXT NOT NULL DEFAULT '',
          letter_pages INTEGER,
          category TEXT NOT NULL,
          matter TEXT NOT NULL,
          requests TEXT NOT NULL DEFAULT '',
          village_id TEXT REFERENCES villages(id),
          place TEXT NOT NULL DEFAULT '',
          department_concerned TEXT NOT NULL DEFAULT '',
          reception_day_id TEXT REFERENCES reception_days(id),
          leader_name TEXT NOT NULL DEFAULT '',
          repeat INTEGER NOT NULL,
          repeat_of_id TEXT REFERENCES petitions(id),
          skipped_to TEXT CHECK (skipped_to IN ('county', 'city', 'province', 'national')),
          petitioner_names TEXT NOT NULL,
          acceptance_due_on TEXT NOT NULL,
          accepted_on TEXT,
          handling_unit TEXT NOT NULL DEFAULT '',
          not_accepted_on TEXT,
          not_accepted_ground TEXT,
          not_accepted_reason TEXT NOT NULL DEFAULT '',
          not_accepted_channel TEXT NOT NULL DEFAULT '',
          handling_due_on TEXT,
          original_handling_due_on TEXT,
          extended_on TEXT,
          extension_days INTEGER,
          extension_reason TEXT NOT NULL DEFAULT '',
          leader_decision TEXT CHECK (leader_decision IN ('onTheSpot', 'deadline')),
          leader_decided_on TEXT,
          leader_due_on TEXT,
          case_leader TEXT NOT NULL DEFAULT '',
          assigned_department TEXT NOT NULL DEFAULT '',
          assigned_person TEXT NOT NULL DEFAULT '',
          replied_on TEXT,
          reply_facts TEXT NOT NULL DEFAULT '',
          reply_opinion TEXT NOT NULL DEFAULT '',
          reply_basis TEXT NOT NULL DEFAULT '',
          replied_by_name TEXT NOT NULL DEFAULT '',
          review_request_due_on TEXT,
          review_requested_on TEXT,
          review_body TEXT NOT NULL DEFAULT '',
          review_due_on TEXT,
          reviewed_on TEXT,
          review_outcome TEXT CHECK (review_outcome IN ('upheld', 'changed')),
          review_opinion TEXT NOT NULL DEFAULT '',
          re_review_request_due_on TEXT,
          re_review_requested_on TEXT,
          re_review_body TEXT NOT NULL DEFAULT '',
          re_review_due_on TEXT,
          re_reviewed_on TEXT,
          re_review_outcome TEXT CHECK (re_review_outcome IN ('upheld', 'changed')),
          re_review_opinion TEXT NOT NULL DEFAULT '',
          satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basicallySatisfied', 'dissatisfied', 'unreachable')),
          satisfaction_on TEXT,
          closed_on TEXT,
          running_due_on TEXT,
          last_step_on TEXT NOT NULL,
          request_id TEXT NOT NULL UNIQUE,
          registered_by_name TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (year, sequence)
        )`,
        `CREATE INDEX petitions_by_received_on ON petitions(received_on)`,
        `CREATE INDEX petitions_by_running_due_on ON petitions(running_due_on) WHERE running_due_on IS NOT NULL`,
        `CREATE INDEX petitions_by_accepted_on ON petitions(accepted_on) WHERE accepted_on IS NOT NULL`,
        `CREATE INDEX petitions_by_not_accepted_on ON petitions(not_accepted_on) WHERE not_accepted_on IS NOT NULL`,
        `CREATE INDEX petitions_by_replied_on ON petitions(replied_on) WHERE replied_on IS NOT NULL`,
        `CREATE INDEX petitions_by_acceptance_due_on ON petitions(acceptance_due_on)`,
        `CREATE INDEX petitions_by_handling_due_on ON petitions(handling_due_on) WHERE handling_due_on IS NOT NULL`,
        `CREATE INDEX petitions_by_reception_day ON petitions(reception_day_id) WHERE reception_day_id IS NOT NULL`,
        `CREATE TABLE petitioners (
          id TEXT PRIMARY KEY,
          petition_id TEXT NOT NULL REFERENCES petitions(id),
          position INTEGER NOT NULL,
          resident_id TEXT REFERENCES residents(id),
          name TEXT NOT NULL,
          sex TEXT,
          id_number TEXT NOT NULL DEFAULT '',
          phone TEXT NOT NULL DEFAULT '',
          address TEXT NOT NULL DEFAULT '',
          representative INTEGER NOT NULL DEFAULT 0,
          UNIQUE (petition_id, position)
        )`,
        `CREATE INDEX petitioners_by_id_number ON petitioners(id_number) WHERE id_number <> ''`,
        `CREATE INDEX petitioners_by_name_phone ON petitioners(name, phone) WHERE phone <> ''`,
        `CREATE TABLE petition_events (
          id TEXT PRIMARY KEY,
          petition_id TEXT NOT NULL REFERENCES petitions(id),
          kind TEXT NOT NULL CHECK (kind IN ('assigned', 'progress', 'transferred', 'handedOver')),
          "on" TEXT NOT NULL,
          to_body TEXT NOT NULL DEFAULT '',
          person TEXT NOT NULL DEFAULT '',
          note TEXT NOT NULL DEFAULT '',
          by_name TEXT NOT NULL,
          created_at TEXT NOT NULL
        )`,
        `CREATE INDEX petition_events_by_petition ON petition_events(petition_id)`,
        `CREATE TABLE petition_attachments (
          id TEXT PRIMARY KEY,
          petition_id TEXT NOT NULL REFERENCES petitions(id),
          file_name TEXT NOT NULL,
          mime_type TEXT NOT NULL,
          size_bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          file_path TEXT NOT NULL,
          caption TEXT NOT NULL DEFAULT '',
          added_by_name TEXT NOT NULL,
          added_at TEXT NOT NULL
        )`,
        `CREATE INDEX petition_attachments_by_petition ON petition_attachments(petition_id)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0014_audit_procedure': {
    async up(db: Kysely<unknown>) {
      // Which procedure answered, and which records a list showed: an audit event names both.
      await sql`ALTER TABLE audit_events ADD COLUMN procedure TEXT`.execute(db);
      await sql`ALTER TABLE audit_events ADD COLUMN record_ids TEXT`.execute(db);
    },
  },
  '0015_calendar_deadlines': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // A deadline moved when a year's official arrangement replaced its provisional one: listed
        // for the desk that gave it, so the resident can be told (docs/counter.md).
        `CREATE TABLE deadline_adjustments (
          id TEXT PRIMARY KEY,
          entity TEXT NOT NULL,
          record_id TEXT NOT NULL,
          label TEXT NOT NULL,
          deadline TEXT NOT NULL,
          from_date TEXT NOT NULL,
          to_date TEXT NOT NULL,
          years TEXT NOT NULL,
          adjusted_at TEXT NOT NULL
        )`,
        `CREATE INDEX deadline_adjustments_by_time ON deadline_adjustments(adjusted_at)`,
        // The written reply's delivery starts the review-request window (信访工作条例 第三十五条);
        // a re-review's hearing (听证) time is not counted in its period.
        `ALTER TABLE petitions ADD COLUMN reply_delivered_on TEXT`,
        `ALTER TABLE petitions ADD COLUMN reply_delivery_method TEXT`,
        `ALTER TABLE petitions ADD COLUMN review_delivered_on TEXT`,
        `ALTER TABLE petitions ADD COLUMN review_delivery_method TEXT`,
        `ALTER TABLE petitions ADD COLUMN hearing_from TEXT`,
        `ALTER TABLE petitions ADD COLUMN hearing_to TEXT`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0017_document_print_confirmation': {
    async up(db: Kysely<unknown>) {
      const statements = [
        // A print is first prepared (pending: the file is handed out), then settled by what
        // happened: the desktop's print job result, or the clerk's answer in a browser. Only
        // 'printed' counts; 'sent' of earlier versions meant the same and becomes it. SQLite
        // cannot change a CHECK constraint, so the table is rebuilt.
        `CREATE TABLE document_prints_new (
          id TEXT PRIMARY KEY,
          document_id TEXT NOT NULL REFERENCES issued_documents(id),
          printed_at TEXT NOT NULL,
          printed_by TEXT,
          printed_by_name TEXT NOT NULL,
          copies INTEGER NOT NULL CHECK (copies >= 1),
          reprint INTEGER NOT NULL,
          outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'printed', 'cancelled', 'failed')),
          outcome_message TEXT,
          file_sha256 TEXT,
          settled_at TEXT
        )`,
        `INSERT INTO document_prints_new
          SELECT id, document_id, printed_at, printed_by, printed_by_name, copies, reprint,
            CASE outcome WHEN 'sent' THEN 'printed' ELSE outcome END, outcome_message, file_sha256, printed_at
          FROM document_prints`,
        `DROP TABLE document_prints`,
        `ALTER TABLE document_prints_new RENAME TO document_prints`,
        `CREATE INDEX document_prints_by_document ON document_prints(document_id)`,
        `CREATE INDEX document_prints_by_sha256 ON document_prints(file_sha256)`,
        // The link the paper's QR code carries (signed facts), so a 补打 copy carries the same one.
        `ALTER TABLE issued_documents ADD COLUMN verification_link TEXT`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0016_counter_completion_span': {
    async up(db: Kysely<unknown>) {
      // The statistics' 超期 on a past day counts the cases open then: accepted by that day and
      // completed after it. Both dates in one index let SQLite pick them out of a million cases
      // without reading the rows (docs/counter.md, 超期的定义).
      await sql`CREATE INDEX counter_cases_completion_span ON counter_cases(completed_on, accepted_on)
        WHERE completed_on IS NOT NULL`.execute(db);
    },
  },
  // The one search and a resident's history (electron/backend/search) find a person's records
  // through these: errands, dispute parties and petitioners by the resident they name, and
  // petitioners by name (the name-and-phone index holds only those with a phone).
  '0018_search_indexes': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE INDEX errands_by_resident ON errands(resident_id)`,
        `CREATE INDEX dispute_parties_by_resident ON dispute_parties(resident_id) WHERE resident_id IS NOT NULL`,
        `CREATE INDEX petitioners_by_resident ON petitioners(resident_id) WHERE resident_id IS NOT NULL`,
        `CREATE INDEX petitioners_by_name ON petitioners(name)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // Each backup and restore drill (electron/backend/backup): what the administrator's screens
  // show (the last good backup, a failure) and the history. Local to this machine: not synced.
  '0019_backup_runs': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE backup_runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('backup', 'drill')),
        started_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
        folder TEXT NOT NULL,
        generation TEXT,
        database_bytes INTEGER,
        files INTEGER,
        new_files INTEGER,
        duration_ms INTEGER,
        message TEXT
      )`.execute(db);
      await sql`CREATE INDEX backup_runs_by_time ON backup_runs(kind, started_at)`.execute(db);
    },
  },
  // The rows each entry's write left behind (db/rowImages.ts): what the county needs to rebuild a
  // township whose PC and backups are lost. Entries written before this have none: a baseline of
  // every row is filed before the next batch (sync/rowBaseline.ts).
  '0020_row_images': {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE change_log ADD COLUMN row_images TEXT`.execute(db);
      // A log that already has entries lacks their rows: the baseline is due (sync/rowBaseline.ts).
      await sql`INSERT INTO node_settings (key, value)
        SELECT 'sync.rowBaseline', 'due' WHERE EXISTS (SELECT 1 FROM change_log)`.execute(db);
    },
  },
  // A paper whose archived file is gone (a PC rebuilt from the county receives rows, never files)
  // is drawn again from its record (documents/rerender.ts). `sha256` and `size_bytes` stay the
  // original's — what codes, links and the county check; these say when the copy on file was
  // made and what it is, so a file checked against it is known for the re-rendered copy.
  '0021_rerendered_papers': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `ALTER TABLE issued_documents ADD COLUMN rerendered_at TEXT`,
        `ALTER TABLE issued_documents ADD COLUMN rerendered_sha256 TEXT`,
        `ALTER TABLE issued_documents ADD COLUMN rerendered_size_bytes INTEGER`,
        `CREATE INDEX issued_documents_by_rerendered_sha256 ON issued_documents(rerendered_sha256)
          WHERE rerendered_sha256 IS NOT NULL`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // Which versions of the app opened this database, and at which schema (db/upgrade.ts): an older
  // app refusing a database a newer one migrated names that version; 关于 shows them, with the
  // backup taken before the upgrade a version made. Local to this machine.
  '0022_app_versions': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE app_versions (
        version TEXT PRIMARY KEY,
        schema_version TEXT NOT NULL,
        first_opened_at TEXT NOT NULL,
        upgrade_backup TEXT
      ) WITHOUT ROWID`.execute(db);
    },
  },
  // 大厅网络 (hall/lanListener.ts): a session started through the LAN listener notes which one
  // (`via`, its address:port), so that turning the LAN off ends exactly those; and a session ended
  // for a reason the window should be told (the LAN turned off) keeps it (`ended_reason`).
  '0023_session_channels': {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE sessions ADD COLUMN via TEXT`.execute(db);
      await sql`ALTER TABLE sessions ADD COLUMN ended_reason TEXT`.execute(db);
      await sql`CREATE INDEX sessions_live ON sessions(ended_at, via)`.execute(db);
    },
  },
  // Residents' matters (群众诉求、问题、建议) and 三事分流 (docs/matters.md): one row a matter, its
  // steps' dates in its columns (the statistics count on them), the human number drawn per year
  // (`matter:<year>`). The village a matter belongs to places it in a scope (its village's agents
  // and grid workers read it).
  '0024_matters': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE matters (
          id TEXT PRIMARY KEY,
          year INTEGER NOT NULL,
          sequence INTEGER NOT NULL,
          number TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          status TEXT NOT NULL CHECK (status IN ('registered', 'inHand', 'escalated', 'replied', 'closed', 'voided')),
          source TEXT NOT NULL CHECK (source IN ('counter', 'grid', 'meeting', 'campaign')),
          type TEXT NOT NULL CHECK (type IN ('request', 'problem', 'suggestion')),
          category TEXT NOT NULL,
          village_id TEXT NOT NULL REFERENCES villages(id),
          resident_id TEXT REFERENCES residents(id),
          resident_name TEXT NOT NULL,
          phone TEXT NOT NULL DEFAULT '',
          description TEXT NOT NULL,
          collected_on TEXT NOT NULL,
          collected_by_id TEXT NOT NULL,
          collected_by_name TEXT NOT NULL,
          triage TEXT CHECK (triage IN ('major', 'minor', 'private')),
          handling TEXT CHECK (handling IN ('onTheSpot', 'deadline', 'escalated', 'advised')),
          decided_on TEXT,
          decided_by_name TEXT NOT NULL DEFAULT '',
          owner_kind TEXT CHECK (owner_kind IN ('township', 'countyDepartment', 'villageCommittee',
            'communityOrganisation')),
          owner TEXT NOT NULL DEFAULT '',
          working_days INTEGER,
          due_on TEXT,
          escalated_to TEXT NOT NULL DEFAULT '',
          escalation_reason TEXT NOT NULL DEFAULT '',
          replied_on TEXT,
          reply_method TEXT CHECK (reply_method IN ('inPerson', 'phone', 'written', 'meeting')),
          reply TEXT NOT NULL DEFAULT '',
          replied_by_name TEXT NOT NULL DEFAULT '',
          closed_on TEXT,
          result TEXT NOT NULL DEFAULT '',
          voided_on TEXT,
          void_reason TEXT NOT NULL DEFAULT '',
          last_step_on TEXT NOT NULL,
          request_id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (year, sequence)
        )`,
        `CREATE INDEX matters_by_collected_on ON matters(collected_on)`,
        `CREATE INDEX matters_by_village ON matters(village_id, collected_on)`,
        `CREATE INDEX matters_open ON matters(status, due_on) WHERE status IN ('registered', 'inHand', 'escalated', 'replied')`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // Number blocks (号段, docs/numbers.md): on a township, `number_blocks` is the ledger of the
  // ranges reserved out of its own counters for its village nodes, and of what a retired node
  // gave back (`returned_from`..last; `reissues`: the returned block a block was cut from). On a
  // village node, `held_number_blocks` are the blocks it received and how far it drew from each.
  // Two tables because they have two owners: the township's ledger is never written by a village.
  // And the errand's 委托代办授权书 now carries a number (委托书编号) drawn at registration.
  '0025_number_blocks': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE number_blocks (
          id TEXT PRIMARY KEY,
          node_id TEXT NOT NULL,
          scope TEXT NOT NULL,
          first INTEGER NOT NULL CHECK (first >= 1),
          last INTEGER NOT NULL,
          reserved_at TEXT NOT NULL,
          reissues TEXT,
          returned_from INTEGER,
          returned_at TEXT,
          CHECK (last >= first),
          CHECK (returned_from IS NULL OR (returned_from BETWEEN first AND last + 1 AND returned_at IS NOT NULL))
        )`,
        `CREATE INDEX number_blocks_by_node ON number_blocks(node_id, scope)`,
        `CREATE INDEX number_blocks_returned ON number_blocks(scope, returned_from) WHERE returned_from IS NOT NULL`,
        `CREATE INDEX number_blocks_by_reissued ON number_blocks(reissues) WHERE reissues IS NOT NULL`,
        `CREATE TABLE held_number_blocks (
          id TEXT PRIMARY KEY,
          node_id TEXT NOT NULL,
          scope TEXT NOT NULL,
          first INTEGER NOT NULL CHECK (first >= 1),
          last INTEGER NOT NULL,
          reserved_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          used_through INTEGER,
          CHECK (last >= first),
          CHECK (used_through IS NULL OR used_through BETWEEN first AND last)
        )`,
        `CREATE INDEX held_number_blocks_by_scope ON held_number_blocks(scope, id)`,
        `ALTER TABLE errands ADD COLUMN authorisation_number TEXT`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // The village tier (ARCHITECTURE principle 9): the township's village nodes, and which rows a
  // village holds a copy of or owns (village_links: the village's own rows, taken in here, and the
  // township's rows sent down as answers), so ownership is checked per row.
  '0026_village_nodes': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE village_nodes (
        id TEXT PRIMARY KEY,
        village_id TEXT NOT NULL REFERENCES villages(id),
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
        created_at TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        retired_at TEXT,
        retire_reason TEXT,
        version INTEGER NOT NULL DEFAULT 1
      ) WITHOUT ROWID`.execute(db);
      await sql`CREATE TABLE village_links (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        node_id TEXT NOT NULL REFERENCES village_nodes(id),
        owner TEXT NOT NULL CHECK (owner IN ('village', 'township')),
        PRIMARY KEY (table_name, row_id, node_id)
      ) WITHOUT ROWID`.execute(db);
      await sql`CREATE INDEX village_links_by_row ON village_links(row_id)`.execute(db);
    },
  },
  // Photos and scans of an errand's materials, taken by the agent in the village (possibly on a
  // village node with no link) or at the counter; `material` names the material one shows, when
  // it shows one of the errand's list. Kept by content like every attachment (file_path, sha256).
  '0027_errand_attachments': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE errand_attachments (
        id TEXT PRIMARY KEY,
        errand_id TEXT NOT NULL REFERENCES errands(id),
        material TEXT,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_path TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        added_by_name TEXT NOT NULL,
        added_at TEXT NOT NULL
      )`.execute(db);
      await sql`CREATE INDEX errand_attachments_by_errand ON errand_attachments(errand_id)`.execute(db);
    },
  },
  // Photos and scans of a counter case's materials (the 高拍仪 at the counter, or a chosen file);
  // `material` names the material of the case's list one shows. Kept by content like every
  // attachment (file_path, sha256); replicated to the county with the case.
  '0028_case_attachments': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE case_attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES counter_cases(id),
        material TEXT,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_path TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        added_by_name TEXT NOT NULL,
        added_at TEXT NOT NULL
      )`.execute(db);
      await sql`CREATE INDEX case_attachments_by_case ON case_attachments(case_id)`.execute(db);
    },
  },
  // The hall's screens that no clerk signs in to (issue 22): the ticket machine, the calling
  // screen and the rating pads, each paired once with a one-time code and from then on known by
  // its own token (only hashes kept); and what each window's pad is asked to show. Both stay on
  // this host (rowImages.ts LOCAL_TABLES): a screen pairs again with a new host.
  '0029_hall_screens': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE hall_screens (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('ticketKiosk', 'callingScreen', 'ratingPad')),
          name TEXT NOT NULL,
          window_name TEXT,
          status TEXT NOT NULL CHECK (status IN ('awaitingPairing', 'paired', 'revoked')),
          pairing_code_hash TEXT,
          pairing_expires_at TEXT,
          token_hash TEXT UNIQUE,
          paired_at TEXT,
          last_seen_at TEXT,
          created_at TEXT NOT NULL,
          created_by_name TEXT NOT NULL,
          revoked_at TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          CHECK ((kind = 'ratingPad') = (window_name IS NOT NULL))
        )`,
        `CREATE UNIQUE INDEX hall_screens_live_names ON hall_screens(name) WHERE status <> 'revoked'`,
        // One live pad per window: the case a clerk presents goes to exactly one pad.
        `CREATE UNIQUE INDEX hall_screens_live_pads ON hall_screens(window_name) WHERE status <> 'revoked'`,
        `CREATE UNIQUE INDEX hall_screens_open_codes ON hall_screens(pairing_code_hash)`,
        `CREATE TABLE pad_presentations (
          window_name TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES counter_cases(id),
          stage TEXT NOT NULL CHECK (stage IN ('acceptance', 'rating')),
          presented_at TEXT NOT NULL,
          presented_by_name TEXT NOT NULL,
          rated_at TEXT
        ) WITHOUT ROWID`,
        // The pad finds the case just accepted at its window without scanning the year's cases.
        `CREATE INDEX counter_cases_by_window_accepted ON counter_cases(window, accepted_at)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  // The hall's queue (排队叫号, docs/queue.md): the categories tickets are taken for (the letter
  // before the number), the windows that call them, the tickets — numbered per day and category
  // (`queue-ticket:<day>:<letter>`), their steps' times in columns for the statistics — and each
  // call, recall, skip, transfer, take-in and finish as an event (the calling screen reads the
  // calls; the statistics count transfers per window). Replicated like every record.
  '0030_queue': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE queue_categories (
          id TEXT PRIMARY KEY,
          prefix TEXT NOT NULL UNIQUE CHECK (length(prefix) = 1 AND prefix BETWEEN 'A' AND 'Z'),
          name TEXT NOT NULL UNIQUE,
          sort_order INTEGER NOT NULL,
          active INTEGER NOT NULL CHECK (active IN (0, 1)),
          version INTEGER NOT NULL DEFAULT 1,
          updated_at TEXT NOT NULL
        )`,
        `CREATE TABLE queue_windows (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          category_ids TEXT NOT NULL,
          active INTEGER NOT NULL CHECK (active IN (0, 1)),
          version INTEGER NOT NULL DEFAULT 1,
          updated_at TEXT NOT NULL
        )`,
        `CREATE TABLE queue_tickets (
          id TEXT PRIMARY KEY,
          day TEXT NOT NULL,
          category_id TEXT NOT NULL REFERENCES queue_categories(id),
          sequence INTEGER NOT NULL,
          number TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'skipped')),
          taken_at TEXT NOT NULL,
          taken_by_name TEXT NOT NULL,
          for_window_id TEXT REFERENCES queue_windows(id),
          window_id TEXT REFERENCES queue_windows(id),
          first_called_at TEXT,
          first_call_window_id TEXT REFERENCES queue_windows(id),
          last_called_at TEXT,
          recall_count INTEGER NOT NULL DEFAULT 0,
          transfer_count INTEGER NOT NULL DEFAULT 0,
          taken_in_at TEXT,
          case_id TEXT REFERENCES counter_cases(id),
          finished_at TEXT,
          last_step_on TEXT NOT NULL,
          request_id TEXT NOT NULL UNIQUE,
          version INTEGER NOT NULL DEFAULT 1,
          updated_at TEXT NOT NULL,
          UNIQUE (day, category_id, sequence)
        )`,
        `CREATE INDEX queue_tickets_waiting ON queue_tickets(day, status, taken_at)`,
        `CREATE INDEX queue_tickets_by_window ON queue_tickets(window_id, status)`,
        `CREATE INDEX queue_tickets_by_case ON queue_tickets(case_id) WHERE case_id IS NOT NULL`,
        `CREATE TABLE queue_ticket_events (
          id TEXT PRIMARY KEY,
          ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
          day TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('call', 'recall', 'skip', 'transfer', 'takeIn', 'finish')),
          at TEXT NOT NULL,
          window_id TEXT REFERENCES queue_windows(id),
          to_window_id TEXT REFERENCES queue_windows(id),
          recall_count INTEGER NOT NULL DEFAULT 0,
          actor_name TEXT NOT NULL
        )`,
        `CREATE INDEX queue_ticket_events_by_ticket ON queue_ticket_events(ticket_id, at)`,
        `CREATE INDEX queue_ticket_events_by_day ON queue_ticket_events(day, kind, at)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
};

/** The app's migrations by name (a test may open a database with fewer, as an older release would, or add one). */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze(migrations);
