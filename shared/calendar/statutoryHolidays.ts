// A year's rest days as the law fixes them, for a year whose State Council arrangement has not
// been loaded yet. 《全国年节及纪念日放假办法》 (2024 revision) 第二条: 元旦 1 day, 春节 4 days
// (农历除夕 to 正月初三), 清明节 1 day, 劳动节 2 days (1–2 May), 端午节 1 day (农历五月初五),
// 中秋节 1 day (农历八月十五), 国庆节 3 days (1–3 October). Weekends stay weekends. What the law
// leaves to each year's notice — 调休 bridges and make-up Saturdays — is not guessed: a deadline
// on such a year is 暂定 until the official arrangement replaces it (docs/counter.md).
import { Lunar, Solar } from 'lunar-typescript';
import { addDays } from './dates';
import type { CalendarYear } from './workingCalendar';

export const PROVISIONAL_SOURCE = '按《全国年节及纪念日放假办法》推算（暂定，未含调休）';

function ymd(solar: Solar): string {
  return solar.toYmd();
}

/** 农历 month/day of `lunarYear` as a Gregorian date. */
function lunarDay(lunarYear: number, month: number, day: number): string {
  return ymd(Lunar.fromYmd(lunarYear, month, day).getSolar());
}

/** The statutory holidays of `year`, each a range of Gregorian dates. */
export function statutoryHolidays(year: number): CalendarYear['holidays'] {
  // 除夕 is the day before 正月初一 (the 12th month has 29 or 30 days).
  const springFestivalEve = addDays(lunarDay(year, 1, 1), -1);
  // 清明 is the solar term's day; the table of a lunar year holds its own 清明.
  const qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()['清明'];
  if (!qingming) throw new Error(`农历库没有 ${year} 年的清明`);
  const qingmingDay = ymd(qingming);
  return [
    { name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` },
    { name: '春节', from: springFestivalEve, to: addDays(springFestivalEve, 3) },
    { name: '清明节', from: qingmingDay, to: qingmingDay },
    { name: '劳动节', from: `${year}-05-01`, to: `${year}-05-02` },
    { name: '端午节', from: lunarDay(year, 5, 5), to: lunarDay(year, 5, 5) },
    { name: '中秋节', from: lunarDay(year, 8, 15), to: lunarDay(year, 8, 15) },
    { name: '国庆节', from: `${year}-10-01`, to: `${year}-10-03` },
  ];
}

/** The provisional arrangement of `year`: the statutory days, no make-up working days. */
export function provisionalCalendarYear(year: number): CalendarYear {
  return { year, source: PROVISIONAL_SOURCE, holidays: statutoryHolidays(year), makeUpWorkdays: [] };
}
