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
  sampleParties,
  signatureRows,
  signerLabel,
} from './parts';
import type { SessionRecordPaper } from './records';

const READ_BACK = '以上记录已经当事人阅读（或向当事人宣读），确认无误。';

/**
 * A4 formal 调解记录 of one session: when, where, who mediated and attended, what each party
 * said, the result, the files kept with it, and the signatures (with fingerprints) of every
 * party present, the mediators and the recorder. A long session runs over as many pages as it
 * needs; the renderer numbers them.
 */
export const mediationSessionRecord = defineDocument<SessionRecordPaper>({
  type: 'mediationSessionRecord',
  title: '调解记录',
  pageSize: 'a4Formal',
  sample: () => {
    const [first, second] = sampleParties();
    return {
      committee: sampleCommittee(),
      caseNumber: SAMPLE_CASE_NUMBER,
      heldOn: '2026-11-10',
      place: '青石镇人民调解委员会调解室',
      mediatorNames: [...SAMPLE_MEDIATORS],
      attendees: '𠮷文军（甲方委托代理人）、青石村委会副主任罗云、村民小组长张有福',
      statements: [
        {
          label: first!.label,
          name: first!.name,
          statement:
            '围墙砌在排水沟上，下雨水排不出去，倒灌进我家院坝和厨房，泡坏了12袋复合肥，按购买价每袋160元计算共1920元。要求李秀英拆除占用排水沟部分的围墙基础，恢复排水沟，并赔偿化肥损失。',
        },
        {
          label: second!.label,
          name: second!.name,
          statement:
            '围墙砌在我家宅基地范围内，当时没想到会影响排水。愿意把排水沟重新挖通，但化肥受潮是𠮷祥家自己堆放在低处造成的，最多承担一半损失。',
        },
      ],
      result:
        '经调解员释法说理，双方同意：乙方于2026年11月20日前自费拆除占用排水沟的围墙基础并恢复排水沟原宽度；化肥损失1920元由乙方承担1200元，于2026年11月30日前一次性付清。双方同意签订书面调解协议。',
      recorder: '杨建华',
      signers: [
        { label: first!.label, name: first!.name },
        { label: second!.label, name: second!.name },
      ],
      attachments: sampleAttachments().slice(0, 1),
    };
  },
  async render(layout, record) {
    await committeeHeading(layout, record.committee, '调解记录', record.caseNumber);
    await formTable(layout, [
      [
        { label: '调解时间', value: chineseCalendarDate(record.heldOn) },
        { label: '记录人', value: record.recorder },
      ],
      [{ label: '调解地点', value: record.place, span: 2 }],
      [{ label: '调解员', value: record.mediatorNames.join('、'), span: 2 }],
      [{ label: '参加人', value: record.attendees || '无', span: 2 }],
    ]);
    await heading(layout, '当事人陈述');
    for (const statement of record.statements) {
      await heading(layout, [
        { text: `${statement.label}：`, field: '当事人' },
        { text: statement.name, field: `${statement.label}姓名` },
      ]);
      await paragraphs(layout, statement.statement, `${statement.label}陈述`);
    }
    await heading(layout, '调解结果');
    await paragraphs(layout, record.result, '调解结果');
    await attachmentsTable(layout, record.attachments);
    await confirmedSignatures(layout, READ_BACK, record.signers.map(signerLabel), { fingerprint: true });
    await signatureRows(layout, [...record.mediatorNames.map((name) => `调解员 ${name}`), `记录人 ${record.recorder}`]);
  },
});
