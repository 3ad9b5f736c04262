import { heading } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  attachmentsTable,
  chineseCalendarDate,
  committeeHeading,
  confirmedSignatures,
  formTable,
  paragraphs,
  SAMPLE_CASE_NUMBER,
  SAMPLE_MEDIATORS,
  sampleAttachments,
  sampleCommittee,
  signatureRows,
} from './parts';
import type { InvestigationRecordPaper } from './records';

const READ_BACK = '以上记录已经本人阅读（或向本人宣读），与本人所述一致。';

/**
 * A4 formal 调查记录: when, where and by whom a dispute was looked into, what was found, the
 * photos and files kept with it (each with its SHA-256, so the paper names the very file), and
 * the signatures of the person questioned, the investigators and the recorder.
 */
export const mediationInvestigationRecord = defineDocument<InvestigationRecordPaper>({
  type: 'mediationInvestigationRecord',
  title: '调查记录',
  pageSize: 'a4Formal',
  sample: () => ({
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    heldOn: '2026-11-05',
    place: '青石村委会三组𠮷祥、李秀英两户之间排水沟现场',
    mediatorNames: [...SAMPLE_MEDIATORS],
    subject: '青石村三组村民小组长张有福（现场知情人）',
    attendees: '𠮷祥、李秀英、青石村委会副主任罗云',
    findings:
      '经现场查看，𠮷祥、李秀英两户房屋东西相邻，两户之间原有一条宽约40厘米的土质排水沟，自北向南汇入村内主排水渠。李秀英于2026年10月沿其宅基地东界加砌砖围墙，围墙基础占用排水沟约25厘米，剩余沟槽已被建筑垃圾填埋。\n村民小组长张有福陈述：该排水沟系2008年两户建房时共同开挖，多年来由两户共同使用、共同清理；两户宅基地界线以排水沟中线为准，有2009年村小组出具的宅基地界线说明为证。\n现场可见𠮷祥家院坝地面有积水痕迹，厨房墙脚有水渍，约12袋复合肥受潮结块。',
    recorder: '杨建华',
    attachments: sampleAttachments(),
  }),
  async render(layout, record) {
    await committeeHeading(layout, record.committee, '调查记录', record.caseNumber);
    await formTable(
      layout,
      [
        [
          { label: '调查时间', value: chineseCalendarDate(record.heldOn) },
          { label: '记录人', value: record.recorder },
        ],
        [{ label: '调查地点', value: record.place, span: 2 }],
        [{ label: '调查人', value: record.mediatorNames.join('、'), span: 2 }],
        [{ label: '被调查人/对象', value: record.subject, span: 2 }],
        [{ label: '参加人', value: record.attendees || '无', span: 2 }],
      ],
      { labelChars: 7 },
    );
    await heading(layout, '调查情况');
    await paragraphs(layout, record.findings, '调查情况');
    await attachmentsTable(layout, record.attachments);
    // The read-back sentence is what the person questioned signs.
    await confirmedSignatures(layout, READ_BACK, ['被调查人'], { fingerprint: true });
    await signatureRows(layout, [...record.mediatorNames.map((name) => `调查人 ${name}`), `记录人 ${record.recorder}`]);
  },
});
