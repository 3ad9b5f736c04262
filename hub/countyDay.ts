// The county's calendar day: deadlines, figures and reports are by the day in China's time zone,
// whatever zone the hub's machine is set to.
import { localDate } from '../electron/backend/api/settings';

export const COUNTY_TIME_ZONE = 'Asia/Shanghai';

/** The county's day (`YYYY-MM-DD`) of an instant: today of `now()`, or the day a time fell on. */
export function countyDay(instant: Date): string {
  return localDate(instant, COUNTY_TIME_ZONE);
}
