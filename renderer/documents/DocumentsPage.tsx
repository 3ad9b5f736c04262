import { Button, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { IssuedDocument } from '../../shared/documents/api';
import { paperLabel } from '../../shared/documents/printing';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { PagedTable } from '../common/PagedTable';
import { RerenderedTag } from '../common/RerenderedTag';
import { PAGE_SIZE, usePagedLog } from '../common/usePagedLog';
import { DocumentsTabs } from './DocumentsTabs';

interface Filters {
  type?: string;
  code?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

const columns: ColumnsType<IssuedDocument> = [
  {
    title: '出具时间',
    dataIndex: 'issuedAt',
    key: 'issuedAt',
    width: 170,
    render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
  },
  {
    title: '文书',
    key: 'title',
    render: (_, doc) => (
      <>
        <a href={href(paths.document(doc.id))}>{doc.title}</a>
        <RerenderedTag at={doc.rerenderedAt} />
      </>
    ),
  },
  {
    title: '核验码',
    dataIndex: 'verificationCode',
    key: 'verificationCode',
    width: 170,
    render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
  },
  { title: '出具人', dataIndex: 'issuedByName', key: 'issuedByName', width: 120 },
  {
    title: '纸张',
    key: 'paper',
    width: 130,
    render: (_, doc) => `${paperLabel(doc.paper.pageSize)} · ${doc.pageCount} 页`,
  },
  { title: '已打印', dataIndex: 'printCount', key: 'printCount', width: 90, render: (n: number) => `${n} 份` },
  {
    title: '状态',
    key: 'status',
    width: 90,
    render: (_, doc) => (doc.supersededAt ? <Tag color="orange">已替换</Tag> : <Tag color="green">有效</Tag>),
  },
];

/** 文书存档: every paper the system issued, newest first; open one to view, print or reprint it. */
export function DocumentsPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [code, setCode] = useState('');
  const types = useQuery('documents.types', {});
  const log = usePagedLog<IssuedDocument>(JSON.stringify(filters), async (last) => {
    const page = await call('documents.list', {
      limit: PAGE_SIZE,
      ...filters,
      ...(last ? { cursor: `${last.issuedAt}|${last.id}` } : {}),
    });
    return { items: page.documents };
  });
  const range: [Dayjs, Dayjs] | null =
    filters.issuedFrom && filters.issuedTo ? [dayjs(filters.issuedFrom), dayjs(filters.issuedTo)] : null;

  return (
    <div style={{ maxWidth: 1200 }}>
      <DocumentsTabs active="archive" />
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <Flex gap={8} align="center">
          <label htmlFor="documents-type">文书类型</label>
          <Select<string>
            id="documents-type"
            // Counter, errand and mediation papers: too many to scroll for, so they can be typed.
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            value={filters.type ?? ''}
            onChange={(type) => setFilters({ ...filters, type: type || undefined })}
            options={[
              { value: '', label: '全部' },
              ...(types.data?.types ?? []).map((t, _, all) => ({
                value: t.type,
                // Two desks' papers, or two papers of one, may share a title (受理回执 on A5 and on a slip).
                label: all.some((other) => other !== t && other.title === t.title)
                  ? `${t.title}（${t.desk} · ${paperLabel(t.pageSize)}）`
                  : t.title,
              })),
            ]}
          />
        </Flex>
        <Flex gap={8} align="center">
          <label htmlFor="documents-dates">出具日期</label>
          <DatePicker.RangePicker
            id={{ start: 'documents-dates' }}
            value={range}
            onChange={(dates) =>
              setFilters({
                ...filters,
                issuedFrom: dates?.[0]?.format('YYYY-MM-DD'),
                issuedTo: dates?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </Flex>
        <Flex gap={8} align="center">
          <label htmlFor="documents-code">核验码</label>
          <Input.Search
            id="documents-code"
            style={{ width: 240 }}
            value={code}
            allowClear
            placeholder="如 7K3M-9QX2-HT4C"
            onChange={(e) => setCode(e.target.value)}
            onSearch={(value) => setFilters({ ...filters, code: value.trim() || undefined })}
            enterButton="查找"
          />
        </Flex>
        {(filters.type || filters.code || filters.issuedFrom) && (
          <Button
            onClick={() => {
              setCode('');
              setFilters({});
            }}
          >
            清除条件
          </Button>
        )}
      </Flex>
      <PagedTable<IssuedDocument> rowKey="id" columns={columns} log={log} emptyText="没有符合条件的文书" />
    </div>
  );
}
