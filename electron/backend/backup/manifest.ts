// What one backup generation holds, written last into its folder: the database copy's digest
// and counts, and every paper and attachment with its digest. With a database key the manifest
// carries an HMAC under a key derived from it, so a manifest edited to match a changed file is
// noticed too. The files' digests are over their bytes as stored (encrypted where the data is).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_DATABASE_FILE = 'township.sqlite';
const FORMAT = 'township-desk/backup';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupManifest = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** The generation's name: its UTC time, `20261207T031500Z`. */
  generation: z.string().regex(/^\d{8}T\d{6}Z$/),
  createdAt: z.iso.datetime(),
  nodeId: z.string(),
  encrypted: z.boolean(),
  database: z.strictObject({
    bytes: z.number().int().nonnegative(),
    sha256: hex64,
    tables: z.record(z.string(), z.number().int().nonnegative()),
    changeLogLast: z.number().int().nonnegative(),
  }),
  /** Papers and attachments, by their path in the data folder (shared store of the backup folder). */
  files: z.array(z.strictObject({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: hex64 })),
  /** HMAC-SHA256 of the rest (hex), present when the data is encrypted. */
  mac: hex64.optional(),
});

export type BackupManifest = z.infer<typeof backupManifest>;

function backupKey(databaseKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'township-desk/backup-manifest/v1', 32));
}

function macOf(manifest: Omit<BackupManifest, 'mac'>, databaseKey: Uint8Array): string {
  return createHmac('sha256', backupKey(databaseKey)).update(JSON.stringify(manifest)).digest('hex');
}

export function sealManifest(manifest: Omit<BackupManifest, 'mac'>, databaseKey: Uint8Array | null): BackupManifest {
  return databaseKey ? { ...manifest, mac: macOf(manifest, databaseKey) } : manifest;
}

/**
 * Parses a manifest and checks its HMAC with `databaseKey`.
 * @throws with a Chinese sentence naming what is wrong.
 */
export function readManifest(text: string, databaseKey: Uint8Array | null): BackupManifest {
  let parsed: BackupManifest;
  try {
    parsed = backupManifest.parse(JSON.parse(text));
  } catch {
    throw new Error('备份清单 manifest.json 已损坏或不是本程序的备份');
  }
  if (parsed.encrypted) {
    if (!databaseKey) throw new Error('这份备份是加密的，需要原数据目录的数据库密钥');
    const { mac, ...rest } = parsed;
    const expected = Buffer.from(macOf(rest, databaseKey), 'hex');
    if (!mac || !timingSafeEqual(Buffer.from(mac, 'hex'), expected))
      throw new Error('备份清单校验失败：密钥不对，或清单被改动过');
  }
  return parsed;
}
