// Writes docs/API.md from the contract in shared/, so the public HTTP document cannot drift
// from the code: `node --import tsx build/apiDoc.ts`; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { API_ERROR_CODES, HTTP_STATUS } from '../shared/api/errors';
import { procedures } from '../shared/api/procedures';
import { ROLE_LABELS, type Role } from '../shared/auth/roles';
import { isScreenAccess, type ProcedureSpec } from '../shared/api/contract';
import { HALL_SCREEN_LABELS, SCREEN_COOKIE } from '../shared/hallScreens/screens';
import { UPLOAD_MINUTES } from '../shared/api/uploads';
import { FILE_TICKET_MINUTES } from '../shared/documents/api';
import { HALL_LIMITS, sizeInWords } from '../electron/hall/hallLimits';

/** The procedures that take an uploaded file: those with an `uploadId` field. */
const UPLOADING_PROCEDURES = Object.entries(procedures)
  .filter(([, spec]) => 'uploadId' in ((spec.input as unknown as { shape?: object }).shape ?? {}))
  .map(([name]) => `\`${name}\``)
  .join(', ');

export const API_DOC_PATH = path.resolve(import.meta.dirname, '../docs/API.md');

const ERROR_MEANINGS: Record<(typeof API_ERROR_CODES)[number], string> = {
  VALIDATION: 'input failed validation; `fieldErrors` names each field in Chinese',
  BAD_REQUEST: 'not JSON, wrong content type or method',
  UNAUTHENTICATED:
    'no session, or it expired/idled out; or a failed sign-in — a wrong password, an unknown user name, a locked account and too many failures from one address all get the same answer; or the account was locked by wrong passwords at `auth.unlock`/`auth.changePassword` (the session is ended)',
  FORBIDDEN:
    'the role may not call this procedure, the account is disabled, or the initial password must be changed first',
  NOT_FOUND: 'the record does not exist (or is voided)',
  UNKNOWN_PROCEDURE: 'no procedure of that name',
  DUPLICATE: 'the record exists already; `details` points at it (e.g. `existingResidentId`)',
  STALE: 'someone saved the record since you read it (`version` mismatch); re-read and re-apply',
  CONFLICT: 'the request contradicts the current state (e.g. setup already done)',
  PAYLOAD_TOO_LARGE: `the body exceeds its limit (${sizeInWords(HALL_LIMITS.bodyBytes)} for a procedure, ${sizeInWords(HALL_LIMITS.uploadBytes)} for an upload); refused from \`Content-Length\` before the body is read, or as soon as the body passes it, and the connection is closed`,
  ACCOUNT_LOCKED: 'no longer answered: a locked account answers `UNAUTHENTICATED` like any failed sign-in',
  SCREEN_LOCKED:
    'the session is locked (`auth.lock`, or the idle lock of the window); only `auth.unlock`, `auth.logout`, `auth.session` and `system.status` answer until it is unlocked',
  UNAVAILABLE:
    'for a moment the host cannot answer: it is changing over to the data folder just restored at first run (`backup.firstRunRestore`); ask again shortly',
  INTERNAL: 'a bug; logged on the host',
};

function access(spec: (typeof procedures)[keyof typeof procedures]): string {
  if (spec.access === 'public') return 'public (no session)';
  if (spec.access === 'signedIn') return 'any signed-in user';
  const access = (spec as ProcedureSpec).access;
  if (isScreenAccess(access)) {
    return `paired hall screen: ${access.screens.map((k) => `${k} (${HALL_SCREEN_LABELS[k]})`).join(', ')} (its \`${SCREEN_COOKIE}\` cookie, no session)`;
  }
  return (access as readonly Role[]).map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ');
}

export function renderApiDoc(): string {
  const lines: string[] = [
    '# 乡镇一站通 HTTP API',
    '',
    '<!-- Generated from shared/api/procedures.ts by `node --import tsx build/apiDoc.ts`. Do not edit by hand. -->',
    '',
    'The hall host serves one API, the same one the desktop window reaches over IPC. Other counter',
    'windows on the hall LAN, the county hub and scripts use it. It is a public interface: a change',
    'to a procedure that breaks callers needs a new procedure name.',
    '',
    '## Transport',
    '',
    '- `GET /api` — every procedure with its access rule and the JSON Schemas of input and output (signed-in users only).',
    `- \`POST /api/<procedure>\` with \`Content-Type: application/json\` and a JSON object body of at most ${sizeInWords(HALL_LIMITS.bodyBytes)}.`,
    '  A procedure that needs a session answers `401` from its headers, before any of the body is read; a body over',
    '  its limit is answered `413`. Both close the connection. Timeouts and the connection cap:',
    '  [architecture.md](architecture.md#the-hall-hosts-limits).',
    `- Uploads: the file a procedure takes (${UPLOADING_PROCEDURES}) goes first,`,
    `  \`PUT /uploads\` with its raw bytes as the body (any \`Content-Type\`, at most ${sizeInWords(HALL_LIMITS.uploadBytes)}), by a signed-in session; it answers`,
    '  `{"ok": true, "result": {"uploadId", "sizeBytes", "sha256", "expiresAt"}}`; the procedure then names the file by its',
    `  \`uploadId\`. An upload is kept for ${UPLOAD_MINUTES} minutes, for the session that sent it only, and is gone once a procedure`,
    '  has taken it (whatever that procedure answers) or the session ends; otherwise the procedure refuses the field',
    '  (`文件内容：上传已过期，请重新选择文件`). The session is checked and a `Content-Length` over the limit refused',
    '  before any of the body is read; a body that passes the limit is cut off there with `413`.',
    `- File links (\`/files/<ticket>/<name>\`, returned as \`fileUrl\`): open for ${FILE_TICKET_MINUTES} minutes, and only with the session cookie`,
    '  or token of the sign-in that asked for them; they stop working at sign-out. Any other request gets `404`.',
    '- Answer: `{"ok": true, "result": …}` with status 200, or `{"ok": false, "error": {"code", "message", "fieldErrors"?, "details"?}}`',
    '  with the status below. `message` is one Chinese sentence fit to show a clerk; `fieldErrors` maps a field path',
    '  (`idNumber`, `groups.0.name`) to a Chinese message that names the field (`证件号码：校验位不符…`).',
    '- Sessions: `auth.login` sets an `HttpOnly; SameSite=Strict` cookie `td_session` (browsers). Scripts pass',
    '  `"issueToken": true` and send `Authorization: Bearer <token>`. Sessions end after 12 hours, after 60 minutes',
    '  without a request, at `auth.logout`, and when an administrator disables the user or resets the password.',
    '- On loopback the host refuses requests whose `Host` is not a loopback name, and any `POST` or `PUT` whose `Origin`',
    '  is another site. On the LAN it runs only with TLS (`--tls-cert`, `--tls-key`), and every answer carries',
    '  `Strict-Transport-Security`.',
    `- Hall screens (the ticket kiosk, the calling screen, rating pads; docs/hall-screens.md): \`hallScreens.pair\` with a one-time`,
    `  pairing code sets an \`HttpOnly; SameSite=Strict\` cookie \`${SCREEN_COOKIE}\` (\`Secure\` under TLS) for a year. A procedure whose access`,
    "  names screens answers only that cookie of a live paired screen of those kinds — never a user's session, and the",
    "  screen's cookie opens no other procedure; an unknown or revoked screen gets `401` (`本屏幕尚未配对或已被停用…`).",
    '- Every input is validated on the host; unknown fields are refused, not ignored. Every answer is checked',
    '  against its declared output schema, so undeclared data (such as password hashes) never leaves.',
    '',
    '## Errors',
    '',
    '| code | HTTP status | meaning |',
    '|---|---|---|',
    ...API_ERROR_CODES.map((code) => `| \`${code}\` | ${HTTP_STATUS[code]} | ${ERROR_MEANINGS[code]} |`),
    '',
    '## Example',
    '',
    '```bash',
    "curl -s -X POST http://127.0.0.1:4780/api/auth.login -H 'Content-Type: application/json' \\",
    `  -d '{"username":"demo-admin","password":"<password>","issueToken":true}'`,
    "curl -s -X POST http://127.0.0.1:4780/api/residents.search -H 'Content-Type: application/json' \\",
    `  -H "Authorization: Bearer $TOKEN" -d '{"query":"zsf"}'`,
    'curl -s -X PUT http://127.0.0.1:4780/uploads -H "Authorization: Bearer $TOKEN" --data-binary @来信.pdf',
    '# → {"ok":true,"result":{"uploadId":"Xq3…","sizeBytes":183204,"sha256":"…","expiresAt":"…"}}',
    "curl -s -X POST http://127.0.0.1:4780/api/petitions.addAttachment -H 'Content-Type: application/json' \\",
    `  -H "Authorization: Bearer $TOKEN" -d '{"petitionId":"…","fileName":"来信.pdf","mimeType":"application/pdf","uploadId":"Xq3…"}'`,
    '```',
    '',
    '## Procedures',
    '',
  ];
  for (const [name, spec] of Object.entries(procedures)) {
    const input = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    const fields = Object.entries(input.properties ?? {}).map(
      ([field, schema]) =>
        `\`${field}\`${input.required?.includes(field) ? '' : '?'}${schema.description ? ` (${schema.description})` : ''}`,
    );
    lines.push(
      `### \`${name}\``,
      '',
      spec.summary,
      '',
      `- kind: ${spec.kind === 'command' ? 'command (writes through the change log)' : 'query'}`,
    );
    lines.push(`- access: ${access(spec)}`);
    lines.push(`- input: ${fields.length ? fields.join(', ') : '`{}`'}`, '');
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(API_DOC_PATH, renderApiDoc());
  console.log(`写入 ${API_DOC_PATH}`);
}
