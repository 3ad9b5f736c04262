// The county's instructions (交办, 督办) at the township: recorded when they arrive, shown to the
// responsible role, acknowledged (签收) and answered (反馈). Each step is a change-log entry of
// INSTRUCTION_ENTITY, so it travels up with the next batch and the county sees when the
// township received, acknowledged and answered it.
import { sql, type Selectable } from 'kysely';
import type { Role } from '../../../shared/auth/roles';
import { isResponsibleFor, type InstructionRecord } from '../../../shared/sync/api';
import {
  INSTRUCTION_ENTITY,
  INSTRUCTION_OPS,
  INSTRUCTION_ROLES,
  instruction as instructionSchema,
  type Instruction,
} from '../../../shared/sync/protocol';
import type { SessionUser } from '../../../shared/auth/api';
import type { RequestContext, WriteScope } from '../api/context';
import { fail } from '../api/failure';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { pointsAt, type InstructionRecordKind } from '../../../shared/sync/instructionAbout';
import { numberKeyOf, recordIdOf } from './instructionRecords';

type InstructionRow = Selectable<Database['instructions']>;

/** Who sees everything: the administrator and the leaders. */
const SEE_ALL: readonly Role[] = ['administrator', 'leader'];

/** The roles whose instructions a user sees: their own; a committee head also the mediators'. */
export function visibleRoles(roles: readonly Role[]): 'all' | string[] {
  if (roles.some((role) => SEE_ALL.includes(role))) return 'all';
  return INSTRUCTION_ROLES.filter((role) => isResponsibleFor(roles, role));
}

function toRecord(row: InstructionRow): InstructionRecord {
  return {
    instruction: instructionSchema.parse(JSON.parse(row.instruction)),
    arrivedAt: row.arrived_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    reply: row.reply,
    repliedAt: row.replied_at,
    repliedBy: row.replied_by,
    state: row.replied_at ? 'replied' : row.acknowledged_at ? 'acknowledged' : 'new',
  };
}

/** The records with the id of the township's record each is about (instructionRecords.ts). */
async function withRecordIds(db: Db, records: InstructionRecord[]): Promise<InstructionRecord[]> {
  return Promise.all(
    records.map(async (record) => ({
      ...record,
      aboutRecordId: record.instruction.about ? await recordIdOf(db, record.instruction.about) : null,
    })),
  );
}

const INSTRUCTION_STALE = '这个交办、督办事项刚被别人签收或反馈过，请刷新后再操作';

/** Records an instruction that came down (once: a second copy of it changes nothing). */
export async function recordArrival(scope: WriteScope, instruction: Instruction, seq: number): Promise<boolean> {
  const known = await scope.tx
    .selectFrom('instructions')
    .select('id')
    .where('id', '=', instruction.id)
    .executeTakeFirst();
  if (known) return false;
  await scope.insert(
    'instructions',
    {
      id: instruction.id,
      kind: instruction.kind,
      title: instruction.title,
      responsible_role: instruction.responsibleRole,
      due_on: instruction.dueOn,
      instruction: JSON.stringify(instruction),
      down_seq: seq,
      arrived_at: scope.at,
    },
    {
      entity: INSTRUCTION_ENTITY,
      id: instruction.id,
      op: 'arrive',
      data: INSTRUCTION_OPS.arrive.parse({ arrivedAt: scope.at }),
    },
  );
  return true;
}

/** The instructions the user is responsible for (all for administrators and leaders); unacknowledged first. */
export async function listInstructions(db: Db, user: SessionUser, onlyOpen: boolean): Promise<InstructionRecord[]> {
  const roles = visibleRoles(user.roles);
  if (roles !== 'all' && roles.length === 0) return [];
  const rows = await db
    .selectFrom('instructions')
    .selectAll()
    .$if(roles !== 'all', (qb) => qb.where('responsible_role', 'in', roles as string[]))
    .$if(onlyOpen, (qb) => qb.where('replied_at', 'is', null))
    .orderBy((eb) => eb.case().when('acknowledged_at', 'is', null).then(0).else(1).end())
    .orderBy('arrived_at', 'desc')
    .execute();
  return withRecordIds(db, rows.map(toRecord));
}

/**
 * The instructions about one record of this township, newest first: those whose pointer's number
 * is the record's own. Shown to whoever may read the record (dispatch checked that), whatever desk
 * must acknowledge them: they concern that record. A township holds a few hundred instructions a
 * year, so the pointer is read from each one's stored JSON rather than a column of its own.
 */
export async function instructionsAboutRecord(
  db: Db,
  kind: InstructionRecordKind,
  id: string,
): Promise<InstructionRecord[]> {
  const key = await numberKeyOf(db, kind, id);
  if (!key) return [];
  const rows = await db
    .selectFrom('instructions')
    .selectAll()
    .where(sql<string>`json_extract(instruction, '$.about.kind')`, '=', kind)
    .orderBy('arrived_at', 'desc')
    .execute();
  return rows
    .map(toRecord)
    .filter((record) => record.instruction.about && pointsAt(record.instruction.about, kind, key))
    .map((record) => ({ ...record, aboutRecordId: id }));
}

async function findVisible(scope: WriteScope, user: SessionUser, id: string): Promise<InstructionRow> {
  const row = await scope.tx.selectFrom('instructions').selectAll().where('id', '=', id).executeTakeFirst();
  const roles = visibleRoles(user.roles);
  if (!row || (roles !== 'all' && !roles.includes(row.responsible_role))) fail('NOT_FOUND', '没有这个交办、督办事项');
  return row;
}

async function acknowledgeRow(scope: WriteScope, row: InstructionRow, user: SessionUser): Promise<void> {
  const data = INSTRUCTION_OPS.acknowledge.parse({ acknowledgedAt: scope.at, acknowledgedBy: user.displayName });
  await scope.update(
    'instructions',
    row,
    { acknowledged_at: scope.at, acknowledged_by: user.displayName, acknowledged_by_id: user.id },
    { entity: INSTRUCTION_ENTITY, id: row.id, op: 'acknowledge', data },
    INSTRUCTION_STALE,
  );
}

/** 签收: once; a second acknowledgement (a double click, a colleague) leaves the first standing. */
export async function acknowledgeInstruction(ctx: RequestContext, id: string): Promise<InstructionRecord> {
  const user = ctx.requireUser();
  return ctx.write(async (scope) => {
    const row = await findVisible(scope, user, id);
    if (!row.acknowledged_at) await acknowledgeRow(scope, row, user);
    return (await withRecordIds(scope.tx, [toRecord(await reread(scope, id))]))[0]!;
  });
}

/** 反馈: answering acknowledges first if nobody has; a later answer replaces the earlier one. */
export async function replyToInstruction(ctx: RequestContext, id: string, reply: string): Promise<InstructionRecord> {
  const user = ctx.requireUser();
  return ctx.write(async (scope) => {
    const row = await findVisible(scope, user, id);
    if (!row.acknowledged_at) await acknowledgeRow(scope, row, user);
    const data = INSTRUCTION_OPS.reply.parse({ reply, repliedAt: scope.at, repliedBy: user.displayName });
    const current = await reread(scope, id);
    await scope.update(
      'instructions',
      current,
      { reply, replied_at: scope.at, replied_by: user.displayName },
      { entity: INSTRUCTION_ENTITY, id, op: 'reply', data },
      INSTRUCTION_STALE,
    );
    return (await withRecordIds(scope.tx, [toRecord(await reread(scope, id))]))[0]!;
  });
}

async function reread(scope: WriteScope, id: string): Promise<InstructionRow> {
  return scope.tx.selectFrom('instructions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
