// Instructions followed to the end (issue 21): when a 交办's deadline — a day on the county's
// calendar — has passed and a township has not replied, the hub sends that township a 督办 by
// itself, issued by 县级平台（自动督办） and pointing at the 交办 (refersTo). Once per 交办 per
// township: the receipt records the 督办 in the transaction that issues it, so neither a second
// run nor a restart sends another.
//
// Run at the start of the county's server and by its minute timer (hub/server.ts); the clock is
// the hub context's, so tests move it. The search reads only open receipts, through the partial
// index of migration 0007 (deadline set, no reply, no automatic 督办 yet): a county's years of
// answered instructions are never read again.
import { AUTO_SUPERVISION_ISSUER } from '../shared/sync/countyApi';
import type { Instruction } from '../shared/sync/protocol';
import { countyDay } from './countyDay';
import type { HubContext } from './context';
import { issueInstruction } from './down';
import { HubInputError } from './rejection';

/** Another run got there first (the receipts it found are marked now): nothing to send. */
class AlreadySupervised extends Error {}

interface OverdueAssignment {
  id: string;
  title: string;
  dueOn: string;
  issuedAt: string;
  responsibleRole: Instruction['responsibleRole'];
  about: Instruction['about'];
  nodeIds: string[];
}

/** Runs of one hub do not overlap (the start and the timer): each waits for the one before. */
const running = new WeakMap<HubContext, Promise<unknown>>();

/**
 * Sends the automatic 督办 of every 交办 whose deadline passed without a reply, one per 交办 to
 * the townships it is overdue at. @returns the 督办 sent now.
 */
export function superviseOverdue(ctx: HubContext): Promise<Instruction[]> {
  const before = running.get(ctx) ?? Promise.resolve();
  const run = before.catch(() => {}).then(() => superviseNow(ctx));
  running.set(ctx, run);
  return run;
}

/** Resolves once a run under way has finished (the hub waits for it before it closes its database). */
export async function followUpSettled(ctx: HubContext): Promise<void> {
  await running.get(ctx)?.catch(() => {});
}

async function superviseNow(ctx: HubContext): Promise<Instruction[]> {
  const sent: Instruction[] = [];
  for (const assignment of await overdueAssignments(ctx)) {
    try {
      sent.push(await supervise(ctx, assignment));
    } catch (error) {
      if (error instanceof AlreadySupervised) continue;
      // A township revoked since the query: the others get theirs on the next run.
      if (error instanceof HubInputError) {
        ctx.log(`自动督办“${assignment.title}”未能下发：${error.message}`);
        continue;
      }
      throw error;
    }
  }
  return sent;
}

async function overdueAssignments(ctx: HubContext): Promise<OverdueAssignment[]> {
  const rows = await ctx.db
    .selectFrom('hub_instruction_receipts as r')
    .innerJoin('hub_instructions as i', 'i.id', 'r.instruction_id')
    .innerJoin('hub_nodes as n', 'n.id', 'r.node_id')
    .select([
      'i.id',
      'i.title',
      'i.issued_at',
      'i.responsible_role',
      'i.about_kind',
      'i.about_number',
      'r.due_on',
      'r.node_id',
    ])
    // The partial index's own conditions, so the database reads that index.
    .where('r.due_on', 'is not', null)
    .where('r.replied_at', 'is', null)
    .where('r.auto_supervision_id', 'is', null)
    // The deadline day itself is still in time: overdue from the day after.
    .where('r.due_on', '<', countyDay(ctx.now()))
    .where('n.status', '!=', 'revoked')
    .orderBy('i.issued_at')
    .orderBy('i.id')
    .orderBy('r.node_id')
    .execute();
  const byInstruction = new Map<string, OverdueAssignment>();
  for (const row of rows) {
    const known = byInstruction.get(row.id);
    if (known) {
      known.nodeIds.push(row.node_id);
      continue;
    }
    byInstruction.set(row.id, {
      id: row.id,
      title: row.title,
      dueOn: row.due_on!,
      issuedAt: row.issued_at,
      responsibleRole: row.responsible_role as Instruction['responsibleRole'],
      about:
        row.about_kind && row.about_number
          ? ({ kind: row.about_kind, number: row.about_number } as Instruction['about'])
          : undefined,
      nodeIds: [row.node_id],
    });
  }
  return [...byInstruction.values()];
}

async function supervise(ctx: HubContext, assignment: OverdueAssignment): Promise<Instruction> {
  const issuedOn = countyDay(new Date(assignment.issuedAt));
  return issueInstruction(
    ctx,
    {
      kind: 'supervise',
      title: clip(`督办：${assignment.title}`, 100),
      body:
        `${issuedOn} 交办的“${assignment.title}”期限为 ${assignment.dueOn}，期限已过，县级平台尚未收到反馈。` +
        '请抓紧办理，并在“县级交办督办”中反馈办理情况。',
      // A 督办 carries the deadline of the matter it chases (protocol.ts).
      dueOn: assignment.dueOn,
      responsibleRole: assignment.responsibleRole,
      issuedBy: AUTO_SUPERVISION_ISSUER,
      refersTo: assignment.id,
      about: assignment.about ?? null,
    },
    assignment.nodeIds,
    async (tx, supervision, nodeIds) => {
      // Marked only where still unmarked and unanswered: a concurrent run (another process on
      // the same PostgreSQL) or a reply applied meanwhile leaves fewer rows, and this 督办 is undone.
      const marked = await tx
        .updateTable('hub_instruction_receipts')
        .set({ auto_supervision_id: supervision.id })
        .where('instruction_id', '=', assignment.id)
        .where('node_id', 'in', nodeIds)
        .where('auto_supervision_id', 'is', null)
        .where('replied_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== nodeIds.length) throw new AlreadySupervised();
    },
  );
}

/** At most `max` characters (code points), an ellipsis at the end when cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
