import { OUTCOME_LABELS } from '../../../../shared/counter/casesApi';
import { fields, type Field } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  addressee,
  chineseCalendarDate,
  closingBlock,
  hallHeading,
  itemLabel,
  prose,
  REMEDY_SENTENCE,
  sentence,
} from './parts';
import type { ResultNoticeRecord } from './records';
import { sampleResultNotice } from './sampleRecords';

const COLLECTION_SENTENCE = '请携带本通知书及受理回执到窗口领取办理结果，或由代办员代为领取。';

/** A4 办结通知书: the result, and how to collect it or how to contest a refusal. */
export const counterResultNotice = defineDocument<ResultNoticeRecord>({
  type: 'counterResultNotice',
  title: '办结通知书',
  pageSize: 'a4',
  sample: sampleResultNotice,
  async render(layout, record) {
    await hallHeading(layout, record.hall, '办结通知书');
    await addressee(layout, record.residentName);
    await prose(layout, [
      {
        text: `您于${chineseCalendarDate(record.acceptedOn)}申请办理的“${record.itemName}”，已于${chineseCalendarDate(record.completedOn)}办结，办理结果为“${OUTCOME_LABELS[record.result]}”。现将有关事项通知如下：`,
        field: '通知内容',
      },
    ]);
    layout.space(layout.baseSize * 0.3);
    const dates: Field[] = [
      { label: '受理日期', value: chineseCalendarDate(record.acceptedOn) },
      ...(record.promisedDate ? [{ label: '承诺办结日期', value: chineseCalendarDate(record.promisedDate) }] : []),
      { label: '办结日期', value: chineseCalendarDate(record.completedOn) },
    ];
    await fields(layout, [
      { label: '受理编号', value: record.caseNumber },
      { label: '申请人', value: record.residentName },
      { label: '身份证号', value: record.idNumberMasked },
      { label: '责任部门', value: record.department },
      { label: '办理事项', value: itemLabel(record), span: 2 },
      ...dates,
      { label: '办理结果', value: OUTCOME_LABELS[record.result], span: dates.length % 2 === 0 ? 2 : 1 },
    ]);
    layout.space(layout.baseSize * 0.5);
    if (record.note.trim()) await prose(layout, [{ text: `说明：${sentence(record.note)}`, field: '办理说明' }]);
    const next = record.result === 'approved' ? COLLECTION_SENTENCE : REMEDY_SENTENCE;
    await prose(layout, [{ text: next, field: '通知内容' }]);
    await closingBlock(layout, {
      hall: record.hall,
      date: record.completedOn,
      closing: '特此通知。',
      noun: '通知书',
      lines: [
        { label: '经办人', value: record.clerkName },
        { label: '咨询电话', value: record.hall.queryPhone },
      ],
    });
  },
});
