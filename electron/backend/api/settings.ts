/**
 * Security and time settings of a node. Defaults suit a township hall; an administrator may
 * change them in node_settings (a later issue gives them a screen).
 */
export interface NodeSettings {
  /** Sessions end this long after sign-in, whatever happens. */
  sessionMaxHours: number;
  /** Sessions end after this long without a request. */
  sessionIdleMinutes: number;
  /** The UI locks its screen after this long without input. */
  idleLockMinutes: number;
  /** Failed sign-ins in a row that lock an account… */
  lockoutThreshold: number;
  /** …for this long. */
  lockoutMinutes: number;
  /**
   * Failed sign-ins from one client address within `signInThrottleMinutes` after which further
   * sign-ins from that address are refused, unchecked, for `signInThrottleMinutes` (auth/signInThrottle.ts).
   */
  signInThrottleFailures: number;
  signInThrottleMinutes: number;
  /** The time zone that decides what "today" is (deadlines, birth dates). */
  timeZone: string;
}

export const DEFAULT_SETTINGS: NodeSettings = {
  sessionMaxHours: 12,
  sessionIdleMinutes: 60,
  idleLockMinutes: 10,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  signInThrottleFailures: 20,
  signInThrottleMinutes: 15,
  timeZone: 'Asia/Shanghai',
};

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `HH:mm` of `instant` in `timeZone`, for messages. */
export function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    instant,
  );
}

/** The instant (ISO, UTC) at which the local day `date` begins in `timeZone`. */
export function localDayStartUtc(date: string, timeZone: string): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - zoneOffsetMinutes(utcMidnight, timeZone) * 60_000).toISOString();
}

function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - instant.getTime()) / 60_000);
}
