import type { PrintOutcomeValue } from '../../../shared/documents/api';
import type { Generated } from 'kysely';
import type { HandlingType } from '../../../shared/catalog/catalog';
import type { Outcome, RatingLevel } from '../../../shared/counter/casesApi';
import type { CaseStatus } from '../../../shared/counter/caseStatus';
import type { TicketEventKind, TicketStatus } from '../../../shared/queue/queue';
import type { HallScreenKind, HallScreenStatus, PadStage } from '../../../shared/hallScreens/screens';
import type { ErrandStatus } from '../../../shared/counter/errandsApi';
import type { CommitteeKind } from '../../../shared/mediation/committees';
import type {
  CourtDecision,
  DisputeCategory,
  DisputeSource,
  DisputeStatus,
  HandoverKind,
  OutcomeKind,
  PartyKind,
  PartySide,
  PerformanceLevel,
  RecordKind,
} from '../../../shared/mediation/disputes';
import type {
  HandlingEventKind,
  LeaderDecision,
  NotAcceptedGround,
  PetitionCategory,
  PetitionChannel,
  PetitionSource,
  PetitionStatus,
  Satisfaction,
  SkippedLevel,
} from '../../../shared/petitions/petitions';
import type {
  MatterCategory,
  MatterHandling,
  MatterOwnerKind,
  MatterSource,
  MatterStatus,
  MatterTriage,
  MatterType,
  ReplyMethod,
} from '../../../shared/matters/matters';
import type { InstructionKind } from '../../../shared/sync/protocol';

/** Table types of the township database (see migrations.ts for the DDL). */
export interface Database {
  node_settings: { key: string; value: string };
  village_nodes: {
    /** The node's id at the township's receiving library (its enrollment file's nodeId). */
    id: string;
    village_id: string;
    name: string;
    status: 'active' | 'retired';
    created_at: string;
    created_by_name: string;
    retired_at: string | null;
    retire_reason: string | null;
    version: Generated<number>;
  };
  village_links: {
    table_name: string;
    row_id: string;
    node_id: string;
    /** `village`: the village made the row (it edits it); `township`: a copy the township sends down. */
    owner: 'village' | 'township';
  };
  app_versions: {
    version: string;
    schema_version: string;
    first_opened_at: string;
    upgrade_backup: string | null;
  };
  backup_runs: {
    id: string;
    kind: 'backup' | 'drill';
    started_by: string;
    started_at: string;
    finished_at: string | null;
    outcome: 'running' | 'ok' | 'failed';
    folder: string;
    generation: string | null;
    database_bytes: number | null;
    files: number | null;
    new_files: number | null;
    duration_ms: number | null;
    message: string | null;
  };
  users: {
    id: string;
    username: string;
    display_name: string;
    password_hash: string;
    roles: string;
    active: number;
    must_change_password: number;
    failed_logins: number;
    locked_until: string | null;
    last_login_at: string | null;
    created_at: string;
    updated_at: string;
    version: number;
  };
  sessions: {
    token_hash: string;
    user_id: string;
    origin: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    locked_at: string | null;
    ended_at: string | null;
    /** The LAN listener (`address:port`) the session came in through; null: this machine's own. */
    via: string | null;
    /** Why it ended, in words for the window (大厅网络已关闭…); null for an ordinary end. */
    ended_reason: string | null;
  };
  villages: {
    id: string;
    name: string;
    kind: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
    version: number;
  };
  village_groups: { id: string; village_id: string; name: string; sort_order: number };
  residents: {
    id: string;
    name: string;
    id_type: string;
    id_number: string;
    id_number_reversed: string;
    sex: string | null;
    birth_date: string | null;
    phone: string;
    phone_reversed: string;
    ethnicity: string;
    village_id: string;
    group_id: string | null;
    address: string;
    note: string;
    created_at: string;
    created_by: string | null;
    updated_at: string;
    version: number;
    voided_at: string | null;
    void_reason: string | null;
  };
  resident_search_tokens: { token: string; resident_id: string };
  change_log: {
    seq: Generated<number>;
    id: string;
    entity: string;
    entity_id: string;
    op: string;
    data: string;
    actor_id: string | null;
    actor_name: string;
    at: string;
    /** JSON array of the rows the entry's write left (shared/sync/protocol `rowImage`); null: none. */
    row_images: string | null;
  };
  audit_events: {
    id: string;
    at: string;
    actor_id: string | null;
    actor_name: string;
    action: string;
    entity: string | null;
    entity_id: string | null;
    /** A list's records (JSON array of ids). */
    record_ids: string | null;
    /** The API procedure that did it. */
    procedure: string | null;
    summary: string;
    origin: string;
  };
  number_counters: { scope: string; last_value: number };
  /** The township's ledger of blocks reserved for its village nodes (docs/numbers.md). */
  number_blocks: {
    id: string;
    /** The village node's id at the township's receiving library (village_nodes.id). */
    node_id: string;
    scope: string;
    first: number;
    last: number;
    reserved_at: string;
    /** The returned block this one was cut from (its rest issued again). */
    reissues: string | null;
    /** The first number the node gave back unused (last + 1: it used them all); null: held. */
    returned_from: number | null;
    returned_at: string | null;
  };
  /** On a village node: the blocks it received from its township and how far it drew from each. */
  held_number_blocks: {
    id: string;
    node_id: string;
    scope: string;
    first: number;
    last: number;
    reserved_at: string;
    received_at: string;
    /** The last number drawn from this block; null: none yet. */
    used_through: number | null;
  };
  issued_documents: {
    id: string;
    type: string;
    title: string;
    record_entity: string;
    record_id: string;
    verification_code: string;
    sha256: string;
    size_bytes: number;
    file_path: string;
    issued_by: string | null;
    issued_by_name: string;
    issued_at: string;
    superseded_by: string | null;
    superseded_at: string | null;
    page_size: Generated<string>;
    page_width_pt: Generated<number>;
    page_height_pt: Generated<number>;
    page_count: Generated<number>;
    archival: Generated<number>;
    record_json: string | null;
    /** What the QR code carries: the verification link with the signed facts; null before 0017 or without a base address. */
    verification_link: string | null;
    /** When the archived file, found missing, was drawn again from `record_json` (0021); null: the original. */
    rerendered_at: string | null;
    /** SHA-256 and size of that re-rendered file; `sha256` and `size_bytes` stay the original's. */
    rerendered_sha256: string | null;
    rerendered_size_bytes: number | null;
  };
  document_prints: {
    id: string;
    document_id: string;
    printed_at: string;
    printed_by: string | null;
    printed_by_name: string;
    copies: number;
    reprint: number;
    outcome: Generated<PrintOutcomeValue>;
    outcome_message: string | null;
    file_sha256: string | null;
    /** When the outcome was recorded (null while pending). */
    settled_at: string | null;
  };
  calendar_years: {
    year: number;
    arrangement: string;
    updated_at: string;
    updated_by_name: string;
  };
  catalog_items: {
    code: string;
    name: string;
    category: string;
    item: string;
    origin: 'county' | 'local';
    active_from: string | null;
    active_to: string | null;
    version: number;
    updated_at: string;
    updated_by_name: string;
  };
  catalog_snapshots: { id: string; item: string };
  counter_cases: {
    id: string;
    intake_key: string;
    case_number: string | null;
    status: CaseStatus;
    resident_id: string;
    resident_name: string;
    village_id: string;
    item_code: string;
    item_name: string;
    category: string;
    handling_type: HandlingType;
    /** The catalog item as it was at intake (catalog_snapshots.id). */
    item_snapshot: string;
    /** Names of the materials received (JSON string[]). */
    received_materials: string;
    window: string;
    note: Generated<string>;
    clerk_id: string | null;
    clerk_name: string;
    intake_at: string;
    /** The local date of intake: the ledger's date. */
    intake_on: string;
    accepted_at: string | null;
    accepted_on: string | null;
    original_promised_date: string | null;
    promised_date: string | null;
    paused_days: Generated<number>;
    paused_on: string | null;
    /** CaseSteps (JSON): pauses, forward, outcome note, delivery, rating, follow-up, refusal, void. */
    steps: string;
    outcome: Outcome | null;
    completed_on: string | null;
    completed_on_the_spot: Generated<number>;
    delivered_on: string | null;
    rating: RatingLevel | null;
    follow_up_open: Generated<number>;
    last_step_on: string;
    voided_at: string | null;
    errand_id: string | null;
    agent_id: string | null;
    updated_at: string;
    version: Generated<number>;
  };
  agent_villages: { user_id: string; village_id: string; updated_at: string };
  errand_handovers: {
    id: string;
    request_key: string;
    agent_id: string;
    agent_name: string;
    clerk_id: string | null;
    clerk_name: string;
    window: string;
    handed_over_at: string;
    handed_over_on: string;
    errand_count: number;
  };
  errands: {
    id: string;
    request_key: string;
    node_id: string;
    agent_id: string;
    agent_name: string;
    village_id: string | null;
    resident_id: string;
    resident_name: string;
    item_code: string;
    item_name: string;
    /** The catalog item at authorisation (JSON). */
    item: string;
    /** ErrandMaterial[] (JSON). */
    materials: string;
    note: Generated<string>;
    status: ErrandStatus;
    authorised_at: string;
    authorised_on: string;
    handover_id: string | null;
    handed_over_on: string | null;
    case_id: string | null;
    delivered_on: string | null;
    delivery_signed_by: string | null;
    withdraw_reason: string | null;
    /** 委托书编号 (null on errands registered before it existed). */
    authorisation_number: string | null;
    updated_at: string;
    version: Generated<number>;
  };
  case_attachments: {
    id: string;
    case_id: string;
    /** The material of the case's list the file shows, or null. */
    material: string | null;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    file_path: string;
    caption: string;
    added_by_name: string;
    added_at: string;
  };
  errand_attachments: {
    id: string;
    errand_id: string;
    /** The material of the errand's list the file shows, or null. */
    material: string | null;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    file_path: string;
    caption: string;
    added_by_name: string;
    added_at: string;
  };
  mediation_committees: {
    id: string;
    name: string;
    kind: CommitteeKind;
    village_id: string | null;
    speciality: string | null;
    seal_name: string;
    case_prefix: string;
    phone: string;
    active: number;
    created_at: string;
    updated_at: string;
    version: number;
  };
  mediators: {
    id: string;
    name: string;
    id_number: string;
    phone: string;
    /** string[] (JSON). */
    specialities: string;
    full_time: number;
    lawyer: number;
    user_id: string | null;
    active: number;
    created_at: string;
    updated_at: string;
    version: number;
  };
  committee_mediators: { committee_id: string; mediator_id: string };
  mediation_sweeps: {
    id: string;
    committee_id: string;
    held_on: string;
    area: string;
    team: string;
    note: string;
    created_at: string;
    updated_at: string;
    version: number;
  };
  disputes: {
    id: string;
    request_key: string;
    committee_id: string;
    case_year: number | null;
    case_sequence: number | null;
    case_number: string | null;
    status: DisputeStatus;
    source: DisputeSource;
    sweep_id: string | null;
    handover_kind: HandoverKind | null;
    handover_from: string | null;
    handover_on: string | null;
    handover_reference: string;
    category: DisputeCategory;
    facts: string;
    village_id: string | null;
    place_detail: string;
    amount_fen: number | null;
    people_involved: number;
    risky: number;
    risk_note: string;
    /** 张三、李四 与 某公司: kept for lists and search results. */
    party_names: string;
    registered_on: string;
    registered_by_name: string;
    accepted_on: string | null;
    refused_on: string | null;
    refusal_reason: string | null;
    /** The written agreement's draft (JSON). */
    agreement: string | null;
    outcome_kind: OutcomeKind | null;
    outcome_on: string | null;
    outcome_text: string | null;
    agreement_copies: number | null;
    effective_on: string | null;
    court_applied_on: string | null;
    court_name: string;
    court_decision: CourtDecision | null;
    court_decided_on: string | null;
    closed_on: string | null;
    closing_summary: string | null;
    closed_by_name: string | null;
    /** 三调联动 移出: to whom a refused or terminated dispute was sent on, and that step's date. */
    referral_out_kind: HandoverKind | null;
    referral_out_to: Generated<string>;
    referral_out_on: string | null;
    last_step_on: string;
    created_at: string;
    updated_at: string;
    version: number;
  };
  dispute_parties: {
    id: string;
    dispute_id: string;
    position: number;
    side: PartySide;
    kind: PartyKind;
    resident_id: string | null;
    name: string;
    sex: string | null;
    ethnicity: string;
    birth_date: string | null;
    occupation: string;
    id_number: string;
    address: string;
    phone: string;
    legal_representative: string;
    legal_representative_title: string;
    agent_name: string;
    agent_relation: string;
    agent_phone: string;
    agent_id_number: string;
  };
  dispute_mediators: { dispute_id: string; mediator_id: string; lead: number; assigned_on: string };
  dispute_recusals: {
    id: string;
    dispute_id: string;
    mediator_id: string;
    mediator_name: string;
    party_id: string;
    party_name: string;
    reason: string;
    decided_on: string;
    created_at: string;
  };
  dispute_records: {
    id: string;
    dispute_id: string;
    kind: RecordKind;
    held_on: string;
    place: string;
    mediator_names: string;
    attendees: string;
    subject: string;
    findings: string;
    /** [{partyId, partyName, statement}] (JSON). */
    statements: string;
    recorder: string;
    document_id: string | null;
    created_by_name: string;
    created_at: string;
  };
  dispute_attachments: {
    id: string;
    dispute_id: string;
    record_id: string | null;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    file_path: string;
    caption: string;
    added_at: string;
    added_by_name: string;
  };
  dispute_follow_ups: {
    id: string;
    dispute_id: string;
    planned_on: string | null;
    done_on: string | null;
    by_name: string;
    performance: PerformanceLevel | null;
    notes: string;
    next_visit_on: string | null;
    created_at: string;
    updated_at: string;
    version: number;
  };
  dispute_annotations: { id: string; dispute_id: string; at: string; by_name: string; text: string };
  sync_batches: {
    first: number;
    last: number;
    node_id: string;
    entries: number;
    raw_bytes: number;
    bytes: number;
    hash: string;
    prev: string;
    envelope: Uint8Array;
    created_at: string;
    sent_at: string | null;
    acknowledged_at: string | null;
    via: SyncVia | null;
  };
  sync_files: {
    sha256: string;
    size_bytes: number;
    envelope_path: string;
    envelope_bytes: number;
    upload_url: string | null;
    created_at: string;
    uploaded_at: string | null;
    acknowledged_at: string | null;
    via: SyncVia | null;
  };
  sync_packages: {
    seq: number;
    kind: string;
    published_at: string;
    applied_at: string;
    via: SyncVia;
    summary: string;
  };
  instructions: {
    id: string;
    kind: InstructionKind;
    title: string;
    responsible_role: string;
    due_on: string | null;
    /** The instruction as issued (JSON, shared/sync/protocol `instruction`). */
    instruction: string;
    down_seq: number;
    arrived_at: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    acknowledged_by_id: string | null;
    reply: string | null;
    replied_at: string | null;
    replied_by: string | null;
    version: Generated<number>;
  };
  reception_days: {
    id: string;
    on: string;
    starts_at: string;
    ends_at: string;
    place: string;
    leader_name: string;
    leader_title: string;
    note: Generated<string>;
    created_at: string;
    updated_at: string;
  };
  petitions: {
    id: string;
    year: number;
    sequence: number;
    number: string;
    version: Generated<number>;
    status: PetitionStatus;
    channel: PetitionChannel;
    source: PetitionSource;
    handed_down_from: Generated<string>;
    handed_down_on: string | null;
    handed_down_reference: Generated<string>;
    received_on: string;
    received_at: string | null;
    people_count: number;
    group_visit: number;
    letter_postmark_on: string | null;
    letter_from_address: Generated<string>;
    letter_mail_number: Generated<string>;
    letter_pages: number | null;
    category: PetitionCategory;
    matter: string;
    requests: Generated<string>;
    village_id: string | null;
    place: Generated<string>;
    department_concerned: Generated<string>;
    reception_day_id: string | null;
    leader_name: Generated<string>;
    repeat: number;
    repeat_of_id: string | null;
    skipped_to: SkippedLevel | null;
    /** 张三等6人: what a list shows. */
    petitioner_names: string;
    acceptance_due_on: string;
    accepted_on: Generated<string | null>;
    handling_unit: Generated<string>;
    not_accepted_on: Generated<string | null>;
    not_accepted_ground: Generated<NotAcceptedGround | null>;
    not_accepted_reason: Generated<string>;
    not_accepted_channel: Generated<string>;
    handling_due_on: Generated<string | null>;
    original_handling_due_on: Generated<string | null>;
    extended_on: Generated<string | null>;
    extension_days: Generated<number | null>;
    extension_reason: Generated<string>;
    leader_decision: Generated<LeaderDecision | null>;
    leader_decided_on: Generated<string | null>;
    leader_due_on: Generated<string | null>;
    case_leader: Generated<string>;
    assigned_department: Generated<string>;
    assigned_person: Generated<string>;
    replied_on: Generated<string | null>;
    reply_facts: Generated<string>;
    reply_opinion: Generated<string>;
    reply_basis: Generated<string>;
    replied_by_name: Generated<string>;
    review_request_due_on: Generated<string | null>;
    review_requested_on: Generated<string | null>;
    review_body: Generated<string>;
    review_due_on: Generated<string | null>;
    reviewed_on: Generated<string | null>;
    review_outcome: Generated<'upheld' | 'changed' | null>;
    review_opinion: Generated<string>;
    re_review_request_due_on: Generated<string | null>;
    re_review_requested_on: Generated<string | null>;
    re_review_body: Generated<string>;
    re_review_due_on: Generated<string | null>;
    re_reviewed_on: Generated<string | null>;
    re_review_outcome: Generated<'upheld' | 'changed' | null>;
    re_review_opinion: Generated<string>;
    reply_delivered_on: Generated<string | null>;
    reply_delivery_method: Generated<string | null>;
    review_delivered_on: Generated<string | null>;
    review_delivery_method: Generated<string | null>;
    hearing_from: Generated<string | null>;
    hearing_to: Generated<string | null>;
    satisfaction: Generated<Satisfaction | null>;
    satisfaction_on: Generated<string | null>;
    closed_on: Generated<string | null>;
    /** The office's deadline running now (acceptance, handling, review, re-review), or null. */
    running_due_on: string | null;
    last_step_on: string;
    request_id: string;
    registered_by_name: string;
    created_at: string;
    updated_at: string;
  };
  deadline_adjustments: {
    id: string;
    entity: string;
    record_id: string;
    /** How the record is named: 办件SL-2026-000306 / 信访件青信〔2026〕3号. */
    label: string;
    /** Which deadline: 承诺办结日期, 办理期限 … */
    deadline: string;
    from_date: string;
    to_date: string;
    /** The years whose arrangement arrived, `2027`. */
    years: string;
    adjusted_at: string;
  };
  petitioners: {
    id: string;
    petition_id: string;
    position: number;
    resident_id: string | null;
    name: string;
    sex: string | null;
    id_number: string;
    phone: string;
    address: string;
    representative: number;
  };
  petition_events: {
    id: string;
    petition_id: string;
    kind: HandlingEventKind;
    on: string;
    to_body: string;
    person: string;
    note: string;
    by_name: string;
    created_at: string;
  };
  queue_categories: {
    id: string;
    /** A, B, C: the letter before a ticket's number. */
    prefix: string;
    name: string;
    sort_order: number;
    active: 0 | 1;
    version: Generated<number>;
    updated_at: string;
  };
  queue_windows: {
    id: string;
    /** 3号窗口 */
    name: string;
    /** JSON array of queue_categories ids it calls. */
    category_ids: string;
    active: 0 | 1;
    version: Generated<number>;
    updated_at: string;
  };
  queue_tickets: {
    id: string;
    /** The day it was taken (the township's time zone). */
    day: string;
    category_id: string;
    sequence: number;
    /** A001 */
    number: string;
    status: TicketStatus;
    taken_at: string;
    taken_by_name: string;
    /** Transferred to this window: it calls the ticket first. */
    for_window_id: string | null;
    /** The window that called it last. */
    window_id: string | null;
    first_called_at: string | null;
    first_call_window_id: string | null;
    last_called_at: string | null;
    recall_count: Generated<number>;
    transfer_count: Generated<number>;
    taken_in_at: string | null;
    case_id: string | null;
    finished_at: string | null;
    last_step_on: string;
    request_id: string;
    version: Generated<number>;
    updated_at: string;
  };
  queue_ticket_events: {
    id: string;
    ticket_id: string;
    day: string;
    kind: TicketEventKind;
    at: string;
    window_id: string | null;
    to_window_id: string | null;
    /** For a recall: which one (1, 2 …). */
    recall_count: number;
    actor_name: string;
  };
  matters: {
    id: string;
    year: number;
    sequence: number;
    /** 诉求编号 SQ-2026-000012 */
    number: string;
    version: Generated<number>;
    status: MatterStatus;
    source: MatterSource;
    type: MatterType;
    category: MatterCategory;
    village_id: string;
    resident_id: string | null;
    resident_name: string;
    phone: Generated<string>;
    description: string;
    collected_on: string;
    collected_by_id: string;
    collected_by_name: string;
    triage: MatterTriage | null;
    handling: MatterHandling | null;
    decided_on: string | null;
    decided_by_name: Generated<string>;
    owner_kind: MatterOwnerKind | null;
    owner: Generated<string>;
    working_days: number | null;
    /** A 限期解决 matter's deadline: `working_days` working days after `decided_on`. */
    due_on: string | null;
    escalated_to: Generated<string>;
    escalation_reason: Generated<string>;
    replied_on: string | null;
    reply_method: ReplyMethod | null;
    reply: Generated<string>;
    replied_by_name: Generated<string>;
    closed_on: string | null;
    result: Generated<string>;
    voided_on: string | null;
    void_reason: Generated<string>;
    last_step_on: string;
    request_id: string;
    created_at: string;
    updated_at: string;
  };
  /** The hall's paired screens (shared/hallScreens): this host's own, never replicated (rowImages.ts). */
  hall_screens: {
    id: string;
    kind: HallScreenKind;
    name: string;
    window_name: string | null;
    status: HallScreenStatus;
    /** sha256 of the one-time pairing code while one is open; null once used or replaced. */
    pairing_code_hash: string | null;
    pairing_expires_at: string | null;
    /** sha256 of the screen's long-lived token (its `td_screen` cookie). */
    token_hash: string | null;
    paired_at: string | null;
    last_seen_at: string | null;
    created_at: string;
    created_by_name: string;
    revoked_at: string | null;
    version: Generated<number>;
  };
  /** What each window's rating pad is asked to show: the case, the stage, since when. */
  pad_presentations: {
    window_name: string;
    case_id: string;
    stage: PadStage;
    presented_at: string;
    presented_by_name: string;
    rated_at: string | null;
  };
  petition_attachments: {
    id: string;
    petition_id: string;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    file_path: string;
    caption: string;
    added_by_name: string;
    added_at: string;
  };
}

/** How something reached the hub (or came back): over the link or on a USB stick. */
export type SyncVia = 'link' | 'file';
