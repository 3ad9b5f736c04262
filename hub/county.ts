// What the county sees: its townships with their last contact, backlog, last error and latest
// figures; the state of every instruction at every township; the refusal log; and the current
// records a township has sent.
import type { InstructionStatusRow, RejectionRow, TownshipRow } from '../shared/sync/countyApi';
import type { Instruction, MonthlyFiguresReport } from '../shared/sync/protocol';
import type { HubContext } from './context';
import { countyDay } from './countyDay';

export type TownshipSummary = TownshipRow;
export interface InstructionStatus extends InstructionStatusRow {
  acknowledgedBy: string | null;
  repliedBy: string | null;
}
export interface RejectionRecord extends RejectionRow {
  id: string;
}
export interface RecordRow {
  entity: string;
  entityId: string;
  op: string;
  data: unknown;
  seq: number;
  at: string;
}

const FIVE_MINUTES = 5 * 60_000;
const THIRTY_MINUTES = 30 * 60_000;

export async function townships(ctx: HubContext): Promise<TownshipSummary[]> {
  const nodes = await ctx.db.selectFrom('hub_nodes').selectAll().orderBy('created_at').orderBy('id').execute();
  // Latest figures per node: the newest month, and within it the newest report.
  const figures = await ctx.db
    .selectFrom('hub_figures')
    .select(['node_id', 'month', 'report', 'seq'])
    .orderBy('node_id')
    .orderBy('month', 'desc')
    .execute();
  const latestFigures = new Map<string, { report: MonthlyFiguresReport; seq: number }>();
  const newestReport = new Map<string, { backlog: number; seq: number }>();
  for (const row of figures) {
    const report = JSON.parse(row.report) as MonthlyFiguresReport;
    if (!latestFigures.has(row.node_id)) latestFigures.set(row.node_id, { report, seq: Number(row.seq) });
    // The backlog is from the latest report written, whichever month it was about.
    const seen = newestReport.get(row.node_id);
    if (!seen || Number(row.seq) > seen.seq)
      newestReport.set(row.node_id, { backlog: report.backlog, seq: Number(row.seq) });
  }
  const summaries: TownshipSummary[] = [];
  for (const node of nodes) {
    // The last refusal, if nothing has been accepted since: an old refusal the node has got
    // past (a gap that was then filled) is no longer an error to show.
    const lastRejection = await ctx.db
      .selectFrom('hub_rejections')
      .select(['at', 'code', 'reason'])
      .where('node_id', '=', node.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const stale = lastRejection && node.last_contact_at && lastRejection.at < node.last_contact_at;
    summaries.push({
      nodeId: node.id,
      townshipName: node.township_name,
      status: node.status,
      suite: node.suite,
      enrolledAt: node.registered_at,
      lastContactAt: node.last_contact_at,
      appliedThrough: Number(node.applied_through),
      backlog: newestReport.get(node.id)?.backlog ?? null,
      lastError:
        lastRejection && !stale
          ? { at: lastRejection.at, code: lastRejection.code, message: lastRejection.reason }
          : null,
      figures: latestFigures.get(node.id)?.report ?? null,
      // Batches are contiguous from 1, so the highest applied sequence is the number of entries.
      entries: Number(node.applied_through),
      rebuild: node.rebuild_authorized_at
        ? {
            authorizedAt: node.rebuild_authorized_at,
            through: node.rebuild_through === null ? null : Number(node.rebuild_through),
            files: Number(node.rebuild_files ?? 0),
            finishedAt: node.rebuild_finished_at,
          }
        : null,
    });
  }
  return summaries;
}

export async function instructionStatus(ctx: HubContext): Promise<InstructionStatus[]> {
  const rows = await ctx.db
    .selectFrom('hub_instruction_receipts as r')
    .innerJoin('hub_instructions as i', 'i.id', 'r.instruction_id')
    .innerJoin('hub_nodes as n', 'n.id', 'r.node_id')
    // The automatic 督办 of a receipt, by its primary key.
    .leftJoin('hub_instructions as s', 's.id', 'r.auto_supervision_id')
    .select([
      'i.id',
      'i.kind',
      'i.title',
      'i.body',
      'i.due_on',
      'i.responsible_role',
      'i.issued_at',
      'i.issued_by',
      'i.refers_to',
      'r.node_id',
      'n.township_name',
      'r.delivered_at',
      'r.arrived_at',
      'r.acknowledged_at',
      'r.acknowledged_by',
      'r.replied_at',
      'r.reply',
      'r.replied_by',
      'i.about_kind',
      'i.about_number',
      'r.auto_supervision_id',
      's.issued_at as auto_supervised_at',
      'r.due_on as followed_due_on',
    ])
    .orderBy('i.issued_at', 'desc')
    .orderBy('i.id')
    .orderBy('n.township_name')
    .execute();
  const now = ctx.now().getTime();
  const today = countyDay(ctx.now());
  return rows.map((row) => {
    const arrived = row.arrived_at ? Date.parse(row.arrived_at) : null;
    const acknowledged = row.acknowledged_at ? Date.parse(row.acknowledged_at) : null;
    // Measured from arrival at the township (both times are the township's clock), as in
    // the rule "acknowledge within 5 minutes of arrival"; before arrival nothing is late yet —
    // the township fetches on its sync schedule (every 15 minutes by default), which no desk
    // can hurry.
    let ackWithin5Min: boolean | null = null;
    if (arrived !== null) {
      if (acknowledged !== null) ackWithin5Min = acknowledged - arrived <= FIVE_MINUTES;
      else if (now - arrived > FIVE_MINUTES) ackWithin5Min = false;
    }
    // The 30 minutes run from arrival, or from delivery when it never arrived (both hub times
    // then): half an hour is two missed sync runs, so a township cut off or with its sync
    // stopped is named too — it is the one the county most needs to call (docs/sync.md).
    const from = arrived ?? Date.parse(row.delivered_at);
    const unacknowledgedAfter30Min = (acknowledged ?? now) - from > THIRTY_MINUTES;
    const instruction: Instruction = {
      id: row.id,
      kind: row.kind as Instruction['kind'],
      title: row.title,
      body: row.body,
      dueOn: row.due_on,
      responsibleRole: row.responsible_role as Instruction['responsibleRole'],
      issuedAt: row.issued_at,
      issuedBy: row.issued_by,
      refersTo: row.refers_to,
      ...(row.about_kind && row.about_number
        ? { about: { kind: row.about_kind, number: row.about_number } as Instruction['about'] }
        : {}),
    };
    return {
      instruction,
      nodeId: row.node_id,
      townshipName: row.township_name,
      deliveredAt: row.delivered_at,
      arrivedAt: row.arrived_at,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      repliedAt: row.replied_at,
      reply: row.reply,
      repliedBy: row.replied_by,
      ackWithin5Min,
      unacknowledgedAfter30Min,
      // A 交办's deadline only (the receipt's copy; a 督办 carries the deadline it chases, so it
      // would be late from the start); the deadline day itself is still in time, as for the
      // automatic 督办.
      replyOverdue: row.followed_due_on !== null && row.followed_due_on < today && row.replied_at === null,
      autoSupervision:
        row.auto_supervision_id && row.auto_supervised_at
          ? { id: row.auto_supervision_id, issuedAt: row.auto_supervised_at }
          : null,
    };
  });
}

export async function rejections(ctx: HubContext, limit = 100): Promise<RejectionRecord[]> {
  const rows = await ctx.db
    .selectFrom('hub_rejections')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.max(1, Math.min(limit, 1000)))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    nodeId: row.node_id,
    kind: row.kind,
    code: row.code,
    reason: row.reason,
    first: row.first_seq === null ? null : Number(row.first_seq),
    last: row.last_seq === null ? null : Number(row.last_seq),
    bytes: Number(row.bytes),
    via: row.via,
  }));
}

export async function records(ctx: HubContext, nodeId: string, entity?: string, limit = 100): Promise<RecordRow[]> {
  const rows = await ctx.db
    .selectFrom('hub_records')
    .select(['entity', 'entity_id', 'op', 'data', 'seq', 'at'])
    .where('node_id', '=', nodeId)
    .$if(entity !== undefined, (q) => q.where('entity', '=', entity!))
    .orderBy('seq', 'desc')
    .limit(Math.max(1, Math.min(limit, 10_000)))
    .execute();
  return rows.map((row) => ({
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    data: JSON.parse(row.data) as unknown,
    seq: Number(row.seq),
    at: row.at,
  }));
}
