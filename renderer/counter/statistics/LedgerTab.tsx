import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { LEDGER_PAGE_SIZE, type LedgerRow } from '../../../shared/counter/ledgerApi';
import { call, errorMessage } from '../../api/client';
import { recall, remember } from '../../common/sessionMemory';
import { PagedTable } from '../../common/PagedTable';
import { useToday } from '../../common/useToday';
import { downloadFile } from '../../common/fileDownload';
import { ledgerColumns } from './ledgerColumns';
import { defaultLedgerFilter, LedgerFilters, toLedgerFilter, type LedgerFilterValues } from './LedgerFilters';
import { useLedgerPages } from './useLedgerPages';

const FILTER_KEY = 'statistics.ledgerFilter';

/** 办件台账: every intake of the chosen days, filtered, page by page; exported whole to Excel. */
export function LedgerTab() {
  const { message, modal } = App.useApp();
  const today = useToday();
  const [values, setValuesState] = useState<LedgerFilterValues>(
    () => recall<LedgerFilterValues>(FILTER_KEY) ?? defaultLedgerFilter(today),
  );
  const filter = toLedgerFilter(values);
  const ledger = useLedgerPages(filter);
  const [exporting, setExporting] = useState(false);

  function setValues(next: LedgerFilterValues) {
    setValuesState(next);
    remember(FILTER_KEY, next);
  }

  async function exportLedger() {
    setExporting(true);
    try {
      const answer = await call('counter.exportLedger', { filter });
      downloadFile(answer.file.fileUrl);
      void message.success(`办件台账已开始下载（${answer.rowCount} 件）`);
    } catch (error) {
      modal.error({ title: '没有导出', content: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <LedgerFilters value={values} onChange={setValues} today={today} fieldErrors={ledger.error?.fieldErrors ?? {}} />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Text role="status">
          {ledger.total === null
            ? '正在查询……'
            : `${filter.from} 至 ${filter.to} 收件，符合条件的共 ${ledger.total} 件${
                ledger.total > ledger.items.length
                  ? `，已列出 ${ledger.items.length} 件（每次加载 ${LEDGER_PAGE_SIZE} 件）`
                  : ''
              }`}
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={ledger.reload} loading={ledger.loading && ledger.items.length > 0}>
            刷新
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting}
            disabled={ledger.total === 0}
            onClick={() => void exportLedger()}
          >
            导出 Excel
          </Button>
        </Flex>
      </Flex>
      <PagedTable<LedgerRow>
        log={ledger}
        rowKey="id"
        columns={ledgerColumns}
        scroll={{ x: 1800 }}
        emptyText="没有符合条件的办件"
      />
    </Flex>
  );
}
