import { Card, Col, Row, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MonthlySummary } from '../../../shared/counter/ledgerApi';
import { formatPercentage, percentage } from '../../../shared/counter/statistics';

type CategoryRow = MonthlySummary['byCategory'][number];
type AgentRow = MonthlySummary['errandsByAgent'][number];
type VillageRow = MonthlySummary['errandsByVillage'][number];

const categoryColumns: ColumnsType<CategoryRow> = [
  { title: '事项类别', dataIndex: 'category', key: 'category' },
  { title: '受理件数', dataIndex: 'accepted', key: 'accepted', align: 'right' },
  { title: '办结件数', dataIndex: 'completed', key: 'completed', align: 'right' },
  {
    title: '办结率',
    key: 'rate',
    align: 'right',
    render: (_, row) => formatPercentage(percentage(row.completed, row.accepted)),
  },
];

const countColumns = [
  { title: '登记', dataIndex: 'registered', key: 'registered', align: 'right' as const },
  { title: '交接', dataIndex: 'handedOver', key: 'handedOver', align: 'right' as const },
  { title: '送达', dataIndex: 'delivered', key: 'delivered', align: 'right' as const },
];

const agentColumns: ColumnsType<AgentRow> = [
  { title: '代办员', dataIndex: 'agentName', key: 'agentName' },
  { title: '村（社区）', dataIndex: 'villageName', key: 'villageName', render: (name: string) => name || '未设村' },
  ...countColumns,
];

const villageColumns: ColumnsType<VillageRow> = [
  { title: '村（社区）', dataIndex: 'villageName', key: 'villageName', render: (name: string) => name || '未设村' },
  ...countColumns,
];

/** The month by category, and the errands by agent and by village (for the agents' pay). */
export function SummaryTables({ summary }: { summary: MonthlySummary }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card size="small" title="按事项类别">
          <Table<CategoryRow>
            rowKey="category"
            size="small"
            columns={categoryColumns}
            dataSource={summary.byCategory}
            pagination={false}
            locale={{ emptyText: '本月没有受理的件' }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title="代办件数（按代办员）">
          <Table<AgentRow>
            rowKey={(row) => `${row.agentName}|${row.villageName}`}
            size="small"
            columns={agentColumns}
            dataSource={summary.errandsByAgent}
            pagination={false}
            locale={{ emptyText: '本月没有代办' }}
          />
        </Card>
        <Card size="small" title="代办件数（按村）" style={{ marginTop: 16 }}>
          <Table<VillageRow>
            rowKey={(row) => row.villageName}
            size="small"
            columns={villageColumns}
            dataSource={summary.errandsByVillage}
            pagination={false}
            locale={{ emptyText: '本月没有代办' }}
          />
        </Card>
      </Col>
    </Row>
  );
}
