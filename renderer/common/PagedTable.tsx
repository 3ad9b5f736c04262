import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { LoadMore } from './LoadMore';
import type { PagedLog } from './usePagedLog';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale' | 'size'> & {
  log: PagedLog<T>;
  emptyText: string;
};

/** A newest-first list read page by page: the table, then the next page, the end, or why it did not load. */
export function PagedTable<T extends object>({ log, emptyText, ...table }: Props<T>) {
  return (
    <>
      <Table<T>
        size="small"
        {...table}
        dataSource={log.items}
        loading={log.loading && log.items.length === 0}
        pagination={false}
        locale={{ emptyText }}
      />
      <LoadMore log={log} />
    </>
  );
}

/** A column with an instant shown to the second, as logs show it. */
export function timeColumn<T>(title: string, dataIndex: keyof T & string): ColumnsType<T>[number] {
  return {
    title,
    dataIndex,
    key: dataIndex,
    width: 170,
    render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
  };
}
