import type { ApiError, ApiResult } from '../../../shared/api/errors';
import { isScreenAccess, type ProcedureSpec, type ScreenAccess } from '../../../shared/api/contract';
import { HALL_SCREEN_LABELS, SCREEN_NOT_PAIRED_MESSAGE } from '../../../shared/hallScreens/screens';
import { isProcedureName, procedures, type ProcedureName } from '../../../shared/api/procedures';
import { hasAnyRole } from '../../../shared/auth/roles';
import { zodIssuesToFieldErrors } from '../../../shared/validation/errors';
import { resolveScreen } from '../auth/screenCredentials';
import { hashToken, resolveSession, sessionEndReason } from '../auth/sessions';
import type { Db } from '../db/database';
import type { DocumentServices } from '../documents/issue';
import { MissingGlyphError } from '../documents/fonts';
import { paperGlyphFailure, unprintableInputFields } from '../documents/printableInput';
import type { FileTicketStore } from '../documents/fileTickets';
import type { Actor } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';
import { checkAddressedRecord, declaredAuditEvents } from '../workflow/recordAccess';
import type { RecordTables } from '../workflow/recordTables';
import type { Insertable } from 'kysely';
import type { AuditAction } from '../../../shared/audit/actions';
import type { Database } from '../db/schema';
import type { AuditTarget, PairedScreen, RequestContext, SessionCarrier } from './context';
import { ApiFailure, fail, failFields } from './failure';
import { runWrite } from '../db/writeScope';
import type { AllHandlers } from './handlers';
import { localDate, type NodeSettings } from './settings';

/** Procedures a user who must replace an initial password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<ProcedureName>([
  'system.status',
  'auth.session',
  'auth.changePassword',
  'auth.logout',
  'auth.unlock',
  'auth.lock',
]);

/** What a locked screen still answers: unlocking, or leaving. */
const ALLOWED_WHILE_LOCKED = new Set<ProcedureName>(['auth.unlock', 'auth.lock', 'auth.logout']);

export interface DispatchDeps {
  db: Db;
  handlers: AllHandlers;
  settings: () => NodeSettings;
  /** Every request's file links are issued to its own session (see fileTickets.ts). */
  documents: Omit<DocumentServices, 'tickets'> & { tickets: FileTicketStore };
  /** Where each kind of record lives, for its declared access. */
  records: RecordTables;
  now: () => Date;
  logError: (error: unknown, procedure: string) => void;
}

/**
 * The one way into the backend, whatever the transport: name → session → role → input
 * validation → access to the record the input names → handler → output validation → the
 * declared audit event. Invalid input never reaches a handler, a record the caller may not read
 * is never touched, and an answer is parsed through its declared schema so nothing undeclared
 * leaves.
 */
export async function dispatch(
  deps: DispatchDeps,
  procedure: string,
  rawInput: unknown,
  carrier: SessionCarrier,
): Promise<ApiResult<unknown>> {
  try {
    if (!isProcedureName(procedure)) {
      fail('UNKNOWN_PROCEDURE', `没有名为“${procedure.slice(0, 64)}”的接口`);
    }
    const spec = procedures[procedure];
    const access = (spec as ProcedureSpec).access;
    const now = deps.now();
    const settings = deps.settings();
    // A screen's procedure is answered for the paired screen alone: a user's session riding along
    // (the administrator's browser) is not looked at, and a screen's token opens nothing else.
    const screen = isScreenAccess(access) ? await requireScreen(deps, carrier, access, now, spec.summary) : null;
    const session = screen ? null : await resolveSession(deps.db, carrier.token, now, settings);
    // A session ended for a reason its window must hear (大厅网络 turned off) says so, once.
    const endReason = carrier.token && !session && !screen ? await sessionEndReason(deps.db, carrier.token) : null;
    if (carrier.token && !session && !screen) carrier.setToken(null);

    if (access !== 'public' && !screen) {
      if (!session) fail('UNAUTHENTICATED', endReason ?? '尚未登录或登录已过期，请重新登录');
      if (access !== 'signedIn' && !isScreenAccess(access) && !hasAnyRole(session.user.roles, access)) {
        fail('FORBIDDEN', `您的角色无权进行此操作（${spec.summary.split('：')[0]}）`);
      }
      if (session.locked && !ALLOWED_WHILE_LOCKED.has(procedure)) {
        fail('SCREEN_LOCKED', '屏幕已锁定，请先输入密码解锁');
      }
      if (session.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(procedure)) {
        fail('FORBIDDEN', '请先修改初始密码');
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {}, { reportInput: true });
    if (!parsed.success) {
      const fieldErrors = zodIssuesToFieldErrors(spec.input, parsed.error.issues);
      const messages = Object.values(fieldErrors);
      fail(
        'VALIDATION',
        messages.length === 1 ? messages[0]! : `有 ${messages.length} 处填写有误：${messages[0]}；……`,
        { fieldErrors },
      );
    }
    // Text bound for a paper must be in the papers' fonts: refused here, naming the field.
    const unprintable = await unprintableInputFields(spec.input, parsed.data, deps.documents.fonts);
    if (unprintable) failFields(unprintable);

    const declared = spec as ProcedureSpec;
    const addressed =
      declared.record && session
        ? await checkAddressedRecord(deps.db, deps.records, declared.record, parsed.data, session.user)
        : null;
    const ctx = createContext(deps, procedure, now, settings, session, screen, carrier);
    const handler = deps.handlers[procedure] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
    const result = await handler(parsed.data, ctx);
    const checked = spec.output.safeParse(result);
    if (!checked.success) {
      deps.logError(new Error(`output of ${procedure} does not match its schema: ${checked.error.message}`), procedure);
      fail('INTERNAL', '系统内部错误（返回数据不符合接口定义），已记录，请联系系统管理员');
    }
    if (declared.audit) {
      // One statement for all of an answer's events: one commit (one fsync) however many kinds it listed.
      const rows = declaredAuditEvents(declared.audit, addressed, parsed.data, checked.data).map((event) =>
        auditRow(
          { now, procedure, origin: carrier.origin, who: ctx.actor },
          event.action,
          event.summary,
          event.entity ? { entity: event.entity, entityId: event.entityId, recordIds: event.recordIds } : undefined,
        ),
      );
      await deps.db.insertInto('audit_events').values(rows).execute();
    }
    return { ok: true, result: checked.data };
  } catch (error) {
    if (error instanceof ApiFailure) return { ok: false, error: error.error };
    // A record stored before the input checks: its paper names the field to correct, never 500.
    if (error instanceof MissingGlyphError) return { ok: false, error: paperGlyphFailure(error) };
    deps.logError(error, procedure);
    const internal: ApiError = { code: 'INTERNAL', message: '系统内部错误，已记录，请联系系统管理员' };
    return { ok: false, error: internal };
  }
}

function createContext(
  deps: DispatchDeps,
  procedure: string,
  now: Date,
  settings: NodeSettings,
  session: RequestContext['session'],
  screen: PairedScreen | null,
  carrier: SessionCarrier,
): RequestContext {
  // A screen's doings are logged under its name (`3号窗口评价器`): it is nobody's account.
  const actor: Actor = session
    ? { id: session.user.id, name: session.user.displayName }
    : screen
      ? { id: null, name: screen.name }
      : { id: null, name: '（未登录）' };
  // File links (the kiosk's ticket) belong to the screen's token as a clerk's belong to the session.
  const linkOwner = session?.tokenHash ?? (screen && carrier.screen?.token ? hashToken(carrier.screen.token) : null);
  return {
    db: deps.db,
    now,
    today: localDate(now, settings.timeZone),
    settings,
    documents: withLinkingOnce({
      ...deps.documents,
      tickets: deps.documents.tickets.forSession(linkOwner),
    }),
    records: deps.records,
    session,
    screen,
    carrier,
    actor,
    requireUser() {
      return this.requireSession().user;
    },
    requireSession() {
      if (!session) fail('UNAUTHENTICATED', '尚未登录或登录已过期，请重新登录');
      return session;
    },
    write(work, as = actor) {
      return runWrite(deps.db, as, now.toISOString(), work);
    },
    async audit(action, summary, target, who = actor) {
      await deps.db
        .insertInto('audit_events')
        .values(auditRow({ now, procedure, origin: carrier.origin, who }, action, summary, target))
        .execute();
    },
  };
}

/**
 * The live paired screen of a screen procedure's kinds, or the refusal: one sentence whatever
 * the reason (never paired, its cookie lost, revoked) — the screen's page shows it as it is.
 */
async function requireScreen(
  deps: DispatchDeps,
  carrier: SessionCarrier,
  access: ScreenAccess,
  now: Date,
  summary: string,
): Promise<PairedScreen> {
  const token = carrier.screen?.token ?? null;
  const screen = await resolveScreen(deps.db, token, now);
  if (!screen) {
    if (token) carrier.screen?.setToken(null);
    fail('UNAUTHENTICATED', SCREEN_NOT_PAIRED_MESSAGE);
  }
  if (!access.screens.includes(screen.kind)) {
    fail('FORBIDDEN', `本屏幕是${HALL_SCREEN_LABELS[screen.kind]}，不能进行此操作（${summary.split('：')[0]}）`);
  }
  return screen;
}

/** The row of one audit event: who, when, from where, by which procedure, about what. */
export function auditRow(
  at: { now: Date; procedure: string; origin: string; who: Actor },
  action: AuditAction,
  summary: string,
  target: AuditTarget | undefined,
): Insertable<Database['audit_events']> {
  return {
    id: uuidv7(at.now.getTime()),
    at: at.now.toISOString(),
    actor_id: at.who.id,
    actor_name: at.who.name,
    action,
    entity: target?.entity ?? null,
    entity_id: target?.entityId ?? null,
    record_ids: target?.recordIds ? JSON.stringify(target.recordIds) : null,
    procedure: at.procedure,
    summary,
    origin: at.origin,
  };
}

/**
 * Linking read once per request: a paper remade inside the transaction (another desk drew the
 * number first) must not read the database outside it — the one connection is the
 * transaction's, and such a read would wait for it forever.
 */
function withLinkingOnce(documents: DocumentServices): DocumentServices {
  let linking: ReturnType<DocumentServices['linking']> | null = null;
  return {
    ...documents,
    linking: () => {
      linking ??= documents.linking();
      return linking;
    },
  };
}
