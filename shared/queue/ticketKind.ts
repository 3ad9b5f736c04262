// The queue ticket (排号), declared once: taken at the entrance's kiosk (or for a resident at the
// counter), called by a window serving its category, recalled, skipped when nobody comes,
// transferred to another window, taken in as a counter case, finished. The backend refuses with
// these words; the calling panel draws its buttons from them.
import type { Role } from '../auth/roles';
import { COUNTER_READERS, COUNTER_STAFF } from '../counter/caseKind';
import { defineKind } from '../workflow/kind';
import { TICKET_STATUS_LABELS, type TicketStatus } from './queue';

export { COUNTER_READERS, COUNTER_STAFF };

/** Who sets up the hall's categories and windows. */
export const QUEUE_ADMINISTRATORS: readonly Role[] = ['administrator'];

/** What the declaration reads of a ticket (the API's ticket has it all). */
export interface TicketFacts {
  status: TicketStatus;
  /** The day it was taken, in the township's time zone: its number belongs to that day. */
  day: string;
  /** The day of its last step. */
  lastStepOn: string;
}

export const TICKET_STEPS = ['take', 'call', 'callBack', 'recall', 'skip', 'transfer', 'takeIn', 'finish'] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];

/** A ticket lives one day: the next morning's numbers start again at 001. */
export const NOT_TODAY = '该号不是今天取的，已失效，请群众重新取号';

export const ticketKind = defineKind<TicketStatus, TicketStep, TicketFacts>({
  name: 'queueTicket',
  noun: '排队号',
  the: '该号',
  statusLabels: TICKET_STATUS_LABELS,
  initial: ['waiting'],
  status: (t) => t.status,
  lastStepOn: (t) => t.lastStepOn,
  read: { administrator: 'all', counterClerk: 'all', leader: 'all' },
  why: '全科窗口：任何窗口都可能叫到任何一个号，叫号屏只显示号码和窗口；领导查看以统计等候和办理时长。',
  scope: () => ({}),
  stale: '该号刚被别的窗口处理过，请刷新后再操作',
  final: { done: '已办结的号只保留备查' },
  steps: {
    // Made, not moved: the kiosk at the entrance, or a clerk for a resident who came without one.
    take: { label: '取号', from: [], to: ['waiting'], roles: COUNTER_STAFF, screens: ['ticketKiosk'], elsewhere: true },
    // 叫号 takes the next waiting ticket of the window's categories (the order is the queue's,
    // not the clerk's: a waiting ticket is never called by its number).
    call: { label: '叫号', from: ['waiting'], to: ['called'], roles: COUNTER_STAFF, elsewhere: true },
    // 过号回叫: a skipped ticket is called again when its holder comes back and asks, on the day
    // it was taken.
    callBack: {
      label: '过号回叫',
      from: ['skipped'],
      to: ['called'],
      roles: COUNTER_STAFF,
      guard: (t, today) => (t.day === today ? null : NOT_TODAY),
      elsewhere: true,
    },
    recall: { label: '重呼', from: ['called'], roles: COUNTER_STAFF },
    skip: { label: '过号', from: ['called'], to: ['skipped'], roles: COUNTER_STAFF },
    // Back to waiting, for the other window, with its original time: it does not go to the end.
    transfer: {
      label: '转窗口',
      from: ['called'],
      to: ['waiting'],
      roles: COUNTER_STAFF,
      refusedIn: { serving: '该号已受理为办件，不能再转窗口：请办结后请群众到另一窗口重新取号' },
    },
    // Taken with the intake of the case, in its transaction: the ticket names the case accepted.
    takeIn: { label: '开始办理', from: ['called'], to: ['serving'], roles: COUNTER_STAFF, elsewhere: true },
    // A question answered at once needs no case: a called ticket may be finished directly.
    finish: { label: '办结', from: ['called', 'serving'], to: ['done'], roles: COUNTER_STAFF },
  },
});
