// Files uploaded before the procedure that uses them (shared/api/uploads.ts): the bytes are
// streamed into `<data>/uploads/` through DataFiles — encrypted where the database is, hashed
// and counted on the way, cut off at the limit — and kept for the session that sent them until a
// procedure takes them, the session ends, or UPLOAD_MINUTES pass. Which session an upload belongs
// to is known only here, in memory, so the folder is emptied on start.
//
// Both transports stage through here: the hall host's `PUT /uploads` streams the request body,
// the desktop app's upload channel hands over the bytes the window sent.
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ApiError, ApiResult } from '../../../shared/api/errors';
import { MAX_UPLOAD_BYTES, UPLOAD_EXPIRED, UPLOAD_MINUTES, type UploadReceipt } from '../../../shared/api/uploads';
import { ApiFailure, fail, failFields } from '../api/failure';
import type { DataFiles } from '../db/dataFiles';

export const UPLOAD_FOLDER = 'uploads';
/**
 * Uploads one session may have waiting; a further one replaces the oldest. The UI uses each upload
 * at once, so the oldest of eight is one a failed save left behind.
 */
export const UPLOADS_PER_SESSION = 8;
/** How often waiting uploads are looked over for expiry, besides at every upload and take. */
const SWEEP_INTERVAL_MS = 5 * 60_000;

/** The session an upload is asked for, as far as uploads care (resolved by the backend). */
export interface UploadSession {
  tokenHash: string;
  locked: boolean;
  mustChangePassword: boolean;
}

/** An upload taken by its procedure: the plain bytes, and what was counted while they arrived. */
export interface StagedUpload {
  bytes: Buffer;
  sizeBytes: number;
  sha256: string;
}

/** Where one session's upload goes once its headers (the session, the declared length) have passed. */
export interface UploadSlot {
  /** The largest upload this slot takes. */
  readonly maxBytes: number;
  /**
   * Streams `source` to the staging folder, at most `limit` bytes (and never more than `maxBytes`).
   * A refusal (too large, empty) is an `ApiResult`; an error of `source` itself (the client went
   * away) is thrown, after the partial file is removed.
   */
  write(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit?: number): Promise<ApiResult<UploadReceipt>>;
}

export type UploadOpening = { ok: true; slot: UploadSlot } | { ok: false; error: ApiError };

interface Entry {
  sessionHash: string;
  relative: string;
  sizeBytes: number;
  sha256: string;
  expiresAt: number;
}

function refusal(code: ApiError['code'], message: string): UploadOpening {
  return { ok: false, error: { code, message } };
}

function sizeText(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export class UploadStore {
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | null = null;

  /**
   * `hashToken` is the sessions' own (auth/sessions.ts), handed in by the backend: this kit module
   * imports neither auth nor the request context, which both lead back here.
   */
  constructor(
    private readonly files: DataFiles,
    private readonly now: () => Date,
    private readonly hashToken: (token: string) => string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {}

  /** On start: what an earlier run staged belongs to nobody now (the bindings lived in its memory). */
  async start(): Promise<void> {
    await rm(this.files.absolute(UPLOAD_FOLDER), { recursive: true, force: true });
    // A removal that fails (a file held open by a scanner on Windows) is no crash: the next start empties the folder.
    this.#timer = setInterval(() => void this.sweep().catch(() => {}), SWEEP_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Stops the sweeping and removes every waiting upload (the backend is closing). */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const relatives = [...this.#entries.values()].map((entry) => entry.relative);
    this.#entries.clear();
    await Promise.all(relatives.map((relative) => this.files.remove(relative)));
  }

  /**
   * Whether `session` may upload — the rules dispatch applies to a procedure for any signed-in
   * user: a live session, not locked, its initial password changed — and where to, if so. Decided
   * before a byte of the file is read.
   */
  open(session: UploadSession | null): UploadOpening {
    if (!session) return refusal('UNAUTHENTICATED', '尚未登录或登录已过期，请重新登录');
    if (session.locked) return refusal('SCREEN_LOCKED', '屏幕已锁定，请先输入密码解锁');
    if (session.mustChangePassword) return refusal('FORBIDDEN', '请先修改初始密码');
    const slot: UploadSlot = {
      maxBytes: this.maxBytes,
      write: async (source, limit = this.maxBytes) => {
        try {
          return { ok: true, result: await this.#stage(session.tokenHash, source, Math.min(limit, this.maxBytes)) };
        } catch (error) {
          if (error instanceof ApiFailure) return { ok: false, error: error.error };
          throw error;
        }
      },
    };
    return { ok: true, slot };
  }

  /**
   * The bytes of upload `uploadId`, if it is this session's and has not expired; it is removed
   * from the staging folder either way it is taken. Anything else is refused on `field`, in the
   * same words whether the upload never existed, was used, expired, or is another session's.
   */
  async take(uploadId: string, sessionHash: string, field: { name: string; label: string }): Promise<StagedUpload> {
    await this.sweep();
    const entry = this.#entries.get(uploadId);
    if (!entry || entry.sessionHash !== sessionHash) failFields({ [field.name]: `${field.label}：${UPLOAD_EXPIRED}` });
    // Gone from the index before the first await: two calls with one upload cannot both have it.
    this.#entries.delete(uploadId);
    try {
      // Written by this run (the folder is emptied on start): plain without a key, whatever its first bytes.
      const bytes = await this.files.readOwn(entry.relative);
      return { bytes, sizeBytes: entry.sizeBytes, sha256: entry.sha256 };
    } finally {
      await this.files.remove(entry.relative);
    }
  }

  /** Removes the uploads past their time. */
  async sweep(): Promise<void> {
    const now = this.now().getTime();
    const expired: string[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > now) continue;
      this.#entries.delete(id);
      expired.push(entry.relative);
    }
    await Promise.all(expired.map((relative) => this.files.remove(relative)));
  }

  /** Removes every upload of a session (at sign-out, expiry, or a new sign-in replacing it). */
  async dropSession(sessionHash: string): Promise<void> {
    const dropped: string[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.sessionHash !== sessionHash) continue;
      this.#entries.delete(id);
      dropped.push(entry.relative);
    }
    await Promise.all(dropped.map((relative) => this.files.remove(relative)));
  }

  /** How many uploads are waiting (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  async #stage(
    sessionHash: string,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    limit: number,
  ): Promise<UploadReceipt> {
    await this.sweep();
    const uploadId = randomBytes(16).toString('base64url');
    const relative = path.posix.join(UPLOAD_FOLDER, uploadId);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    // Counted and hashed as the bytes pass; past the limit, reading stops (the caller answers 413).
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of source) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > limit) fail('PAYLOAD_TOO_LARGE', `文件超过 ${sizeText(limit)}，没有上传`);
        hash.update(chunk);
        yield chunk;
      }
    }
    await this.files.writeStream(relative, counted());
    if (sizeBytes === 0) {
      await this.files.remove(relative);
      fail('BAD_REQUEST', '文件是空的，没有上传');
    }
    const mine = [...this.#entries].filter(([, entry]) => entry.sessionHash === sessionHash);
    for (const [id, entry] of mine.slice(0, Math.max(0, mine.length - UPLOADS_PER_SESSION + 1))) {
      this.#entries.delete(id);
      await this.files.remove(entry.relative);
    }
    const expiresAt = this.now().getTime() + UPLOAD_MINUTES * 60_000;
    const sha256 = hash.digest('hex');
    this.#entries.set(uploadId, { sessionHash, relative, sizeBytes, sha256, expiresAt });
    return { uploadId, sizeBytes, sha256, expiresAt: new Date(expiresAt).toISOString() };
  }
}
