import type { IdCardReaderAvailability, IdCardReadAnswer } from '../../../shared/devices/api';
import {
  ID_CARD_FAILURE_MESSAGES,
  type IdCardFailure,
  type IdCardRead,
  type IdCardText,
} from '../../../shared/devices/idCard';
import { checkResidentIdNumber, normalizeIdNumber } from '../../../shared/residents/idNumber';
import type { ResidentSummary } from '../../../shared/residents/api';
import type { RequestContext } from '../api/context';
import type { HandlersFor } from '../api/handlers';
import { searchResidents } from '../residents/residentSearch';
import { residentTable } from '../residents/residentTable';
import { readableCondition } from '../workflow/recordTables';
import { isAssigned, normalizeAddress, readAssignments, windowPlace, writeAssignments } from './idCardAssignments';
import type { IdCardReader } from './idCard/reader';

/**
 * A read that has not ended by then is answered as `timeout`: each driver bounds its own waits,
 * this only keeps a driver's mistake from holding the clerk's form (and the reader) for ever.
 */
export const READ_BACKSTOP_MS = 30_000;

/**
 * `reader`: the hall host's (or the desktop app's) ID-card reader, null where none is configured.
 * Who may call is declared on the procedures (shared/devices/api.ts); which window may use the
 * reader is decided here from where the request came in.
 */
export function devicesHandlers(
  reader: IdCardReader | null,
): HandlersFor<
  'devices.idCardReader' | 'devices.readIdCard' | 'devices.idCardReaderAssignments' | 'devices.assignIdCardReader'
> {
  // One card at a time: a second window's read while the first is under way hears `busy`.
  let reading = false;

  async function availability(ctx: RequestContext): Promise<IdCardReaderAvailability> {
    const refused = await refusal(ctx);
    return {
      usable: refused === null,
      description: reader?.description ?? null,
      failure: refused,
      reason: refused ? ID_CARD_FAILURE_MESSAGES[refused] : null,
    };
  }

  async function refusal(ctx: RequestContext): Promise<IdCardFailure | null> {
    if (!reader) return 'noReader';
    const place = windowPlace(ctx.carrier);
    if (place.local) return null;
    return (await isAssigned(ctx.db, place.address)) ? null : 'notAssigned';
  }

  async function readOnce(device: IdCardReader): Promise<IdCardRead> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<IdCardRead>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(failed('timeout'));
      }, READ_BACKSTOP_MS);
    });
    try {
      return await Promise.race([device.read({ signal: controller.signal }), backstop]);
    } catch {
      // A driver that throws instead of answering a failure still gives the clerk one sentence.
      return failed('readError');
    } finally {
      clearTimeout(timer);
    }
  }

  async function assignments(ctx: RequestContext) {
    return { reader: reader?.description ?? null, assignments: await readAssignments(ctx.db) };
  }

  return {
    'devices.idCardReader': async (_input, ctx) => availability(ctx),

    async 'devices.readIdCard'(_input, ctx): Promise<IdCardReadAnswer> {
      const refused = await refusal(ctx);
      if (refused || !reader) return failed(refused ?? 'noReader');
      if (reading) return failed('busy');
      reading = true;
      let read: IdCardRead;
      try {
        read = await readOnce(reader);
      } finally {
        reading = false;
      }
      if (!read.ok) return { ok: false, failure: read.failure, message: ID_CARD_FAILURE_MESSAGES[read.failure] };
      const card = { ...read.card, idNumber: normalizeIdNumber(read.card.idNumber) };
      const check = checkResidentIdNumber(card.idNumber, ctx.today);
      return {
        ok: true,
        card,
        photo: read.photo,
        idNumberProblem: check.ok ? null : `身份证上的号码未通过校验：${check.message}`,
        resident: await registeredResident(ctx, card),
      };
    },

    'devices.idCardReaderAssignments': async (_input, ctx) => assignments(ctx),

    async 'devices.assignIdCardReader'(input, ctx) {
      const address = normalizeAddress(input.address);
      await ctx.write((scope) =>
        scope.change({ entity: 'node', id: 'idCardReader', op: 'assignIdCardReader' }, async (tx) => {
          const others = (await readAssignments(tx)).filter((a) => a.address !== address);
          const next = input.assigned
            ? [...others, { address, assignedAt: scope.at, assignedBy: scope.actor.name }]
            : others;
          await writeAssignments(tx, next);
          return {
            summary: input.assigned
              ? `把身份证读卡器分配给大厅网络窗口 ${address}`
              : `收回大厅网络窗口 ${address} 的身份证读卡器`,
            address,
            assigned: input.assigned,
          };
        }),
      );
      return assignments(ctx);
    },
  };
}

function failed(failure: IdCardFailure): { ok: false; failure: IdCardFailure; message: string } {
  return { ok: false, failure, message: ID_CARD_FAILURE_MESSAGES[failure] };
}

/** The resident under the card's number, searched as the caller searches residents (a village agent: own village). */
async function registeredResident(ctx: RequestContext, card: IdCardText): Promise<ResidentSummary | null> {
  if (!card.idNumber) return null;
  const readable = readableCondition(residentTable, ctx.requireUser(), 'r');
  const found = await searchResidents(ctx.db, [{ kind: 'fullIdNumber', text: card.idNumber }], 1, readable);
  return found.items[0] ?? null;
}
