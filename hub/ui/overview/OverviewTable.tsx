// The overview's table: a row per township — its last contact, its red flags, and every column of
// the county's figures grouped by desk (counts as numbers, rates in %, amounts in yuan) — and the
// 合计 row. Wide: it scrolls sideways with the township's name fixed on the left, so it stays
// usable on a 1366×768 screen. A township's count opens the records behind it.
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CountyFigures, FigureColumn, TownshipFigures } from '../../../shared/sync/countyFiguresApi';
import { columnsByDesk, FIGURE_DESK_LABELS, figureColumnTitle, formatFigure } from '../../../shared/sync/countyReports';
import { formatAgo, formatTime } from '../format';

/** What a click on a count asks for: the records behind one township's figure. */
export interface FigureOpened {
  township: Pick<TownshipFigures, 'nodeId' | 'townshipName'>;
  column: FigureColumn;
  value: number;
}

/** The name a count's button is found by (tests, screen readers): 白水乡 一站式服务 受理：12，查看记录. */
export function figureButtonName(townshipName: string, column: FigureColumn, value: number): string {
  return `${townshipName} ${FIGURE_DESK_LABELS[column.desk] ?? column.desk} ${column.label}：${value}，查看记录`;
}

function RedFlags({ township, why }: { township: TownshipFigures; why: string | undefined }) {
  const { flags } = township;
  const tags = [
    flags.overdueInstructions > 0 && (
      <Tooltip key="instructions" title="交办、督办已过期限，乡镇尚未反馈">
        <Tag color="red">交办超期 {flags.overdueInstructions}</Tag>
      </Tooltip>
    ),
    flags.overdueCases > 0 && (
      <Tooltip key="cases" title="今天仍未办结、已过承诺办结日期的办件">
        <Tag color="red">办件超期 {flags.overdueCases}</Tag>
      </Tooltip>
    ),
    flags.noReportToday && (
      <Tooltip key="report" title="今天没有收到“有事报事、无事报平安”的日报">
        <Tag color="orange">今日未报平安</Tag>
      </Tooltip>
    ),
    !township.covered && (
      <Tooltip key="covered" title={why ?? '本期数据未同步完整'}>
        <Tag color="gold">本期未同步完整</Tag>
      </Tooltip>
    ),
  ].filter(Boolean);
  return tags.length > 0 ? (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  ) : (
    <Tag color="green">正常</Tag>
  );
}

export function OverviewTable({ figures, onOpen }: { figures: CountyFigures; onOpen: (opened: FigureOpened) => void }) {
  const why = new Map(figures.missing.map((m) => [m.nodeId, m.why]));
  const valueColumn = (column: FigureColumn) => ({
    title: figureColumnTitle(column),
    key: column.id,
    width: 92,
    align: 'right' as const,
    render: (_: unknown, township: TownshipFigures) => {
      const value = township.values[column.id] ?? null;
      if (!column.listable || value === null || value <= 0) return formatFigure(column.kind, value);
      return (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-label={figureButtonName(township.townshipName, column, value)}
          onClick={() => onOpen({ township, column, value })}
        >
          {formatFigure(column.kind, value)}
        </Button>
      );
    },
  });
  const groups = columnsByDesk(figures.columns);
  const columns: ColumnsType<TownshipFigures> = [
    {
      title: '乡镇',
      dataIndex: 'townshipName',
      key: 'township',
      fixed: 'left',
      width: 112,
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: '最近联系',
      key: 'lastContact',
      width: 104,
      render: (_, township) => (
        <Tooltip title={formatTime(township.lastContactAt)}>{formatAgo(township.lastContactAt)}</Tooltip>
      ),
    },
    {
      title: '预警',
      key: 'flags',
      width: 200,
      render: (_, township) => <RedFlags township={township} why={why.get(township.nodeId)} />,
    },
    ...groups.map((group) => ({
      title: FIGURE_DESK_LABELS[group.desk] ?? group.desk,
      key: group.desk,
      children: group.columns.map(valueColumn),
    })),
  ];
  const leaves = groups.flatMap((group) => group.columns);
  return (
    <Table<TownshipFigures>
      size="small"
      bordered
      rowKey="nodeId"
      columns={columns}
      dataSource={figures.townships}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '还没有乡镇节点' }}
      summary={() =>
        figures.townships.length === 0 ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>合计</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} colSpan={2}>
              <Typography.Text type="secondary">{figures.townships.length} 个乡镇</Typography.Text>
            </Table.Summary.Cell>
            {leaves.map((column, i) => (
              <Table.Summary.Cell key={column.id} index={i + 3} align="right">
                <Typography.Text strong>{formatFigure(column.kind, figures.total[column.id] ?? null)}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )
      }
    />
  );
}
