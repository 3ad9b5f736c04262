// A statistics figure: the chart and, under it, the table of the same numbers — both drawn from
// one ChartTable, so what the leader sees drawn is what the table (and the export) says.
import { Card, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { columnTitle, tableCell, type ChartTable } from '../../../shared/charts/chartTable';

// ECharts is loaded with the first figure shown, not at start-up (its own chunk: build/vite.renderer.config.ts).
const EChart = lazy(() => import('./EChart'));

/** A chart that cannot be drawn leaves its table: the numbers are all there. */
class ChartFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <Typography.Text type="secondary">图表没有显示出来，各项数字见下表。</Typography.Text>
    ) : (
      this.props.children
    );
  }
}

interface Row {
  key: string;
  category: string;
  cells: string[];
}

export function ChartWithTable({
  data,
  height = 300,
  extra,
  emptyText = '没有数据',
}: {
  data: ChartTable;
  height?: number;
  /** Shown in the card's header (a note on how it is counted). */
  extra?: ReactNode;
  emptyText?: string;
}) {
  const columns: ColumnsType<Row> = [
    { title: data.categoryTitle, dataIndex: 'category', key: 'category' },
    ...data.series.map((series, i) => ({
      title: columnTitle(series),
      key: series.name,
      align: 'right' as const,
      render: (_: unknown, row: Row) => row.cells[i],
    })),
  ];
  const rows: Row[] = data.categories.map((category, c) => ({
    key: category,
    category,
    cells: data.series.map((series) => tableCell(series, series.values[c] ?? null)),
  }));
  return (
    <Card size="small" title={data.title} extra={extra}>
      <figure aria-label={data.title} style={{ margin: 0 }}>
        {data.categories.length > 0 && (
          <ChartFailed>
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
              <div role="img" aria-label={`${data.title}图`}>
                <EChart data={data} height={height} />
              </div>
            </Suspense>
          </ChartFailed>
        )}
        <div>
          <Table<Row>
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText }}
            style={{ marginTop: 8 }}
            summary={
              data.total
                ? () => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      {data.series.map((series, i) => (
                        <Table.Summary.Cell key={series.name} index={i + 1} align="right">
                          {tableCell(series, data.total![i] ?? null)}
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  )
                : undefined
            }
          />
        </div>
      </figure>
    </Card>
  );
}
