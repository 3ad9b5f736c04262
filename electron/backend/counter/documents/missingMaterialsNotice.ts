import { defineDocument } from '../../documents/registry';
import {
  addressee,
  chineseCalendarDate,
  closingBlock,
  hallHeading,
  materialsInline,
  materialsTable,
  prose,
  residentSignOff,
  sentence,
} from './parts';
import type { MissingMaterialsNoticeRecord } from './records';
import { sampleMissingMaterialsNotice } from './sampleRecords';

/**
 * A4 一次性告知书: every missing material at once, so the resident comes back only once, and
 * the promise that what was handed in need not be brought again.
 */
export const counterMissingMaterialsNotice = defineDocument<MissingMaterialsNoticeRecord>({
  type: 'counterMissingMaterialsNotice',
  title: '一次性告知书',
  pageSize: 'a4',
  sample: sampleMissingMaterialsNotice,
  async render(layout, record) {
    await hallHeading(layout, record.hall, '一次性告知书');
    await addressee(layout, record.residentName);
    const received =
      record.received.length > 0 ? `已收到您提交的${materialsInline(record.received)}。` : '您尚未提交申请材料。';
    await prose(layout, [
      {
        text: `您（身份证号：${record.idNumberMasked}）于${chineseCalendarDate(record.noticeOn)}到${record.hall.hallName}申请办理“${record.itemName}”（事项编码：${record.itemCode}，责任部门：${record.department}）。${received}`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [
      {
        text: `经审查，您的申请材料尚不齐全。现一次性告知您，还需补齐以下${record.missing.length}项材料：`,
        field: '告知内容',
      },
    ]);
    await materialsTable(layout, record.missing, { notes: true });
    await prose(layout, [
      {
        text: `请您补齐上述材料后到${record.window}办理。材料补齐后即予受理，已提交的材料无需重复提交。`,
        field: '告知内容',
      },
    ]);
    await prose(layout, [{ text: `本事项设定依据：${sentence(record.legalBasis)}`, field: '设定依据' }]);
    await closingBlock(layout, {
      hall: record.hall,
      date: record.noticeOn,
      closing: '特此告知。',
      noun: '告知书',
      lines: [
        { label: '办理窗口', value: record.window },
        { label: '经办人', value: record.clerkName },
        { label: '咨询电话', value: record.hall.queryPhone },
      ],
    });
    await residentSignOff(layout);
  },
});
