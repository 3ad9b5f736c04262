// The county's calendar day: figures, deadlines and reports are by the day in China's time zone,
// whatever the server's clock is set to.
import { localDate } from '../../electron/backend/api/settings';

export const COUNTY_TIME_ZONE = 'Asia/Shanghai';

export function countyToday(now: Date): string {
  return localDate(now, COUNTY_TIME_ZONE);
}
