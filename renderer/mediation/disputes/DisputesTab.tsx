import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DISPUTE_CATEGORY_LABELS,
  DISPUTE_STATUS_LABELS,
  DISPUTE_STATUSES,
  NORM_COLOURS,
  type DisputeStatus,
  type NormColour,
} from '../../../shared/mediation/disputes';
import { MEDIATION_WORKERS, type DisputeSummary } from '../../../shared/mediation/disputesApi';
import { ApiCallError, call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { href, paths } from '../../common/router';
import { useHasRole } from '../../common/session';
import { recall, remember } from '../../common/sessionMemory';
import { chineseDate } from '../../common/dates';
import { committeeOptionLabel } from '../labels';
import { COLOUR_FILTER_LABELS } from '../../common/DeadlineTag';
import { DisputeStatusTag, NormTag, RiskTag } from './disputeTags';

const MEMORY_KEY = 'mediation.disputeFilter';
const PAGE = 50;

interface Filter {
  query: string;
  committeeId: string | null;
  status: DisputeStatus | null;
  colour: NormColour | null;
  attention: boolean;
}

const NO_FILTER: Filter = { query: '', committeeId: null, status: null, colour: null, attention: false };

interface DisputeList {
  items: DisputeSummary[];
  loading: boolean;
  error: ApiCallError | null;
  nextCursor: string | null;
  loadMore: () => void;
  reload: () => void;
}

/** The register page by page: the backend's cursor asks for the next page; a new filter starts over. */
function useDisputeList(filter: Filter): DisputeList {
  const [items, setItems] = useState<DisputeSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const load = useCallback(
    async (cursor: string | null, before: DisputeSummary[]) => {
      const current = generation.current;
      const f = JSON.parse(key) as Filter;
      setLoading(true);
      setError(null);
      try {
        const page = await call('mediation.disputes', {
          ...(f.query.trim() ? { query: f.query.trim() } : {}),
          ...(f.committeeId ? { committeeId: f.committeeId } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.colour ? { colour: f.colour } : {}),
          ...(f.attention ? { attention: true } : {}),
          ...(cursor ? { cursor } : {}),
          limit: PAGE,
        });
        if (current !== generation.current) return;
        setItems([...before, ...page.disputes]);
        setNextCursor(page.nextCursor);
      } catch (cause) {
        if (current !== generation.current) return;
        setError(
          cause instanceof ApiCallError
            ? cause
            : new ApiCallError('mediation.disputes', { code: 'INTERNAL', message: errorMessage(cause) }),
        );
      } finally {
        if (current === generation.current) setLoading(false);
      }
    },
    [key],
  );

  const reload = useCallback(() => {
    generation.current++;
    setItems([]);
    setNextCursor(null);
    void load(null, []);
  }, [load]);
  useEffect(reload, [reload]);

  const latest = useRef({ items, nextCursor });
  latest.current = { items, nextCursor };
  const loadMore = useCallback(() => {
    if (latest.current.nextCursor) void load(latest.current.nextCursor, latest.current.items);
  }, [load]);

  return { items, loading, error, nextCursor, loadMore, reload };
}

const columns: ColumnsType<DisputeSummary> = [
  {
    title: '案号',
    key: 'caseNumber',
    width: 200,
    render: (_, row) => (
      <Flex vertical>
        <Typography.Link href={href(paths.dispute(row.id))}>{row.caseNumber ?? '未受理（查看）'}</Typography.Link>
        <Typography.Text type="secondary">{chineseDate(row.registeredOn)}登记</Typography.Text>
      </Flex>
    ),
  },
  {
    title: '当事人',
    key: 'partyNames',
    render: (_, row) => (
      <>
        {row.partyNames} <RiskTag risky={row.risky} />
      </>
    ),
  },
  {
    title: '类别与调委会',
    key: 'category',
    width: 230,
    render: (_, row) => (
      <Flex vertical>
        <span>{DISPUTE_CATEGORY_LABELS[row.category]}</span>
        <Typography.Text type="secondary">{row.committeeName}</Typography.Text>
      </Flex>
    ),
  },
  { title: '状态', key: 'status', width: 90, render: (_, row) => <DisputeStatusTag status={row.status} /> },
  { title: '调结期限', key: 'norm', width: 210, render: (_, row) => <NormTag norm={row.norm} /> },
  {
    title: '调解员',
    key: 'mediatorNames',
    width: 130,
    render: (_, row) => row.mediatorNames || <Typography.Text type="secondary">未指派</Typography.Text>,
  },
];

/** 纠纷台账: find a dispute by a party's name or its case number; filter by committee, status, colour. */
export function DisputesTab() {
  const canWork = useHasRole(MEDIATION_WORKERS);
  const [filter, setFilterState] = useState<Filter>(() => recall<Filter>(MEMORY_KEY) ?? NO_FILTER);
  const [typed, setTyped] = useState(filter.query);
  const setFilter = (next: Partial<Filter>) => {
    const merged = { ...filter, ...next };
    setFilterState(merged);
    remember(MEMORY_KEY, merged);
  };
  const committees = useQuery('mediation.committees', { includeInactive: true });
  const list = useDisputeList(filter);
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <Input.Search
            aria-label="查找纠纷"
            allowClear
            style={{ width: 260 }}
            placeholder="当事人姓名或名称、案号"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              if (!event.target.value) setFilter({ query: '' });
            }}
            onSearch={(query) => setFilter({ query })}
            enterButton="查找"
          />
          <Select
            aria-label="调委会"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部调委会"
            style={{ width: 220 }}
            value={filter.committeeId ?? undefined}
            onChange={(committeeId?: string) => setFilter({ committeeId: committeeId ?? null })}
            options={(committees.data?.committees ?? []).map((c) => ({ value: c.id, label: committeeOptionLabel(c) }))}
          />
          <Select<DisputeStatus>
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 130 }}
            value={filter.status ?? undefined}
            onChange={(status?: DisputeStatus) => setFilter({ status: status ?? null })}
            options={DISPUTE_STATUSES.map((s) => ({ value: s, label: DISPUTE_STATUS_LABELS[s] }))}
          />
          <Select<NormColour>
            aria-label="调结期限"
            allowClear
            placeholder="全部期限"
            style={{ width: 130 }}
            value={filter.colour ?? undefined}
            onChange={(colour?: NormColour) => setFilter({ colour: colour ?? null })}
            options={NORM_COLOURS.map((c) => ({ value: c, label: COLOUR_FILTER_LABELS[c] }))}
          />
          <Checkbox checked={filter.attention} onChange={(event) => setFilter({ attention: event.target.checked })}>
            需关注
          </Checkbox>
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setTyped('');
                setFilter(NO_FILTER);
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
            <Button type="primary" icon={<PlusOutlined />} href={href(paths.disputeNew)}>
              登记纠纷
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        “需关注”列出已超期、临近司法确认申请期限和到期应回访的纠纷。调结期限自受理之日起一个月，剩余 5
        天起显示黄色，超期显示红色。
      </Typography.Text>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title="纠纷台账没有加载出来"
          description={list.error.message}
          action={<Button onClick={list.items.length ? list.loadMore : list.reload}>重试</Button>}
        />
      )}
      <Table<DisputeSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        pagination={false}
        locale={{ emptyText: filtered ? '没有符合条件的纠纷' : '还没有登记纠纷' }}
      />
      <Flex justify="center">
        {list.nextCursor ? (
          <Button onClick={list.loadMore} loading={list.loading}>
            加载更多
          </Button>
        ) : (
          list.items.length > 0 && (
            <Typography.Text type="secondary">已经到底，共 {list.items.length} 件</Typography.Text>
          )
        )}
      </Flex>
    </Flex>
  );
}
