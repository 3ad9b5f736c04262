// The records behind one township's figure (figures/records): number, what it is, the day that
// placed it in the period — read-only, as the county sees a township's records.
import { Drawer, Table, Typography } from 'antd';
import { periodLabel, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import { COUNTY_FIGURE_PATHS, type FigureRecord, type FigureRecords } from '../../../shared/sync/countyFiguresApi';
import { FIGURE_DESK_LABELS } from '../../../shared/sync/countyReports';
import { LoadError } from '../LoadError';
import type { FigureOpened } from './OverviewTable';
import { useFetched } from './useFetched';

export function recordsPath(period: ReportPeriod, opened: FigureOpened): string {
  const query = new URLSearchParams({
    period,
    desk: opened.column.desk,
    key: opened.column.key,
    nodeId: opened.township.nodeId,
  });
  return `${COUNTY_FIGURE_PATHS.records}?${query}`;
}

export function RecordsDrawer({
  period,
  opened,
  onClose,
}: {
  period: ReportPeriod;
  opened: FigureOpened | null;
  onClose: () => void;
}) {
  const records = useFetched<FigureRecords>(opened ? recordsPath(period, opened) : null);
  const title = opened
    ? `${opened.township.townshipName} · ${FIGURE_DESK_LABELS[opened.column.desk] ?? opened.column.desk}${opened.column.label}（${periodLabel(period)}）`
    : '';
  const rows = records.data?.rows ?? [];
  const total = records.data?.total ?? 0;
  return (
    <Drawer open={opened !== null} onClose={onClose} title={title} size={720} destroyOnHidden>
      <LoadError error={records.error} />
      <Typography.Paragraph type="secondary">
        {records.data
          ? total > rows.length
            ? `共 ${total} 件，显示前 ${rows.length} 件`
            : `共 ${total} 件`
          : '正在读取……'}
      </Typography.Paragraph>
      <Table<FigureRecord>
        size="small"
        rowKey={(r) => `${r.table}/${r.rowId}`}
        loading={records.loading && !records.data}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: '没有记录' }}
        columns={[
          { title: '编号', key: 'number', width: 190, render: (_, r) => r.number ?? '—' },
          { title: '内容', dataIndex: 'title', key: 'title' },
          { title: '日期', dataIndex: 'placedOn', key: 'placedOn', width: 110 },
        ]}
      />
    </Drawer>
  );
}
