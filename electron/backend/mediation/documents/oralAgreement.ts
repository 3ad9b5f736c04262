import { fields, heading } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  chineseCalendarDate,
  committeeHeading,
  confirmedSignatures,
  paragraphs,
  partyLine,
  SAMPLE_MEDIATORS,
  sampleCommittee,
  sampleParties,
} from './parts';
import type { OralAgreementPaper } from './records';

/** Art. 28 allows an oral agreement and Art. 30 says when it binds: said on the paper so nobody doubts it. */
export const ORAL_AGREEMENT_EFFECT =
  '根据《中华人民共和国人民调解法》第二十八条、第三十条的规定，口头调解协议自各方当事人达成协议之日起生效。';

/**
 * A4 formal 口头调解协议登记表: a simple dispute settled on the spot (Art. 28) is recorded by the
 * mediator: who the parties are, what they agreed, when, and that it took effect then.
 */
export const mediationOralAgreement = defineDocument<OralAgreementPaper>({
  type: 'mediationOralAgreement',
  title: '口头调解协议登记表',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: '（2026）青调字第15号',
    parties: sampleParties(),
    category: '邻里纠纷',
    content:
      '乙方李秀英于2026年11月8日前将堆放在两家共用通道上的柴草移至自家院内，保持通道宽度不少于1.5米；甲方𠮷祥今后不在通道上停放农用车。双方互谅互让，今后不再就此事发生争执。',
    agreedOn: '2026-11-06',
    mediatorNames: SAMPLE_MEDIATORS.slice(0, 1),
  }),
  async render(layout, record) {
    const size = layout.baseSize;
    await committeeHeading(layout, record.committee, '口头调解协议登记表', record.caseNumber);
    await heading(layout, '当事人');
    for (const party of record.parties) await partyLine(layout, party);
    await fields(
      layout,
      [
        { label: '纠纷类别', value: record.category },
        { label: '达成日期', value: chineseCalendarDate(record.agreedOn) },
      ],
      2,
      size * 0.8,
    );
    await heading(layout, '口头协议内容');
    await paragraphs(layout, record.content, '口头协议内容');
    await confirmedSignatures(
      layout,
      ORAL_AGREEMENT_EFFECT,
      record.mediatorNames.map((name) => `人民调解员 ${name}`),
    );
  },
});
