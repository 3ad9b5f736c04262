import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, List, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { COUNTY_PATHS, type ImportFileResponse, type ImportOutcomeRow } from '../../shared/sync/countyApi';
import { SYNC_REJECT_LABELS, type SyncRejectCode } from '../../shared/sync/protocol';
import { useCounty } from './countyContext';
import { base64ToBlob, saveBlob } from './files';
import { formatBytes } from './format';

const KIND_LABELS: Record<string, string> = {
  batch: '变更批次',
  file: '附件',
  registration: '入网登记',
  rotation: '密钥更换',
  down: '下发包',
};

const RESULT_TAGS: Record<string, { color: string; label: string }> = {
  accepted: { color: 'green', label: '已接收' },
  applied: { color: 'green', label: '已接收' },
  stored: { color: 'green', label: '已接收' },
  registered: { color: 'green', label: '已登记' },
  rotated: { color: 'green', label: '已更换' },
  replay: { color: 'default', label: '此前已接收' },
  rejected: { color: 'red', label: '拒收' },
};

/** A township's USB file: every envelope in it is applied, and a reply file goes back per township. */
export function ImportTab() {
  const client = useCounty();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ fileName: string; size: number; answer: ImportFileResponse } | null>(null);

  async function importFile(file: File) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await client.postBytes<ImportFileResponse>(COUNTY_PATHS.importFile, await file.arrayBuffer());
      setResult({ fileName: file.name, size: file.size, answer });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '导入失败');
    } finally {
      setBusy(false);
    }
  }

  const columns: ColumnsType<ImportOutcomeRow> = [
    { title: '序号', dataIndex: 'index', width: 70 },
    { title: '内容', dataIndex: 'kind', render: (kind: string | null) => (kind ? (KIND_LABELS[kind] ?? kind) : '—') },
    { title: '节点', dataIndex: 'nodeId', render: (id: string | null) => id ?? '—' },
    {
      title: '条目范围',
      key: 'range',
      render: (_, row) => (row.first !== null && row.last !== null ? `${row.first}–${row.last}` : '—'),
    },
    {
      title: '结果',
      dataIndex: 'result',
      render: (value: string) => {
        const tag = RESULT_TAGS[value] ?? { color: 'blue', label: value };
        return <Tag color={tag.color}>{tag.label}</Tag>;
      },
    },
    {
      title: '说明',
      key: 'message',
      render: (_, row) =>
        row.code ? (
          <Typography.Text type="danger">
            {SYNC_REJECT_LABELS[row.code as SyncRejectCode] ?? row.code}
            {row.message ? `：${row.message}` : ''}
          </Typography.Text>
        ) : (
          row.message || '—'
        ),
    },
  ];

  const rejected = result?.answer.outcomes.filter((o) => o.result === 'rejected').length ?? 0;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        乡镇在“同步”页面导出的同步文件（U盘带来）在此导入。同一文件导入两次不会重复入账。导入后请下载回执文件带回乡镇导入，乡镇才会把这些数据标为已送达，并收到下发的目录、日历与交办督办。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".tdsync"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void importFile(file);
          // Sent by importFile, not by the Upload component.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在导入……' : '点击选择或拖入乡镇的同步文件'}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <>
          <Alert
            type={rejected > 0 ? 'warning' : 'success'}
            showIcon
            title={`“${result.fileName}”（${formatBytes(result.size)}）：共 ${result.answer.outcomes.length} 个数据包${
              rejected > 0 ? `，其中 ${rejected} 个被拒收` : '，全部处理完毕'
            }`}
          />
          <Table<ImportOutcomeRow>
            rowKey="index"
            size="small"
            columns={columns}
            dataSource={result.answer.outcomes}
            pagination={false}
          />
          <List
            header={<Typography.Text strong>回执文件（带回乡镇导入）</Typography.Text>}
            bordered
            dataSource={result.answer.replies}
            locale={{ emptyText: '没有需要带回的回执文件' }}
            renderItem={(reply) => (
              <List.Item
                actions={[
                  <Button
                    key="save"
                    type="primary"
                    onClick={() => saveBlob(base64ToBlob(reply.base64), reply.fileName)}
                  >
                    下载
                  </Button>,
                ]}
              >
                {reply.townshipName}：{reply.fileName}
              </List.Item>
            )}
          />
        </>
      )}
    </Space>
  );
}
