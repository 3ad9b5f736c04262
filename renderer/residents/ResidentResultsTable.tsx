import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ResidentSummary } from '../../shared/residents/api';
import { SEX_LABELS } from '../../shared/residents/api';
import { ID_TYPE_LABELS } from '../../shared/residents/idTypes';

interface Props {
  items: ResidentSummary[];
  activeIndex: number;
  loading: boolean;
  onOpen: (resident: ResidentSummary) => void;
}

const columns: ColumnsType<ResidentSummary> = [
  {
    title: '姓名',
    dataIndex: 'name',
    key: 'name',
    width: 120,
    render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
  },
  {
    title: '性别',
    dataIndex: 'sex',
    key: 'sex',
    width: 64,
    render: (sex: ResidentSummary['sex']) => (sex ? SEX_LABELS[sex] : '—'),
  },
  {
    title: '出生日期',
    dataIndex: 'birthDate',
    key: 'birthDate',
    width: 120,
    render: (date: string | null) => date ?? '—',
  },
  {
    title: '证件号码',
    dataIndex: 'idNumberMasked',
    key: 'idNumber',
    width: 230,
    render: (masked: string, row) => (
      <span style={{ fontFamily: 'Consolas, "Courier New", monospace' }}>
        {masked}
        {row.idType !== 'residentId' && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontFamily: 'inherit' }}>
            （{ID_TYPE_LABELS[row.idType]}）
          </Typography.Text>
        )}
      </span>
    ),
  },
  { title: '电话', dataIndex: 'phoneMasked', key: 'phone', width: 140, render: (phone: string) => phone || '—' },
  {
    title: '村（社区）/小组',
    key: 'place',
    render: (_, row) => (row.groupName ? `${row.villageName} / ${row.groupName}` : row.villageName),
  },
];

/** Rows open with a click or with Enter; the row picked with the arrow keys is highlighted. */
export function ResidentResultsTable({ items, activeIndex, loading, onOpen }: Props) {
  return (
    <Table<ResidentSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: '没有找到符合条件的居民' }}
      rowClassName={(_, index) => (index === activeIndex ? 'row-active' : 'row-clickable')}
      onRow={(row, index) => ({
        onClick: () => onOpen(row),
        onKeyDown: (event) => {
          if (event.key === 'Enter') onOpen(row);
        },
        tabIndex: 0,
        'aria-selected': index === activeIndex,
        title: '打开居民档案',
      })}
    />
  );
}
