import { chineseDateWithWeekday } from '../../../../shared/calendar/dates';
import { GROUP_VISIT_MIN_PEOPLE, MAX_REPRESENTATIVES } from '../../../../shared/petitions/petitions';
import { documentNumber, issuingUnit, paragraph, table, title, type Layout } from '../../documents/layout';
import { chineseCalendarDate } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import { sampleOffice } from './parts';
import type { ReceptionRotaRecord } from './records';

/**
 * A4 领导接访安排公示, posted in the hall and at the villages: who of the township's leaders
 * receives petitioners when and where in a period, as a table, with how to come (and the phone),
 * signed by the office with the day it was posted. A posting, not a paper issued to someone.
 */
export const petitionReceptionRota = defineDocument<ReceptionRotaRecord>({
  type: 'petitionReceptionRota',
  title: '领导接访安排公示',
  pageSize: 'a4',
  sample: () => ({
    office: sampleOffice(),
    from: '2026-12-01',
    to: '2026-12-31',
    days: [
      ['2026-12-01', '镇长', '李明', '重点接待土地承包、征地补偿问题'],
      ['2026-12-08', '党委书记', '赵𠮷林', ''],
      ['2026-12-15', '党委副书记、政法委员', '杨建华', '重点接待涉法涉诉、矛盾纠纷问题'],
      ['2026-12-22', '副镇长', '马秀兰', '重点接待欠薪、社保问题'],
      ['2026-12-29', '人大主席', '周国平', ''],
    ].map(([on, leaderTitle, leaderName, note]) => ({
      on: on!,
      startsAt: '08:30',
      endsAt: '12:00',
      place: '镇综治中心信访接待室',
      leaderName: leaderName!,
      leaderTitle: leaderTitle!,
      note: note!,
    })),
    publishedOn: '2026-11-25',
  }),
  async render(layout, record) {
    const period = `${chineseCalendarDate(record.from)}至${chineseCalendarDate(record.to)}`;
    await issuingUnit(layout, record.office.officeName);
    await title(layout, '领导接访安排公示');
    await documentNumber(layout, `（${period}）`);
    const phone = record.office.phone ? `信访接待电话：${record.office.phone}。` : '';
    await paragraph(
      layout,
      `为畅通群众诉求表达渠道，及时就地解决群众合理诉求，现将${period}镇领导接访安排公示如下。信访人可在公示时间到场反映问题，由接访领导当面接待，一般问题当场答复，疑难问题限期办理。请依法逐级、有序反映诉求；${GROUP_VISIT_MIN_PEOPLE}人以上反映共同问题的，请推选代表（不超过${MAX_REPRESENTATIVES}人）。${phone}`,
      { field: '公示说明', size: layout.baseSize * 1.1 },
    );
    layout.space(layout.baseSize * 0.5);
    await table(layout, {
      columns: [
        { header: '日期（星期）', width: 3.3, align: 'center' },
        { header: '时间', width: 2.5, align: 'center' },
        { header: '地点', width: 2.6 },
        { header: '接访领导', width: 1.7, align: 'center' },
        { header: '职务', width: 1.9, align: 'center' },
        { header: '备注', width: 2.5 },
      ],
      rows: record.days.map((day) => [
        // The year stands in the period over the table.
        chineseDateWithWeekday(day.on).replace(/^\d+年/, ''),
        `${day.startsAt}—${day.endsAt}`,
        day.place,
        day.leaderName,
        day.leaderTitle,
        day.note,
      ]),
    });
    await signedOff(layout, record.office.officeName, chineseCalendarDate(record.publishedOn));
  },
});

/** The office and the posting's date at the right, under the table (GB/T 9704 署名 and 成文日期). */
async function signedOff(layout: Layout, officeName: string, date: string): Promise<void> {
  const size = layout.baseSize * 1.1;
  const y = layout.ensure(size * 5);
  const lines = [
    { text: officeName, field: '公示单位' },
    { text: date, field: '公示日期' },
  ];
  const width = Math.max(...(await Promise.all(lines.map((line) => layout.measure([line], size)))));
  for (const [i, line] of lines.entries()) {
    const lineWidth = await layout.measure([line], size);
    // Centred on each other, the block standing a little in from the right margin.
    await layout.line([line], size, layout.right - size * 2 - (width + lineWidth) / 2, y + size + i * size * 1.8);
  }
  layout.y = y + size * 5;
}
