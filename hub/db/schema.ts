// Row types of the hub's database. The same tables live in SQLite (a county with one PC) and
// in PostgreSQL (a county that runs a database server); the migration in migrations.ts is
// written once for both, so every column here is a type both agree on: TEXT for strings,
// ISO timestamps and JSON, BIGINT for sequences and sizes (read back as JS numbers on both).
import type { Kysely, Transaction } from 'kysely';
import type { SuiteId } from '../../shared/sync/suiteIds';

export type NodeStatus = 'pending' | 'active' | 'revoked';
export type KeyPurpose = 'signing' | 'box';
export type KeyState = 'active' | 'retired' | 'revoked';
export type Via = 'link' | 'file';

export interface HubNodesTable {
  id: string;
  township_name: string;
  status: NodeStatus;
  /** The cipher suite of every envelope both ways, chosen by the county when it created the node. */
  suite: SuiteId;
  /** Hex SHA-256 of the one-time enrollment token; the token itself is never stored. */
  token_hash: string;
  token_expires_at: string;
  created_at: string;
  registered_at: string | null;
  /** The signing key announced by the registration, so a repeated registration is recognised. */
  registered_key_id: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  applied_through: number;
  last_batch_hash: string;
  last_contact_at: string | null;
  /** Highest downward package sequence the node says it applied (from its batch headers). */
  down_applied: number;
  /** The next downward sequence number to hand out to this node. */
  down_next_seq: number;
  /** When the county authorised a replacement PC to rebuild this township from the hub's copy. */
  rebuild_authorized_at: string | null;
  /** How far the replacement has downloaded the entries (null: not started). */
  rebuild_through: number | null;
  /** Attachments the replacement has downloaded. */
  rebuild_files: number | null;
  /** When the replacement said its rebuild was complete. */
  rebuild_finished_at: string | null;
}

export interface HubNodeKeysTable {
  key_id: string;
  node_id: string;
  purpose: KeyPurpose;
  /** base64url. */
  public_key: string;
  state: KeyState;
  created_at: string;
  /** Hub time the key was replaced by a rotation. */
  retired_at: string | null;
  /**
   * The node's own time of the rotation that replaced this key (its `rotatedAt`): a batch
   * signed with the retired key is accepted only if the node sealed it before then. Node time
   * against node time, so a township clock that runs fast or slow does not matter.
   */
  sealed_before: string | null;
  revoked_at: string | null;
}

export interface HubBatchesTable {
  node_id: string;
  first_seq: number;
  last_seq: number;
  /** Hex hash (the node's suite's: SHA-256 or SM3) of the whole envelope: the next batch's `prev`, and how a replay is recognised. */
  hash: string;
  entries: number;
  bytes: number;
  via: Via;
  signer: string;
  applied_at: string;
}

export interface HubEntriesTable {
  node_id: string;
  seq: number;
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  /** JSON. */
  data: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  /** JSON array of the rows the entry's write left (township's db/rowImages.ts); null: none. */
  row_images: string | null;
}

/** The current state of every township record: the last entry per (node, entity, id). */
export interface HubRecordsTable {
  node_id: string;
  entity: string;
  entity_id: string;
  op: string;
  data: string;
  seq: number;
  at: string;
}

export interface HubRejectionsTable {
  id: string;
  at: string;
  node_id: string | null;
  /** Envelope kind, or 'container' / 'upload' / 'unknown'. */
  kind: string;
  code: string;
  reason: string;
  first_seq: number | null;
  last_seq: number | null;
  bytes: number;
  via: Via;
}

export interface HubFilesTable {
  node_id: string;
  sha256: string;
  size: number;
  via: Via;
  stored_at: string;
}

export interface HubUploadsTable {
  id: string;
  node_id: string;
  sha256: string;
  length: number;
  /** Bytes safely written to <dataDir>/uploads/<id>, so an upload resumes after a restart. */
  upload_offset: number;
  created_at: string;
  updated_at: string;
  /** 'open' while bytes come in, 'stored' once verified and kept, 'failed' when refused. */
  state: 'open' | 'stored' | 'failed';
}

export interface HubPackagesTable {
  id: string;
  kind: 'catalog' | 'calendar' | 'instruction' | 'records' | 'numberBlocks';
  /** JSON: the DownPackage without its per-node `seq`. */
  payload: string;
  published_at: string;
}

export interface HubDeliveriesTable {
  node_id: string;
  seq: number;
  package_id: string;
}

export interface HubInstructionsTable {
  id: string;
  kind: string;
  title: string;
  body: string;
  due_on: string | null;
  responsible_role: string;
  issued_at: string;
  issued_by: string;
  refers_to: string | null;
  package_id: string;
  /** The township's record it is about (shared/sync/instructionAbout.ts), null: none. Migration 0007. */
  about_kind: string | null;
  /** Its number in canonical form (`SQ-2026-000123`). */
  about_number: string | null;
}

export interface HubInstructionReceiptsTable {
  instruction_id: string;
  node_id: string;
  delivered_at: string;
  arrived_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  replied_at: string | null;
  reply: string | null;
  replied_by: string | null;
  /** A 交办's deadline, copied from the instruction (null for a 督办): what the overdue search reads. Migration 0007. */
  due_on: string | null;
  /** The 督办 the hub sent by itself once the deadline passed without a reply (hub/instructionFollowUp.ts). */
  auto_supervision_id: string | null;
}

export interface HubFiguresTable {
  node_id: string;
  month: string;
  /** JSON MonthlyFiguresReport. */
  report: string;
  reported_at: string;
  seq: number;
}

/** How far a county view kept from the rows (hub/rowKeepers.ts) has read a township's entries. */
export interface HubKeeperPositionsTable {
  keeper: string;
  node_id: string;
  through_seq: number;
}

/** What one township record adds to a figure: `value` from `start_day` until (not on) `end_day`. */
export interface HubFigureSpansTable {
  node_id: string;
  tbl: string;
  row_id: string;
  desk: string;
  figure: string;
  /** '' when the figure has no breakdown. */
  grp: string;
  /** The day that placed it in its periods; '*' for a figure of no period. */
  placed_on: string;
  start_day: string;
  end_day: string | null;
  value: number;
  /** 1: its days are days whose close it happens at (FigureEvent `atDayEnd`). */
  at_day_end: number;
}

/** How a record behind a figure is shown (its number and a line), kept with its spans. */
export interface HubFigureRecordsTable {
  node_id: string;
  tbl: string;
  row_id: string;
  number: string | null;
  title: string;
}

/** The sum of the events of a period dated on one day (period '*': of no period). */
export interface HubFigureDaysTable {
  period: string;
  node_id: string;
  desk: string;
  figure: string;
  grp: string;
  day: string;
  /** 1: events at the close of the day (FigureEvent `atDayEnd`). */
  at_day_end: number;
  value: number;
}

/** The sum of the events of a period dated in one month (YYYY-MM). */
export interface HubFigureMonthsTable {
  period: string;
  node_id: string;
  desk: string;
  figure: string;
  grp: string;
  month: string;
  value: number;
}

/**
 * One township row the county's search finds (hub/searchIndex.ts): a record by its number, a
 * resident, party or petitioner by the keyed hash of an ID number (never the number itself).
 */
export interface HubSearchIndexTable {
  node_id: string;
  /** The township's table: counter_cases, disputes, petitions, matters, residents, dispute_parties, petitioners, villages. */
  table_name: string;
  row_id: string;
  /** 'number' (a record's number), 'person' (an ID number's keyed hash), null (found by neither: a village). */
  key_kind: 'number' | 'person' | null;
  /** The number made comparable (searchNumberKey), or the hash; null when the row has none yet. */
  search_key: string | null;
  /** The record shown for the row: itself, or a party's dispute, a petitioner's petition. */
  record_table: string;
  record_id: string;
  /** The resident row the row is of (a case's, a matter's, a party's, a petitioner's). */
  person_id: string | null;
  village_id: string | null;
  /** The number as the township wrote it. */
  number: string | null;
  /** Whom it is about: the resident, the parties, the petitioners (a party's or petitioner's own name). */
  name: string;
  status: string | null;
  /** A line of what it is about (the matter, the item; a resident's masked ID number). */
  summary: string;
  /** The day it came in. */
  on_date: string | null;
  /** The entry whose row images hold the row as it now stands (hub_entries (node_id, seq)). */
  seq: number;
}

/** Every search and record opening on the county's search (查询记录). */
export interface HubSearchAuditTable {
  id: string;
  at: string;
  /** 'idNumber', 'number' or 'open'. */
  action: string;
  /** 查询人 and 查询事由 as typed (the county token is shared: the person says who they are). */
  searcher: string;
  reason: string;
  /** What was searched, an ID number masked; for an opening, the record. */
  query: string;
  address: string;
  found: number;
  /** The records found or opened (乡镇 and number), for the list. */
  detail: string;
}

export interface HubDatabase {
  hub_nodes: HubNodesTable;
  hub_node_keys: HubNodeKeysTable;
  hub_batches: HubBatchesTable;
  hub_entries: HubEntriesTable;
  hub_records: HubRecordsTable;
  hub_rejections: HubRejectionsTable;
  hub_files: HubFilesTable;
  hub_uploads: HubUploadsTable;
  hub_packages: HubPackagesTable;
  hub_deliveries: HubDeliveriesTable;
  hub_instructions: HubInstructionsTable;
  hub_instruction_receipts: HubInstructionReceiptsTable;
  hub_figures: HubFiguresTable;
  hub_keeper_positions: HubKeeperPositionsTable;
  hub_figure_spans: HubFigureSpansTable;
  hub_figure_records: HubFigureRecordsTable;
  hub_figure_days: HubFigureDaysTable;
  hub_figure_months: HubFigureMonthsTable;
  hub_search_index: HubSearchIndexTable;
  hub_search_audit: HubSearchAuditTable;
}

export type HubDb = Kysely<HubDatabase>;
export type HubTx = Transaction<HubDatabase>;
/** Either the database or a transaction on it: read helpers take both. */
export type HubQueryable = Kysely<HubDatabase>;
