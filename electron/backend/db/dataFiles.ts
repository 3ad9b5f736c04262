// The files of the data folder that hold personal data — archived papers and attachments — kept
// encrypted under a key derived from the database key, so that a copied data folder is as
// unreadable in its files as in its database. Format of an encrypted file:
//
//   MAGIC "TDR1" | nonce (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes)
//
// with the file's path inside the data folder as associated data: a file renamed or moved onto
// another record's name does not open. AES-256-GCM is what SQLCipher's world and our sync
// envelopes already trust, and Node's OpenSSL does it at disk speed; a file is at most an upload
// (36 MiB, the county's reply file; an attachment 20 MB), far below GCM's 64 GiB per nonce, so one
// nonce per file and whole-file reads are fine. Uploads arrive by `writeStream`, a chunk at a time.
//
// Without a key (a host that runs plain, with its warning) files are written as they are, as
// before; a plain file found when a key is given is encrypted in place on start.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const MAGIC = Buffer.from('TDR1', 'latin1');
/** A file written ahead of the transaction that gives it its name (`writeStaged`). */
export const STAGED_SUFFIX = '.staged';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** The folders of the data folder that hold files of personal data. */
export const PERSONAL_FILE_FOLDERS = ['documents', 'attachments'] as const;

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** The files key: HKDF-SHA256 of the database key with its own label, never the database key itself. */
export function deriveFilesKey(databaseKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'township-desk/data-files/v1', 32));
}

export function isEncryptedFile(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** Reads and writes the data folder's files by their path relative to it (`documents/2026/11/x.pdf`). */
export class DataFiles {
  private readonly key: Buffer | null;

  constructor(
    readonly dataDir: string,
    databaseKey: Uint8Array | null,
  ) {
    this.key = databaseKey ? deriveFilesKey(databaseKey) : null;
  }

  get encrypted(): boolean {
    return this.key !== null;
  }

  absolute(relative: string): string {
    return path.join(this.dataDir, ...relative.split('/'));
  }

  /**
   * Writes `bytes` under `relative`: encrypted when there is a key, to a temporary name first and
   * renamed (a file under its real name is always whole), readable by the host's account only.
   */
  async write(relative: string, bytes: Uint8Array): Promise<void> {
    await this.writeSealed(relative, this.absolute(relative), bytes);
  }

  /**
   * Writes `bytes` for `relative` as `write` does — sealed for `relative`, whole and synced — but
   * under a staging name beside it (`<relative>.staged`), so that the slow part (encryption, the
   * fsync) can be done before a transaction and only `placeStaged`, a rename, inside it.
   */
  async writeStaged(relative: string, bytes: Uint8Array): Promise<void> {
    await this.writeSealed(relative, `${this.absolute(relative)}${STAGED_SUFFIX}`, bytes);
  }

  /** Gives a staged file (`writeStaged`) its name. */
  async placeStaged(relative: string): Promise<void> {
    const absolute = this.absolute(relative);
    await rename(`${absolute}${STAGED_SUFFIX}`, absolute);
  }

  /** Removes a staged file that will not be placed (its transaction did not happen). */
  async discardStaged(relative: string): Promise<void> {
    await rm(`${this.absolute(relative)}${STAGED_SUFFIX}`, { force: true });
  }

  private async writeSealed(relative: string, target: string, bytes: Uint8Array): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const partial = `${target}.partial`;
    const handle = await open(partial, 'w', 0o600);
    try {
      await handle.writeFile(this.seal(relative, bytes));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
  }

  /**
   * Writes what `source` yields under `relative`, encrypted chunk by chunk — AES-GCM is a stream
   * cipher with its tag at the end, so the file is the very one `write` makes (`read` opens it)
   * while only one chunk is held at a time. Backpressure reaches `source`: it is pulled no faster
   * than the disk takes it. If `source` throws, the partial file is removed and the error passes
   * on; nothing appears under `relative` unless the whole file was written.
   */
  async writeStream(relative: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    const absolute = this.absolute(relative);
    await mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
    const partial = `${absolute}.partial`;
    const key = this.key;
    async function* sealed(): AsyncGenerator<Uint8Array> {
      if (!key) {
        yield* source;
        return;
      }
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(relative, 'utf8'));
      yield Buffer.concat([MAGIC, nonce]);
      for await (const chunk of source) {
        const encrypted = cipher.update(chunk);
        if (encrypted.length > 0) yield encrypted;
      }
      yield Buffer.concat([cipher.final(), cipher.getAuthTag()]);
    }
    try {
      // `flush`: fsync before close, as `write` does, so the rename never names a file still in the cache.
      await pipeline(sealed, createWriteStream(partial, { mode: 0o600, flush: true }));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await rename(partial, absolute);
  }

  /** The plain bytes of `relative`; a plain file (written before there was a key) reads as it is. */
  async read(relative: string): Promise<Buffer> {
    return this.open(relative, await readFile(this.absolute(relative)));
  }

  /**
   * The plain bytes of a file this run wrote itself (an upload being staged): sealed when there is
   * a key, else exactly as written — even when an uploaded file happens to begin like a sealed
   * one ("TDR1"), which `read` would take for one.
   */
  async readOwn(relative: string): Promise<Buffer> {
    const bytes = await readFile(this.absolute(relative));
    if (!this.key) return bytes;
    if (!isEncryptedFile(bytes)) throw new DataFileError(`文件 ${relative} 应已加密，却是明文：已被改动`);
    return this.open(relative, bytes);
  }

  /** True when a whole file lies under `relative` (files appear under their name only when whole). */
  async exists(relative: string): Promise<boolean> {
    return stat(this.absolute(relative)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async remove(relative: string): Promise<void> {
    await rm(this.absolute(relative), { force: true });
  }

  /**
   * Encrypts, where they lie, the plain files of the personal-data folders (a host that ran
   * without a key, then got one). Each file is rewritten whole and renamed over the plain one.
   * @returns how many files were encrypted.
   */
  async encryptPlainFiles(): Promise<number> {
    if (!this.key) return 0;
    let count = 0;
    for (const folder of PERSONAL_FILE_FOLDERS) {
      let names: string[];
      try {
        names = (await readdir(path.join(this.dataDir, folder), { recursive: true })).map(String);
      } catch {
        continue;
      }
      for (const name of names) {
        const relative = path.posix.join(folder, name.split(path.sep).join('/'));
        const absolute = this.absolute(relative);
        if (relative.endsWith('.partial') || relative.endsWith(STAGED_SUFFIX)) {
          // Left by a write a power cut stopped, or staged for a transaction that never came.
          await rm(absolute, { force: true });
          continue;
        }
        if (!(await stat(absolute)).isFile()) continue;
        const bytes = await readFile(absolute);
        if (isEncryptedFile(bytes)) continue;
        await this.write(relative, bytes);
        count++;
      }
    }
    return count;
  }

  /** Makes the personal-data folders and their files private to the host's account (POSIX). */
  async makePrivate(): Promise<void> {
    if (process.platform === 'win32') return;
    for (const folder of PERSONAL_FILE_FOLDERS) {
      const root = path.join(this.dataDir, folder);
      let names: string[];
      try {
        names = (await readdir(root, { recursive: true })).map(String);
      } catch {
        continue;
      }
      await chmod(root, 0o700);
      for (const name of names) {
        const absolute = path.join(root, name);
        const info = await stat(absolute);
        await chmod(absolute, info.isDirectory() ? 0o700 : 0o600);
      }
    }
  }

  private seal(relative: string, bytes: Uint8Array): Uint8Array {
    if (!this.key) return bytes;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(relative, 'utf8'));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]);
  }

  private open(relative: string, bytes: Buffer): Buffer {
    if (!isEncryptedFile(bytes)) return bytes;
    if (!this.key) throw new DataFileError(`文件 ${relative} 已加密，未提供数据库密钥，无法读取`);
    if (bytes.length < MAGIC.length + NONCE_BYTES + TAG_BYTES)
      throw new DataFileError(`文件 ${relative} 已损坏（长度不足）`);
    const nonce = bytes.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAAD(Buffer.from(relative, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(MAGIC.length + NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new DataFileError(`文件 ${relative} 无法解密：密钥不对，或文件已被改动、改名`);
    }
  }
}

/**
 * What the last walk over the personal-data folders left them as. Every file the host writes is
 * already private and sealed as the key says, so the walk — which reads every paper and
 * attachment, minutes for ten years of them — is needed only when that changes: a folder from
 * before this record (an upgrade, a restore), or a first start with a key after runs without one.
 */
export const FILES_STATE_FILE = 'data-files.json';

interface FilesState {
  /** The files were all private, and sealed under the key (true) or plain (false). */
  sealed: boolean;
}

async function readFilesState(dataDir: string): Promise<FilesState | null> {
  try {
    const state = JSON.parse(await readFile(path.join(dataDir, FILES_STATE_FILE), 'utf8')) as Partial<FilesState>;
    return typeof state.sealed === 'boolean' ? { sealed: state.sealed } : null;
  } catch {
    return null;
  }
}

async function writeFilesState(dataDir: string, state: FilesState): Promise<void> {
  const file = path.join(dataDir, FILES_STATE_FILE);
  const handle = await open(`${file}.partial`, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(state)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(`${file}.partial`, file);
}

/**
 * The data folder's files for a host starting with `databaseKey` (or none): when the folder's
 * state calls for it (see FILES_STATE_FILE), plain files left from a run without a key are
 * encrypted where they lie, and the folders made private.
 */
export async function openDataFiles(
  dataDir: string,
  databaseKey: Uint8Array | null,
  log: (line: string) => void = console.warn,
): Promise<DataFiles> {
  const files = new DataFiles(dataDir, databaseKey);
  const state = await readFilesState(dataDir);
  const sealed = databaseKey !== null;
  if (state === null || (sealed && !state.sealed)) {
    const encrypted = await files.encryptPlainFiles();
    if (encrypted > 0) log(`已将数据目录中 ${encrypted} 个明文文件（存档文书、附件）就地加密。`);
    await files.makePrivate();
    await writeFilesState(dataDir, { sealed });
  }
  return files;
}
