import { PERIOD_DAYS, MAX_EXTENSION_DAYS } from '../../../../shared/petitions/periods';
import { chineseCalendarDate, prose } from '../../documents/paperParts';
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
import type { AcceptanceNoticeRecord } from './records';

/**
 * A4 formal 信访事项受理告知书 (信访工作条例: the acceptance told in writing within 15 days of
 * receipt): the matter is accepted on a day, handled by a unit, and answered within 60 days of
 * acceptance — the last day named — unless extended once by at most 30 days with notice.
 */
export const petitionAcceptanceNotice = defineDocument<AcceptanceNoticeRecord>({
  type: 'petitionAcceptanceNotice',
  title: '信访事项受理告知书',
  pageSize: 'a4Formal',
  sample: () => ({
    ...sampleNoticeHead(),
    acceptedOn: SAMPLE_ACCEPTED_ON,
    handlingUnit: '青石镇农业农村服务中心（农村经营管理站）',
    handlingDueOn: '2027-01-04',
  }),
  async render(layout, record) {
    const to = you(record.petitionerNames);
    await officeHeading(layout, record.office, '信访事项受理告知书', record.number);
    await addressedToPetitioners(layout, record.petitionerNames);
    await prose(layout, [
      {
        text: `${matterOpening(record)}经审查，符合受理条件。根据《信访工作条例》的规定，本机关决定自`,
        field: '告知内容',
      },
      { text: chineseCalendarDate(record.acceptedOn), field: '受理日期' },
      { text: '起予以受理，由', field: '告知内容' },
      { text: record.handlingUnit, field: '承办单位' },
      { text: '负责办理。', field: '告知内容' },
    ]);
    await prose(layout, [
      {
        text: `本机关将自受理之日起${PERIOD_DAYS.handling}日内，即于${dueDateText(record.handlingDueOn, record.provisionalYears)}前办结并书面答复${to}；情况复杂需要延长办理期限的，延长期限不超过${MAX_EXTENSION_DAYS}日，并书面告知${to}延期理由。`,
        field: '办理期限',
      },
    ]);
    await officeClosing(layout, record.office, record.acceptedOn);
  },
});
