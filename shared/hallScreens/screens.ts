// The hall's screens that no clerk signs in to: the ticket machine at the entrance, the calling
// screen on the hall's TV and the rating pad facing the resident at a window. Each is paired once
// by the administrator and from then on calls only the procedures declared for its kind.
export const HALL_SCREEN_KINDS = ['ticketKiosk', 'callingScreen', 'ratingPad'] as const;
export type HallScreenKind = (typeof HALL_SCREEN_KINDS)[number];

export const HALL_SCREEN_LABELS: Record<HallScreenKind, string> = {
  ticketKiosk: '取号机',
  callingScreen: '叫号屏',
  ratingPad: '评价器',
};

/** A screen added and waiting for its pairing code, paired (live), or revoked by the administrator. */
export const HALL_SCREEN_STATUSES = ['awaitingPairing', 'paired', 'revoked'] as const;
export type HallScreenStatus = (typeof HALL_SCREEN_STATUSES)[number];

export const HALL_SCREEN_STATUS_LABELS: Record<HallScreenStatus, string> = {
  awaitingPairing: '待配对',
  paired: '已配对',
  revoked: '已停用',
};

/** What a rating pad shows a case for: checking it at acceptance, or rating it once delivered. */
export const PAD_STAGES = ['acceptance', 'rating'] as const;
export type PadStage = (typeof PAD_STAGES)[number];

/** The screen's own cookie, apart from a clerk's session (td_session): HttpOnly, SameSite=Strict. */
export const SCREEN_COOKIE = 'td_screen';

/** Said to a screen calling without a live pairing (never paired, its cookie lost, or revoked). */
export const SCREEN_NOT_PAIRED_MESSAGE = '本屏幕尚未配对或已被停用，请联系系统管理员';

/** A pairing code: six digits, typed or carried in the link's QR code, usable once within ten minutes. */
export const PAIRING_CODE_PATTERN = /^\d{6}$/;
export const PAIRING_CODE_MINUTES = 10;

/** The screens' pages live under this hash route, shown without a user's session. */
export const SCREEN_ROUTE = '#/screen';
export const SCREEN_PAIR_ROUTE = '#/screen/pair';
