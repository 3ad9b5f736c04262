// 拍照 beside 添加照片或扫描件 on every attachment card: opens the capture dialog, which adds each
// picture through the record's own attach procedure — the card passes it, and its own choices
// for a new attachment (the material shown, the record it belongs to).
import { CameraOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { AttachmentRow } from '../attachmentRows';
import { CameraCaptureDialog, type CameraCaptureProps } from './CameraCaptureDialog';

type Props<T extends AttachmentRow> = Omit<CameraCaptureProps<T>, 'open' | 'onClose'> & { disabled?: boolean };

export function CameraButton<T extends AttachmentRow>({ disabled, ...capture }: Props<T>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<CameraOutlined />} disabled={disabled} onClick={() => setOpen(true)}>
        拍照
      </Button>
      <CameraCaptureDialog {...capture} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
