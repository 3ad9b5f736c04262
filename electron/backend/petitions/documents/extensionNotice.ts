import { chineseCalendarDate, prose, sentence } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import {
  dueDateText,
  addressedToPetitioners,
  matterOpening,
  officeClosing,
  officeHeading,
  SAMPLE_ACCEPTED_ON,
  sampleNoticeHead,
  you,
} from './parts';
import type { ExtensionNoticeRecord } from './records';

/**
 * A4 formal 信访事项延期办理告知书: the one extension the regulation allows (at most 30 days,
 * the reason told): accepted on, the original last day, the days added, the new last day, why.
 */
export const petitionExtensionNotice = defineDocument<ExtensionNoticeRecord>({
  type: 'petitionExtensionNotice',
  title: '信访事项延期办理告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    ...sampleNoticeHead(),
    acceptedOn: SAMPLE_ACCEPTED_ON,
    originalDueOn: '2027-01-04',
    days: 30,
    newDueOn: '2027-02-03',
    reason: '需调取2019年确权登记档案，并会同楚雄市农业农村局对争议水田重新测量核实',
    extendedOn: '2026-12-28',
  }),
  async render(layout, record) {
    const to = you(record.petitionerNames);
    await officeHeading(layout, record.office, '信访事项延期办理告知书', record.number);
    await addressedToPetitioners(layout, record.petitionerNames);
    await prose(layout, [
      {
        text: `${matterOpening(record)}本机关已于${chineseCalendarDate(record.acceptedOn)}受理，原定于${chineseCalendarDate(record.originalDueOn)}前办结。因以下原因，需要延期办理：`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: sentence(record.reason), field: '延期理由' }]);
    await prose(layout, [
      {
        text: `根据《信访工作条例》的规定，经本机关负责人批准，办理期限延长${record.days}日，至`,
        field: '告知内容',
      },
      { text: dueDateText(record.newDueOn, record.provisionalYears), field: '延长后的办理期限' },
      { text: `前办结并书面答复${to}。`, field: '告知内容' },
    ]);
    await officeClosing(layout, record.office, record.extendedOn);
  },
});
