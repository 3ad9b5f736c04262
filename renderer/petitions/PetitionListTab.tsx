import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { PETITION_LIST_LIMIT, PETITION_STAFF, type PetitionSummary } from '../../shared/petitions/api';
import { PETITION_WARNING_DAYS, type DeadlineColour } from '../../shared/petitions/periods';
import {
  PETITION_CATEGORY_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_STATUS_LABELS,
  PETITION_STATUSES,
  type PetitionStatus,
} from '../../shared/petitions/petitions';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { useHasRole } from '../common/session';
import { recall, remember } from '../common/sessionMemory';
import { chineseDate } from '../common/dates';
import { COLOUR_FILTER_LABELS } from '../common/DeadlineTag';
import { PetitionDeadlineTag, PetitionFlags, PetitionStatusTag } from './petitionTags';

/** The list's filter, kept while the receptionist moves between pages (the home card sets it too). */
export const PETITION_FILTER_KEY = 'petitions.listFilter';

export interface PetitionFilter {
  query: string;
  statuses: PetitionStatus[];
  colour: DeadlineColour | null;
}

export const NO_PETITION_FILTER: PetitionFilter = { query: '', statuses: [], colour: null };

const COLOURS: DeadlineColour[] = ['red', 'yellow', 'green'];

/** Numbers, dates and short headers stay on one line; the matter and category give way. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export const petitionColumns: ColumnsType<PetitionSummary> = [
  {
    title: '编号',
    key: 'number',
    width: 150,
    render: (_, row) => (
      <Typography.Link href={href(paths.petition(row.id))} style={NO_WRAP}>
        {row.number}
      </Typography.Link>
    ),
  },
  {
    title: '收到日期',
    key: 'receivedOn',
    width: 130,
    render: (_, row) => <span style={NO_WRAP}>{chineseDate(row.receivedOn)}</span>,
  },
  {
    title: <span style={NO_WRAP}>形式</span>,
    key: 'channel',
    width: 64,
    render: (_, row) => <span style={NO_WRAP}>{PETITION_CHANNEL_LABELS[row.channel]}</span>,
  },
  {
    title: '信访人',
    key: 'petitionerNames',
    render: (_, row) => (
      <Flex vertical>
        <span>{row.petitionerNames}</span>
        <Typography.Text type="secondary" ellipsis={{ tooltip: row.matterExcerpt }} style={{ maxWidth: 220 }}>
          {row.matterExcerpt}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: <span style={NO_WRAP}>人数</span>,
    key: 'peopleCount',
    width: 64,
    align: 'right',
    render: (_, row) => row.peopleCount,
  },
  {
    title: '分类',
    key: 'category',
    width: 140,
    render: (_, row) => (
      <Typography.Text ellipsis={{ tooltip: PETITION_CATEGORY_LABELS[row.category] }} style={{ maxWidth: 120 }}>
        {PETITION_CATEGORY_LABELS[row.category]}
      </Typography.Text>
    ),
  },
  { title: '标记', key: 'flags', width: 150, render: (_, row) => <PetitionFlags petition={row} /> },
  { title: '状态', key: 'status', width: 90, render: (_, row) => <PetitionStatusTag status={row.status} /> },
  { title: '期限', key: 'deadline', width: 240, render: (_, row) => <PetitionDeadlineTag deadline={row.deadline} /> },
  {
    title: <span style={NO_WRAP}>接访领导</span>,
    key: 'leaderName',
    width: 100,
    render: (_, row) => row.leaderName || <Typography.Text type="secondary">—</Typography.Text>,
  },
];

/** 信访件: find by number, petitioner, phone or words of the matter; filter by status and deadline colour. */
export function PetitionListTab() {
  const canWork = useHasRole(PETITION_STAFF);
  const [filter, setFilterState] = useState<PetitionFilter>(
    () => recall<PetitionFilter>(PETITION_FILTER_KEY) ?? NO_PETITION_FILTER,
  );
  const [typed, setTyped] = useState(filter.query);
  const setFilter = (next: Partial<PetitionFilter>) => {
    const merged = { ...filter, ...next };
    setFilterState(merged);
    remember(PETITION_FILTER_KEY, merged);
  };
  const list = useQuery('petitions.list', {
    ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
    ...(filter.statuses.length ? { statuses: filter.statuses } : {}),
    ...(filter.colour ? { colour: filter.colour } : {}),
    limit: PETITION_LIST_LIMIT,
  });
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_PETITION_FILTER);
  const rows = list.data?.petitions ?? [];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <Input.Search
            aria-label="查找信访件"
            allowClear
            style={{ width: 300 }}
            placeholder="编号、信访人姓名、电话或事项中的词"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              if (!event.target.value) setFilter({ query: '' });
            }}
            onSearch={(query) => setFilter({ query })}
            enterButton="查找"
          />
          <Select<PetitionStatus[]>
            aria-label="状态"
            mode="multiple"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 160 }}
            value={filter.statuses}
            onChange={(statuses) => setFilter({ statuses })}
            options={PETITION_STATUSES.map((s) => ({ value: s, label: PETITION_STATUS_LABELS[s] }))}
          />
          <Select<DeadlineColour>
            aria-label="期限"
            allowClear
            placeholder="全部期限"
            style={{ width: 130 }}
            value={filter.colour ?? undefined}
            onChange={(colour?: DeadlineColour) => setFilter({ colour: colour ?? null })}
            options={COLOURS.map((c) => ({ value: c, label: COLOUR_FILTER_LABELS[c] }))}
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setTyped('');
                setFilter(NO_PETITION_FILTER);
              }}
            >
              清除条件
            </Button>
          )}
        </Flex>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
          {canWork && (
            <Button type="primary" icon={<PlusOutlined />} href={href(paths.petitionNew)}>
              登记信访
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {`期限：受理告知自收到之日起15日，办理自受理之日起60日（可延长一次，不超过30日），复查、复核各30日。剩余${PETITION_WARNING_DAYS}天起显示黄色，超期显示红色；已答复、已办结和不予受理的件不再计期限。`}
      </Typography.Text>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title="信访件没有加载出来"
          description={list.error.message}
          action={<Button onClick={list.reload}>重试</Button>}
        />
      )}
      {list.data?.truncated && (
        <Alert
          type="warning"
          showIcon
          title={`符合条件的信访件较多，这里只列出 ${PETITION_LIST_LIMIT} 件；请输入查找内容或按状态、期限筛选。`}
        />
      )}
      <Table<PetitionSummary>
        rowKey="id"
        size="small"
        columns={petitionColumns}
        dataSource={rows}
        loading={list.loading && rows.length === 0}
        pagination={false}
        locale={{ emptyText: filtered ? '没有符合条件的信访件' : '还没有登记信访件' }}
      />
      {rows.length > 0 && (
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          共 {rows.length} 件{list.data?.truncated ? '（未列全）' : ''}
        </Typography.Text>
      )}
    </Flex>
  );
}
