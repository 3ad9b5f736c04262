// `npm run sign-update`: the county's signature on a release, which the installed program
// checks before it installs an update (electron/main/updateSignature.ts).
//
//   npm run sign-update -- --new-key <私钥文件> [--name <说明>] [--keys resources/update-keys.json]
//   npm run sign-update -- <安装包> --key <私钥文件> [--yml <latest.yml>] [--keys resources/update-keys.json]
//
// Signing writes one line into the update description electron-builder made beside the
// installer (latest.yml for Windows, latest-linux.yml for Linux):
//   townshipSignatures: [{"file":…,"sha512":…,"keyId":…,"signature":…}]
// JSON is YAML, so the line is added or replaced without rewriting the rest of the file.
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  SIGNATURES_FIELD,
  parseTrustedKeys,
  sha512OfFile,
  signUpdateFile,
  signatureEntry,
  type SignatureEntry,
} from '../electron/main/updateSignature';
import { fromBase64Url, toBase64Url } from '../shared/sync/bytes';
import { generateSigningKeyPair, keyId, signingPublicKey } from '../shared/sync/keys';

export const DEFAULT_KEYS_FILE = fileURLToPath(new URL('../resources/update-keys.json', import.meta.url));
const KEY_FORMAT = 'township-desk-update-key';

export const SIGN_UPDATE_USAGE = `用法：
  npm run sign-update -- --new-key <私钥文件> [--name <说明>] [--keys <公钥清单>]
      生成一对县级更新签名密钥：私钥写入 <私钥文件>（仅本用户可读，请离线保管），
      公钥加入 <公钥清单>（默认 resources/update-keys.json），之后打包的程序信任它。
  npm run sign-update -- <安装包> --key <私钥文件> [--yml <latest.yml>] [--keys <公钥清单>]
      为 npm run dist 生成的安装包签名：签名写入同一文件夹中列出该安装包的 latest*.yml
      （或 --yml 指定的文件）。之后安装包与 latest*.yml 一起放到更新服务器上。`;

const privateKeyFile = z.object({
  format: z.literal(KEY_FORMAT),
  keyId: z.string(),
  publicKey: z.string(),
  privateKey: z.string(),
  name: z.string().optional(),
  createdAt: z.string().optional(),
});

/** Makes a key pair: the private key into `keyFile` (never overwritten), the public key into the trusted list. */
export async function createUpdateKey(
  keyFile: string,
  options: { keysFile?: string; name?: string; now?: Date } = {},
): Promise<{ keyId: string; publicKey: string; keysFile: string }> {
  const keysFile = options.keysFile ?? DEFAULT_KEYS_FILE;
  const pair = generateSigningKeyPair();
  const id = keyId(pair.publicKey);
  const publicKey = toBase64Url(pair.publicKey);
  const name = options.name ?? `县级更新签名密钥 ${(options.now ?? new Date()).toISOString().slice(0, 10)}`;
  const stored = {
    format: KEY_FORMAT,
    keyId: id,
    publicKey,
    privateKey: toBase64Url(pair.privateKey),
    name,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  try {
    await writeFile(keyFile, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${keyFile} 已存在，不会覆盖已有的私钥`, { cause: error });
    }
    throw error;
  }
  await chmod(keyFile, 0o600);
  pair.privateKey.fill(0);

  const list = JSON.parse(await readFile(keysFile, 'utf8')) as { keys: unknown[] } & Record<string, unknown>;
  parseTrustedKeys(list); // refuse to add to a list that is already broken
  list.keys.push({ keyId: id, publicKey, name });
  await writeFile(keysFile, `${JSON.stringify(list, null, 2)}\n`);
  return { keyId: id, publicKey, keysFile };
}

async function readPrivateKey(keyFile: string): Promise<{ privateKey: Uint8Array; keyId: string }> {
  let parsed;
  try {
    parsed = privateKeyFile.parse(JSON.parse(await readFile(keyFile, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`找不到私钥文件 ${keyFile}`, { cause: error });
    throw new Error(`${keyFile} 不是 npm run sign-update -- --new-key 生成的私钥文件`, { cause: error });
  }
  const privateKey = fromBase64Url(parsed.privateKey);
  if (privateKey.length !== 32 || keyId(signingPublicKey(privateKey)) !== parsed.keyId) {
    throw new Error(`${keyFile} 中的私钥与其记载的密钥编号不符，文件可能已损坏`);
  }
  return { privateKey, keyId: parsed.keyId };
}

/** The update descriptions beside `installer` that list it (electron-builder writes `url: <name>`). */
async function descriptionsListing(installer: string): Promise<string[]> {
  const folder = path.dirname(installer);
  const name = path.basename(installer);
  const found: string[] = [];
  for (const entry of (await readdir(folder)).sort()) {
    if (!/^latest.*\.yml$/.test(entry)) continue;
    const text = await readFile(path.join(folder, entry), 'utf8');
    if (new RegExp(`^\\s*(?:-\\s*)?(?:url|path):\\s*['"]?${escapeRegex(name)}['"]?\\s*$`, 'm').test(text)) {
      found.push(path.join(folder, entry));
    }
  }
  return found;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `version:` of an update description. */
export function descriptionVersion(text: string): string | null {
  return /^version:\s*['"]?([^'"\s#]+)['"]?\s*$/m.exec(text)?.[1] ?? null;
}

const SIGNATURES_LINE = new RegExp(`^${SIGNATURES_FIELD}:.*$`, 'm');

/** The description with `entry` among its signatures (replacing an earlier one of the same file). */
export function withSignature(text: string, entry: SignatureEntry): string {
  const line = SIGNATURES_LINE.exec(text)?.[0];
  let entries: SignatureEntry[] = [];
  if (line) {
    const parsed = z.array(signatureEntry).safeParse(safeJson(line.slice(SIGNATURES_FIELD.length + 1).trim()));
    if (!parsed.success) throw new Error(`${SIGNATURES_FIELD} 一行的格式不正确，请删除该行后重新签名`);
    entries = parsed.data.filter((existing) => existing.file !== entry.file);
  }
  const next = `${SIGNATURES_FIELD}: ${JSON.stringify([...entries, entry])}`;
  if (line) return text.replace(SIGNATURES_LINE, next);
  return `${text.endsWith('\n') ? text : `${text}\n`}${next}\n`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface SignedRelease {
  entry: SignatureEntry;
  descriptions: string[];
  /** Whether the key is in the trusted list the program is built with. */
  trusted: boolean;
}

/** Signs `installer` into the update descriptions that list it (or the ones given). */
export async function signRelease(options: {
  installer: string;
  keyFile: string;
  descriptions?: string[];
  keysFile?: string;
}): Promise<SignedRelease> {
  const { privateKey, keyId: id } = await readPrivateKey(options.keyFile);
  const name = path.basename(options.installer);
  const sha512 = await sha512OfFile(options.installer);
  const descriptions = options.descriptions?.length
    ? options.descriptions
    : await descriptionsListing(options.installer);
  if (descriptions.length === 0) {
    throw new Error(
      `${path.dirname(options.installer)} 中没有列出 ${name} 的 latest*.yml；请先 npm run dist，或用 --yml 指定`,
    );
  }
  let entry: SignatureEntry | null = null;
  for (const description of descriptions) {
    const text = await readFile(description, 'utf8');
    const version = descriptionVersion(text);
    if (!version) throw new Error(`${description} 中没有 version`);
    // The description must name this very file: signing one installer into another's description would only be refused later.
    if (!text.includes(`sha512: ${sha512}`)) {
      throw new Error(`${description} 中记载的 SHA-512 与 ${name} 不符（是否在生成 latest.yml 之后又改动了安装包？）`);
    }
    entry = signUpdateFile(privateKey, version, name, sha512);
    await writeFile(description, withSignature(text, entry));
  }
  privateKey.fill(0);
  const keysFile = options.keysFile ?? DEFAULT_KEYS_FILE;
  const trusted = parseTrustedKeys(JSON.parse(await readFile(keysFile, 'utf8'))).some((key) => key.keyId === id);
  return { entry: entry!, descriptions, trusted };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'new-key': { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      yml: { type: 'string', multiple: true },
      keys: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const keysFile = values.keys ? path.resolve(values.keys) : undefined;
  if (values.help) return void console.log(SIGN_UPDATE_USAGE);
  if (values['new-key']) {
    const created = await createUpdateKey(path.resolve(values['new-key']), { keysFile, name: values.name });
    console.log(`已生成县级更新签名密钥 ${created.keyId}`);
    console.log(`私钥：${path.resolve(values['new-key'])}（仅本用户可读；请离线保管，切勿放进代码库或更新服务器）`);
    console.log(`公钥已加入 ${created.keysFile}；重新打包（npm run dist）后的程序才信任它`);
    return;
  }
  const [installer] = positionals;
  if (!installer || !values.key || positionals.length > 1) throw new Error(SIGN_UPDATE_USAGE);
  const signed = await signRelease({
    installer: path.resolve(installer),
    keyFile: path.resolve(values.key),
    descriptions: values.yml?.map((file) => path.resolve(file)),
    keysFile,
  });
  console.log(`已用密钥 ${signed.entry.keyId} 为 ${signed.entry.file} 签名，写入：${signed.descriptions.join('、')}`);
  if (!signed.trusted) {
    console.log(
      `警告：密钥 ${signed.entry.keyId} 不在 ${keysFile ?? DEFAULT_KEYS_FILE} 中，已安装的程序不会接受这个签名`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
