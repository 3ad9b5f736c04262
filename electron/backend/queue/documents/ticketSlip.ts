// The queue ticket (排队小票) the kiosk at the entrance prints on its 80 mm roll: the hall, the
// number large enough to read from a seat, the category, how many wait before it, the time.
// Not an archived paper: a ticket is thrown away once served, its record is the ticket's row.
import { paragraph, rule, title } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';

export interface TicketSlipRecord {
  hallName: string;
  /** A001 */
  number: string;
  categoryName: string;
  waitingBefore: number;
  /** 2026年3月5日 09:12, in the township's time zone. */
  takenAtText: string;
}

export const queueTicketSlip = defineDocument<TicketSlipRecord>({
  type: 'queueTicket',
  title: '排队小票',
  pageSize: 'receipt80',
  archival: false,
  sample: () => ({
    hallName: '青石镇便民服务中心',
    number: 'A012',
    categoryName: '社保医保',
    waitingBefore: 3,
    takenAtText: '2026年3月5日 09:12',
  }),
  // A ticket names no one: nothing for a verification link to name.
  facts: (record) => ({ number: record.number, holderName: '' }),
  async render(layout, record) {
    await title(layout, record.hallName, 11);
    rule(layout);
    await title(layout, record.number, 44);
    await title(layout, record.categoryName, 16);
    await title(layout, record.waitingBefore === 0 ? '前面没有人等候' : `前面还有 ${record.waitingBefore} 人等候`, 12);
    rule(layout, true);
    await paragraph(layout, `取号时间：${record.takenAtText}`, { field: '取号时间', indent: false });
    await paragraph(layout, '请留意叫号屏和语音叫号，凭本票到窗口办理；过号请到窗口说明。请妥善保管本票，当日有效。', {
      field: '提示',
      indent: false,
    });
  },
});
