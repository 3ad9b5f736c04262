import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { HANDLING_TYPE_LABELS } from '../../../shared/catalog/catalog';
import type { LedgerRow } from '../../../shared/counter/ledgerApi';
import { href, paths } from '../../common/router';
import { CaseStatusTag } from '../CaseStatusTag';

const dash = (value: string | null) => value ?? '—';

/** The ledger's columns, in the order of the county's form; the number opens the case. */
export const ledgerColumns: ColumnsType<LedgerRow> = [
  {
    title: '受理编号',
    key: 'caseNumber',
    width: 160,
    fixed: 'left',
    render: (_, row) => (
      <Typography.Link href={href(paths.counterCase(row.id))}>{row.caseNumber ?? '未编号（查看）'}</Typography.Link>
    ),
  },
  { title: '收件日期', dataIndex: 'intakeOn', key: 'intakeOn', width: 110 },
  { title: '申请人', dataIndex: 'residentName', key: 'residentName', width: 90 },
  { title: '村（社区）', dataIndex: 'villageName', key: 'villageName', width: 110 },
  {
    title: '事项',
    key: 'item',
    width: 260,
    render: (_, row) => (
      <>
        <Typography.Text type="secondary">{row.itemCode}</Typography.Text> {row.itemName}
      </>
    ),
  },
  { title: '类别', dataIndex: 'category', key: 'category', width: 90 },
  {
    title: '办件类型',
    key: 'handlingType',
    width: 90,
    render: (_, row) => HANDLING_TYPE_LABELS[row.handlingType],
  },
  { title: '状态', key: 'status', width: 110, render: (_, row) => <CaseStatusTag status={row.status} /> },
  { title: '受理日期', key: 'acceptedOn', width: 110, render: (_, row) => dash(row.acceptedOn) },
  { title: '承诺办结日期', key: 'promisedDate', width: 120, render: (_, row) => dash(row.promisedDate) },
  { title: '办结日期', key: 'completedOn', width: 110, render: (_, row) => dash(row.completedOn) },
  {
    title: '按时办结',
    key: 'onTime',
    width: 90,
    render: (_, row) =>
      row.onTime === null ? '—' : row.onTime ? <Tag color="green">按时</Tag> : <Tag color="red">超期</Tag>,
  },
  { title: '经办人', dataIndex: 'clerkName', key: 'clerkName', width: 90 },
  { title: '代办员', key: 'agentName', width: 90, render: (_, row) => dash(row.agentName) },
  { title: '评价', key: 'rating', width: 100, render: (_, row) => dash(row.rating) },
];
