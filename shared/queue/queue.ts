// The hall's queue (排队叫号): service categories a ticket is taken for, the windows that call
// them, the ticket's statuses, and how a ticket's number reads (A001: the category's letter and
// the day's sequence).
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'skipped'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  waiting: '等候',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  skipped: '过号',
};

/** A category's letter on its tickets: one capital letter. */
export const CATEGORY_PREFIX_PATTERN = /^[A-Z]$/;

/** At most this many categories and windows: a township hall has a handful of each. */
export const MAX_QUEUE_CATEGORIES = 26;
export const MAX_QUEUE_WINDOWS = 40;

/** A001 … A999, then A1000: the sequence is never cut. */
export function ticketNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}

/** The counter scope a day's numbers of a category are drawn from (no gaps, reset each day). */
export function ticketNumberScope(day: string, prefix: string): string {
  return `queue-ticket:${day}:${prefix}`;
}

/** What each event of a ticket's life records (queue_ticket_events.kind). */
export const TICKET_EVENT_KINDS = ['call', 'recall', 'skip', 'transfer', 'takeIn', 'finish'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** How long the calling screen keeps showing a call. */
export const BOARD_CALLS = 8;
