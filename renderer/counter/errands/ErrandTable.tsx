import { Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { CaseStatusTag } from '../CaseStatusTag';
import { chineseDate } from '../../common/dates';
import { DeadlineTag } from '../../common/DeadlineTag';
import { ErrandStatusTag } from './ErrandStatusTag';

/** 已收 3/5 项（必需 3/3） */
export function collectedText(errand: ErrandRecord): string {
  const collected = errand.materials.filter((m) => m.collected).length;
  const required = errand.materials.filter((m) => m.required);
  const requiredCollected = required.filter((m) => m.collected).length;
  return `已收 ${collected}/${errand.materials.length} 项（必需 ${requiredCollected}/${required.length}）`;
}

function statusCell(errand: ErrandRecord): ReactNode {
  const tag = <ErrandStatusTag status={errand.status} />;
  if (errand.status === 'withdrawn')
    return <Tooltip title={`撤回原因：${errand.withdrawReason ?? '—'}`}>{tag}</Tooltip>;
  return (
    <Flex vertical gap={2} align="flex-start">
      {tag}
      {errand.delivery ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`${chineseDate(errand.delivery.deliveredOn)} ${errand.delivery.signedBy}签收`}
        </Typography.Text>
      ) : (
        (errand.status === 'authorised' || errand.status === 'collected') && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {collectedText(errand)}
          </Typography.Text>
        )
      )}
    </Flex>
  );
}

/** The case the counter made of it: number, status and, while open, the deadline warning. */
function caseCell(errand: ErrandRecord): ReactNode {
  const found = errand.case;
  if (!found) return <Typography.Text type="secondary">未交接</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      <Typography.Text copyable={found.caseNumber ? { text: found.caseNumber } : false}>
        {found.caseNumber ?? '未编号'}
      </Typography.Text>
      <Flex gap={4} wrap>
        <CaseStatusTag status={found.status} />
        <DeadlineTag deadline={found.deadline} paused={found.status === 'paused'} />
      </Flex>
      {found.promisedDate && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          承诺 {chineseDate(found.promisedDate)} 前办结
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 委托人 with the masked ID number under the name, as every errand list shows it. */
export const residentColumn: ColumnType<ErrandRecord> = {
  title: '委托人',
  key: 'resident',
  width: 170,
  render: (_, errand) => (
    <Flex vertical>
      <Typography.Text strong>{errand.residentName}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'Consolas, "Courier New", monospace' }}>
        {errand.idNumberMasked}
      </Typography.Text>
    </Flex>
  ),
};

interface Props {
  errands: ErrandRecord[];
  loading: boolean;
  emptyText: string;
  /** The buttons of one row. */
  actions: (errand: ErrandRecord) => ReactNode;
}

/** The agent's errands, newest first, with the linked case as the counter sees it today. */
export function ErrandTable({ errands, loading, emptyText, actions }: Props) {
  const columns: ColumnsType<ErrandRecord> = [
    residentColumn,
    {
      title: '代办事项',
      key: 'item',
      render: (_, errand) => (
        <>
          <Typography.Text type="secondary">{errand.itemCode}</Typography.Text> {errand.itemName}
          {errand.note && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                备注：{errand.note}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: '委托日期 / 委托书编号',
      key: 'authorisedOn',
      width: 175,
      render: (_, errand) => (
        <Flex vertical gap={2}>
          <span>{chineseDate(errand.authorisedOn)}</span>
          {errand.authorisationNumber && (
            <Typography.Text
              type="secondary"
              aria-label={`委托书编号 ${errand.authorisationNumber}`}
              style={{ fontSize: 12, fontFamily: 'Consolas, "Courier New", monospace' }}
            >
              {errand.authorisationNumber}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '代办进度', key: 'status', width: 200, render: (_, errand) => statusCell(errand) },
    { title: '窗口办件', key: 'case', width: 220, render: (_, errand) => caseCell(errand) },
    { title: '操作', key: 'actions', width: 230, render: (_, errand) => actions(errand) },
  ];
  return (
    <Table<ErrandRecord>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={errands}
      loading={loading}
      pagination={false}
      locale={{ emptyText }}
    />
  );
}
