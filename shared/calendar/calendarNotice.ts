// What desk staff are told about the calendar's years. The State Council publishes a year's
// arrangement in November or December; from 1 November the missing next year is said out loud,
// so nobody learns it from a 暂定 on a receipt.
import { yearOf } from './dates';

/** From this month on, next year's missing arrangement is announced. */
export const NEXT_YEAR_NOTICE_MONTH = 11;

export interface CalendarNotice {
  /** The year whose official arrangement is missing. */
  year: number;
  /** This year (deadlines today are 暂定) or next year (deadlines crossing the year end are). */
  which: 'current' | 'next';
  text: string;
}

export function calendarNotice(officialYears: readonly number[], today: string): CalendarNotice | null {
  const year = yearOf(today);
  if (!officialYears.includes(year))
    return {
      year,
      which: 'current',
      text: `工作日历中没有 ${year} 年的国务院节假日安排：期限暂按法定节假日计算并标注“暂定”，正式安排导入后自动重算。请系统管理员在“工作日历”中导入，或等待县级平台下发。`,
    };
  const month = Number(today.slice(5, 7));
  if (month >= NEXT_YEAR_NOTICE_MONTH && !officialYears.includes(year + 1))
    return {
      year: year + 1,
      which: 'next',
      text: `尚未导入 ${year + 1} 年的国务院节假日安排：跨入 ${year + 1} 年的期限暂按法定节假日计算并标注“暂定”，正式安排导入后自动重算。国务院通知发布后，请系统管理员在“工作日历”中导入，或等待县级平台下发。`,
    };
  return null;
}
