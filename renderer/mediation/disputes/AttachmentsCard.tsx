import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Table, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { RECORD_KIND_LABELS } from '../../../shared/mediation/disputes';
import type { AttachmentRecord, DisputeDetail } from '../../../shared/mediation/disputesApi';
import { call, errorMessage } from '../../api/client';
import { minuteTime } from '../../counter/dates';
import { openPdf } from '../../statistics/fileDownload';

const ACCEPTED = ['image/jpeg', 'image/png', 'application/pdf'] as const;
type AcceptedType = (typeof ACCEPTED)[number];
const MAX_BYTES = 20 * 1024 * 1024;

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

interface Props {
  detail: DisputeDetail;
  /** Closed or refused disputes take no more files. */
  canAdd: boolean;
  onAdded: (attachment: AttachmentRecord) => void;
}

/** 附件: photos and scans stored in the data folder with their SHA-256, listed by the record they belong to. */
export function AttachmentsCard({ detail, canAdd, onAdded }: Props) {
  const { message } = App.useApp();
  const [caption, setCaption] = useState('');
  const [recordId, setRecordId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const records = detail.records;
  const recordLabel = (id: string | null) => {
    const record = records.find((r) => r.id === id);
    return record ? `${record.heldOn} ${RECORD_KIND_LABELS[record.kind]}` : '整个纠纷';
  };

  async function upload(file: File) {
    if (!(ACCEPTED as readonly string[]).includes(file.type)) {
      void message.error('只接受 JPG、PNG 图片或 PDF 扫描件');
      return;
    }
    if (file.size > MAX_BYTES) {
      void message.error('文件超过 20 MB，请压缩后再添加');
      return;
    }
    setUploading(true);
    try {
      const attachment = await call('mediation.addAttachment', {
        disputeId: detail.dispute.id,
        recordId,
        fileName: file.name.slice(-120),
        mimeType: file.type as AcceptedType,
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

  const columns: ColumnsType<AttachmentRecord> = [
    { title: '文件', dataIndex: 'fileName', key: 'fileName' },
    {
      title: '说明',
      dataIndex: 'caption',
      key: 'caption',
      render: (text: string) => text || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '所属', key: 'record', width: 160, render: (_, row) => recordLabel(row.recordId) },
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

  async function open(row: AttachmentRecord) {
    try {
      const how = await openPdf(async () => (await call('mediation.attachmentFile', { attachmentId: row.id })).fileUrl);
      if (how === 'saved') void message.success(`已保存 ${row.fileName}`);
    } catch (error) {
      void message.error(`附件打不开：${errorMessage(error)}`);
    }
  }

  return (
    <Card size="small" title={`附件（${detail.attachments.length}）`}>
      {canAdd && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label="附件所属记录"
            style={{ width: 220 }}
            value={recordId ?? ''}
            onChange={(value: string) => setRecordId(value || null)}
            options={[
              { value: '', label: '整个纠纷' },
              ...records.map((r) => ({ value: r.id, label: recordLabel(r.id) })),
            ]}
          />
          <Input
            aria-label="附件说明"
            style={{ width: 280 }}
            maxLength={200}
            placeholder="说明，如 现场照片、收条"
            value={caption}
            onChange={(event) => setCaption(event.target.value)}
          />
          <Upload
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              // Sent by the procedure call above, not by the Upload component.
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
      <Table<AttachmentRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.attachments}
        columns={columns}
        locale={{ emptyText: '没有附件' }}
      />
    </Card>
  );
}
