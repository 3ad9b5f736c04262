// The papers a record issued, as the case, dispute and petition pages show them.
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { IssuedDocument } from '../../shared/documents/api';
import { href, paths } from './router';
import { timeColumn } from './PagedTable';
import { PrintDocumentButton } from './PrintDocumentButton';
import { RerenderedTag } from './RerenderedTag';

/** 文书: title (with 已被替换, 重新生成), when, by whom, pages, code, prints, and 打印/补打. */
export function IssuedDocumentsCard({ documents, onPrinted }: { documents: IssuedDocument[]; onPrinted: () => void }) {
  return (
    <Card size="small" title="文书">
      <Table<IssuedDocument>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={documents}
        locale={{ emptyText: '还没有出具文书' }}
        columns={documentColumns(onPrinted)}
      />
    </Card>
  );
}

function documentColumns(onPrinted: () => void): ColumnsType<IssuedDocument> {
  return [
    {
      title: '文书',
      key: 'title',
      render: (_, document) => (
        <>
          <Typography.Link href={href(paths.document(document.id))}>{document.title}</Typography.Link>
          {document.supersededAt && (
            <Tag color="orange" style={{ marginInlineStart: 8 }}>
              已被替换
            </Tag>
          )}
          <RerenderedTag at={document.rerenderedAt} />
        </>
      ),
    },
    timeColumn<IssuedDocument>('出具时间', 'issuedAt'),
    { title: '出具人', dataIndex: 'issuedByName', key: 'issuedByName', width: 100 },
    { title: '页数', dataIndex: 'pageCount', key: 'pageCount', width: 60 },
    { title: '核验码', dataIndex: 'verificationCode', key: 'verificationCode', width: 160 },
    {
      title: '已打印',
      key: 'printCount',
      width: 80,
      render: (_, document) => (document.printCount > 0 ? `${document.printCount} 份` : '未打印'),
    },
    {
      title: '',
      key: 'print',
      width: 100,
      render: (_, document) => (
        <PrintDocumentButton
          size="small"
          documentId={document.id}
          label={document.printCount > 0 ? '补打' : '打印'}
          onPrinted={onPrinted}
        />
      ),
    },
  ];
}
