import { defineDocument } from '../../documents/registry';
import {
  addressedTo,
  chineseCalendarDate,
  committeeHeading,
  prose,
  SAMPLE_CASE_NUMBER,
  sampleCommittee,
  sampleParties,
  sealedClosing,
  sentence,
  TERMINATION_ROUTES,
} from './parts';
import type { TerminationNoticeRecord } from './records';

/**
 * A4 formal 终止人民调解告知书 (人民调解法 Art. 26): the mediation did not succeed, why, and that
 * the parties may still go to arbitration, the administration or a court; when the committee sent
 * the dispute on (三调联动 移出), a sentence says to whom.
 */
export const mediationTerminationNotice = defineDocument<TerminationNoticeRecord>({
  type: 'mediationTerminationNotice',
  title: '终止人民调解告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    partyNames: sampleParties().map((party) => party.name),
    category: '邻里纠纷',
    acceptedOn: '2026-11-04',
    reason: '经三次调解，双方对排水沟恢复位置及损失赔偿数额分歧较大，乙方明确表示拒绝继续调解',
    terminatedOn: '2026-11-28',
  }),
  async render(layout, record) {
    await committeeHeading(layout, record.committee, '终止人民调解告知书', record.caseNumber);
    await addressedTo(layout, record.partyNames);
    await prose(layout, [
      {
        text: `你们之间的${record.category}，本委员会于${chineseCalendarDate(record.acceptedOn)}受理后，依法进行了调解。因下列原因，调解未能达成协议：`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: sentence(record.reason), field: '终止调解理由' }]);
    await prose(layout, [
      {
        text: `根据《中华人民共和国人民调解法》第二十六条的规定，本委员会决定自${chineseCalendarDate(record.terminatedOn)}起终止对该纠纷的调解。当事人可以${TERMINATION_ROUTES}。`,
        field: '告知内容',
      },
    ]);
    if (record.referredTo) await prose(layout, [{ text: record.referredTo, field: '移送情况' }]);
    await sealedClosing(layout, record.committee, record.terminatedOn);
  },
});
