// 系统管理 → 大厅设备: the administrator adds a screen (a one-time pairing code), gives it a new
// code, revokes it; the screen's browser pairs with the code and gets its own cookie. Every change
// goes through the write scope, so the change log says who did it — the administrator, or for a
// pairing the screen itself.
import { SignInThrottle } from '../auth/signInThrottle';
import { HALL_SCREEN_LABELS, SCREEN_NOT_PAIRED_MESSAGE } from '../../../shared/hallScreens/screens';
import type { HandlersFor } from '../api/handlers';
import { fail, failFields } from '../api/failure';
import type { RequestContext } from '../api/context';
import { localDate, localTime } from '../api/settings';
import { hashToken, newToken } from '../auth/sessions';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writeScope';
import { hallInfo } from '../counter/caseDocuments';
import { drawPairingCode, hashPairingCode } from './pairingCodes';
import { findScreenRow, SCREEN_STALE, screenAtVersion, toHallScreen, type ScreenRow } from './screenRows';

type ScreenProcedures =
  | 'hallScreens.list'
  | 'hallScreens.add'
  | 'hallScreens.newPairingCode'
  | 'hallScreens.revoke'
  | 'hallScreens.pair'
  | 'hallScreens.whoAmI';

const ENTITY = 'hallScreen';
const WRONG_CODE = '配对码：不正确或已过期，请在“系统管理 → 大厅设备”重新生成配对码';

/** Made per backend: the brake on guessed pairing codes lives in its memory, as sign-in's does. */
export function screensHandlers(throttle = new SignInThrottle()): HandlersFor<ScreenProcedures> {
  return {
    async 'hallScreens.list'(_input, ctx) {
      const rows = await ctx.db
        .selectFrom('hall_screens')
        .selectAll()
        // Revoked ones last: they stay listed as the record of what was once paired.
        .orderBy((eb) => eb.case().when('status', '=', 'revoked').then(1).else(0).end())
        .orderBy('kind')
        .orderBy('name')
        .execute();
      return { screens: rows.map((row) => toHallScreen(row, ctx.now)) };
    },

    async 'hallScreens.add'(input, ctx) {
      const windowName = input.kind === 'ratingPad' ? input.windowName : null;
      await refuseLiveDuplicates(ctx, input.name, windowName);
      const id = uuidv7(ctx.now.getTime());
      const label = HALL_SCREEN_LABELS[input.kind];
      const pairing = await ctx.write(async (scope) => {
        let drawn: Awaited<ReturnType<typeof drawPairingCode>> | null = null;
        await scope.change({ entity: ENTITY, id, op: 'add' }, async (tx) => {
          drawn = await drawPairingCode(tx, ctx.now);
          await tx
            .insertInto('hall_screens')
            .values({
              id,
              kind: input.kind,
              name: input.name,
              window_name: windowName,
              status: 'awaitingPairing',
              ...drawn.columns,
              token_hash: null,
              paired_at: null,
              last_seen_at: null,
              created_at: scope.at,
              created_by_name: scope.actor.name,
              revoked_at: null,
            })
            .execute();
          return {
            kind: input.kind,
            name: input.name,
            windowName,
            summary: `添加大厅设备：${input.name}（${label}${windowName ? `，${windowName}` : ''}），待配对`,
          };
        });
        return drawn!.pairing;
      });
      return { screen: toHallScreen(await findScreenRow(ctx.db, id), ctx.now), pairing };
    },

    async 'hallScreens.newPairingCode'(input, ctx) {
      const row = await screenAtVersion(ctx.db, input.id, input.version);
      if (row.status === 'revoked') fail('CONFLICT', `${row.name}已停用，请添加一台新设备`);
      const pairing = await ctx.write(async (scope) => {
        let drawn: Awaited<ReturnType<typeof drawPairingCode>> | null = null;
        await scope.change({ entity: ENTITY, id: row.id, op: 'newPairingCode' }, async (tx) => {
          drawn = await drawPairingCode(tx, ctx.now);
          await bump(tx, row, drawn.columns);
          return { summary: `${row.name}：生成新的配对码（配对后原来的浏览器失效）` };
        });
        return drawn!.pairing;
      });
      return { screen: toHallScreen(await findScreenRow(ctx.db, row.id), ctx.now), pairing };
    },

    async 'hallScreens.revoke'(input, ctx) {
      const row = await screenAtVersion(ctx.db, input.id, input.version);
      if (row.status === 'revoked') fail('CONFLICT', `${row.name}已经停用`);
      await ctx.write((scope) =>
        scope.update(
          'hall_screens',
          { id: row.id, version: row.version },
          {
            status: 'revoked',
            revoked_at: scope.at,
            token_hash: null,
            pairing_code_hash: null,
            pairing_expires_at: null,
          },
          { entity: ENTITY, id: row.id, op: 'revoke', data: { summary: `停用大厅设备：${row.name}` } },
          SCREEN_STALE,
        ),
      );
      return { screen: toHallScreen(await findScreenRow(ctx.db, row.id), ctx.now) };
    },

    async 'hallScreens.pair'(input, ctx) {
      const address = ctx.carrier.origin;
      const refusedUntil = throttle.refusedUntil(address, ctx.now.getTime());
      if (refusedUntil !== null) refuseThrottled(ctx, refusedUntil);
      // The desktop window is nobody's hall screen: only a browser on the hall LAN pairs.
      const carrier = ctx.carrier.screen;
      if (!carrier) fail('BAD_REQUEST', '只有大厅局域网中的浏览器可以配对为大厅设备');
      const row = await ctx.db
        .selectFrom('hall_screens')
        .selectAll()
        .where('pairing_code_hash', '=', hashPairingCode(input.code))
        .where('status', '<>', 'revoked')
        .executeTakeFirst();
      if (!row || !row.pairing_expires_at || row.pairing_expires_at <= ctx.now.toISOString()) {
        const pausedUntil = throttle.recordFailure(address, ctx.now.getTime(), {
          failures: ctx.settings.signInThrottleFailures,
          minutes: ctx.settings.signInThrottleMinutes,
        });
        if (pausedUntil !== null) {
          await ctx.audit(
            'signInFailed',
            `来自 ${address} 的设备配对 ${ctx.settings.signInThrottleMinutes} 分钟内失败 ${ctx.settings.signInThrottleFailures} 次，暂停受理该地址的配对`,
          );
        }
        failFields({ code: WRONG_CODE });
      }
      const token = newToken();
      // The screen is the actor of its own pairing: nobody signed in on its browser.
      await ctx.write(
        (scope) =>
          scope.update(
            'hall_screens',
            { id: row.id, version: row.version },
            {
              status: 'paired',
              token_hash: hashToken(token),
              paired_at: scope.at,
              last_seen_at: scope.at,
              pairing_code_hash: null,
              pairing_expires_at: null,
            },
            { entity: ENTITY, id: row.id, op: 'pair', data: { summary: `${row.name}完成配对（${address}）` } },
            WRONG_CODE,
          ),
        { id: null, name: row.name },
      );
      carrier.setToken(token);
      return identity(ctx, row);
    },

    async 'hallScreens.whoAmI'(_input, ctx) {
      const screen = ctx.screen;
      if (!screen) fail('UNAUTHENTICATED', SCREEN_NOT_PAIRED_MESSAGE);
      return {
        kind: screen.kind,
        name: screen.name,
        windowName: screen.windowName,
        hallName: (await hallInfo(ctx.db)).hallName,
      };
    },
  };
}

async function identity(ctx: RequestContext, row: ScreenRow) {
  return { kind: row.kind, name: row.name, windowName: row.window_name, hallName: (await hallInfo(ctx.db)).hallName };
}

/** The version goes up with every change of a screen's row (a list shown before is stale). */
async function bump(tx: Tx, row: ScreenRow, set: { pairing_code_hash: string; pairing_expires_at: string }) {
  const result = await tx
    .updateTable('hall_screens')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) fail('STALE', SCREEN_STALE);
}

/** Two live screens of one name, or two live pads at one window, would be told apart by nobody. */
async function refuseLiveDuplicates(ctx: RequestContext, name: string, windowName: string | null) {
  const sameName = await ctx.db
    .selectFrom('hall_screens')
    .select('id')
    .where('name', '=', name)
    .where('status', '<>', 'revoked')
    .executeTakeFirst();
  if (sameName) failFields({ name: `设备名称：已有一台“${name}”，请换一个名称或先停用原来的` });
  if (!windowName) return;
  const samePad = await ctx.db
    .selectFrom('hall_screens')
    .select('name')
    .where('window_name', '=', windowName)
    .where('status', '<>', 'revoked')
    .executeTakeFirst();
  if (samePad) failFields({ windowName: `所在窗口：${windowName}已有评价器“${samePad.name}”，请先停用它` });
}

function refuseThrottled(ctx: RequestContext, until: number): never {
  const at = new Date(until);
  fail(
    'FORBIDDEN',
    `配对码错误次数过多，请于 ${localDate(at, ctx.settings.timeZone)} ${localTime(at, ctx.settings.timeZone)} 后再试`,
  );
}
