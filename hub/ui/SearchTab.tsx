// 跨乡镇查询: county staff find a counter case, dispute, petition or residents' matter by its
// number, or a resident by ID number, in every township at once — each hit with its township —
// and open it read-only, as the township last sent it. The county token is one for all, so the
// form asks who is searching and why (查询人、查询事由; required for an ID number, kept for the
// tab's session), and the hub records every search and opening: the list is below the results.
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  COUNTY_SEARCH_PATHS,
  fieldText,
  looksLikeIdNumber,
  RECORD_FIELDS,
  SEARCH_AUDIT_ACTION_LABELS,
  SEARCH_NUMBER_LABELS,
  SEARCH_TABLE_LABELS,
  searchStatusLabel,
  type CountyRecordRequest,
  type CountySearchHit,
  type CountySearchRecord,
  type CountySearchRequest,
  type CountySearchResponse,
  type RecordField,
  type SearchAuditRow,
} from '../../shared/sync/countySearchApi';
import { useCounty } from './countyContext';
import { formatTime } from './format';
import { LoadError } from './LoadError';
import { useLoad } from './useLoad';

interface Asker {
  searcher: string;
  reason: string;
}
interface SearchValues extends Asker {
  q: string;
}

const ASKER_KEY = 'county-search-asker';

/** Who is searching and why, as typed last in this tab (sessionStorage: gone with the tab). */
function rememberedAsker(): Asker {
  try {
    const stored = JSON.parse(sessionStorage.getItem(ASKER_KEY) ?? '{}') as Partial<Asker>;
    return { searcher: stored.searcher ?? '', reason: stored.reason ?? '' };
  } catch {
    return { searcher: '', reason: '' };
  }
}

function remember(asker: Asker): void {
  try {
    sessionStorage.setItem(ASKER_KEY, JSON.stringify(asker));
  } catch {
    // Storage switched off: the form keeps them while the page is open.
  }
}

const MATCH_LABELS: Record<CountySearchHit['match'], string> = {
  number: '编号',
  idNumber: '证件号码',
  person: '本人的记录',
};

const hitName = (hit: CountySearchHit) =>
  `${hit.townshipName} ${SEARCH_TABLE_LABELS[hit.table]} ${hit.number ?? hit.name}`;

export function SearchTab() {
  const client = useCounty();
  const [form] = Form.useForm<SearchValues>();
  const [answer, setAnswer] = useState<CountySearchResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<CountySearchHit | null>(null);
  const audit = useLoad(() => client.get<SearchAuditRow[]>(`${COUNTY_SEARCH_PATHS.audit}?limit=100`));
  const q = Form.useWatch('q', form) ?? '';
  const byIdNumber = looksLikeIdNumber(q);

  async function submit(values: SearchValues) {
    const asker = { searcher: values.searcher.trim(), reason: values.reason.trim() };
    remember(asker);
    setBusy(true);
    setError(null);
    try {
      const request: CountySearchRequest = { q: values.q.trim(), ...asker };
      setAnswer(await client.post<CountySearchResponse>(COUNTY_SEARCH_PATHS.search, request));
    } catch (caught) {
      // What was typed stays in the form.
      setError(caught instanceof Error ? caught.message : '查询失败');
    } finally {
      setBusy(false);
      void audit.reload();
    }
  }

  const neededForIdNumber = (message: string) => ({
    validator: (_: unknown, value: string | undefined) =>
      byIdNumber && !value?.trim() ? Promise.reject(new Error(message)) : Promise.resolve(),
  });

  const columns: ColumnsType<CountySearchHit> = [
    { title: '乡镇', dataIndex: 'townshipName', width: 100 },
    {
      title: '类别',
      key: 'table',
      width: 110,
      render: (_, hit) => (
        <Space orientation="vertical" size={0}>
          <span>{SEARCH_TABLE_LABELS[hit.table]}</span>
          {hit.match !== 'number' && (
            <Tag color={hit.match === 'idNumber' ? 'blue' : 'default'}>{MATCH_LABELS[hit.match]}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: '编号',
      key: 'number',
      width: 190,
      render: (_, hit) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpened(hit)}
          aria-label={`查看 ${hitName(hit)}`}
        >
          {hit.table === 'residents' ? hit.summary || hit.name : (hit.number ?? '（尚未编号）')}
        </Button>
      ),
    },
    {
      title: '姓名 / 内容',
      key: 'name',
      render: (_, hit) => (
        <>
          <Typography.Text strong>{hit.name || '—'}</Typography.Text>
          {hit.table !== 'residents' && hit.summary && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
              {hit.summary}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: '村（社区）', key: 'village', width: 110, render: (_, hit) => hit.villageName ?? '—' },
    { title: '日期', dataIndex: 'on', width: 104, render: (on: string | null) => on ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, hit) => <Tag>{searchStatusLabel(hit.table, hit.status)}</Tag>,
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="跨乡镇查询">
        <Form<SearchValues>
          form={form}
          name="countySearch"
          layout="vertical"
          initialValues={{ q: '', ...rememberedAsker() }}
          onFinish={submit}
          style={{ maxWidth: 980 }}
        >
          <Flex wrap gap={12} align="start">
            <Form.Item
              name="q"
              label="编号或身份证号码"
              style={{ flex: '1 1 320px', marginBottom: 8 }}
              rules={[{ required: true, whitespace: true, message: '请输入编号或身份证号码' }]}
              extra="受理编号、调解案号、信访编号、诉求编号（可只输前一部分），或 18 位身份证号码"
            >
              <Input autoFocus allowClear maxLength={100} placeholder="如 SL-2026-000306、青信〔2026〕12号" />
            </Form.Item>
            <Form.Item
              name="searcher"
              label="查询人"
              style={{ flex: '0 1 200px', marginBottom: 8 }}
              rules={[neededForIdNumber('按身份证号码查询须填写查询人'), { max: 40, message: '最多 40 个字' }]}
            >
              <Input placeholder="单位和姓名" />
            </Form.Item>
            <Form.Item
              name="reason"
              label="查询事由"
              style={{ flex: '1 1 240px', marginBottom: 8 }}
              rules={[neededForIdNumber('按身份证号码查询须填写查询事由'), { max: 200, message: '最多 200 个字' }]}
            >
              <Input placeholder="如 核查重复信访" />
            </Form.Item>
            <Form.Item label=" " style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" loading={busy}>
                查询
              </Button>
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary">
            {byIdNumber
              ? '按身份证号码查询：须填写查询人和查询事由；查询与查看均记入下方的查询记录，号码只记脱敏后的形式。'
              : '每次查询和查看都记入下方的查询记录（查询人、事由、时间、来源地址）。结果只读，为各乡镇最近一次同步的情况。'}
          </Typography.Text>
        </Form>
      </Card>

      {error && <Alert type="error" showIcon title={error} />}
      {answer && (
        <Card
          size="small"
          title={`${answer.interpretedAs}：共 ${answer.hits.length} 条${answer.truncated ? '（只列出前面的，请输入更完整的编号）' : ''}`}
        >
          <Table<CountySearchHit>
            rowKey={(hit) => `${hit.nodeId}/${hit.table}/${hit.rowId}`}
            size="small"
            bordered
            tableLayout="fixed"
            columns={columns}
            dataSource={answer.hits}
            pagination={false}
            onRow={(hit) => ({ onClick: () => setOpened(hit), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description="各乡镇同步来的记录中没有找到" /> }}
          />
        </Card>
      )}

      <Card
        size="small"
        title="查询记录"
        extra={
          <Button size="small" onClick={() => void audit.reload()} loading={audit.loading}>
            刷新
          </Button>
        }
      >
        <LoadError error={audit.error} />
        <Table<SearchAuditRow>
          rowKey="id"
          size="small"
          aria-label="查询记录"
          dataSource={audit.data ?? []}
          loading={audit.loading && !audit.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有查询记录' }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (at: string) => formatTime(at, true) },
            { title: '查询人', dataIndex: 'searcher', render: (text: string) => text || '（未填写）' },
            { title: '查询事由', dataIndex: 'reason', render: (text: string) => text || '（未填写）' },
            {
              title: '操作',
              dataIndex: 'action',
              render: (action: SearchAuditRow['action']) => SEARCH_AUDIT_ACTION_LABELS[action] ?? action,
            },
            { title: '查询内容', dataIndex: 'query' },
            { title: '结果', dataIndex: 'found', render: (found: number) => `${found} 条` },
            { title: '来源地址', dataIndex: 'address' },
            {
              title: '涉及记录',
              dataIndex: 'detail',
              render: (detail: string) => (
                <Typography.Paragraph
                  style={{ margin: 0, maxWidth: 420 }}
                  ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                >
                  {detail || '—'}
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Card>

      <RecordDrawer
        hit={opened}
        asker={{ searcher: form.getFieldValue('searcher') ?? '', reason: form.getFieldValue('reason') ?? '' }}
        onClose={() => setOpened(null)}
        onOpened={() => void audit.reload()}
      />
    </Space>
  );
}

/** One record, read-only, in the words of its desk. */
function RecordDrawer({
  hit,
  asker,
  onClose,
  onOpened,
}: {
  hit: CountySearchHit | null;
  asker: Asker;
  onClose: () => void;
  onOpened: () => void;
}) {
  const client = useCounty();
  const key = hit ? `${hit.nodeId}/${hit.table}/${hit.rowId}` : null;
  return (
    <Drawer
      open={hit !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={hit ? `${hit.townshipName} · ${SEARCH_TABLE_LABELS[hit.table]} ${hit.number ?? hit.name}` : ''}
    >
      {hit && key && <RecordBody key={key} hit={hit} load={() => openRecord(client, hit, asker)} onOpened={onOpened} />}
    </Drawer>
  );
}

function openRecord(client: ReturnType<typeof useCounty>, hit: CountySearchHit, asker: Asker) {
  const request: CountyRecordRequest = {
    nodeId: hit.nodeId,
    table: hit.table,
    rowId: hit.rowId,
    searcher: asker.searcher.trim(),
    reason: asker.reason.trim(),
  };
  return client.post<CountySearchRecord>(COUNTY_SEARCH_PATHS.record, request);
}

function RecordBody({
  hit,
  load,
  onOpened,
}: {
  hit: CountySearchHit;
  load: () => Promise<CountySearchRecord>;
  onOpened: () => void;
}) {
  const record = useLoad(async () => {
    const value = await load();
    onOpened();
    return value;
  });
  if (record.error) return <LoadError error={record.error} />;
  if (!record.data) return <Typography.Text type="secondary">正在读取…</Typography.Text>;
  const { row, sections, changedAt } = record.data;
  const villages: Record<string, string> =
    typeof row['village_id'] === 'string' && record.data.hit.villageName
      ? { [row['village_id']]: record.data.hit.villageName }
      : {};
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={`只读：${hit.townshipName}最近一次同步时的情况（乡镇记录于 ${formatTime(changedAt)}）。证件号码与电话已脱敏。`}
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 140 } }}
        // Fields the township left empty are left out (a long column of “—” hides what is there).
        items={RECORD_FIELDS[hit.table]
          .filter((field, index) => index < 2 || fieldText(field, row[field.column], villages) !== '—')
          .map((field) => ({
            key: field.column,
            label: field.label,
            children: <FieldValue field={field} value={row[field.column]} villages={villages} />,
          }))}
      />
      {sections.map((section) => (
        <Card key={section.table} size="small" title={`${section.title}（${section.rows.length}）`}>
          {section.rows.length === 0 ? (
            <Typography.Text type="secondary">无</Typography.Text>
          ) : (
            <Table<Record<string, unknown>>
              size="small"
              pagination={false}
              rowKey={(_, index) => String(index)}
              scroll={{ x: 'max-content' }}
              dataSource={section.rows}
              columns={RECORD_FIELDS[section.table].map((field) => ({
                title: field.label,
                key: field.column,
                render: (_: unknown, partyRow: Record<string, unknown>) => fieldText(field, partyRow[field.column]),
              }))}
            />
          )}
        </Card>
      ))}
      <Typography.Text type="secondary">
        {SEARCH_NUMBER_LABELS[hit.table]}等以乡镇登记为准；县级平台不修改乡镇的记录。
      </Typography.Text>
    </Space>
  );
}

function FieldValue({
  field,
  value,
  villages,
}: {
  field: RecordField;
  value: unknown;
  villages: Record<string, string>;
}) {
  const text = fieldText(field, value, villages);
  if (field.format === 'multiline') return <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
  return <>{text}</>;
}
