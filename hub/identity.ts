// The hub's own key pairs, one box pair (townships seal their envelopes to it) and one signing
// pair (it signs what goes down) per cipher suite: X25519 and Ed25519 for the international
// suite, an SM2 encryption pair and an SM2 signing pair for the 国密 suite. Made on first start
// and kept in <dataDir>/hub-keys.json, readable by the hub's OS user only. A hub whose file is
// from before the 国密 suite (version 1) gets its SM2 pairs added on its next start, its other
// keys unchanged. The public halves of the node's suite go into each enrollment file; losing
// this file means re-enrolling every township, so the county backs it up with the database.
import { chmod, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../shared/sync/bytes';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, suiteOf, type SuiteId } from '../shared/sync/suites';
import type { BoxKeyPair, SigningKeyPair } from '../shared/sync/keys';

export const HUB_KEYS_FILE = 'hub-keys.json';
const FORMAT = 'township-desk/hub-keys';
const VERSION = 2;

/** The hub's keys of one suite. */
export interface HubSuiteKeys {
  box: BoxKeyPair;
  signing: SigningKeyPair;
  boxKeyId: string;
  signingKeyId: string;
}

/** The international keys at the top (as before the 国密 suite), every suite's in `suites`. */
export interface HubIdentity extends HubSuiteKeys {
  suites: Record<SuiteId, HubSuiteKeys>;
}

/** The hub's keys of `suite`. */
export function hubKeysFor(identity: HubIdentity, suite: SuiteId): HubSuiteKeys {
  return identity.suites[suite];
}

const pairText = (bytes: number) => {
  const chars = Math.ceil((bytes * 4) / 3);
  return z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`), `密钥应为 ${bytes} 字节的 base64url`);
};
const pair = (publicBytes: number) => z.object({ privateKey: pairText(32), publicKey: pairText(publicBytes) });
const internationalKeys = { box: pair(32), signing: pair(32) };
const guomiKeys = z.object({ box: pair(65), signing: pair(65) });

const keysFileV1 = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  ...internationalKeys,
});
const keysFileV2 = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  createdAt: z.string(),
  ...internationalKeys,
  sm2: guomiKeys,
  /** When the SM2 pairs were added to a version-1 file (absent when made together). */
  sm2AddedAt: z.string().optional(),
});
type KeysFileV2 = z.infer<typeof keysFileV2>;
type StoredPair = z.infer<ReturnType<typeof pair>>;

function encodePair(keys: { privateKey: Uint8Array; publicKey: Uint8Array }): StoredPair {
  return { privateKey: toBase64Url(keys.privateKey), publicKey: toBase64Url(keys.publicKey) };
}

function newPairs(suite: SuiteId): { box: StoredPair; signing: StoredPair } {
  const s = suiteOf(suite);
  return { box: encodePair(s.generateBoxKeyPair()), signing: encodePair(s.generateSigningKeyPair()) };
}

const SEALED_FORMAT = 'township-desk/hub-keys-sealed';
const sealedFile = z.object({
  format: z.literal(SEALED_FORMAT),
  version: z.literal(1),
  iv: z.string(),
  data: z.string(),
  tag: z.string(),
});

/**
 * The keys file's text as written: plain JSON (readable by the hub's OS user only), or — where
 * the receiving side runs on a machine whose data must be encrypted at rest (a township's laptop
 * receiving its villages) — sealed with AES-256-GCM under the key of the database beside it.
 */
function fileText(content: KeysFileV2, sealKey: Uint8Array | null): string {
  const json = JSON.stringify(content, null, 2);
  if (!sealKey) return json;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  cipher.setAAD(Buffer.from(SEALED_FORMAT));
  const data = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return JSON.stringify({
    format: SEALED_FORMAT,
    version: 1,
    iv: toBase64Url(iv),
    data: toBase64Url(data),
    tag: toBase64Url(cipher.getAuthTag()),
  });
}

/** The keys file's JSON, opened when sealed; `sealed` says whether it was. */
function openedText(text: string, sealKey: Uint8Array | null, file: string): { json: string; sealed: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`县级平台密钥文件 ${file} 不是有效的 JSON，请从备份恢复`);
  }
  const sealed = sealedFile.safeParse(raw);
  if (!sealed.success) return { json: text, sealed: false };
  if (!sealKey) throw new Error(`密钥文件 ${file} 已加密，须用其旁边数据库的密钥打开`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey, fromBase64Url(sealed.data.iv));
    decipher.setAAD(Buffer.from(SEALED_FORMAT));
    decipher.setAuthTag(fromBase64Url(sealed.data.tag));
    const json = Buffer.concat([decipher.update(fromBase64Url(sealed.data.data)), decipher.final()]).toString('utf8');
    return { json, sealed: true };
  } catch {
    throw new Error(`密钥文件 ${file} 无法用数据库密钥打开（文件损坏，或不是这份数据的），请从备份恢复`);
  }
}

/**
 * Loads the hub's keys, creating them on first start and adding the SM2 pairs to an older file.
 * `sealKey`: keep the file sealed under this key (a plain file found is sealed on the way).
 */
export async function loadOrCreateIdentity(
  dataDir: string,
  now: () => Date,
  log: (line: string) => void,
  sealKey: Uint8Array | null = null,
): Promise<HubIdentity> {
  const file = path.join(dataDir, HUB_KEYS_FILE);
  const read = await readKeysFile(file, log, sealKey);
  const existing = read?.keys ?? null;
  if (existing?.version === VERSION) {
    if (sealKey && !read!.sealed) await replaceFile(file, existing, sealKey);
    return identityOf(existing, file);
  }
  if (existing) {
    // Version 1: the international keys stay exactly as they are (townships are enrolled
    // against them); only the SM2 pairs are new.
    const upgraded: KeysFileV2 = {
      ...existing,
      version: VERSION,
      sm2: newPairs(SUITE_GUOMI),
      sm2AddedAt: now().toISOString(),
    };
    await replaceFile(file, upgraded, sealKey);
    const identity = identityOf(upgraded, file);
    log(
      `已为县级平台补充国密密钥（SM2 加密 ${identity.suites[SUITE_GUOMI].boxKeyId}，签名 ${identity.suites[SUITE_GUOMI].signingKeyId}），保存在 ${file}`,
    );
    return identity;
  }
  const created: KeysFileV2 = {
    format: FORMAT,
    version: VERSION,
    createdAt: now().toISOString(),
    ...newPairs(SUITE_INTERNATIONAL),
    sm2: newPairs(SUITE_GUOMI),
  };
  // 'wx': if a second hub process raced us to it, keep its keys rather than overwrite them
  // (townships may already have been enrolled against them).
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = (await readKeysFile(file, log, sealKey))?.keys;
      if (raced?.version === VERSION) return identityOf(raced, file);
    }
    throw error;
  }
  try {
    await handle.writeFile(fileText(created, sealKey), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  const identity = identityOf(created, file);
  log(
    `已生成县级平台密钥（加密 ${identity.boxKeyId}，签名 ${identity.signingKeyId}；` +
      `国密 SM2 加密 ${identity.suites[SUITE_GUOMI].boxKeyId}，签名 ${identity.suites[SUITE_GUOMI].signingKeyId}），保存在 ${file}`,
  );
  return identity;
}

/** Written beside, flushed, renamed over: a crash leaves the old file or the new one, never half. */
async function replaceFile(file: string, content: KeysFileV2, sealKey: Uint8Array | null): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(fileText(content, sealKey), 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
}

async function readKeysFile(
  file: string,
  log: (line: string) => void,
  sealKey: Uint8Array | null,
): Promise<{ keys: z.infer<typeof keysFileV1> | KeysFileV2; sealed: boolean } | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const opened = openedText(text, sealKey, file);
  let raw: unknown;
  try {
    raw = JSON.parse(opened.json);
  } catch {
    throw new Error(`县级平台密钥文件 ${file} 不是有效的 JSON，请从备份恢复`);
  }
  const parsed = z.union([keysFileV2, keysFileV1]).safeParse(raw);
  if (!parsed.success) throw new Error(`县级平台密钥文件 ${file} 内容不正确，请从备份恢复`);
  if (process.platform !== 'win32') {
    const { mode } = await stat(file);
    if (mode & 0o077) {
      await chmod(file, 0o600);
      log(`县级平台密钥文件 ${file} 的权限过宽，已改为仅本用户可读写`);
    }
  }
  // Checked before anything is built on it (an upgrade included).
  checkPairs(parsed.data.box, parsed.data.signing, SUITE_INTERNATIONAL, file);
  if (parsed.data.version === VERSION) checkPairs(parsed.data.sm2.box, parsed.data.sm2.signing, SUITE_GUOMI, file);
  return { keys: parsed.data, sealed: opened.sealed };
}

/** A file whose halves do not belong together would seal and sign with keys nobody can check. */
function checkPairs(box: StoredPair, signing: StoredPair, suite: SuiteId, file: string): void {
  const s = suiteOf(suite);
  const what = suite === SUITE_GUOMI ? '国密' : '';
  const matches = (stored: StoredPair, derive: (privateKey: Uint8Array) => Uint8Array) => {
    try {
      return toBase64Url(derive(fromBase64Url(stored.privateKey))) === stored.publicKey;
    } catch {
      return false;
    }
  };
  if (!matches(box, s.boxPublicKey)) throw new Error(`县级平台密钥文件 ${file} 的${what}加密密钥不成对，请从备份恢复`);
  if (!matches(signing, s.signingPublicKey)) {
    throw new Error(`县级平台密钥文件 ${file} 的${what}签名密钥不成对，请从备份恢复`);
  }
}

function suiteKeys(suite: SuiteId, box: StoredPair, signing: StoredPair): HubSuiteKeys {
  const s = suiteOf(suite);
  const boxPair = { privateKey: fromBase64Url(box.privateKey), publicKey: fromBase64Url(box.publicKey) };
  const signingPair = { privateKey: fromBase64Url(signing.privateKey), publicKey: fromBase64Url(signing.publicKey) };
  return {
    box: boxPair,
    signing: signingPair,
    boxKeyId: s.keyId(boxPair.publicKey),
    signingKeyId: s.keyId(signingPair.publicKey),
  };
}

function identityOf(stored: KeysFileV2, file: string): HubIdentity {
  checkPairs(stored.sm2.box, stored.sm2.signing, SUITE_GUOMI, file);
  const international = suiteKeys(SUITE_INTERNATIONAL, stored.box, stored.signing);
  return {
    ...international,
    suites: {
      [SUITE_INTERNATIONAL]: international,
      [SUITE_GUOMI]: suiteKeys(SUITE_GUOMI, stored.sm2.box, stored.sm2.signing),
    },
  };
}
