import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../shared/api/procedures';
import { MAX_UPLOAD_BYTES } from '../../shared/api/uploads';
import { call } from '../api/client';
import { downloadFile } from '../common/fileDownload';
import { formatBytes } from '../common/formatBytes';
import { PickedFileLine, useFileSend } from '../common/PickedFile';

type Imported = OutputOf<'villageNodes.importFile'>;
type Outcome = Imported['outcomes'][number];

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

/**
 * 导入村里带来的文件（U 盘）: a village without a link brings its sync file (or its registration
 * file) on a stick. Every envelope in it is taken in and merged into the township's records; the
 * answer is one reply file per village, to carry back and import there (导入回执文件). Importing
 * the same file again changes nothing.
 */
export function VillageFileImport({ names, onDone }: { names: Map<string, string>; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ fileName: string; answer: Imported } | null>(null);
  const send = useFileSend(
    async (file, receipt) => {
      try {
        return await call('villageNodes.importFile', { fileName: file.name.slice(-200), uploadId: receipt.uploadId });
      } finally {
        onDone();
      }
    },
    (answer, file) => setResult({ fileName: file.name, answer }),
  );

  function choose(file: File | undefined) {
    if (!file) return;
    setResult(null);
    if (file.size === 0) return send.refuse(file, `同步文件：“${file.name}”是空文件`);
    if (file.size > MAX_UPLOAD_BYTES) {
      return send.refuse(
        file,
        `同步文件：“${file.name}”有 ${formatBytes(file.size)}，超过了上限 ${formatBytes(MAX_UPLOAD_BYTES)}`,
      );
    }
    void send.send(file);
  }

  const columns: ColumnsType<Outcome & { key: number }> = [
    { title: '序号', key: 'index', width: 64, render: (_, row) => row.key + 1 },
    {
      title: '内容',
      key: 'kind',
      width: 110,
      render: (_, row) => (row.kind ? (KIND_LABELS[row.kind] ?? row.kind) : '—'),
    },
    {
      title: '村级节点',
      key: 'node',
      width: 160,
      render: (_, row) => (row.nodeId ? (names.get(row.nodeId) ?? row.nodeId) : '—'),
    },
    {
      title: '结果',
      key: 'result',
      width: 110,
      render: (_, row) => {
        const tag = RESULT_TAGS[row.result] ?? { color: 'blue', label: row.result };
        return <Tag color={tag.color}>{tag.label}</Tag>;
      },
    },
    {
      title: '说明',
      key: 'message',
      render: (_, row) =>
        row.result === 'rejected' ? (
          <Typography.Text type="danger">{row.message || '—'}</Typography.Text>
        ) : (
          row.message || '—'
        ),
    },
  ];

  const rejected = result?.answer.outcomes.filter((o) => o.result === 'rejected').length ?? 0;
  return (
    <>
      <Button icon={<ImportOutlined />} loading={send.busy} onClick={() => input.current?.click()}>
        导入村里带来的文件（U 盘）
      </Button>
      <input
        ref={input}
        type="file"
        accept=".tdsync"
        aria-label="村里带来的同步文件"
        style={{ display: 'none' }}
        onChange={(event) => {
          choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <PickedFileLine send={send} label="所选同步文件" />
      {result && (
        <Card
          size="small"
          title={`已导入“${result.fileName}”`}
          style={{ width: '100%' }}
          extra={
            <Button size="small" type="link" onClick={() => setResult(null)}>
              收起
            </Button>
          }
        >
          <Flex vertical gap={12}>
            {rejected > 0 && (
              <Alert type="warning" showIcon title={`有 ${rejected} 项被拒收，原因见下表；其余已并入乡镇。`} />
            )}
            <Table<Outcome & { key: number }>
              size="small"
              pagination={false}
              columns={columns}
              dataSource={result.answer.outcomes.map((o, key) => ({ ...o, key }))}
              locale={{ emptyText: '文件里没有内容' }}
            />
            {result.answer.replies.length > 0 ? (
              <Flex vertical gap={6}>
                <Typography.Text>
                  请把回执文件拷回 U 盘（下载链接十分钟内有效），带回村里在“同步 → 导入回执文件”导入：
                </Typography.Text>
                <Flex gap={8} wrap>
                  {result.answer.replies.map((reply) => (
                    <Button key={reply.fileUrl} icon={<DownloadOutlined />} onClick={() => downloadFile(reply.fileUrl)}>
                      {`下载给${reply.villageName}的回执文件`}
                    </Button>
                  ))}
                </Flex>
              </Flex>
            ) : (
              <Typography.Text type="secondary">这个文件不需要回执。</Typography.Text>
            )}
          </Flex>
        </Card>
      )}
    </>
  );
}
