// Short-lived links to PDFs: `/files/<ticket>/<name>.pdf`. A browser's PDF viewer, pdf.js in
// the preview and the desktop's print window all fetch a plain URL and none of them can carry
// our session (the desktop keeps it in the main process), so the signed-in request that asks
// for a file gets an unguessable ticket instead, valid for a few minutes.
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

interface Entry {
  file: TicketFile;
  expiresAt: number;
}

/** Enough for a busy hall; the oldest tickets go first when it is reached. */
const MAX_TICKETS = 500;

export class FileTickets {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly now: () => Date) {}

  /** Returns the URL path of the file, valid for FILE_TICKET_MINUTES. */
  issue(file: TicketFile): string {
    this.#sweep();
    while (this.#entries.size >= MAX_TICKETS) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    const ticket = randomBytes(24).toString('base64url');
    this.#entries.set(ticket, { file, expiresAt: this.now().getTime() + FILE_TICKET_MINUTES * 60_000 });
    return `${FILES_PATH_PREFIX}${ticket}/${encodeURIComponent(file.urlName)}`;
  }

  /** The file behind a `/files/<ticket>/<name>` path, or null when unknown, expired or misnamed. */
  open(urlPath: string): TicketFile | null {
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
    return decoded === entry.file.urlName ? entry.file : null;
  }

  #sweep(): void {
    const now = this.now().getTime();
    for (const [ticket, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(ticket);
  }
}

/** The answer (HTTP 410) to an unknown or expired link. */
export const EXPIRED_FILE_TEXT = '链接已失效：文件链接只在几分钟内有效，请回到程序中重新打开或打印';

/** `Content-Disposition` that keeps a Chinese file name (RFC 6266 / RFC 5987). */
export function inlineDisposition(file: TicketFile): string {
  return `inline; filename="${file.urlName}"; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`;
}
