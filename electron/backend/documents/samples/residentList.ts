import { maskIdNumber } from '../../../../shared/residents/masking';
import { chineseDate, fields, issuingUnit, table, title } from '../layout';
import { defineDocument } from '../registry';
import { type ResidentListRecord, demoResidentList } from './demoData';

/** A4 form: 居民花名册, a table over several pages with its header repeated on each. */
export const sampleResidentList = defineDocument<ResidentListRecord>({
  type: 'sampleResidentList',
  title: '居民花名册',
  engineSample: true,
  pageSize: 'a4',
  sample: () => demoResidentList(),
  async render(layout, record) {
    await issuingUnit(layout, record.compiledBy);
    await title(layout, '居民花名册');
    await fields(
      layout,
      [
        { label: '村（社区）', value: record.village },
        { label: '制表日期', value: chineseDate(layout.issue.issuedAt) },
        { label: '人数', value: `${record.residents.length}人` },
        { label: '核验码', value: layout.issue.verificationCode },
      ],
      2,
    );
    await table(layout, {
      columns: [
        { header: '序号', width: 1, align: 'center' },
        { header: '姓名', width: 1.6 },
        { header: '性别', width: 1, align: 'center' },
        { header: '公民身份号码', width: 3.4 },
        { header: '与户主关系', width: 1.6, align: 'center' },
        { header: '住址', width: 3 },
      ],
      rows: record.residents.map((resident, i) => [
        String(i + 1),
        resident.name,
        resident.sex,
        maskIdNumber(resident.idNumber),
        resident.household,
        resident.address,
      ]),
    });
  },
});
