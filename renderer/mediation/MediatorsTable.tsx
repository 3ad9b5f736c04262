import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MediatorRecord } from '../../shared/mediation/committees';
import { MediatorStatusTag } from './labels';

interface Props {
  mediators: readonly MediatorRecord[];
  loading: boolean;
  /** Null for readers: no edit buttons. */
  onEdit: ((mediator: MediatorRecord) => void) | null;
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

export function MediatorsTable({ mediators, loading, onEdit }: Props) {
  const columns: ColumnsType<MediatorRecord> = [
    { title: '姓名', dataIndex: 'name', key: 'name', width: 100 },
    {
      title: '身份证号码',
      dataIndex: 'idNumberMasked',
      key: 'idNumber',
      width: 180,
      render: (masked: string) => masked || none,
    },
    { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130, render: (phone: string) => phone || none },
    {
      title: '所属调委会',
      key: 'committees',
      render: (_, m) => m.committees.map((c) => <div key={c.id}>{c.name}</div>),
    },
    {
      title: '擅长领域',
      key: 'specialities',
      width: 180,
      render: (_, m) => (m.specialities.length === 0 ? none : m.specialities.map((s) => <Tag key={s}>{s}</Tag>)),
    },
    {
      title: '专兼职',
      key: 'fullTime',
      width: 80,
      render: (_, m) => (m.fullTime ? '专职' : '兼职'),
    },
    {
      title: '律师或法律工作者',
      key: 'lawyer',
      width: 90,
      // A figure for the statistics: on a 1366 px screen only in the mediator's dialog.
      responsive: ['xxl'],
      render: (_, m) => (m.lawyer ? '是' : none),
    },
    {
      title: '登录账号',
      key: 'account',
      width: 110,
      render: (_, m) => m.userName ?? <Typography.Text type="secondary">未关联</Typography.Text>,
    },
    { title: '状态', key: 'status', width: 80, render: (_, m) => <MediatorStatusTag active={m.active} /> },
  ];
  if (onEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, m) => (
        <Button size="small" onClick={() => onEdit(m)} aria-label={`编辑调解员 ${m.name}`}>
          编辑
        </Button>
      ),
    });
  }
  return (
    <Table<MediatorRecord>
      rowKey="id"
      columns={columns}
      dataSource={mediators as MediatorRecord[]}
      loading={loading}
      pagination={false}
      size="middle"
      locale={{ emptyText: '没有调解员' }}
    />
  );
}
