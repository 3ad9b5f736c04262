// 附件 of a record (a dispute, a petition): photos and scans kept in the data folder with their
// SHA-256, added as base64 through the feature's own procedure and opened by a short-lived link.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Table, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { minuteTime } from './dates';
import { openPdf } from './fileDownload';

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
const MAX_BYTES = 20 * 1024 * 1024;

/** What every feature's attachment record has. */
export interface AttachmentRow {
  id: string;
  fileName: string;
  caption: string;
  sizeBytes: number;
  sha256: string;
  addedAt: string;
  addedByName: string;
}

/** A chosen file as the add procedures take it. */
export interface AttachmentUpload {
  fileName: string;
  mimeType: AttachmentType;
  contentBase64: string;
  caption: string;
}

/** The file as base64, without the `data:…;base64,` head. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });
}

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
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      void message.error('只接受 JPG、PNG 图片或 PDF 扫描件');
      return;
    }
    if (file.size > MAX_BYTES) {
      void message.error('文件超过 20 MB，请压缩后再添加');
      return;
    }
    setUploading(true);
    try {
      const attachment = await add({
        fileName: file.name.slice(-120),
        mimeType: file.type as AttachmentType,
        contentBase64: await readBase64(file),
        caption,
      });
      setCaption('');
      void message.success(`已添加附件 ${attachment.fileName}`);
      onAdded(attachment);
    } catch (error) {
      void message.error(`附件没有添加：${errorMessage(error)}`);
    } finally {
      setUploading(false);
    }
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
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {extraControls}
          <Input
            aria-label="附件说明"
            style={{ width: 280 }}
            maxLength={200}
            placeholder={captionPlaceholder}
            value={caption}
            onChange={(event) => setCaption(event.target.value)}
          />
          <Upload
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              // Sent by the feature's procedure above, not by the Upload component.
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              添加照片或扫描件
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            JPG、PNG 或 PDF，20 MB 以内；保存时记下文件的 SHA-256 指纹。
          </Typography.Text>
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
