import { chineseCalendarDate, prose, sentence } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import { addressedToPetitioners, matterOpening, officeClosing, officeHeading, sampleOffice, you } from './parts';
import type { NotAcceptedNoticeRecord } from './records';

/**
 * A4 formal 信访事项不予受理告知书: the matter is not accepted, on which ground (应当通过诉讼、
 * 仲裁、行政复议 … 解决), why, and the channel the petitioner should take instead, so nobody is
 * left without a way forward.
 */
export const petitionNotAcceptedNotice = defineDocument<NotAcceptedNoticeRecord>({
  type: 'petitionNotAcceptedNotice',
  title: '信访事项不予受理告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    office: sampleOffice(),
    number: '青信〔2026〕15号',
    petitionerNames: ['𠮷文华'],
    receivedOn: '2026-11-09',
    matterSummary: '反映青石镇金穗烤烟专业合作社拖欠其2026年烤房务工工资18600元',
    decidedOn: '2026-11-16',
    groundLabel: '应当通过仲裁途径解决',
    reason: '你与该合作社之间存在劳动关系，所反映的拖欠工资问题属于劳动争议，依法应当先申请劳动人事争议仲裁',
    channel: '向楚雄市劳动人事争议仲裁委员会申请仲裁（仲裁时效为一年），或向楚雄市劳动保障监察大队投诉',
  }),
  async render(layout, record) {
    await officeHeading(layout, record.office, '信访事项不予受理告知书', record.number);
    await addressedToPetitioners(layout, record.petitionerNames);
    await prose(layout, [
      { text: `${matterOpening(record)}经审查，属于`, field: '告知内容' },
      { text: `“${record.groundLabel}”`, field: '不予受理情形' },
      {
        text: `的情形，依照《信访工作条例》，本机关于${chineseCalendarDate(record.decidedOn)}决定不予受理。理由如下：`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: sentence(record.reason), field: '不予受理理由' }]);
    await prose(layout, [
      { text: `请${you(record.petitionerNames)}通过以下途径依法反映或解决：`, field: '告知内容' },
      { text: sentence(record.channel), field: '告知的途径' },
    ]);
    await officeClosing(layout, record.office, record.decidedOn);
  },
});
