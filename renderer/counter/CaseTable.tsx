import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CaseSummary } from '../../shared/counter/casesApi';
import { href, paths } from '../common/router';
import { CaseStatusTag } from './CaseStatusTag';
import { chineseDate, minuteTime } from '../common/dates';
import { DeadlineTag } from '../common/DeadlineTag';

const columns: ColumnsType<CaseSummary> = [
  {
    title: '办件编号',
    key: 'caseNumber',
    width: 170,
    render: (_, row) => (
      <Typography.Link href={href(paths.counterCase(row.id))}>{row.caseNumber ?? '未编号（查看）'}</Typography.Link>
    ),
  },
  { title: '申请人', dataIndex: 'residentName', key: 'residentName', width: 100 },
  {
    title: '办理事项',
    key: 'item',
    render: (_, row) => (
      <>
        <Typography.Text type="secondary">{row.itemCode}</Typography.Text> {row.itemName}
        {row.followUpOpen && (
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            差评整改
          </Tag>
        )}
      </>
    ),
  },
  {
    title: '承诺办结日期',
    key: 'promisedDate',
    width: 140,
    render: (_, row) => (row.promisedDate ? chineseDate(row.promisedDate) : '—'),
  },
  {
    title: '预警',
    key: 'deadline',
    width: 150,
    render: (_, row) => <DeadlineTag deadline={row.deadline} paused={row.status === 'paused'} />,
  },
  { title: '状态', key: 'status', width: 110, render: (_, row) => <CaseStatusTag status={row.status} /> },
  { title: '经办人', dataIndex: 'clerkName', key: 'clerkName', width: 100 },
];

/** The 待补齐 list shows when the resident came instead of a promise. */
const intakeColumn: ColumnsType<CaseSummary>[number] = {
  title: '收件时间',
  key: 'intakeAt',
  width: 150,
  render: (_, row) => minuteTime(row.intakeAt),
};

interface Props {
  cases: CaseSummary[];
  loading: boolean;
  emptyText: string;
  /** 待补齐材料: no promise yet, the day of the visit instead. */
  showIntake?: boolean;
}

/** Cases in the order the backend gives (most urgent first); the number opens the case. */
export function CaseTable({ cases, loading, emptyText, showIntake = false }: Props) {
  const shown = showIntake
    ? columns.filter((c) => c.key !== 'promisedDate' && c.key !== 'deadline').toSpliced(3, 0, intakeColumn)
    : columns;
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="small"
      columns={shown}
      dataSource={cases}
      loading={loading}
      pagination={false}
      locale={{ emptyText }}
    />
  );
}
