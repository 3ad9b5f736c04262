import {
  chineseDate,
  documentNumber,
  fields,
  heading,
  paragraph,
  sealArea,
  signatureRow,
  title,
  verificationLine,
} from '../layout';
import { defineDocument } from '../registry';
import { type AgreementRecord, demoAgreement } from './demoData';

const NUMERALS = '一二三四五六七八九十';

/** A4 formal (GB/T 9704 margins): 人民调解协议书 with three parties (人民调解法 Art. 29). */
export const sampleAgreement = defineDocument<AgreementRecord>({
  type: 'sampleAgreement',
  title: '人民调解协议书',
  engineSample: true,
  pageSize: 'a4Formal',
  sample: () => demoAgreement(),
  async render(layout, record) {
    const size = layout.baseSize;
    await title(layout, '人民调解协议书');
    await documentNumber(layout, record.documentNumber);
    for (const party of record.parties) {
      await heading(layout, [
        { text: `${party.role}：`, field: '当事人' },
        { text: party.name, field: `${party.role}姓名` },
      ]);
      await fields(
        layout,
        [
          { label: '性别', value: party.sex },
          { label: '民族', value: party.ethnicity },
          { label: '出生日期', value: party.birthDate },
          { label: '职业', value: party.occupation },
          { label: '公民身份号码', value: party.idNumber, span: 2 },
          { label: '住址', value: party.address, span: 2 },
          { label: '联系电话', value: party.phone, span: 2 },
        ],
        2,
        size * 0.8,
      );
    }
    await heading(layout, '一、纠纷主要事实');
    await paragraph(layout, record.facts, { field: '纠纷事实' });
    await heading(layout, '二、争议事项及各方责任');
    await paragraph(layout, record.disputedMatters, { field: '争议事项' });
    await heading(layout, '三、经调解，自愿达成如下协议');
    for (const [i, term] of record.terms.entries())
      await paragraph(layout, `${NUMERALS[i] ?? i + 1}、${term}`, { field: '协议内容' });
    await heading(layout, '四、履行方式与时限');
    await paragraph(layout, record.performance, { field: '履行方式' });
    layout.space(size);
    await signatureRow(
      layout,
      record.parties.map((party) => party.role),
      { fingerprint: true },
    );
    layout.space(size * 0.5);
    await signatureRow(layout, ['人民调解员']);
    layout.space(size * 0.5);
    await sealArea(layout, record.committee, { date: chineseDate(layout.issue.issuedAt) });
    await verificationLine(layout);
  },
});
