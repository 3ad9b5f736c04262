import { Card, Col, Row, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PeriodSummary } from '../../../shared/counter/ledgerApi';

type AgentRow = PeriodSummary['errandsByAgent'][number];
type VillageRow = PeriodSummary['errandsByVillage'][number];

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

/** The errands by agent and by village (for the agents' pay). */
export function SummaryTables({ summary }: { summary: PeriodSummary }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="代办件数（按代办员）">
          <Table<AgentRow>
            rowKey={(row) => `${row.agentName}|${row.villageName}`}
            size="small"
            columns={agentColumns}
            dataSource={summary.errandsByAgent}
            pagination={false}
            locale={{ emptyText: '本期没有代办' }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="代办件数（按村）">
          <Table<VillageRow>
            rowKey={(row) => row.villageName}
            size="small"
            columns={villageColumns}
            dataSource={summary.errandsByVillage}
            pagination={false}
            locale={{ emptyText: '本期没有代办' }}
          />
        </Card>
      </Col>
    </Row>
  );
}
