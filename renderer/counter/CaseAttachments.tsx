// 附件 of a counter case: photos (the 高拍仪's 拍照) and scans of the resident's materials. A
// picture may say which material of the case's list it shows; while the case waits for its
// materials, the backend then registers that material as received with it (登记补收材料).
import { App, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { caseKind } from '../../shared/counter/caseKind';
import type { CaseAttachment, CaseDetail, CaseRecord } from '../../shared/counter/casesApi';
import { canTake, refusalOf } from '../../shared/workflow/kind';
import { call } from '../api/client';
import { AttachmentsCard, type AttachmentUpload } from '../common/AttachmentsCard';
import { useUnsavedInput } from '../common/leaveGuard';
import { useSession } from '../common/session';
import { useToday } from '../common/useToday';

interface Props {
  detail: CaseDetail;
  /** An attachment was added; `ticked` is the case as it now is when a material was registered with it. */
  onAdded: (attachment: CaseAttachment, ticked: CaseRecord | null) => void;
}

/** The case's attachments with those added since it was loaded, each once, oldest first. */
function merged(listed: CaseAttachment[], added: CaseAttachment[]): CaseAttachment[] {
  const known = new Set(listed.map((a) => a.id));
  return [...listed, ...added.filter((a) => !known.has(a.id))];
}

export function CaseAttachments({ detail, onAdded }: Props) {
  const { message } = App.useApp();
  const { info } = useSession();
  const today = useToday();
  const record = detail.case;
  const [material, setMaterial] = useState<string | null>(null);
  const [added, setAdded] = useState<CaseAttachment[]>([]);
  // The declaration's words say why not (voided, refused, closed); a leader just reads them.
  const refusal = refusalOf(caseKind, 'attach', record, info.user, today);
  const ticks = canTake(caseKind, 'receiveMaterials', record, info.user, today);
  useUnsavedInput(() => material !== null);

  async function add(upload: AttachmentUpload): Promise<CaseAttachment> {
    const answer = await call('counter.attach', { caseId: record.id, material, ...upload });
    const before = record.materials.find((m) => m.name === answer.attachment.material);
    const after = answer.case.materials.find((m) => m.name === answer.attachment.material);
    const ticked = before && after && !before.received && after.received;
    if (ticked) void message.success(`已登记“${after.name}”为已收材料`);
    setAdded((list) => [...list, answer.attachment]);
    setMaterial(null);
    onAdded(answer.attachment, ticked ? answer.case : null);
    return answer.attachment;
  }

  const materialControls =
    record.materials.length > 0 ? (
      <>
        <Select<string>
          aria-label="所示材料"
          placeholder="照片是哪项材料（可不选）"
          style={{ width: 260 }}
          allowClear
          value={material ?? undefined}
          onChange={(value) => setMaterial(value ?? null)}
          options={record.materials.map((m) => ({
            value: m.name,
            label: `${m.name}${m.required ? '' : '（非必需）'}${m.received ? ' ✓' : ''}`,
          }))}
        />
        {ticks && <Typography.Text type="secondary">所选材料同时登记为已收</Typography.Text>}
      </>
    ) : undefined;

  return (
    <Flex vertical gap={4}>
      {refusal?.code === 'CONFLICT' && (
        <Typography.Text type="secondary">{`${refusal.message}，附件只能查看。`}</Typography.Text>
      )}
      <AttachmentsCard<CaseAttachment>
        attachments={merged(detail.attachments, added)}
        canAdd={refusal === null}
        add={add}
        // Everything of an added attachment happened in `add` (its answer carries the case).
        onAdded={() => {}}
        fileUrl={async (row) => (await call('counter.attachmentFile', { attachmentId: row.id })).fileUrl}
        extraControls={materialControls}
        captionPlaceholder="说明，如 户口簿首页、身份证反面"
        extraColumns={[
          {
            title: '所示材料',
            key: 'material',
            width: 160,
            render: (_, row) => row.material ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
    </Flex>
  );
}
