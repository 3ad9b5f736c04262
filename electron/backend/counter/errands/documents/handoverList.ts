import { fields, table, type Layout, type Segment, type TableColumn } from '../../../documents/layout';
import { defineDocument } from '../../../documents/registry';
import {
  chineseCalendarDate,
  hallHeading,
  materialsInline,
  queryPhoneSentence,
  type SignatureParty,
  signedClosing,
} from '../../documents/parts';
import type { HandoverListRecord } from './records';
import { sampleHandoverList } from './sampleRecords';

/** What the list says when the hall makes no promise: the body the case went to decides. */
export const NO_PROMISE_TEXT = '以转报单位答复为准';

const CHECKED_SENTENCE =
  '上表所列代办事项的申请材料，已由移交人与接收人当面逐件清点核对，名称、原件或复印件及份数与上表一致。各事项的办理结果由窗口通知代办员领取，经代办员转交委托人。';

const SIGNATURES: SignatureParty[] = [{ label: '移交人（代办员）签字' }, { label: '接收人（窗口工作人员）签字' }];

/**
 * A4 代办材料交接单: the errands an agent hands in at the counter, one row each with the
 * materials received, signed by the agent and the clerk. A long batch runs on over pages with
 * the table's header repeated; the closing text, signatures and code stay together.
 */
export const handoverList = defineDocument<HandoverListRecord>({
  type: 'errandHandoverList',
  title: '代办材料交接单',
  pageSize: 'a4',
  sample: sampleHandoverList,
  async render(layout, record) {
    const size = layout.baseSize;
    await hallHeading(layout, record.hall, '代办材料交接单');
    await fields(layout, [
      { label: '代办员', value: record.agentName },
      { label: '所属村（社区）', value: record.villageName },
      { label: '交接日期', value: chineseCalendarDate(record.handedOverOn) },
      { label: '受理窗口', value: record.window },
      { label: '接收人', value: record.clerkName },
    ]);
    layout.space(size * 0.3);
    await errandsTable(layout, record);
    await layout.flow(
      [
        { text: '合计：', field: '合计', role: 'serifBold' },
        { text: `本次交接代办事项共 ${record.errands.length} 件。`, field: '合计' },
      ],
      size,
      layout.left,
      layout.ensure(size * 2),
    );
    layout.space(size * 0.8);
    const checked: Segment[] = [{ text: CHECKED_SENTENCE, field: '交接说明' }];
    const note = `本交接单一式两份，代办员和窗口各执一份。${queryPhoneSentence(record.hall)}扫描二维码或输入核验码，可核验本交接单真伪。`;
    await signedClosing(layout, checked, SIGNATURES, note);
  },
});

/**
 * One row per errand. The columns of numbers (case number, masked ID, date) are as wide as
 * their widest entry so they never wrap; the item and the materials share what is left.
 */
async function errandsTable(layout: Layout, record: HandoverListRecord): Promise<void> {
  const size = 9; // 小五
  const pad = size * 0.35; // the table's cell padding
  const fit = async (texts: string[], minEm = 0) => {
    let widest = minEm * size;
    for (const text of texts) widest = Math.max(widest, await layout.measure([{ text, field: '表格' }], size));
    return widest + 2 * pad + 1;
  };
  const bold = async (header: string) =>
    (await layout.measure([{ text: header, field: '表头', role: 'serifBold' }], size)) + 2 * pad + 1;
  const rows = record.errands.map((errand, i) => [
    String(i + 1),
    errand.caseNumber,
    errand.residentName,
    errand.idNumberMasked,
    errand.itemName,
    materialsInline(errand.materials),
    errand.promisedDate === null ? NO_PROMISE_TEXT : chineseCalendarDate(errand.promisedDate),
  ]);
  const column = (i: number) => rows.map((row) => row[i]!);
  const dates = record.errands.flatMap((errand) =>
    errand.promisedDate === null ? [] : [chineseCalendarDate(errand.promisedDate)],
  );
  const fixed = {
    number: Math.max(await bold('序号'), await fit(column(0))),
    caseNumber: Math.max(await bold('受理编号'), await fit(column(1))),
    // A long name may wrap, but never below the header's width.
    resident: Math.min(Math.max(await bold('委托人'), await fit(column(2))), 5 * size + 2 * pad),
    idNumber: Math.max(await bold('身份证号'), await fit(column(3))),
    // 以转报单位答复为准 wraps; the dates do not.
    promised: await fit(dates, 5),
  };
  const rest = Math.max(layout.width - Object.values(fixed).reduce((a, b) => a + b, 0), layout.width * 0.3);
  const columns: TableColumn[] = [
    { header: '序号', width: fixed.number, align: 'center' },
    { header: '受理编号', width: fixed.caseNumber, align: 'center' },
    { header: '委托人', width: fixed.resident, align: 'center' },
    { header: '身份证号', width: fixed.idNumber, align: 'center' },
    { header: '办理事项', width: rest * 0.34 },
    { header: '交接材料', width: rest * 0.66 },
    { header: '承诺办结日期', width: fixed.promised, align: 'center' },
  ];
  await table(layout, { size, columns, rows });
}
