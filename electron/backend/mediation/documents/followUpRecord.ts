import { defineDocument } from '../../documents/registry';
import {
  chineseCalendarDate,
  committeeHeading,
  formTable,
  SAMPLE_CASE_NUMBER,
  sampleCommittee,
  sampleParties,
  signatureRows,
} from './parts';
import type { FollowUpPaper } from './records';

/**
 * A4 formal 回访记录: one visit after an agreement, to see whether it was performed (fully,
 * partly, not), with what was found and when to come back, signed by the visitor and the
 * person visited.
 */
export const mediationFollowUpRecord = defineDocument<FollowUpPaper>({
  type: 'mediationFollowUpRecord',
  title: '回访记录',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    partyNames: sampleParties().map((party) => party.name),
    doneOn: '2026-12-20',
    byName: '王芳',
    performance: '部分履行',
    notes:
      '乙方李秀英已于2026年11月18日拆除占用排水沟的围墙基础，排水沟已恢复原宽度，经现场查看排水通畅；赔偿款1200元已支付600元，余款600元乙方承诺于2027年1月10日前付清，甲方𠮷祥表示同意。双方关系已缓和。',
    nextVisitOn: '2027-01-12',
  }),
  async render(layout, record) {
    const size = layout.baseSize;
    await committeeHeading(layout, record.committee, '回访记录', record.caseNumber);
    await formTable(layout, [
      [{ label: '当事人', value: record.partyNames.join('、'), span: 2 }],
      [
        { label: '回访日期', value: chineseCalendarDate(record.doneOn) },
        { label: '回访人', value: record.byName },
      ],
      [
        { label: '履行情况', value: record.performance },
        { label: '下次回访', value: record.nextVisitOn ? chineseCalendarDate(record.nextVisitOn) : '不再回访' },
      ],
      [{ label: '回访情况', value: record.notes, span: 2 }],
    ]);
    layout.space(size * 0.5);
    await signatureRows(layout, [`回访人 ${record.byName}`, '被回访人']);
  },
});
