import { heading } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  addressedTo,
  chineseCalendarDate,
  committeeHeading,
  confirmedSignatures,
  prose,
  SAMPLE_CASE_NUMBER,
  sampleCommittee,
  sampleParties,
  sealedClosing,
} from './parts';
import type { RightsNoticeRecord } from './records';

/** 人民调解法 Art. 23: what a party may do in mediation. */
export const PARTY_RIGHTS = [
  '选择或者接受人民调解员',
  '接受调解、拒绝调解或者要求终止调解',
  '要求调解公开进行或者不公开进行',
  '自主表达意愿、自愿达成调解协议',
] as const;

/** 人民调解法 Art. 24: what a party owes the mediation. */
export const PARTY_DUTIES = ['如实陈述纠纷事实', '遵守调解现场秩序，尊重人民调解员', '尊重对方当事人行使权利'] as const;

const ORDINALS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];

const SIGN_OFF = '当事人已知悉上述权利义务。';

/**
 * A4 formal 人民调解权利义务告知书, given to every party when the committee accepts a dispute:
 * the rights of Art. 23 (with the right to ask a mediator to step aside) and the duties of
 * Art. 24, the committee's seal dated the day of acceptance, and each party's signature saying
 * they were told.
 */
export const mediationRightsNotice = defineDocument<RightsNoticeRecord>({
  type: 'mediationRightsNotice',
  title: '人民调解权利义务告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    partyNames: sampleParties().map((party) => party.name),
    category: '邻里纠纷',
    acceptedOn: '2026-11-04',
  }),
  async render(layout, record) {
    await committeeHeading(layout, record.committee, '人民调解权利义务告知书', record.caseNumber);
    await addressedTo(layout, record.partyNames);
    await prose(layout, [
      {
        text: `你们之间的${record.category}，本委员会已于${chineseCalendarDate(record.acceptedOn)}受理。人民调解委员会调解民间纠纷，遵循当事人自愿、平等的原则，不收取任何费用。根据《中华人民共和国人民调解法》的规定，现将当事人在人民调解活动中享有的权利和承担的义务告知如下：`,
        field: '告知内容',
      },
    ]);
    await heading(layout, '一、当事人享有下列权利');
    for (const [i, right] of PARTY_RIGHTS.entries())
      await prose(layout, [{ text: `${ORDINALS[i]}${right}；`, field: '当事人权利' }]);
    await prose(layout, [
      {
        text: `${ORDINALS[PARTY_RIGHTS.length]}认为人民调解员与纠纷有利害关系或者有其他关系可能影响公正调解的，有权要求其回避。`,
        field: '当事人权利',
      },
    ]);
    await heading(layout, '二、当事人应当履行下列义务');
    for (const [i, duty] of PARTY_DUTIES.entries())
      await prose(layout, [
        { text: `${ORDINALS[i]}${duty}${i === PARTY_DUTIES.length - 1 ? '。' : '；'}`, field: '当事人义务' },
      ]);
    await sealedClosing(layout, record.committee, record.acceptedOn);
    await confirmedSignatures(
      layout,
      SIGN_OFF,
      record.partyNames.map((name) => `当事人 ${name}`),
      { fingerprint: true },
    );
  },
});
