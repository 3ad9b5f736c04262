// 乡镇排名 for the quarterly appraisal (季度考评) — or any period: the townships in order of a
// chosen column, as bars beside the ranking list. The bars are the overview table's values.
import { Card, Col, Flex, Row, Segmented, Select, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import type { CountyFigures } from '../../../shared/sync/countyFiguresApi';
import { formatFigure } from '../../../shared/sync/countyReports';
import { FigureChart } from '../charts/FigureChart';
import { columnOptions } from './columnOptions';
import { ranking, rankingChart, type RankOrder, type RankRow } from './figureCharts';

const ORDERS: { value: RankOrder; label: string }[] = [
  { value: 'desc', label: '从高到低' },
  { value: 'asc', label: '从低到高' },
];

export function RankingCard({ figures }: { figures: CountyFigures }) {
  const [columnId, setColumnId] = useState<string>(figures.columns[0]?.id ?? '');
  const [order, setOrder] = useState<RankOrder>('desc');
  const column = figures.columns.find((c) => c.id === columnId) ?? figures.columns[0];
  const rows = useMemo(() => (column ? ranking(figures, column, order) : []), [figures, column, order]);
  const chart = useMemo(() => (column ? rankingChart(rows, column) : null), [rows, column]);
  if (!column || !chart) return null;
  return (
    <Card
      size="small"
      title={`乡镇排名（${figures.periodLabel}）`}
      extra={
        <Flex gap={8} align="center" wrap>
          <label htmlFor="ranking-column">排名指标</label>
          <Select
            id="ranking-column"
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            value={column.id}
            onChange={setColumnId}
            options={columnOptions(figures.columns)}
          />
          <Segmented<RankOrder> aria-label="排序" value={order} onChange={setOrder} options={ORDERS} />
        </Flex>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <figure aria-label="乡镇排名" style={{ margin: 0, maxHeight: 520, overflowY: 'auto' }}>
            <FigureChart data={chart} height={Math.max(200, rows.length * 32 + 60)} />
          </figure>
        </Col>
        <Col xs={24} lg={9} role="region" aria-label="名次">
          <Table<RankRow>
            size="small"
            rowKey="nodeId"
            dataSource={rows}
            pagination={false}
            scroll={{ y: 460 }}
            columns={[
              { title: '名次', key: 'rank', width: 64, render: (_, r) => r.rank ?? '—' },
              {
                title: '乡镇',
                key: 'township',
                render: (_, r) =>
                  r.covered ? (
                    r.townshipName
                  ) : (
                    <>
                      {r.townshipName}{' '}
                      <Tooltip title="本期数据未同步完整，名次仅供参考">
                        <Tag color="gold">未同步完整</Tag>
                      </Tooltip>
                    </>
                  ),
              },
              {
                title: column.label,
                key: 'value',
                width: 110,
                align: 'right',
                render: (_, r) => formatFigure(column.kind, r.value),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
