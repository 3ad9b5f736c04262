import { verificationLine } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { sealHeight, signatureSlotsHeight, slot, staffAndSeal } from './agreement';
import {
  committeeHeading,
  formTable,
  optionalDate,
  SAMPLE_CASE_NUMBER,
  SAMPLE_MEDIATORS,
  sampleCommittee,
  type FormCell,
} from './parts';
import type { ClosingSheetRecord } from './records';

/** The rows of the sheet, in the order the Ministry's 结案登记表 has them. */
export function closingSheetRows(record: ClosingSheetRecord): FormCell[][] {
  return [
    [
      { label: '案号', value: record.caseNumber },
      { label: '纠纷类别', value: record.category },
    ],
    [{ label: '当事人', value: record.partyNames.join('、'), span: 2 }],
    [{ label: '纠纷来源', value: record.sourceLabel, span: 2 }],
    [
      { label: '登记日期', value: optionalDate(record.registeredOn) },
      { label: '受理日期', value: optionalDate(record.acceptedOn) },
    ],
    [{ label: '调解员', value: record.mediatorNames.join('、'), span: 2 }],
    [
      { label: '调解结果', value: record.outcome },
      { label: '结果日期', value: optionalDate(record.outcomeOn) },
    ],
    [{ label: '司法确认', value: record.court, span: 2 }],
    // One visit per line.
    [{ label: '回访情况', value: record.followUps.length > 0 ? record.followUps.join('\n') : '无', span: 2 }],
    [{ label: '结案情况', value: record.summary, span: 2 }],
    [
      { label: '结案日期', value: optionalDate(record.closedOn) },
      { label: '结案人', value: record.closedByName },
    ],
  ];
}

/**
 * A4 formal 结案登记表: the case in one bordered form (number, category, parties, source, dates,
 * mediators, outcome, court confirmation, every follow-up, how it was closed, when and by whom),
 * then the mediator's and the committee director's signatures beside the committee's seal.
 */
export const mediationClosingSheet = defineDocument<ClosingSheetRecord>({
  type: 'mediationClosingSheet',
  title: '结案登记表',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    category: '邻里纠纷',
    partyNames: ['𠮷祥', '李秀英', '青石镇金穗农资经营部'],
    sourceLabel: '当事人口头申请',
    registeredOn: '2026-11-02',
    acceptedOn: '2026-11-03',
    mediatorNames: [...SAMPLE_MEDIATORS],
    outcome: '达成书面调解协议',
    outcomeOn: '2026-11-20',
    court: '2026-11-25 向楚雄市人民法院申请，2026-12-02 裁定调解协议有效',
    followUps: ['2026-12-05 王芳 回访：部分履行；排水沟已恢复，赔偿款未付', '2026-12-28 王芳 回访：已全部履行'],
    summary:
      '经调解，乙方恢复排水沟并赔偿甲方化肥损失1200元，甲方结清丙方货款。经两次回访，协议已全部履行，当事人无异议，予以结案。',
    closedOn: '2026-12-30',
    closedByName: '王芳',
  }),
  async render(layout, record) {
    const size = layout.baseSize;
    await committeeHeading(layout, record.committee, '结案登记表');
    await formTable(layout, closingSheetRows(record), { size: size * 0.75, labelChars: 5 });
    // 调解员 and 调委会主任 sign at the left, the seal with the closing date at the right: kept on
    // one page, with the verification code under them.
    const staff = [slot('调解员', '', '签名'), slot('调委会主任', '', '签名')];
    const half = { columns: 1, width: layout.width / 2 };
    layout.ensure(Math.max(await signatureSlotsHeight(layout, staff, half), sealHeight(layout)) + size * 2.5);
    layout.space(size * 0.5);
    await staffAndSeal(layout, staff, record.committee, optionalDate(record.closedOn));
    await verificationLine(layout);
  },
});
