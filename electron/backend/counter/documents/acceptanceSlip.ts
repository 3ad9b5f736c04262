import { fields, heading, paragraph, rule, title, verificationLine, verificationQr } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { acceptanceFields, materialForm, receiptNote } from './parts';
import type { AcceptanceReceiptRecord } from './records';
import { sampleAcceptanceReceipt } from './sampleRecords';

/** 80 mm thermal 受理回执: the A5 paper's content in one column, materials as short lines. */
export const counterAcceptanceSlip = defineDocument<AcceptanceReceiptRecord>({
  type: 'counterAcceptanceSlip',
  title: '受理回执',
  pageSize: 'receipt80',
  sample: sampleAcceptanceReceipt,
  async render(layout, record) {
    await title(layout, record.hall.hallName, 11);
    await title(layout, '受理回执', 14);
    rule(layout);
    // fields() clamps a span to the columns when placing a field but not when sizing it: a
    // span of 2 in one column would run off the slip's edge.
    const oneColumn = acceptanceFields(record).map((field) => ({ ...field, span: 1 }));
    await fields(layout, oneColumn, 1);
    rule(layout, true);
    await heading(layout, `已收材料（${record.materials.length}项）`);
    for (const [i, material] of record.materials.entries())
      await paragraph(layout, `${i + 1}. ${material.name}（${materialForm(material)}${material.copies}份）`, {
        field: '材料名称',
        indent: false,
      });
    rule(layout, true);
    await paragraph(layout, receiptNote(record.hall, '下方二维码'), { field: '提示', indent: false });
    layout.space(4);
    verificationQr(layout, 26);
    await verificationLine(layout);
  },
});
