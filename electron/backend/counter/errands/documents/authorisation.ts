import { fields, heading, issuingUnit, title, type Layout, type Segment } from '../../../documents/layout';
import { defineDocument } from '../../../documents/registry';
import {
  chineseCalendarDate,
  itemLabel,
  materialsTable,
  prose,
  queryPhoneSentence,
  type SignatureParty,
  signedClosing,
} from '../../documents/parts';
import type { ErrandAuthorisationRecord } from './records';
import { sampleErrandAuthorisation } from './sampleRecords';

const TERM_SENTENCE = '授权期限：自本授权书签署之日起，至本事项办结、办理结果送达委托人之日止。';

const SIGNATURES: SignatureParty[] = [
  { label: '委托人（签字并捺手印）', fingerprint: true },
  { label: '受托人（代办员）签字' },
];

const TITLE_SIZE = 22;

/**
 * `委托书编号：WT-2026-000123` at the right of the title's line, level with its foot: it takes no
 * room of its own, so a form with eight materials still ends with both signatures on one page.
 */
async function numberBesideTitle(layout: Layout, number: string, titleTop: number): Promise<void> {
  const size = layout.baseSize * 0.85;
  const segments: Segment[] = [
    { text: '委托书编号：', field: '委托书编号', role: 'serifBold' },
    { text: number, field: '委托书编号' },
  ];
  const after = layout.y;
  const width = await layout.measure(segments, size);
  await layout.line(segments, size, layout.right - width, titleTop + TITLE_SIZE - size * 1.1);
  layout.y = after;
}

/**
 * A4 委托代办授权书: the resident entrusts the village agent with one errand — hand the listed
 * materials in at the hall, follow it, bring the result back — free of charge, signed (and
 * fingerprinted) by the resident and signed by the agent.
 */
export const errandAuthorisation = defineDocument<ErrandAuthorisationRecord>({
  type: 'errandAuthorisation',
  title: '委托代办授权书',
  pageSize: 'a4',
  sample: sampleErrandAuthorisation,
  async render(layout, record) {
    const required = record.materials.filter((material) => material.required).length;
    await issuingUnit(layout, record.hall.hallName);
    const titleTop = layout.y;
    await title(layout, '委托代办授权书', TITLE_SIZE);
    if (record.authorisationNumber) await numberBesideTitle(layout, record.authorisationNumber, titleTop);
    await fields(layout, [
      { label: '委托人', value: record.residentName },
      { label: '身份证号', value: record.idNumberMasked },
      { label: '受托人（代办员）', value: record.agentName },
      { label: '所属村（社区）', value: record.villageName },
      { label: '代办事项', value: itemLabel(record), span: 2 },
      { label: '责任部门', value: record.department },
      { label: '委托日期', value: chineseCalendarDate(record.authorisedOn) },
    ]);
    layout.space(layout.baseSize * 0.2);
    await prose(layout, [
      { text: '委托人', field: '授权内容' },
      { text: record.residentName, field: '委托人' },
      { text: '自愿委托', field: '授权内容' },
      { text: record.villageName, field: '所属村（社区）' },
      { text: '代办员', field: '授权内容' },
      { text: record.agentName, field: '受托人' },
      {
        text: `代为办理“${record.itemName}”事项，授权受托人：代为收集下列申请材料并递交${record.hall.hallName}；代为跟踪办理进度；代为领取办理结果并转交委托人。`,
        field: '授权内容',
      },
    ]);
    await prose(layout, [
      {
        text: '受托人应妥善保管委托人的材料，对代办中知悉的个人信息严格保密，不得用于代办以外的任何用途。代办不收取任何费用。',
        field: '授权内容',
      },
    ]);
    await prose(layout, [{ text: '委托人对所提交材料的真实性、有效性负责。', field: '授权内容' }]);
    await heading(layout, `代办材料（共${record.materials.length}项，其中必需${required}项）`);
    await materialsTable(layout, record.materials, { notes: true, required: true, size: layout.baseSize * 0.9 });
    const term: Segment[] = [{ text: TERM_SENTENCE, field: '授权期限' }];
    const note = `本授权书一式两份，委托人留存一份，另一份由受托人随申请材料交窗口。${queryPhoneSentence(record.hall)}扫描二维码或输入核验码，可核验本授权书真伪。`;
    await signedClosing(layout, term, SIGNATURES, note);
  },
});
