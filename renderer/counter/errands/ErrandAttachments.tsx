// 材料照片 of an errand: the agent photographs or scans the resident's materials in the village
// (on the village node, link or no link) and the counter adds its own scans while checking them.
// A button on the errand's row opens them; a photo may say which material of the errand's list
// it shows, and — where the agent may still collect — tick that material as collected with it.
import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { errandKind } from '../../../shared/counter/errandKind';
import type { ErrandAttachment, ErrandRecord } from '../../../shared/counter/errandsApi';
import { canTake, refusalOf } from '../../../shared/workflow/kind';
import { call, errorMessage } from '../../api/client';
import { AttachmentsCard, type AttachmentUpload } from '../../common/AttachmentsCard';
import { confirmLeave, useUnsavedInput } from '../../common/leaveGuard';
import { useSession } from '../../common/session';
import { useToday } from '../../common/useToday';
import { errandLabel } from './steps/errandStep';

interface Props {
  errand: ErrandRecord;
  /** The errand changed (a material ticked as collected, an attachment added): the list loads again. */
  onChanged?: () => void;
}

/** The errand's attachments with those added since the list was loaded, each once, oldest first. */
function mergedAttachments(listed: ErrandAttachment[], added: ErrandAttachment[]): ErrandAttachment[] {
  const known = new Set(listed.map((a) => a.id));
  return [...listed, ...added.filter((a) => !known.has(a.id))];
}

/** 照片 n on an errand's row: opens the errand's photos and scans, and adds one where allowed. */
export function ErrandAttachmentsButton({ errand, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<ErrandAttachment[]>([]);
  /** The errand as a tick in the dialog left it, until the list brings it (or a newer one). */
  const [ticked, setTicked] = useState<ErrandRecord | null>(null);
  const current = ticked && ticked.version > errand.version ? ticked : errand;
  const attachments = mergedAttachments(current.attachments, added);

  function close() {
    // A chosen file or a caption not yet saved asks first (AttachmentsCard registers it).
    void confirmLeave('close').then((leave) => leave && setOpen(false));
  }

  return (
    <>
      <Button
        size="small"
        icon={<PaperClipOutlined />}
        aria-label={`材料照片（${attachments.length}）：${errandLabel(errand)}`}
        onClick={() => setOpen(true)}
      >
        照片 {attachments.length}
      </Button>
      <Modal
        open={open}
        title={`材料照片：${errandLabel(errand)}`}
        width={980}
        destroyOnHidden
        mask={{ closable: false }}
        onCancel={close}
        footer={<Button onClick={close}>关闭</Button>}
      >
        <ErrandAttachmentsSection
          errand={current}
          attachments={attachments}
          onAdded={(attachment) => {
            setAdded((list) => [...list, attachment]);
            onChanged?.();
          }}
          onTicked={(next) => {
            setTicked(next);
            onChanged?.();
          }}
        />
      </Modal>
    </>
  );
}

interface SectionProps {
  errand: ErrandRecord;
  attachments: ErrandAttachment[];
  onAdded: (attachment: ErrandAttachment) => void;
  onTicked: (errand: ErrandRecord) => void;
}

/** The dialog's content: which material a new photo shows, and the photos themselves. */
function ErrandAttachmentsSection({ errand, attachments, onAdded, onTicked }: SectionProps) {
  const { message } = App.useApp();
  const { info } = useSession();
  const today = useToday();
  const [material, setMaterial] = useState<string | null>(null);
  const [tick, setTick] = useState(true);
  // The declaration's words say why not (a closed errand's photos are only shown); a role that
  // never adds photos just sees them.
  const addRefusal = refusalOf(errandKind, 'attach', errand, info.user, today);
  const canAdd = addRefusal === null;
  // Ticking is the agent's collect step, offered only while it may be taken.
  const canTick = canTake(errandKind, 'collect', errand, info.user, today);
  useUnsavedInput(() => material !== null);

  async function add(upload: AttachmentUpload): Promise<ErrandAttachment> {
    return call('errands.attach', { errandId: errand.id, material, ...upload });
  }

  async function tickCollected(name: string) {
    const collected = errand.materials.filter((m) => m.collected).map((m) => m.name);
    try {
      const answer = await call('errands.collect', {
        errandId: errand.id,
        version: errand.version,
        collectedMaterials: [...collected, name],
      });
      void message.success(
        answer.errand.status === 'collected' ? `已勾选“${name}”，必需材料已收齐` : `已勾选“${name}”为已收材料`,
      );
      onTicked(answer.errand);
    } catch (error) {
      void message.warning(`照片已保存，但“${name}”没有勾选为已收材料：${errorMessage(error)}`);
    }
  }

  function added(attachment: ErrandAttachment) {
    setMaterial(null);
    onAdded(attachment);
    const shown = attachment.material;
    const listed = shown ? errand.materials.find((m) => m.name === shown) : undefined;
    if (shown && tick && canTick && listed && !listed.collected) void tickCollected(shown);
  }

  const materialControls = (
    <>
      <Select<string>
        aria-label="所示材料"
        placeholder="照片是哪项材料（可不选）"
        style={{ width: 260 }}
        allowClear
        value={material ?? undefined}
        onChange={(value) => setMaterial(value ?? null)}
        options={errand.materials.map((m) => ({
          value: m.name,
          label: `${m.name}${m.required ? '' : '（非必需）'}${m.collected ? ' ✓' : ''}`,
        }))}
      />
      {canTick && (
        <Checkbox checked={tick} disabled={material === null} onChange={(event) => setTick(event.target.checked)}>
          同时勾选为已收材料
        </Checkbox>
      )}
    </>
  );

  return (
    <Flex vertical gap={8}>
      {addRefusal && (
        <Typography.Text type="secondary">
          {addRefusal.code === 'CONFLICT' ? `${addRefusal.message}，照片只能查看。` : '您可以查看这些照片。'}
        </Typography.Text>
      )}
      <AttachmentsCard<ErrandAttachment>
        attachments={attachments}
        canAdd={canAdd}
        add={add}
        fileUrl={async (row) => (await call('errands.attachmentFile', { attachmentId: row.id })).fileUrl}
        onAdded={added}
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
