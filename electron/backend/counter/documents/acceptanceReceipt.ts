import { fields, heading } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { acceptanceFields, hallHeading, materialsTable, receiptNote, verificationBeside } from './parts';
import type { AcceptanceReceiptRecord } from './records';
import { sampleAcceptanceReceipt } from './sampleRecords';

/** A5 受理回执: handed over the counter, so it must stay one sheet (eight materials fit). */
export const counterAcceptanceReceipt = defineDocument<AcceptanceReceiptRecord>({
  type: 'counterAcceptanceReceipt',
  title: '受理回执',
  pageSize: 'a5',
  sample: sampleAcceptanceReceipt,
  async render(layout, record) {
    const size = layout.baseSize * 0.9;
    await hallHeading(layout, record.hall, '受理回执', 18);
    await fields(layout, acceptanceFields(record), 2, size);
    await heading(layout, `已收材料（${record.materials.length}项）`, size);
    if (record.materials.length > 0) await materialsTable(layout, record.materials, { size: size * 0.95 });
    await verificationBeside(layout, receiptNote(record.hall), { qrMm: 22, size: size * 0.95 });
  },
});
