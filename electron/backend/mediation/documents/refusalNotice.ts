import { defineDocument } from '../../documents/registry';
import {
  addressedTo,
  chineseCalendarDate,
  committeeHeading,
  OTHER_ROUTES,
  prose,
  sampleCommittee,
  sampleParties,
  sealedClosing,
  sentence,
} from './parts';
import type { RefusalNoticeRecord } from './records';

/**
 * A4 formal 不予受理告知书: the committee will not mediate this dispute, why (e.g. a court is
 * already hearing it), and where the parties may go instead. No case number: a refused dispute
 * never gets one. When the committee sent it on (三调联动 移出), a sentence says to whom.
 */
export const mediationRefusalNotice = defineDocument<RefusalNoticeRecord>({
  type: 'mediationRefusalNotice',
  title: '不予受理告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    partyNames: sampleParties().map((party) => party.name),
    category: '房屋宅基地纠纷',
    registeredOn: '2026-11-02',
    reason: '该纠纷已由一方当事人于2026年10月20日向楚雄市人民法院提起诉讼，人民法院已经受理',
    refusedOn: '2026-11-04',
  }),
  async render(layout, record) {
    await committeeHeading(layout, record.committee, '不予受理告知书');
    await addressedTo(layout, record.partyNames);
    await prose(layout, [
      {
        text: `你们之间的${record.category}，本委员会于${chineseCalendarDate(record.registeredOn)}登记。经审查，本委员会决定不予受理，理由如下：`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: sentence(record.reason), field: '不予受理理由' }]);
    if (record.referredTo) await prose(layout, [{ text: record.referredTo, field: '移送情况' }]);
    await prose(layout, [{ text: `对该纠纷，当事人${OTHER_ROUTES}。`, field: '告知内容' }]);
    await sealedClosing(layout, record.committee, record.refusedOn);
  },
});
