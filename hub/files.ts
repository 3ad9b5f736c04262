// Attachments (scans, signed PDFs) a township sends: one 'file' envelope per file, stored by
// the SHA-256 of its content (by default under <dataDir>/files/<node>/<sha256>; a hub may be
// given another store, context.ts `StoredFiles`). Content addressing makes a repeat harmless:
// the same file twice is the same path, and the second store does nothing.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HubContext, StoredFiles } from './context';
import type { Via } from './db/schema';
import { authenticate, parseKind } from './envelopes';
import { asRejection, recordRejection, rejection, type RejectionContext } from './rejection';

export type { StoredFiles } from './context';

export const FILES_DIR = 'files';
/** Resumable uploads in progress (syncRoutes.ts), one file per upload id. */
export const UPLOADS_DIR = 'uploads';
/** An upload nobody has added to for this long is abandoned (the node made a new one). */
const ABANDONED_UPLOAD_DAYS = 30;

/** A node id as a folder name; ours are UUIDs, anything else is refused rather than escaped. */
export function nodeFolder(nodeId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(nodeId)) throw new Error(`节点编号 ${nodeId} 不能用作文件夹名`);
  return nodeId;
}

export function storedFilePath(dataDir: string, nodeId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('文件摘要格式不正确');
  return path.join(dataDir, FILES_DIR, nodeFolder(nodeId), sha256);
}

/** The county's store: plain files under <dataDir>/files/<node>/<sha256> (its server's disk is its own affair). */
export function plainStoredFiles(dataDir: string): StoredFiles {
  return {
    has: (nodeId, sha256) => exists(storedFilePath(dataDir, nodeId, sha256)),
    write: (nodeId, sha256, content) => writeAtomically(storedFilePath(dataDir, nodeId, sha256), content),
    async read(nodeId, sha256) {
      const content = await readFile(storedFilePath(dataDir, nodeId, sha256));
      return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
    },
  };
}

export async function storeFile(
  ctx: HubContext,
  bytes: Uint8Array,
  via: Via,
  address?: string,
): Promise<{ sha256: string }> {
  const about: RejectionContext = { nodeId: null, kind: 'file', bytes: bytes.length, via, address };
  try {
    const parsed = parseKind(bytes, 'file');
    about.nodeId = parsed.header.node;
    const { node, plaintext } = await authenticate(ctx, parsed);
    // node:crypto rather than the pure hash of shared/: a 24 MiB scan hashes in milliseconds.
    const sha256 = createHash('sha256').update(plaintext).digest('hex');
    if (sha256 !== parsed.header.sha256) {
      throw rejection(
        'malformed',
        `附件内容的摘要 ${sha256.slice(0, 12)}… 与数据包头所记 ${parsed.header.sha256?.slice(0, 12)}… 不符`,
      );
    }
    if (!(await ctx.files.has(node.id, sha256))) await ctx.files.write(node.id, sha256, plaintext);
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('hub_files')
        .values({ node_id: node.id, sha256, size: plaintext.length, via, stored_at: at })
        .onConflict((oc) => oc.columns(['node_id', 'sha256']).doNothing())
        .execute();
      await tx.updateTable('hub_nodes').set({ last_contact_at: at }).where('id', '=', node.id).execute();
    });
    return { sha256 };
  } catch (error) {
    const refusal = asRejection(error);
    if (!refusal) throw error;
    await recordRejection(ctx, about, refusal);
    throw refusal;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Write to a temporary name, flush, rename: a crash leaves either the whole file or none. */
async function writeAtomically(target: string, content: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, target);
}

/** Removes uploads that were finished, refused or abandoned long ago, with their partial bytes. */
export async function pruneUploads(ctx: HubContext): Promise<void> {
  const cutoff = new Date(ctx.now().getTime() - ABANDONED_UPLOAD_DAYS * 86_400_000).toISOString();
  const stale = await ctx.db.selectFrom('hub_uploads').select('id').where('updated_at', '<', cutoff).execute();
  for (const { id } of stale) {
    if (!/^[0-9a-f]{32}$/.test(id)) continue;
    await rm(path.join(ctx.dataDir, UPLOADS_DIR, id), { force: true });
    await ctx.db.deleteFrom('hub_uploads').where('id', '=', id).execute();
  }
}
