// 附件 of a record (a counter case, an errand, a dispute, a petition): photos and scans kept in the
// data folder with their SHA-256. A chosen file is uploaded first (PickedFile.tsx), then added by
// the feature's own procedure naming the upload; 拍照 takes a picture with the document camera
// (camera/CameraCaptureDialog.tsx) and adds it the same way. Each is opened by a short-lived link.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Table, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { ATTACHMENT_TYPES, type AttachmentRow, type AttachmentType, type AttachmentUpload } from './attachmentRows';
import { CameraButton } from './camera/CameraButton';
import { minuteTime } from './dates';
import { openPdf } from './fileDownload';
import { useUnsavedInput } from './leaveGuard';
import { PickedFileLine, useFileSend } from './PickedFile';

export { ATTACHMENT_TYPES, type AttachmentRow, type AttachmentType, type AttachmentUpload };

const MAX_BYTES = 20 * 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props<T extends AttachmentRow> {
  attachments: T[];
  /** A finished record takes no more files. */
  canAdd: boolean;
  /** Sends the file with the feature's procedure. */
  add: (upload: AttachmentUpload) => Promise<T>;
  /** The short-lived link to one attachment. */
  fileUrl: (attachment: T) => Promise<string>;
  onAdded: (attachment: T) => void;
  /** Controls before the caption box (the record an attachment belongs to). */
  extraControls?: ReactNode;
  /** Columns after 说明 (which record it belongs to). */
  extraColumns?: ColumnsType<T>;
  captionPlaceholder?: string;
}

export function AttachmentsCard<T extends AttachmentRow>({
  attachments,
  canAdd,
  add,
  fileUrl,
  onAdded,
  extraControls,
  extraColumns = [],
  captionPlaceholder = '说明，如 现场照片、收条',
}: Props<T>) {
  const { message } = App.useApp();
  const [caption, setCaption] = useState('');
  const send = useFileSend(
    (file, receipt) =>
      add({
        fileName: file.name.slice(-120),
        mimeType: file.type as AttachmentType,
        uploadId: receipt.uploadId,
        caption,
      }),
    (attachment) => {
      setCaption('');
      void message.success(`已添加附件 ${attachment.fileName}`);
      onAdded(attachment);
    },
  );
  // A chosen file not yet saved, or a caption typed for one, is input a way out asks about.
  useUnsavedInput(() => send.picked !== null || caption.trim() !== '');
  const captionError = send.fieldErrors.caption;

  function choose(file: File) {
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      send.refuse(file, '文件类型：只接受 JPG、PNG 图片或 PDF 扫描件');
      return;
    }
    if (file.size === 0) {
      send.refuse(file, '文件内容：文件是空的');
      return;
    }
    if (file.size > MAX_BYTES) {
      send.refuse(file, '文件内容：文件超过 20 MB，请压缩后再添加');
      return;
    }
    void send.send(file);
  }

  async function open(row: T) {
    try {
      const how = await openPdf(() => fileUrl(row));
      if (how === 'saved') void message.success(`已保存 ${row.fileName}`);
    } catch (error) {
      void message.error(`附件打不开：${errorMessage(error)}`);
    }
  }

  const columns: ColumnsType<T> = [
    { title: '文件', dataIndex: 'fileName', key: 'fileName' },
    {
      title: '说明',
      dataIndex: 'caption',
      key: 'caption',
      render: (text: string) => text || <Typography.Text type="secondary">—</Typography.Text>,
    },
    ...extraColumns,
    { title: '大小', key: 'size', width: 90, render: (_, row) => sizeText(row.sizeBytes) },
    {
      title: 'SHA-256',
      key: 'sha256',
      width: 190,
      render: (_, row) => (
        <Tooltip title={row.sha256}>
          <Typography.Text copyable={{ text: row.sha256 }} style={{ fontFamily: 'Consolas, "Courier New", monospace' }}>
            {row.sha256.slice(0, 16)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: '添加', key: 'added', width: 190, render: (_, row) => `${minuteTime(row.addedAt)} ${row.addedByName}` },
    {
      title: '',
      key: 'open',
      width: 70,
      render: (_, row) => (
        <Button size="small" type="link" onClick={() => void open(row)}>
          打开
        </Button>
      ),
    },
  ];

  return (
    <Card size="small" title={`附件（${attachments.length}）`}>
      {canAdd && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap align="center">
            {extraControls}
            <Input
              aria-label="附件说明"
              style={{ width: 280 }}
              maxLength={200}
              placeholder={captionPlaceholder}
              status={captionError ? 'error' : undefined}
              value={caption}
              onChange={(event) => setCaption(event.target.value)}
            />
            <Upload
              accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
              showUploadList={false}
              disabled={send.busy}
              beforeUpload={(file) => {
                choose(file);
                // Uploaded and added by useFileSend, not by the Upload component.
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={send.busy}>
                添加照片或扫描件
              </Button>
            </Upload>
            <CameraButton<T>
              disabled={send.busy}
              add={add}
              onAdded={onAdded}
              extraControls={extraControls}
              captionPlaceholder={captionPlaceholder}
            />
            <Typography.Text type="secondary">
              JPG、PNG 或 PDF，20 MB 以内；保存时记下文件的 SHA-256 指纹。
            </Typography.Text>
          </Flex>
          {captionError && (
            <Typography.Text type="danger" role="alert" data-field-error>
              {captionError}
            </Typography.Text>
          )}
          <PickedFileLine send={send} label="所选附件" />
        </Flex>
      )}
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={attachments}
        columns={columns}
        locale={{ emptyText: '没有附件' }}
      />
    </Card>
  );
}
