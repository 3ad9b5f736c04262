import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CommitteeRecord } from '../../shared/mediation/committees';
import { caseNumberExample } from './caseNumber';
import { CommitteeStatusTag, committeeScope, shortKindLabel } from './labels';

interface Props {
  committees: readonly CommitteeRecord[];
  loading: boolean;
  year: number;
  /** Null for readers: no edit buttons. */
  onEdit: ((committee: CommitteeRecord) => void) | null;
  /** Lists the committee's mediators below. */
  onShowMediators: (committee: CommitteeRecord) => void;
}

export function CommitteesTable({ committees, loading, year, onEdit, onShowMediators }: Props) {
  const columns: ColumnsType<CommitteeRecord> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '类型', key: 'kind', width: 110, render: (_, c) => shortKindLabel(c.kind) },
    {
      title: '所在村（社区）或专业领域',
      key: 'scope',
      width: 150,
      render: (_, c) => committeeScope(c) ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    // Mostly the committee's name again: on a 1366 px screen only in its dialog.
    { title: '印章名称', dataIndex: 'sealName', key: 'sealName', responsive: ['xxl'] },
    {
      title: '案号示例',
      key: 'caseNumber',
      width: 170,
      render: (_, c) => caseNumberExample(c.casePrefix, year),
    },
    {
      title: '联系电话',
      dataIndex: 'phone',
      key: 'phone',
      width: 130,
      render: (phone: string) => phone || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '调解员',
      key: 'mediatorCount',
      width: 80,
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => onShowMediators(c)}
          aria-label={`查看${c.name}的调解员（${c.mediatorCount} 人）`}
        >
          {c.mediatorCount} 人
        </Button>
      ),
    },
    { title: '状态', key: 'status', width: 80, render: (_, c) => <CommitteeStatusTag active={c.active} /> },
  ];
  if (onEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, c) => (
        <Button size="small" onClick={() => onEdit(c)} aria-label={`编辑 ${c.name}`}>
          编辑
        </Button>
      ),
    });
  }
  return (
    <Table<CommitteeRecord>
      rowKey="id"
      columns={columns}
      dataSource={committees as CommitteeRecord[]}
      loading={loading}
      pagination={false}
      size="middle"
      locale={{ emptyText: '还没有调委会' }}
    />
  );
}
