// A village's attachment (the agent's photo of an errand's materials) reaches the township in two
// parts that may come in either order: its row, in a batch that projection.ts takes into the
// township's tables, and its file, a file envelope the receiving library stores (under the
// village node, by content). Once both are here the file is copied into the township's own data
// files under the path the row names — encrypted, as every file of the township's laptop is —
// so the clerk opens it there, the township's backups hold it, and the township's own file
// outbox (fileOutbox.ts) sends it on to the county as it sends the township's own attachments.
// Looked for after every round of projection and after every file the library stores.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { StoredFiles } from '../../../../hub/files';
import { nodeFolder } from '../../../../hub/files';
import type { DataFiles } from '../../db/dataFiles';
import type { Db } from '../../db/database';
import { isAttachmentPath } from '../../documents/attachmentFiles';
import { declaredAttachmentTables, type RecordTables } from '../../workflow/recordTables';
import { VILLAGE_OWNED_TABLES } from './villageTables';

/** Where the receiving library keeps the villages' files, inside the township's data files. */
export const VILLAGE_FILES_FOLDER = 'files';

/**
 * The receiving library's store at a township: the township's data files (encrypted with a key
 * derived from the database key, the file's path bound to it) under
 * `<receiver folder>/files/<node>/<sha256>` — the county's default store would keep them plain.
 */
export function villageFileStore(files: DataFiles, receiverFolder: string): StoredFiles {
  const relative = (nodeId: string, sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('文件摘要格式不正确');
    return path.posix.join(receiverFolder, VILLAGE_FILES_FOLDER, nodeFolder(nodeId), sha256);
  };
  return {
    has: (nodeId, sha256) => files.exists(relative(nodeId, sha256)),
    write: (nodeId, sha256, content) => files.write(relative(nodeId, sha256), content),
    async read(nodeId, sha256) {
      return new Uint8Array(await files.read(relative(nodeId, sha256)));
    },
  };
}

/** The attachment tables (declared by the kinds of record) whose rows a village node makes. */
export function villageAttachmentTables(records: RecordTables): string[] {
  return declaredAttachmentTables(records)
    .map((declared) => declared.table)
    .filter((table) => table in VILLAGE_OWNED_TABLES);
}

/** Why a village's attachment row is not taken in: its file would lie elsewhere than attachments are filed. */
export function attachmentRowRefusal(row: { sha256?: unknown; file_path?: unknown }): string | null {
  const { sha256, file_path: filePath } = row;
  if (typeof sha256 === 'string' && typeof filePath === 'string' && isAttachmentPath(filePath, sha256)) return null;
  return '附件的文件摘要或存放位置不合规';
}

interface WaitingFile {
  sha256: string;
  file_path: string;
  node_id: string;
}

/**
 * Copies into the township's data files every village attachment whose row is here and whose
 * file the receiving library holds but the township does not yet. @returns how many were copied.
 */
export async function takeInVillageFiles(
  db: Db,
  files: DataFiles,
  stored: StoredFiles,
  tables: readonly string[],
  log: (line: string) => void,
): Promise<number> {
  let copied = 0;
  for (const table of tables) {
    // A file the township's outbox has sealed was here already: only the others are looked at.
    const { rows } = await sql<WaitingFile>`
      SELECT a.sha256, a.file_path, l.node_id FROM ${sql.table(table)} a
      JOIN village_links l ON l.table_name = ${table} AND l.row_id = a.id AND l.owner = 'village'
      WHERE NOT EXISTS (SELECT 1 FROM sync_files f WHERE f.sha256 = a.sha256)`.execute(db);
    for (const row of rows) {
      if (attachmentRowRefusal(row) || (await files.exists(row.file_path))) continue;
      if (!(await stored.has(row.node_id, row.sha256))) continue;
      const content = await stored.read(row.node_id, row.sha256);
      // The library checked the digest when it stored the file; a file changed on disk since is not taken.
      if (createHash('sha256').update(content).digest('hex') !== row.sha256) {
        log(`村级节点的附件文件与摘要不符，未存入：${row.sha256.slice(0, 12)}…`);
        continue;
      }
      await files.write(row.file_path, content);
      copied++;
    }
  }
  return copied;
}
