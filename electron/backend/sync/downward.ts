// What comes down from the county, over the link or in a reply file: one 'down' envelope,
// verified with the hub's signing key from the enrollment and opened with one of our box keys.
// It says how far the hub applied our batches (only this marks them acknowledged), which
// attachments it holds, whether we are revoked, and carries packages: the service catalog, the
// holiday calendar, instructions. Each package is applied in its own transaction together with
// the new high-water mark, so a package is applied exactly once however often it arrives.
import type { RecordTables } from '../workflow/recordTables';
import { fromBase64Url, fromUtf8 } from '../../../shared/sync/bytes';
import {
  EnvelopeError,
  openEnvelope,
  parseEnvelope,
  requireSuite,
  verifyEnvelope,
  type ParsedEnvelope,
} from '../../../shared/sync/envelope';
import { downPayload, type DownPackage, type DownPayload } from '../../../shared/sync/protocol';
import { runWrite } from '../db/writeScope';
import { localDate } from '../api/settings';
import { guardedWithdrawals, guardedYearText, replaceCalendar } from '../calendar/calendarStore';
import type { WriteScope } from '../db/writeScope';
import { importCatalogFile } from '../catalog/catalogStore';
import type { Db } from '../db/database';
import type { SyncVia } from '../db/schema';
import { recordArrival } from './instructionsStore';
import { applyRecordsFromAbove } from './villages/recordsFromAbove';
import { receiveBlocks } from '../workflow/numberBlocks';
import type { UnlockedKeys } from './keyStore';
import { acknowledgeThrough } from './outbox';
import { SYNC_SETTINGS, readNumber, writeNumber, writeText, type StoredEnrollment } from './syncState';

/** Who the change-log entries of applied packages name. */
export const HUB_ACTOR = { id: null, name: '县级平台' };

/** A downward envelope we will not use, with the reason in words. */
export class DownRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownRefused';
  }
}

export interface OpenedDown {
  payload: DownPayload;
  /** Key id of the box key it was sealed to: it tells which of our keys the hub holds. */
  recipient: string;
}

/**
 * Verifies and opens an envelope of `kind` the hub sealed to this node (a 'down' reply, a
 * rebuild page, an attachment coming back): the node's suite, the hub's signature, our node id,
 * one of our box keys.
 */
export function openFromHub(
  bytes: Uint8Array,
  kind: 'down' | 'rebuild' | 'file',
  enrollment: StoredEnrollment,
  keys: UnlockedKeys,
): { plaintext: Uint8Array; parsed: ParsedEnvelope } {
  try {
    const parsed = parseEnvelope(bytes);
    if (parsed.header.kind !== kind)
      throw new DownRefused(`不是县级平台所发的${KIND_WORDS[kind]}（数据包类型为 ${parsed.header.kind}）`);
    // Only in the suite the county chose for us: the hub's key in the enrollment is of it.
    requireSuite(parsed, enrollment.suite);
    verifyEnvelope(parsed, fromBase64Url(enrollment.hubSigningPublicKey));
    if (parsed.header.node !== enrollment.nodeId) {
      throw new DownRefused(`这是发给另一个节点（${parsed.header.node}）的${KIND_WORDS[kind]}，不是本乡镇的`);
    }
    const box = keys.boxKeys.get(parsed.header.recipient);
    if (!box) throw new DownRefused(`${KIND_WORDS[kind]}是用本节点没有的密钥加密的（可能是更换密钥之前或之后的）`);
    return { plaintext: openEnvelope(parsed, box.privateKey), parsed };
  } catch (error) {
    if (error instanceof DownRefused) throw error;
    if (error instanceof EnvelopeError) {
      throw new DownRefused(
        error.code === 'bad-signature'
          ? '签名校验失败：文件可能被改动，或不是本县县级平台签发的'
          : error.code === 'unsupported-suite'
            ? `加密算法与本节点入网时约定的不符：${error.message}`
            : `数据包无法使用：${error.message}`,
      );
    }
    throw error;
  }
}

const KIND_WORDS = { down: '回执', rebuild: '重建数据', file: '附件' } as const;

/** Verifies and opens a downward envelope meant for this node. */
export function openDown(bytes: Uint8Array, enrollment: StoredEnrollment, keys: UnlockedKeys): OpenedDown {
  const { plaintext, parsed } = openFromHub(bytes, 'down', enrollment, keys);
  let payload: DownPayload;
  try {
    payload = downPayload.parse(JSON.parse(fromUtf8(plaintext)));
  } catch {
    throw new DownRefused('回执内容格式不对，无法使用');
  }
  if (payload.nodeId !== enrollment.nodeId) throw new DownRefused('回执内容中的节点编号与本节点不符');
  return { payload, recipient: parsed.header.recipient };
}

export interface DownOutcome {
  newlyAcknowledged: number;
  packagesApplied: number;
  /** New change-log entries were written (they go up with the next batch). */
  wroteEntries: boolean;
}

export interface ApplyContext {
  db: Db;
  now: () => Date;
  timeZone: string;
  /** The kinds of record, whose open deadlines a new calendar may move. */
  records: RecordTables;
  via: SyncVia;
}

/** Acknowledgements, stored files and packages of an opened envelope (revocation is the caller's). */
export async function applyDown(context: ApplyContext, payload: DownPayload): Promise<DownOutcome> {
  const { db, via } = context;
  const at = context.now().toISOString();
  const newlyAcknowledged = await acknowledgeBatches(db, payload, via, at);
  if (payload.storedFiles.length > 0) {
    await db
      .updateTable('sync_files')
      .set({ acknowledged_at: at, via })
      .where('sha256', 'in', payload.storedFiles)
      .where('acknowledged_at', 'is', null)
      .execute();
  }
  let packagesApplied = 0;
  for (const item of [...payload.packages].sort((a, b) => a.seq - b.seq)) {
    if (await applyPackage(context, item)) packagesApplied++;
  }
  return { newlyAcknowledged, packagesApplied, wroteEntries: packagesApplied > 0 };
}

/**
 * Marks our batches through the hub's appliedThrough. When the hub names a batch hash that is
 * not ours for that point, something is badly wrong (a restored backup, a forged chain): nothing
 * is marked and the caller is told.
 */
async function acknowledgeBatches(db: Db, payload: DownPayload, via: SyncVia, at: string): Promise<number> {
  if (payload.appliedThrough === 0) return 0;
  const ours = await db
    .selectFrom('sync_batches')
    .select('hash')
    .where('last', '=', payload.appliedThrough)
    .executeTakeFirst();
  if (ours && payload.lastBatchHash && ours.hash !== payload.lastBatchHash) {
    throw new DownRefused('县级平台记录的最后一个批次与本节点的不一致（哈希链不符），请联系县级平台');
  }
  return acknowledgeThrough(db, payload.appliedThrough, via, at);
}

/** Applies one package unless it was applied before. @returns whether it was applied now. */
async function applyPackage(context: ApplyContext, item: DownPackage): Promise<boolean> {
  const now = context.now();
  const today = localDate(now, context.timeZone);
  return runWrite(context.db, HUB_ACTOR, now.toISOString(), async (scope) => {
    // Checked inside the transaction: the link and a USB import may bring the same package.
    if (item.seq <= (await readNumber(scope.tx, SYNC_SETTINGS.downApplied))) return false;
    const summary = await applyContent(scope, item, today, context.records);
    await scope.change({ entity: 'syncPackage', id: String(item.seq), op: 'apply' }, async (tx) => {
      await tx
        .insertInto('sync_packages')
        .values({
          seq: item.seq,
          kind: item.kind,
          published_at: item.publishedAt,
          applied_at: scope.at,
          via: context.via,
          summary,
        })
        .onConflict((oc) => oc.column('seq').doNothing())
        .execute();
      await writeNumber(tx, SYNC_SETTINGS.downApplied, item.seq);
      return { kind: item.kind, publishedAt: item.publishedAt, summary };
    });
    return true;
  });
}

async function applyContent(
  scope: WriteScope,
  item: DownPackage,
  today: string,
  records: RecordTables,
): Promise<string> {
  switch (item.kind) {
    case 'catalog': {
      const result = await importCatalogFile(scope, item.file, today);
      await writeText(scope.tx, SYNC_SETTINGS.catalogVersion, item.file.version);
      return `服务事项目录 ${item.file.version}：新增 ${result.added.length} 项，更新 ${result.updated.length + result.replacedLocal.length} 项，停用 ${result.retired.length} 项`;
    }
    case 'calendar': {
      // The county's file never withdraws the current year or a year open deadlines are counted
      // on: there is nobody to ask here, so such a year is kept and the summary says so; the
      // township's administrator may still withdraw it by importing a file and confirming.
      const incoming = item.file.years.map((y) => y.year);
      const kept = await guardedWithdrawals(scope.tx, records, incoming, today);
      const { adjustments, withdrawnYears } = await replaceCalendar(scope, item.file.years, records, {
        keep: kept.map((k) => k.year),
      });
      await writeText(scope.tx, SYNC_SETTINGS.calendarVersion, item.version);
      const moved = adjustments.length > 0 ? `，${adjustments.length} 个期限已按正式安排重算` : '';
      const withdrawn = withdrawnYears.length > 0 ? `；删除了 ${withdrawnYears.join('、')} 年` : '';
      const keptText =
        kept.length > 0 ? `；保留了文件中没有的 ${kept.map(guardedYearText).join('、')}的现有安排，未删除` : '';
      return `工作日历 ${item.version}：${incoming.join('、')} 年${moved}${withdrawn}${keptText}`;
    }
    case 'instruction': {
      await recordArrival(scope, item.instruction, item.seq);
      return `${item.instruction.kind === 'assign' ? '交办' : '督办'}：${item.instruction.title}`;
    }
    case 'records':
      return applyRecordsFromAbove(scope, item.rows, item.about);
    case 'numberBlocks': {
      const received = await receiveBlocks(scope, item.blocks);
      return `号段：收到 ${item.blocks.length} 个，其中新的 ${received} 个`;
    }
  }
}
