import { Alert, Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DeadlineAdjustment } from '../../shared/calendar/api';
import { useQuery } from '../api/useQuery';
import { chineseDate } from '../common/dates';
import { href, paths } from '../common/router';

/** Where a record with a deadline opens: the kinds whose deadlines a calendar can move. */
function recordPath(adjustment: DeadlineAdjustment): string | null {
  if (adjustment.entity === 'counterCase') return paths.counterCase(adjustment.recordId);
  if (adjustment.entity === 'petition') return paths.petition(adjustment.recordId);
  return null;
}

const columns: ColumnsType<DeadlineAdjustment> = [
  {
    title: '记录',
    dataIndex: 'label',
    render: (label: string, row) => {
      const path = recordPath(row);
      return path ? <a href={href(path)}>{label}</a> : label;
    },
  },
  { title: '期限', dataIndex: 'deadline', width: 120 },
  { title: '原（暂定）', dataIndex: 'from', width: 130, render: (date: string) => chineseDate(date) },
  {
    title: '按正式安排',
    dataIndex: 'to',
    width: 130,
    render: (date: string) => <Typography.Text strong>{chineseDate(date)}</Typography.Text>,
  },
];

/** The moved deadlines, each opening its record. */
export function DeadlineAdjustmentsTable({ adjustments }: { adjustments: DeadlineAdjustment[] }) {
  return (
    <Table<DeadlineAdjustment>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={adjustments}
      pagination={adjustments.length > 10 ? { pageSize: 10 } : false}
    />
  );
}

/**
 * The calendar's word to desk staff on the home page: next (or this) year's arrangement is
 * missing, and which of the deadlines they may read an official year has moved.
 */
export function CalendarNotice({ isAdministrator }: { isAdministrator: boolean }) {
  const status = useQuery('calendar.status', {});
  const adjustments = useQuery('calendar.adjustments', {});
  const notice = status.data?.notice ?? null;
  const moved = adjustments.data?.adjustments ?? [];
  return (
    <>
      {notice && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${notice.year} 年节假日安排未导入，相关期限标注“暂定”`}
          description={notice.text}
          action={
            isAdministrator ? (
              <Button type="primary" href={href(paths.system('calendar'))}>
                导入工作日历
              </Button>
            ) : undefined
          }
        />
      )}
      {moved.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`正式节假日安排导入后，${moved.length} 个期限已重算`}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                已出具的回执和告知书不会自动改变；请告知群众新的日期，需要时补打。
              </Typography.Paragraph>
              <DeadlineAdjustmentsTable adjustments={moved} />
            </>
          }
        />
      )}
    </>
  );
}
