// The county's signature on an update. Whoever controls the update server (a county intranet
// folder, often without Authenticode signing) would otherwise run code on every counter PC,
// so an update is installed only when the release's update description (latest.yml) carries a
// detached Ed25519 signature, by a key this program trusts, over the version, the file name and
// the SHA-512 of the very file that was downloaded:
//
//   townshipSignatures: [{"file":"township-desk-setup-1.2.0.exe","sha512":"<base64>","keyId":"…","signature":"<base64url>"}]
//
// (a JSON line, which is YAML; `npm run sign-update` writes it, build/signUpdate.ts). The
// version is signed too, so an old, validly signed installer cannot be offered as a newer one.
// Plain Node — no 'electron' — so it is tested as it runs; the public keys come from
// resources/update-keys.json, bundled into the main process (inside app.asar, which the asar
// integrity fuse protects).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { fromBase64Url, toBase64Url, utf8 } from '../../shared/sync/bytes';
// Ed25519 of @noble/curves, as the sync uses it: one implementation of the curve in the program.
import { keyId, sign, signingPublicKey, verify } from '../../shared/sync/keys';

/** The field of latest.yml that holds the county's signatures. */
export const SIGNATURES_FIELD = 'townshipSignatures';
// Domain separation: these bytes cannot be mistaken for a sync envelope or a node request.
const CONTEXT = 'township-desk/v1/update';

export interface TrustedUpdateKey {
  keyId: string;
  publicKey: Uint8Array;
  name: string;
}

const base64urlKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, '公钥应为 32 字节的 base64url 文本')
  .transform((text) => fromBase64Url(text));

/** resources/update-keys.json: the keys an update may be signed with (several, for a change of key). */
export const updateKeysFile = z.object({
  keys: z.array(
    z
      .object({
        keyId: z.string().regex(/^[0-9a-f]{16}$/, 'keyId 应为 16 位十六进制'),
        publicKey: base64urlKey,
        name: z.string().max(200).default(''),
      })
      .refine((key) => keyId(key.publicKey) === key.keyId, { message: 'keyId 与公钥不符', path: ['keyId'] }),
  ),
});

/** The trusted keys of a parsed update-keys.json; throws with the field when it is malformed. */
export function parseTrustedKeys(json: unknown): TrustedUpdateKey[] {
  const parsed = updateKeysFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`更新公钥文件格式不正确（${issue?.path.join('.') ?? ''}）：${issue?.message ?? ''}`);
  }
  return parsed.data.keys;
}

export const signatureEntry = z.object({
  file: z.string().min(1).max(300),
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 应为 base64 文本'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});
export type SignatureEntry = z.infer<typeof signatureEntry>;

/** The bytes the county signs for one file of one version. */
export function updateSigningMessage(version: string, file: string, sha512: string): Uint8Array {
  return utf8([CONTEXT, version, file, sha512].join('\n'));
}

/** The signature entry of `file` (its SHA-512 in base64, as latest.yml writes it) at `version`. */
export function signUpdateFile(privateKey: Uint8Array, version: string, file: string, sha512: string): SignatureEntry {
  const signature = sign(privateKey, updateSigningMessage(version, file, sha512));
  return { file, sha512, keyId: keyId(signingPublicKey(privateKey)), signature: toBase64Url(signature) };
}

/** SHA-512 of a file in base64, streamed (an installer is 100 MB or more). */
export function sha512OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

export type UpdateVerdict = { ok: true; keyId: string; file: string } | { ok: false; reason: string };

/**
 * Whether the downloaded `file` is the one the county signed for `info.version` (info: what
 * electron-updater read from latest.yml). The reason of a refusal is a Chinese sentence.
 */
export async function verifyUpdateFile(
  file: string,
  info: { version?: unknown; [field: string]: unknown } | null,
  trusted: readonly TrustedUpdateKey[],
): Promise<UpdateVerdict> {
  if (!info || typeof info.version !== 'string') return { ok: false, reason: '没有收到这次更新的说明（latest.yml）' };
  const raw = info[SIGNATURES_FIELD];
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return { ok: false, reason: '更新说明（latest.yml）中没有县级更新签名，这个更新包未经签名' };
  }
  const entries = z.array(signatureEntry).safeParse(raw);
  if (!entries.success) return { ok: false, reason: '更新说明中的县级更新签名格式不正确' };
  const sha512 = await sha512OfFile(file);
  const entry = entries.data.find((candidate) => candidate.sha512 === sha512);
  if (!entry) {
    return { ok: false, reason: '下载的更新文件与县级签名所记的 SHA-512 摘要不符（文件被改动过或不是签名的那一个）' };
  }
  const key = trusted.find((candidate) => candidate.keyId === entry.keyId);
  if (!key) return { ok: false, reason: `签名密钥 ${entry.keyId} 不是本程序信任的县级更新密钥` };
  const signature = fromBase64Url(entry.signature);
  if (!verify(key.publicKey, updateSigningMessage(info.version, entry.file, sha512), signature)) {
    return { ok: false, reason: `县级更新签名无效（版本 ${info.version} 的说明或文件被改动过）` };
  }
  return { ok: true, keyId: key.keyId, file: entry.file };
}
