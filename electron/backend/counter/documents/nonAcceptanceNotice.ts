import { defineDocument } from '../../documents/registry';
import {
  addressee,
  chineseCalendarDate,
  closingBlock,
  hallHeading,
  prose,
  REMEDY_SENTENCE,
  residentSignOff,
  sentence,
} from './parts';
import type { NonAcceptanceNoticeRecord } from './records';
import { sampleNonAcceptanceNotice } from './sampleRecords';

/** A4 不予受理告知书: the reason, where to go instead, and the resident's remedies. */
export const counterNonAcceptanceNotice = defineDocument<NonAcceptanceNoticeRecord>({
  type: 'counterNonAcceptanceNotice',
  title: '不予受理告知书',
  pageSize: 'a4',
  sample: sampleNonAcceptanceNotice,
  async render(layout, record) {
    await hallHeading(layout, record.hall, '不予受理告知书');
    await addressee(layout, record.residentName);
    await prose(layout, [
      {
        text: `您（身份证号：${record.idNumberMasked}）于${chineseCalendarDate(record.noticeOn)}到${record.hall.hallName}申请办理“${record.itemName}”（事项编码：${record.itemCode}，责任部门：${record.department}）。经审查，决定不予受理，理由如下：`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: sentence(record.reason), field: '不予受理理由' }]);
    if (record.redirectTo)
      await prose(layout, [{ text: `建议您向${record.redirectTo}申请办理。`, field: '建议办理机关' }]);
    await prose(layout, [{ text: REMEDY_SENTENCE, field: '告知内容' }]);
    await closingBlock(layout, {
      hall: record.hall,
      date: record.noticeOn,
      closing: '特此告知。',
      noun: '告知书',
      lines: [
        { label: '办理窗口', value: record.window },
        { label: '经办人', value: record.clerkName },
        { label: '咨询电话', value: record.hall.queryPhone },
      ],
    });
    await residentSignOff(layout);
  },
});
