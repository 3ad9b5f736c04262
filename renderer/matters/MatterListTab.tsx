import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Segmented, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { DeadlineColour } from '../../shared/calendar/deadlines';
import { MATTER_COLLECTORS, MATTER_LIST_LIMIT, type MatterSummary, type MatterView } from '../../shared/matters/api';
import {
  MATTER_CATEGORY_LABELS,
  MATTER_HANDLING_LABELS,
  MATTER_HANDLINGS,
  MATTER_SOURCE_LABELS,
  MATTER_TRIAGE_LABELS,
  MATTER_TRIAGES,
  MATTER_TYPE_LABELS,
  type MatterHandling,
  type MatterTriage,
} from '../../shared/matters/matters';
import { useQuery } from '../api/useQuery';
import { chineseDate } from '../common/dates';
import { DeadlineCounts } from '../common/DeadlineCounts';
import { DeadlineTag } from '../common/DeadlineTag';
import { href, paths } from '../common/router';
import { useHasRole } from '../common/session';
import { recall, remember } from '../common/sessionMemory';
import { MatterStatusTag, TriageTag } from './matterTags';

/** The worklist's filter, kept while the user moves between pages. */
const FILTER_KEY = 'matters.listFilter';

interface MatterFilter {
  view: MatterView;
  query: string;
  colour: DeadlineColour | null;
  villageId: string | null;
  triage: MatterTriage | null;
  handling: MatterHandling | null;
}

const NO_FILTER: MatterFilter = {
  view: 'open',
  query: '',
  colour: null,
  villageId: null,
  triage: null,
  handling: null,
};

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const columns: ColumnsType<MatterSummary> = [
  {
    title: '编号',
    key: 'number',
    width: 150,
    render: (_, row) => (
      <Typography.Link href={href(paths.matter(row.id))} style={NO_WRAP}>
        {row.number}
      </Typography.Link>
    ),
  },
  {
    title: '收集日期',
    key: 'collectedOn',
    width: 130,
    render: (_, row) => <span style={NO_WRAP}>{chineseDate(row.collectedOn)}</span>,
  },
  {
    title: '村（社区）',
    key: 'village',
    width: 110,
    render: (_, row) => <span style={NO_WRAP}>{row.villageName}</span>,
  },
  {
    title: '反映人与内容',
    key: 'resident',
    render: (_, row) => (
      <Flex vertical>
        <span>
          {row.residentName}
          <Typography.Text
            type="secondary"
            style={{ marginInlineStart: 8 }}
          >{`${MATTER_TYPE_LABELS[row.type]} · ${MATTER_CATEGORY_LABELS[row.category]} · ${MATTER_SOURCE_LABELS[row.source]}`}</Typography.Text>
        </span>
        <Typography.Text type="secondary" ellipsis={{ tooltip: row.excerpt }} style={{ maxWidth: 360 }}>
          {row.excerpt}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: '分流',
    key: 'triage',
    width: 150,
    render: (_, row) => (
      <Flex vertical gap={2}>
        <TriageTag triage={row.triage} handling={row.handling} />
        {row.owner && <Typography.Text type="secondary">{row.owner}</Typography.Text>}
      </Flex>
    ),
  },
  { title: '状态', key: 'status', width: 110, render: (_, row) => <MatterStatusTag status={row.status} /> },
  {
    title: '期限',
    key: 'deadline',
    width: 170,
    render: (_, row) =>
      row.deadline ? <DeadlineTag deadline={row.deadline} /> : <Typography.Text type="secondary">—</Typography.Text>,
  },
];

/**
 * 工作台: the matters in hand (those with a deadline first, the most overdue first; then those
 * waiting to be sorted or for an answer from above) or every matter, found by number, name or
 * words of the matter; the red / yellow / green counts of the 限期解决 ones filter the list.
 */
export function MatterListTab() {
  const canRegister = useHasRole(MATTER_COLLECTORS);
  const [filter, setFilterState] = useState<MatterFilter>(() => recall<MatterFilter>(FILTER_KEY) ?? NO_FILTER);
  const [typed, setTyped] = useState(filter.query);
  const setFilter = (next: Partial<MatterFilter>) => {
    const merged = { ...filter, ...next };
    setFilterState(merged);
    remember(FILTER_KEY, merged);
  };
  const villages = useQuery('places.listVillages', {});
  const list = useQuery('matters.list', {
    view: filter.view,
    ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
    ...(filter.colour ? { colour: filter.colour } : {}),
    ...(filter.villageId ? { villageId: filter.villageId } : {}),
    ...(filter.triage ? { triage: filter.triage } : {}),
    ...(filter.handling ? { handling: filter.handling } : {}),
    limit: MATTER_LIST_LIMIT,
  });
  const filtered = JSON.stringify({ ...filter, view: 'open' }) !== JSON.stringify(NO_FILTER);
  const rows = list.data?.matters ?? [];

  return (
    <Flex vertical gap={12}>
      {list.data && (
        <DeadlineCounts
          counts={list.data.counts}
          size="small"
          selected={filter.colour}
          onSelect={(colour) => setFilter({ colour })}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <Segmented<MatterView>
            aria-label="范围"
            value={filter.view}
            options={[
              { value: 'open', label: '在办' },
              { value: 'all', label: '全部' },
            ]}
            onChange={(view) => setFilter({ view })}
          />
          <Input.Search
            aria-label="查找群众诉求"
            allowClear
            style={{ width: 260 }}
            placeholder="编号（可只输后几位）、反映人或内容中的词"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              if (!event.target.value) setFilter({ query: '' });
            }}
            onSearch={(query) => setFilter({ query })}
            enterButton="查找"
          />
          <Select<string>
            aria-label="村（社区）"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部村（社区）"
            style={{ width: 150 }}
            value={filter.villageId ?? undefined}
            onChange={(villageId?: string) => setFilter({ villageId: villageId ?? null })}
            options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
          />
          <Select<MatterTriage>
            aria-label="三事分流"
            allowClear
            placeholder="全部分流"
            style={{ width: 120 }}
            value={filter.triage ?? undefined}
            onChange={(triage?: MatterTriage) => setFilter({ triage: triage ?? null })}
            options={MATTER_TRIAGES.map((t) => ({ value: t, label: MATTER_TRIAGE_LABELS[t] }))}
          />
          <Select<MatterHandling>
            aria-label="办理方式"
            allowClear
            placeholder="全部办理方式"
            style={{ width: 140 }}
            value={filter.handling ?? undefined}
            onChange={(handling?: MatterHandling) => setFilter({ handling: handling ?? null })}
            options={MATTER_HANDLINGS.map((h) => ({ value: h, label: MATTER_HANDLING_LABELS[h] }))}
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setTyped('');
                setFilter({ ...NO_FILTER, view: filter.view });
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
          {canRegister && (
            <Button type="primary" icon={<PlusOutlined />} href={href(paths.matterNew)}>
              登记诉求
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        限期解决的诉求按工作日计算办理期限，与窗口承诺件同一规则：到期当天和前一个工作日显示黄色，过期显示红色；办结后不再计期限。
      </Typography.Text>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title="群众诉求没有加载出来"
          description={list.error.message}
          action={<Button onClick={list.reload}>重试</Button>}
        />
      )}
      {list.data?.truncated && (
        <Alert
          type="warning"
          showIcon
          title={`符合条件的诉求较多，这里只列出 ${MATTER_LIST_LIMIT} 件；请输入查找内容或筛选。`}
        />
      )}
      <Table<MatterSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.loading && rows.length === 0}
        pagination={false}
        locale={{
          emptyText: filtered ? '没有符合条件的诉求' : filter.view === 'open' ? '没有在办的诉求' : '还没有登记诉求',
        }}
      />
      {rows.length > 0 && (
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          共 {rows.length} 件{list.data?.truncated ? '（未列全）' : ''}
        </Typography.Text>
      )}
    </Flex>
  );
}
