import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { DocumentPrint } from '../../shared/documents/api';
import { paperLabel } from '../../shared/documents/printing';
import { desktopPrinting, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { LoadFailed } from '../common/LoadFailed';
import { RerenderedTag } from '../common/RerenderedTag';
import { Loading } from '../common/Loading';
import { timeColumn } from '../common/PagedTable';
import { PdfPreview } from './PdfPreview';
import { askPaperPrinted, paperSize, printDocument, printResultMessage } from '../common/printDocument';

const OUTCOME_TAGS: Record<DocumentPrint['outcome'], { color: string; label: string }> = {
  pending: { color: 'default', label: '未确认' },
  printed: { color: 'green', label: '已打印' },
  cancelled: { color: 'default', label: '已取消' },
  failed: { color: 'red', label: '失败' },
};

const printColumns: ColumnsType<DocumentPrint> = [
  timeColumn<DocumentPrint>('时间', 'printedAt'),
  { title: '打印人', dataIndex: 'printedByName', key: 'printedByName', width: 120 },
  { title: '份数', dataIndex: 'copies', key: 'copies', width: 70 },
  {
    title: '类型',
    key: 'reprint',
    width: 80,
    render: (_, print) => (print.reprint ? <Tag color="orange">补打</Tag> : '首次'),
  },
  {
    title: '结果',
    key: 'outcome',
    render: (_, print) => (
      <>
        <Tag color={OUTCOME_TAGS[print.outcome].color}>{OUTCOME_TAGS[print.outcome].label}</Tag>
        {print.outcomeMessage && <Typography.Text type="secondary">{print.outcomeMessage}</Typography.Text>}
      </>
    ),
  },
];

/** One archived document: what it is, a preview, printing (a second print is marked 补打), and its print history. */
export function DocumentPage({ id }: { id: string }) {
  const details = useQuery('documents.get', { id });
  const preview = useQuery('documents.preview', { id });
  const { message, modal } = App.useApp();
  const [copies, setCopies] = useState(1);
  const [printing, setPrinting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const desktop = desktopPrinting() !== null;

  if (details.error) return <LoadFailed error={details.error} what="这份文书" onRetry={details.reload} />;
  if (!details.data) return <Loading />;
  const { document, prints } = details.data;
  const printedBefore = document.printCount > 0;

  async function print(showDialog: boolean) {
    setPrinting(true);
    setProblem(null);
    try {
      const result = await printDocument({ documentId: id, copies, showDialog, askPrinted: askPaperPrinted(modal) });
      if (result.status === 'printed') {
        message.success(printResultMessage(result, copies));
      } else if (result.status === 'cancelled') {
        message.info('已取消打印，这次不计入打印次数');
      } else {
        setProblem(result.message);
      }
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setPrinting(false);
      details.reload();
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Typography.Link href={href(paths.documents)}>← 文书存档</Typography.Link>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {document.title} {document.supersededAt && <Tag color="orange">已被替换</Tag>}
          {/* Opening the preview may be what re-rendered it: its answer says so before the details reload. */}
          <RerenderedTag at={document.rerenderedAt ?? preview.data?.rerenderedAt ?? null} />
        </Typography.Title>
        <Flex gap={8} align="center">
          <label htmlFor="print-copies">份数</label>
          <InputNumber
            id="print-copies"
            min={1}
            max={20}
            precision={0}
            value={copies}
            onChange={(value) => setCopies(value ?? 1)}
            style={{ width: 72 }}
          />
          <Button type="primary" icon={<PrinterOutlined />} loading={printing} onClick={() => void print(false)}>
            {printedBefore ? '补打' : '打印'}
          </Button>
          {desktop && (
            <Button loading={printing} onClick={() => void print(true)}>
              选择打印机…
            </Button>
          )}
        </Flex>
      </Flex>
      {problem && <Alert type="error" showIcon title="没有打印出来" description={problem} />}
      {printedBefore && (
        <Alert
          type="warning"
          showIcon
          title={`这份文书已打印 ${document.printCount} 份；再打印的每一份都带“补打”水印，并记入审计日志`}
        />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="核验码">
          <Typography.Text code copyable>
            {document.verificationCode}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="出具">
          {dayjs(document.issuedAt).format('YYYY-MM-DD HH:mm')} · {document.issuedByName}
        </Descriptions.Item>
        <Descriptions.Item label="纸张">
          {paperLabel(document.paper.pageSize)}（{paperSize(document.paper)}）· {document.pageCount} 页
        </Descriptions.Item>
        <Descriptions.Item label="存档格式">{document.archival ? 'PDF/A-2b（长期保存）' : 'PDF'}</Descriptions.Item>
        <Descriptions.Item label="文件指纹（SHA-256）" span={2}>
          <Typography.Text code style={{ fontSize: 12 }}>
            {document.sha256}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="二维码内容" span={2}>
          {document.verificationLink ? (
            <Typography.Text copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {document.verificationLink}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">核验码（出具时没有设定核验网址）</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title="预览">
        {preview.error && <LoadFailed error={preview.error} what="预览" onRetry={preview.reload} />}
        {preview.data && <PdfPreview url={preview.data.fileUrl} />}
        {!preview.data && !preview.error && <Loading text="正在打开 PDF……" />}
      </Card>
      <Card size="small" title="打印记录">
        <Table<DocumentPrint>
          rowKey="id"
          size="small"
          columns={printColumns}
          dataSource={prints}
          pagination={false}
          locale={{ emptyText: '还没有打印过' }}
        />
      </Card>
      {!desktop && (
        <Typography.Text type="secondary">
          在浏览器中，PDF
          会在新标签页中打开，请用浏览器的打印按钮打印，打印出来后回到这里点“已打印”（没有打印出来点“未打印”，不计数）；热敏小票请在打印对话框中选择
          80 mm 纸张、边距“无”、缩放 100%。
        </Typography.Text>
      )}
    </Flex>
  );
}
