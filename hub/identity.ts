// The hub's own key pairs: X25519 (townships seal their batches to it) and Ed25519 (it signs
// what goes down). Made on first start and kept in <dataDir>/hub-keys.json, readable by the
// hub's OS user only. The public halves go into every enrollment file; losing this file means
// re-enrolling every township, so the county backs it up with the database.
import { chmod, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../shared/sync/bytes';
import {
  boxPublicKey,
  generateBoxKeyPair,
  generateSigningKeyPair,
  keyId,
  signingPublicKey,
  type BoxKeyPair,
  type SigningKeyPair,
} from '../shared/sync/keys';

export const HUB_KEYS_FILE = 'hub-keys.json';
const FORMAT = 'township-desk/hub-keys';

export interface HubIdentity {
  box: BoxKeyPair;
  signing: SigningKeyPair;
  boxKeyId: string;
  signingKeyId: string;
}

const keyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '密钥应为 32 字节的 base64url');
const keysFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  box: z.object({ privateKey: keyText, publicKey: keyText }),
  signing: z.object({ privateKey: keyText, publicKey: keyText }),
});

function identityOf(box: BoxKeyPair, signing: SigningKeyPair): HubIdentity {
  return { box, signing, boxKeyId: keyId(box.publicKey), signingKeyId: keyId(signing.publicKey) };
}

/** Loads the hub's keys, creating them on first start. */
export async function loadOrCreateIdentity(
  dataDir: string,
  now: () => Date,
  log: (line: string) => void,
): Promise<HubIdentity> {
  const file = path.join(dataDir, HUB_KEYS_FILE);
  const existing = await readIdentity(file, log);
  if (existing) return existing;
  const box = generateBoxKeyPair();
  const signing = generateSigningKeyPair();
  const text = JSON.stringify(
    {
      format: FORMAT,
      version: 1,
      createdAt: now().toISOString(),
      box: { privateKey: toBase64Url(box.privateKey), publicKey: toBase64Url(box.publicKey) },
      signing: { privateKey: toBase64Url(signing.privateKey), publicKey: toBase64Url(signing.publicKey) },
    },
    null,
    2,
  );
  // 'wx': if a second hub process raced us to it, keep its keys rather than overwrite them
  // (townships may already have been enrolled against them).
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = await readIdentity(file, log);
      if (raced) return raced;
    }
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  log(`已生成县级平台密钥（加密 ${keyId(box.publicKey)}，签名 ${keyId(signing.publicKey)}），保存在 ${file}`);
  return identityOf(box, signing);
}

async function readIdentity(file: string, log: (line: string) => void): Promise<HubIdentity | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`县级平台密钥文件 ${file} 不是有效的 JSON，请从备份恢复`);
  }
  const parsed = keysFile.safeParse(raw);
  if (!parsed.success) throw new Error(`县级平台密钥文件 ${file} 内容不正确，请从备份恢复`);
  const box = {
    privateKey: fromBase64Url(parsed.data.box.privateKey),
    publicKey: fromBase64Url(parsed.data.box.publicKey),
  };
  const signing = {
    privateKey: fromBase64Url(parsed.data.signing.privateKey),
    publicKey: fromBase64Url(parsed.data.signing.publicKey),
  };
  // A file whose halves do not belong together would seal and sign with keys nobody can check.
  if (toBase64Url(boxPublicKey(box.privateKey)) !== parsed.data.box.publicKey) {
    throw new Error(`县级平台密钥文件 ${file} 的加密密钥不成对，请从备份恢复`);
  }
  if (toBase64Url(signingPublicKey(signing.privateKey)) !== parsed.data.signing.publicKey) {
    throw new Error(`县级平台密钥文件 ${file} 的签名密钥不成对，请从备份恢复`);
  }
  if (process.platform !== 'win32') {
    const { mode } = await stat(file);
    if (mode & 0o077) {
      await chmod(file, 0o600);
      log(`县级平台密钥文件 ${file} 的权限过宽，已改为仅本用户可读写`);
    }
  }
  return identityOf(box, signing);
}
