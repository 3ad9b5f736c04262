// The USB fallback at the hub: a township's file (registration, rotations, batches, attachments,
// in the order the township wrote them) is taken envelope by envelope through the same code as
// the link, and for each township seen a reply file goes back with the acknowledgement and the
// packages it has not applied yet. Every step is idempotent, so importing a file twice (or an
// older file after a newer one) changes nothing.
import { packContainer, unpackContainer } from '../shared/sync/container';
import { EnvelopeError, parseEnvelope, type EnvelopeHeader } from '../shared/sync/envelope';
import type { ImportOutcomeRow } from '../shared/sync/countyApi';
import { applyBatch } from './apply';
import type { HubContext } from './context';
import { sealDown } from './down';
import { storeFile } from './files';
import { register, rotate } from './nodes';
import { asRejection, recordRejection, rejection } from './rejection';

export type ImportOutcome = ImportOutcomeRow;

export interface ImportResult {
  outcomes: ImportOutcome[];
  replies: { nodeId: string; townshipName: string; file: Uint8Array }[];
}

export async function importFile(ctx: HubContext, bytes: Uint8Array): Promise<ImportResult> {
  let envelopes: Uint8Array[];
  try {
    envelopes = unpackContainer(bytes);
  } catch (error) {
    const refusal = asRejection(error);
    if (!refusal) throw error;
    await recordRejection(ctx, { nodeId: null, kind: 'container', bytes: bytes.length, via: 'file' }, refusal);
    throw refusal;
  }
  const outcomes: ImportOutcome[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < envelopes.length; i++) {
    const envelope = envelopes[i]!;
    let header: EnvelopeHeader | null = null;
    try {
      header = parseEnvelope(envelope).header;
    } catch {
      // Refused (and logged) below by the handler's own parse; here only to label the outcome.
    }
    const base = {
      index: i + 1,
      nodeId: header?.node ?? null,
      kind: header?.kind ?? null,
      first: header?.first ?? null,
      last: header?.last ?? null,
    };
    try {
      outcomes.push({ ...base, ...(await importOne(ctx, envelope, header)) });
    } catch (error) {
      const refusal = asRejection(error);
      if (!refusal) throw error;
      outcomes.push({ ...base, result: 'rejected', code: refusal.code, message: refusal.message });
    }
    if (header) seen.add(header.node);
  }

  const replies: ImportResult['replies'] = [];
  for (const nodeId of seen) {
    const node = await ctx.db
      .selectFrom('hub_nodes')
      .select(['id', 'township_name', 'down_applied'])
      .where('id', '=', nodeId)
      .executeTakeFirst();
    if (!node) continue;
    const down = await sealDown(ctx, node.id, Number(node.down_applied), true);
    if (down) replies.push({ nodeId: node.id, townshipName: node.township_name, file: packContainer([down]) });
  }
  return { outcomes, replies };
}

async function importOne(
  ctx: HubContext,
  envelope: Uint8Array,
  header: EnvelopeHeader | null,
): Promise<Pick<ImportOutcome, 'result' | 'code' | 'message'>> {
  switch (header?.kind) {
    case 'registration': {
      const { townshipName } = await register(ctx, envelope, 'file');
      return { result: 'accepted', code: null, message: `「${townshipName}」的入网登记已接收` };
    }
    case 'rotation': {
      const { keyIds } = await rotate(ctx, envelope, 'file');
      return { result: 'accepted', code: null, message: `密钥更换已接收（签名密钥 ${keyIds[0]}）` };
    }
    case 'batch': {
      const answer = await applyBatch(ctx, envelope, 'file');
      const range = `第 ${header.first}–${header.last} 号`;
      return answer.replay
        ? { result: 'replay', code: null, message: `${range}此前已接收，未重复写入` }
        : { result: 'accepted', code: null, message: `${range}已接收（${header.last! - header.first! + 1} 条）` };
    }
    case 'file': {
      await storeFile(ctx, envelope, 'file');
      return { result: 'accepted', code: null, message: '附件已保存' };
    }
    default: {
      // Not one of ours to take in: a 'down' envelope (the hub's own reply) or no readable header.
      let refusal;
      try {
        parseEnvelope(envelope);
        refusal = rejection('malformed', '这是县级平台发给乡镇的回执数据包，不能导入县级平台');
      } catch (error) {
        refusal = asRejection(error) ?? rejection('malformed');
        if (!(error instanceof EnvelopeError)) throw error;
      }
      await recordRejection(
        ctx,
        { nodeId: header?.node ?? null, kind: header?.kind ?? 'unknown', bytes: envelope.length, via: 'file' },
        refusal,
      );
      throw refusal;
    }
  }
}

/** The reply file for one node: a container with one 'down' envelope (acknowledgement + packages). */
export async function replyFile(ctx: HubContext, nodeId: string): Promise<Uint8Array> {
  const node = await ctx.db
    .selectFrom('hub_nodes')
    .select(['id', 'down_applied'])
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (!node) throw rejection('unknown-node', `县级平台上没有编号为 ${nodeId} 的乡镇节点`);
  const down = await sealDown(ctx, node.id, Number(node.down_applied), true);
  if (!down) throw rejection('unknown-key', '该乡镇尚未登记密钥（入网登记文件还没有导入），无法生成回执文件');
  return packContainer([down]);
}
