// Photos and scans of a counter case's materials: the 高拍仪's pictures and chosen files, stored by
// content (encrypted where the database is) through the one attachment path, each naming the
// material it shows if the clerk says so. While the case waits for its materials, a photo of one
// ticks it as received in the same transaction — by the declared step 登记补收材料, never by a
// status check here.
import type { Selectable } from 'kysely';
import type { CatalogItem } from '../../../shared/catalog/catalog';
import { caseKind } from '../../../shared/counter/caseKind';
import type { CaseAttachment } from '../../../shared/counter/casesApi';
import { canTake } from '../../../shared/workflow/kind';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { WriteScope } from '../db/writeScope';
import { attachmentFileLink, attachToRecord } from '../workflow/attachments';
import { applyStep, prepareStep, type StepPlan } from '../workflow/runStep';
import { caseBinding, loadCaseRecord, runCaseStep } from './caseBinding';
import { itemOf, materialsOf, type CaseRow } from './caseRows';

type CaseAttachmentRow = Selectable<Database['case_attachments']>;

export function toCaseAttachment(row: CaseAttachmentRow): CaseAttachment {
  return {
    id: row.id,
    material: row.material,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    caption: row.caption,
    addedAt: row.added_at,
    addedByName: row.added_by_name,
  };
}

/** A case's attachments, oldest first. */
export async function caseAttachmentsOf(db: Db, caseId: string): Promise<CaseAttachment[]> {
  const rows = await db
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
  return rows.map(toCaseAttachment);
}

/**
 * 登记补收材料: `names` ticked as received beside those already ticked (kept in the catalog's
 * order, as intake keeps them). A name the item does not list, or nothing new, is refused on `field`.
 */
function receivePlan(
  item: CatalogItem,
  row: Pick<CaseRow, 'received_materials'>,
  names: readonly string[],
  field: { name: string; label: string },
  why = '',
): StepPlan<'counter_cases'> {
  const materials = materialsOf(item, row);
  const unknown = names.filter((name) => !materials.some((m) => m.name === name));
  if (unknown.length)
    failFields({ [field.name]: `${field.label}：“${unknown.join('”“')}”不是“${item.name}”所列的材料` });
  const added = materials.filter((m) => !m.received && names.includes(m.name)).map((m) => m.name);
  if (added.length === 0) failFields({ [field.name]: `${field.label}：所选材料都已登记为已收` });
  const received = materials.filter((m) => m.received || added.includes(m.name)).map((m) => m.name);
  return {
    set: { received_materials: JSON.stringify(received) },
    summary: `补收材料：${added.join('、')}${why}`,
    data: { received: added },
  };
}

type CaseAttachmentProcedures = 'counter.attach' | 'counter.attachmentFile' | 'counter.receiveMaterials';

export const caseAttachmentsHandlers: HandlersFor<CaseAttachmentProcedures> = {
  async 'counter.attach'(input, ctx) {
    const user = ctx.requireUser();
    const material = input.material ?? null;
    // The declaration's refusal (a voided case, a leader) comes before anything about the material.
    const { row, record } = await prepareStep(ctx, caseBinding, 'attach', { id: input.caseId });
    let tick: ((scope: WriteScope) => Promise<void>) | undefined;
    if (material !== null) {
      const item = await itemOf(ctx.db, row);
      const listed = materialsOf(item, row).find((m) => m.name === material);
      if (!listed) failFields({ material: `所示材料：“${material}”不是“${item.name}”所列的材料` });
      // Ticked only where the declaration lets this user register a material now; otherwise the
      // photo just says what it shows.
      if (!listed.received && canTake(caseKind, 'receiveMaterials', record, user, ctx.today)) {
        const context = await prepareStep(ctx, caseBinding, 'receiveMaterials', { id: row.id });
        const plan = receivePlan(
          item,
          context.row,
          [material],
          { name: 'material', label: '所示材料' },
          `（随附件“${input.fileName}”）`,
        );
        tick = async (scope) => {
          await applyStep(ctx, scope, caseBinding, 'receiveMaterials', context, plan);
        };
      }
    }
    const id = await attachToRecord(
      ctx,
      caseBinding,
      'attach',
      input.caseId,
      input,
      'case_attachments',
      () => ({
        case_id: input.caseId,
        material,
      }),
      tick,
    );
    const saved = await ctx.db.selectFrom('case_attachments').selectAll().where('id', '=', id).executeTakeFirst();
    const now = await caseBinding.find(ctx.db, input.caseId);
    if (!saved || !now) fail('INTERNAL', '附件保存失败');
    return { attachment: toCaseAttachment(saved), case: await loadCaseRecord(ctx, now) };
  },

  async 'counter.attachmentFile'(input, ctx) {
    return attachmentFileLink(ctx, 'case_attachments', input.attachmentId);
  },

  'counter.receiveMaterials'(input, ctx) {
    return runCaseStep(ctx, input, 'receiveMaterials', async ({ row }) =>
      receivePlan(await itemOf(ctx.db, row), row, input.receivedMaterials, {
        name: 'receivedMaterials',
        label: '补收材料',
      }),
    );
  },
};
