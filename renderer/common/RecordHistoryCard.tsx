import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { timeColumn } from './PagedTable';

/** One line of a record's history, as the backend reads it off the change log. */
export interface RecordHistoryEntry {
  at: string;
  op: string;
  actorName: string;
  summary: string;
}

type Line = RecordHistoryEntry & { line: number };

interface Props {
  title: string;
  entries: readonly RecordHistoryEntry[];
  /** The step's name for an entry's op; without it, the column is left out. */
  stepLabel?: (op: string) => string;
  summaryTitle?: string;
}

/** What was done to a record, when and by whom (操作记录, 办理经过). */
export function RecordHistoryCard({ title, entries, stepLabel, summaryTitle = '说明' }: Props) {
  const columns: ColumnsType<Line> = [
    timeColumn<Line>('时间', 'at'),
    ...(stepLabel ? [{ title: '操作', dataIndex: 'op', key: 'op', width: 120, render: stepLabel }] : []),
    { title: '经办人', dataIndex: 'actorName', key: 'actorName', width: 120 },
    { title: summaryTitle, dataIndex: 'summary', key: 'summary' },
  ];
  return (
    <Card size="small" title={title}>
      <Table<Line>
        rowKey="line"
        size="small"
        pagination={false}
        dataSource={entries.map((entry, line) => ({ ...entry, line }))}
        locale={{ emptyText: '没有记录' }}
        columns={columns}
      />
    </Card>
  );
}
