// Short-lived links to PDFs: `/files/<ticket>/<name>.pdf`. A browser's PDF viewer, pdf.js in
// the preview and the desktop's print window all fetch a plain URL and none of them can send a
// request body or header of ours, so the signed-in request that asks for a file gets an
// unguessable ticket instead, valid for a few minutes.
//
// A ticket belongs to the session that asked for it. On the hall host the browser's session
// cookie rides along with the file's request, so a link copied to another browser (another
// clerk's, or nobody's) opens nothing; and the links of a session die with it — at sign-out, at
// expiry, when an administrator ends it — rather than living on for their ten minutes.
import { randomBytes } from 'node:crypto';
import { FILES_PATH_PREFIX } from '../../../shared/api/bridge';
import { FILE_TICKET_MINUTES } from '../../../shared/documents/api';

export interface TicketFile {
  /** ASCII file name in the URL, e.g. `sampleReceiptSlip-7K3M9QX2HT4C.pdf`. */
  urlName: string;
  /** What a download is called: `受理回执.pdf`. */
  downloadName: string;
  contentType: string;
  read(): Promise<Uint8Array>;
}

/** What handlers get (`ctx.documents.tickets`): tickets for the session of the request. */
export interface FileTickets {
  /** Returns the URL path of the file, valid for FILE_TICKET_MINUTES to this session only. */
  issue(file: TicketFile): string;
}

/**
 * Who asks for a file: a request carrying a session token (the hall host: its cookie or bearer
 * token), or the desktop app's own `app://` scheme, which only the app's windows reach — its
 * hidden print window carries no session, and the tickets of a window's session are dropped
 * when that session ends. A paired hall screen (the ticket kiosk) asks with its own token.
 */
export type FileRequester = { token: string | null } | { screenToken: string } | 'desktopApp';

/** The live session behind a token, as far as file links care. */
export interface TicketSession {
  tokenHash: string;
  locked: boolean;
}

interface Entry {
  file: TicketFile;
  sessionHash: string;
  expiresAt: number;
}

/** Enough for a busy hall; the oldest tickets go first when it is reached. */
const MAX_TICKETS = 500;

/** Every ticket of this backend, each bound to the session (by its token's hash) that asked for it. */
export class FileTicketStore {
  readonly #entries = new Map<string, Entry>();

  /**
   * `hashToken` is the sessions' own (auth/sessions.ts), handed in by the backend: this kit module
   * imports neither auth nor the request context, which both lead back here.
   */
  constructor(
    private readonly now: () => Date,
    private readonly hashToken: (token: string) => string,
  ) {}

  /** The issuer for one request; a request without a session cannot be given a link. */
  forSession(sessionHash: string | null): FileTickets {
    return {
      issue: (file) => {
        if (!sessionHash) throw new Error('a file link is issued only to a signed-in session');
        return this.#issue(file, sessionHash);
      },
    };
  }

  /**
   * The file behind a `/files/<ticket>/<name>` path for `requester`, or null: unknown, expired,
   * misnamed, or not the requester's — all answered alike, so a refusal does not tell whether a
   * ticket exists. `sessionOf` resolves a token to its live session (null when ended, expired or
   * idle too long).
   */
  async open(
    urlPath: string,
    requester: FileRequester,
    sessionOf: (token: string) => Promise<TicketSession | null>,
  ): Promise<TicketFile | null> {
    const entry = this.#find(urlPath);
    if (!entry) return null;
    if (requester === 'desktopApp') return entry.file;
    const token = 'screenToken' in requester ? requester.screenToken : requester.token;
    if (!token) return null;
    const session = await sessionOf(token);
    if (!session) {
      // The session is over: its links go now rather than at their ten minutes.
      this.dropSession(this.hashToken(token));
      return null;
    }
    // A locked screen answers nothing but unlocking (as dispatch does); the link works again after.
    return session.tokenHash === entry.sessionHash && !session.locked ? entry.file : null;
  }

  /** Forgets every ticket of a session (at sign-out, expiry, or a new sign-in replacing it). */
  dropSession(sessionHash: string): void {
    for (const [ticket, entry] of this.#entries) if (entry.sessionHash === sessionHash) this.#entries.delete(ticket);
  }

  /** How many tickets are held (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  #issue(file: TicketFile, sessionHash: string): string {
    this.#sweep();
    while (this.#entries.size >= MAX_TICKETS) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.#entries.set(ticket, {
      file,
      sessionHash,
      expiresAt: this.now().getTime() + FILE_TICKET_MINUTES * 60_000,
    });
    return `${FILES_PATH_PREFIX}${ticket}/${encodeURIComponent(file.urlName)}`;
  }

  #find(urlPath: string): Entry | null {
    if (!urlPath.startsWith(FILES_PATH_PREFIX)) return null;
    const [ticket, name, ...rest] = urlPath.slice(FILES_PATH_PREFIX.length).split('/');
    if (!ticket || name === undefined || rest.length > 0) return null;
    const entry = this.#entries.get(ticket);
    if (!entry) return null;
    if (entry.expiresAt <= this.now().getTime()) {
      this.#entries.delete(ticket);
      return null;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      return null;
    }
    return decoded === entry.file.urlName ? entry : null;
  }

  #sweep(): void {
    const now = this.now().getTime();
    for (const [ticket, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(ticket);
  }
}

/** The answer to an unknown, expired or someone else's link (HTTP 404 on the hall host). */
export const EXPIRED_FILE_TEXT =
  '链接已失效：文件链接只在几分钟内、并且只对打开它的登录有效，退出登录后即失效，请回到程序中重新打开或打印';

/** `Content-Disposition` that keeps a Chinese file name (RFC 6266 / RFC 5987). */
export function inlineDisposition(file: TicketFile): string {
  return `inline; filename="${file.urlName}"; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`;
}
