import { maskIdNumber } from '../../../../shared/residents/masking';
import { chineseDate, fields, paragraph, rule, title, verificationLine, verificationQr } from '../layout';
import { defineDocument } from '../registry';
import { type ReceiptSlipRecord, demoReceiptSlip } from './demoData';

/** 80 mm thermal slip: 受理回执, cut just below its last line. */
export const sampleReceiptSlip = defineDocument<ReceiptSlipRecord>({
  type: 'sampleReceiptSlip',
  title: '受理回执',
  engineSample: true,
  pageSize: 'receipt80',
  sample: () => demoReceiptSlip(),
  async render(layout, record) {
    await title(layout, record.hall, 11);
    await title(layout, '受理回执', 14);
    rule(layout);
    await fields(
      layout,
      [
        { label: '受理编号', value: record.caseNumber },
        { label: '申请人', value: record.residentName },
        { label: '身份证号', value: maskIdNumber(record.idNumber) },
        { label: '办理事项', value: record.item },
        { label: '受理窗口', value: record.window },
        { label: '受理日期', value: chineseDate(layout.issue.issuedAt) },
        { label: '承诺时限', value: `${record.promisedDays}个工作日` },
        { label: '经办人', value: record.clerk },
      ],
      1,
    );
    rule(layout, true);
    await paragraph(
      layout,
      `请妥善保管本回执，凭回执查询办理进度或领取结果。咨询电话：${record.phone}。扫描下方二维码或输入核验码可核验本回执真伪。`,
      { field: '提示', indent: false },
    );
    layout.space(4);
    verificationQr(layout, 26);
    await verificationLine(layout);
  },
});
