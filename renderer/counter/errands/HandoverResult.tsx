import { Button, Flex, Result, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OutputOf } from '../../../shared/api/procedures';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { href, paths } from '../../common/router';
import { chineseDate } from '../../common/dates';
import { PrintDocumentButton } from '../../common/PrintDocumentButton';

type Handover = OutputOf<'errands.handOver'>;

/** After a handover: the case numbers to write on the papers, the list to sign, each receipt. */
export function HandoverResult({ result, onNext }: { result: Handover; onNext: () => void }) {
  const receiptOf = (errand: ErrandRecord) => result.receipts.find((r) => r.recordId === errand.case?.id);
  const first = result.errands[0];
  const columns: ColumnsType<ErrandRecord> = [
    {
      title: '办件编号',
      key: 'caseNumber',
      width: 170,
      render: (_, errand) =>
        errand.case ? (
          <Typography.Link href={href(paths.counterCase(errand.case.id))}>
            {errand.case.caseNumber ?? '未编号'}
          </Typography.Link>
        ) : (
          '—'
        ),
    },
    { title: '委托人', dataIndex: 'residentName', key: 'residentName', width: 110 },
    {
      title: '代办事项',
      key: 'item',
      render: (_, errand) => (
        <>
          <Typography.Text type="secondary">{errand.itemCode}</Typography.Text> {errand.itemName}
        </>
      ),
    },
    {
      title: '承诺办结日期',
      key: 'promisedDate',
      width: 150,
      render: (_, errand) => (errand.case?.promisedDate ? chineseDate(errand.case.promisedDate) : '—'),
    },
    {
      title: '受理回执',
      key: 'receipt',
      width: 150,
      render: (_, errand) => {
        const receipt = receiptOf(errand);
        return receipt ? <PrintDocumentButton size="small" documentId={receipt.id} label="打印回执" /> : '—';
      },
    },
  ];
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Result
        status="success"
        title={`已交接受理 ${result.errands.length} 件`}
        subTitle={
          first
            ? `代办员：${first.agentName}${first.villageName ? `（${first.villageName}）` : ''}。请打印《代办材料交接单》，双方核对签字；每件的受理回执交代办员转给委托人。`
            : undefined
        }
        extra={
          <Flex gap={8} justify="center" wrap>
            <PrintDocumentButton
              type="primary"
              size="large"
              documentId={result.handoverList.id}
              label="打印材料交接单"
            />
            <Button size="large" onClick={onNext}>
              继续交接
            </Button>
          </Flex>
        }
      />
      <Table<ErrandRecord> rowKey="id" size="small" columns={columns} dataSource={result.errands} pagination={false} />
    </Flex>
  );
}
