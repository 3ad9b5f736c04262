import { PARTY_KIND_LABELS } from '../../../../shared/mediation/disputes';
import { table } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  chineseCalendarDate,
  committeeHeading,
  formTable,
  sampleCommittee,
  sampleParties,
  type FormCell,
} from './parts';
import type { RegistrationFormRecord } from './records';

/** `2026-11-02 青石村一组排查…` → `2026年11月2日 青石村一组排查…`: the sweep line starts with its date. */
function sweepText(sweep: string): string {
  return sweep.replace(/^(\d{4}-\d{2}-\d{2})/, (date) => chineseCalendarDate(date));
}

/**
 * A4 formal 人民调解纠纷登记表 for a dispute nobody applied for: found in a sweep (排查) or
 * handed over (交办、委派、移送). A bordered form as the Ministry's format has it; the parties
 * are a table of their own, since there may be many.
 */
export const mediationRegistrationForm = defineDocument<RegistrationFormRecord>({
  type: 'mediationRegistrationForm',
  title: '人民调解纠纷登记表',
  pageSize: 'a4Formal',
  sample: () => {
    const [first, second] = sampleParties();
    return {
      committee: sampleCommittee(),
      sourceLabel: '交办、委派、移送',
      sweep: '',
      handover: {
        kind: 'police',
        kindLabel: '公安机关移送',
        from: '青石派出所',
        on: '2026-11-03',
        reference: '青公（治）移字〔2026〕7号',
      },
      parties: [first!, second!],
      category: '邻里纠纷',
      facts:
        '2026年11月2日晚，𠮷祥与李秀英因围墙加砌填埋排水沟一事发生口角并相互推搡，李秀英报警。青石派出所出警后认为属邻里纠纷，情节轻微，经双方同意移送本委员会调解。',
      place: '青石村委会三组',
      amount: '3200.00 元',
      peopleInvolved: 6,
      riskNote: '双方亲属已发生推搡，需在一周内调处，防止矛盾激化。',
      risky: true,
      registeredOn: '2026-11-03',
      registeredByName: '王芳',
    };
  },
  async render(layout, record) {
    const size = layout.baseSize * 0.75;
    await committeeHeading(layout, record.committee, '人民调解纠纷登记表');
    const source: FormCell[][] = [[{ label: '纠纷来源', value: record.sourceLabel, span: 2 }]];
    if (record.sweep !== '') source.push([{ label: '排查情况', value: sweepText(record.sweep), span: 2 }]);
    if (record.handover)
      source.push(
        [
          { label: '交办类别', value: record.handover.kindLabel },
          { label: '交办单位', value: record.handover.from },
        ],
        [
          { label: '交办日期', value: chineseCalendarDate(record.handover.on) },
          { label: '文号', value: record.handover.reference || '无' },
        ],
      );
    // The three parts join into one bordered form: no gap between them.
    await formTable(layout, source, { size, spaceAfter: 0 });
    const partySize = layout.baseSize * 0.65;
    await table(layout, {
      size: partySize,
      columns: [
        { header: '当事人', width: 0.9, align: 'center' },
        { header: '姓名或名称', width: 1.7 },
        { header: '性别/类别', width: 1, align: 'center' },
        { header: '身份证号码/统一社会信用代码', width: 3.2 },
        { header: '住址', width: 2.7 },
        { header: '联系电话', width: 2 },
      ],
      rows: record.parties.map((party) => [
        party.label,
        party.name,
        party.kind === 'person' ? party.sex : PARTY_KIND_LABELS[party.kind],
        party.idNumber,
        party.address,
        party.phone,
      ]),
    });
    // `table` leaves this much space under itself (blocks.ts).
    layout.space(-partySize * 0.8);
    await formTable(
      layout,
      [
        [
          { label: '纠纷类别', value: record.category },
          { label: '发生地点', value: record.place },
        ],
        [
          { label: '涉及金额', value: record.amount || '无' },
          { label: '涉及人数', value: `${record.peopleInvolved}人` },
        ],
        [
          { label: '防激化', value: record.risky ? '是（列入防激化重点）' : '否' },
          { label: '防激化说明', value: record.risky ? record.riskNote : '' },
        ],
        [{ label: '简要案情', value: record.facts, span: 2 }],
        [
          { label: '登记人', value: record.registeredByName },
          { label: '登记日期', value: chineseCalendarDate(record.registeredOn) },
        ],
      ],
      { size },
    );
  },
});
