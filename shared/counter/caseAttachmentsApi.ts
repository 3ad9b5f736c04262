// Photos and scans of a counter case's materials (the 高拍仪 at the counter, or a chosen file):
// each may name the material of the case's list it shows; while the case waits for its materials
// that material is then ticked as received with it (the declared step 登记补收材料).
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { attachmentLink, attachmentUploadFields } from '../documents/api';
import { entityId } from '../validation/fields';
import { COUNTER_READERS, COUNTER_STAFF } from './caseKind';
import { caseAttachment, caseCommandResult, caseRecord } from './casesApi';

const caseId = entityId('办件');
/** A material by its name on the case's list (the catalog's words). */
const materialName = z.string().max(80);

export const caseAttachmentsProcedures = defineProcedures({
  'counter.attach': {
    summary:
      '添加办件材料的照片或扫描件（高拍仪拍照或选择文件，可注明是哪项材料），加密保存在数据目录并记下哈希；待补齐材料的件同时登记该项材料为已收',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      material: materialName.nullable().optional().describe('所示材料'),
      ...attachmentUploadFields,
    }),
    /** The case as it now is: its material ticked when the photo ticked it. */
    output: z.object({ attachment: caseAttachment, case: caseRecord }),
  },
  'counter.attachmentFile': {
    summary: '打开办件的一个附件（短时有效的文件链接）',
    kind: 'query',
    access: COUNTER_READERS,
    record: { kind: 'counterCase', attachment: 'attachmentId' },
    audit: { what: '查看办件附件：' },
    input: z.strictObject({ attachmentId: entityId('附件') }),
    output: attachmentLink,
  },
  'counter.receiveMaterials': {
    summary: '待补齐材料的件登记补收的材料（补齐后受理时保留）',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({
      caseId,
      version: z.number().int().min(1).describe('版本'),
      receivedMaterials: z.array(materialName).min(1, { message: '请选择补收的材料' }).max(30).describe('补收材料'),
    }),
    output: caseCommandResult,
  },
});
