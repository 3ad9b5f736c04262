// Refusals. Every refusal of something a township sent is a HubRejection with one of the
// protocol's codes and a Chinese message that says what exactly was wrong; it is logged in
// hub_rejections in a write of its own, after the transaction that refused it rolled back, so
// the log survives and nothing of the refused batch does. Refusals over the link are bounded per
// client address (rejectionThrottle.ts), so junk cannot fill the log.
import { EnvelopeError } from '../shared/sync/envelope';
import { SYNC_REJECT_LABELS, type SyncRejectCode } from '../shared/sync/protocol';
import type { HubContext } from './context';
import type { HubRejectionsTable, Via } from './db/schema';
import type { SuppressedRejections } from './rejectionThrottle';
import { uuidv7 } from '../electron/backend/db/uuidv7';

export class HubRejection extends Error {
  constructor(
    readonly code: SyncRejectCode,
    message: string,
    readonly appliedThrough?: number,
    /** With 'clock-skew': the hub's time, for the node to sign again with. */
    readonly hubTime?: string,
  ) {
    super(message);
    this.name = 'HubRejection';
  }
}

/**
 * The message of a refusal: the label the township's screen knows, with the details of this
 * case. Labels of the form '序号不连续：前面的数据尚未送达' keep their head and take the details
 * as their tail ('序号不连续：已接收至 120，本批从 131 开始').
 */
export function rejection(code: SyncRejectCode, detail?: string, appliedThrough?: number): HubRejection {
  const label = SYNC_REJECT_LABELS[code];
  const message = detail ? `${label.split('：')[0]}：${detail}` : label;
  return new HubRejection(code, message, appliedThrough);
}

/** An EnvelopeError (from parsing, verifying or opening) as the refusal it stands for. */
export function fromEnvelopeError(error: EnvelopeError): HubRejection {
  return new HubRejection(error.code, error.message);
}

/** A thrown thing as a refusal, or undefined when it is a fault of ours (a database error…). */
export function asRejection(error: unknown): HubRejection | undefined {
  if (error instanceof HubRejection) return error;
  if (error instanceof EnvelopeError) return fromEnvelopeError(error);
  return undefined;
}

export interface RejectionContext {
  nodeId: string | null;
  kind: string;
  first?: number | null;
  last?: number | null;
  bytes: number;
  via: Via;
  /**
   * The client address of a refusal over the link (see rejectionThrottle.ts): its rows are
   * bounded per address. Absent for the county's own imports, which are always logged.
   */
  address?: string;
}

/**
 * Logs a refusal in its own write, unless its address has had its share of the log for now
 * (then it is counted, and summed up later). A failure to log must not hide the refusal itself.
 */
export async function recordRejection(ctx: HubContext, about: RejectionContext, error: HubRejection): Promise<void> {
  const at = ctx.now();
  await writeSuppressed(ctx, ctx.rejectionThrottle.takeSummaries(at.getTime()));
  if (
    about.address !== undefined &&
    !ctx.rejectionThrottle.admit(about.address, at.getTime(), error.code, about.bytes)
  ) {
    return;
  }
  await insertRejection(ctx, at, {
    node_id: about.nodeId,
    kind: about.kind,
    code: error.code,
    reason: error.message,
    first_seq: about.first ?? null,
    last_seq: about.last ?? null,
    bytes: about.bytes,
    via: about.via,
  });
  ctx.log(`拒收 ${about.kind}${about.nodeId ? `（节点 ${about.nodeId}）` : ''}：${error.code} ${error.message}`);
}

/** Writes the summaries of windows that are over (all of them with `everything`, on closing). */
export async function flushSuppressed(ctx: HubContext, everything = false): Promise<void> {
  await writeSuppressed(ctx, ctx.rejectionThrottle.takeSummaries(ctx.now().getTime(), everything));
}

/** The kind of a summary row: refusals from one address that were counted, not logged one by one. */
export const SUPPRESSED_KIND = 'suppressed';

async function writeSuppressed(ctx: HubContext, summaries: SuppressedRejections[]): Promise<void> {
  for (const summary of summaries) {
    const codes = summary.codes.map(([code, count]) => `${labelOf(code)} ${count} 次`).join('，');
    const reason =
      `来自 ${summary.address} 的拒收过多：${summary.from.toISOString()} 至 ${summary.to.toISOString()} ` +
      `另有 ${summary.count} 次未逐条记录（${codes}）`;
    await insertRejection(ctx, summary.to, {
      node_id: null,
      kind: SUPPRESSED_KIND,
      code: summary.codes[0]?.[0] ?? 'malformed',
      reason,
      first_seq: null,
      last_seq: null,
      bytes: summary.bytes,
      via: 'link',
    });
    ctx.log(`拒收记录已限流：${reason}`);
  }
}

function labelOf(code: string): string {
  return (SYNC_REJECT_LABELS as Record<string, string>)[code] ?? code;
}

async function insertRejection(ctx: HubContext, at: Date, row: Omit<HubRejectionsTable, 'id' | 'at'>): Promise<void> {
  try {
    await ctx.db
      .insertInto('hub_rejections')
      .values({ id: uuidv7(at.getTime()), at: at.toISOString(), ...row })
      .execute();
  } catch (logError) {
    ctx.log(`记录拒收原因失败：${String(logError)}`);
  }
}

/**
 * A request of the county's own (publish, issue, create) that cannot be done as asked: an
 * unknown or revoked township in the list, a file that is not a catalog… The admin API answers
 * it with 400 and the message; it is not a township's refusal and is not logged as one.
 */
export class HubInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubInputError';
  }
}
