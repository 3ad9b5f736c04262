import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../shared/auth/roles';
import {
  COUNTY_PATHS,
  DEFAULT_ISSUER,
  type InstructionStatusRow,
  type IssueInstructionRequest,
  type TownshipRow,
} from '../../shared/sync/countyApi';
import {
  INSTRUCTION_KIND_LABELS,
  INSTRUCTION_ROLES,
  type Instruction,
  type InstructionKind,
} from '../../shared/sync/protocol';
import {
  INSTRUCTION_RECORD_KINDS,
  INSTRUCTION_RECORD_KIND_LABELS,
  INSTRUCTION_RECORD_NUMBERS,
  readRecordNumber,
  type InstructionAbout,
  type InstructionRecordKind,
} from '../../shared/sync/instructionAbout';
import { useCounty } from './countyContext';
import { formatTime } from './format';
import { LoadError } from './LoadError';
import {
  AboutLine,
  AcknowledgementTag,
  filterRows,
  isAutomatic,
  ReplyTags,
  TrackingCounts,
  type TrackingFilter,
} from './InstructionTracking';
import { TownshipPicker, targetNodeIds, type TargetValues } from './TownshipPicker';
import { useLoad } from './useLoad';

interface IssueValues extends TargetValues {
  kind: InstructionKind;
  title: string;
  body: string;
  dueOn?: Dayjs | null;
  responsibleRole: (typeof INSTRUCTION_ROLES)[number];
  refersTo?: string | null;
  issuedBy?: string;
  /** The township's record it is about (only with one township). */
  aboutKind?: InstructionRecordKind | null;
  aboutNumber?: string;
}

/** One table row: an instruction at one township; the instruction's own cells span its townships. */
interface Row extends InstructionStatusRow {
  key: string;
  span: number;
}

export function InstructionsTab() {
  const client = useCounty();
  // Every 30 seconds: the 5- and 30-minute marks pass while the page is open.
  const statuses = useLoad(() => client.get<InstructionStatusRow[]>(COUNTY_PATHS.instructions), 30_000);
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships));

  const [filter, setFilter] = useState<TrackingFilter>('all');
  const rows = useMemo(() => groupRows(filterRows(statuses.data ?? [], filter)), [statuses.data, filter]);
  const assignments = useMemo(() => {
    const seen = new Map<string, Instruction>();
    for (const row of statuses.data ?? [])
      if (row.instruction.kind === 'assign') seen.set(row.instruction.id, row.instruction);
    return [...seen.values()];
  }, [statuses.data]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <IssueForm townships={townships.data ?? []} assignments={assignments} onIssued={() => void statuses.reload()} />
      <Card
        size="small"
        title="签收与反馈"
        extra={
          <Button size="small" onClick={() => void statuses.reload()} loading={statuses.loading}>
            刷新
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          乡镇收到交办督办后须在 5 分钟内签收；到达后（从未到达的，自下发起）超过 30
          分钟仍未签收的，标红列出。交办期限（以县里的日历日计）过后仍未反馈的为逾期未反馈，平台次日起自动向这些乡镇各下发一次督办。每
          30 秒自动刷新。
        </Typography.Paragraph>
        <LoadError error={statuses.error} />
        <div style={{ marginBottom: 12 }}>
          <TrackingCounts rows={statuses.data ?? []} filter={filter} onFilter={setFilter} />
        </div>
        <Table<Row>
          rowKey="key"
          // The instruction's cells span its townships' rows: each row still says whose it is.
          onRow={(row) => ({ 'aria-label': `${row.instruction.title} · ${row.townshipName}` })}
          size="small"
          bordered
          columns={COLUMNS}
          dataSource={rows}
          loading={statuses.loading && !statuses.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: filter === 'all' ? '还没有下发过交办督办' : '没有符合条件的乡镇' }}
        />
      </Card>
    </Space>
  );
}

function groupRows(statuses: InstructionStatusRow[]): Row[] {
  const sorted = [...statuses].sort(
    (a, b) =>
      b.instruction.issuedAt.localeCompare(a.instruction.issuedAt) ||
      a.instruction.id.localeCompare(b.instruction.id) ||
      a.townshipName.localeCompare(b.townshipName, 'zh-CN'),
  );
  const counts = new Map<string, number>();
  for (const s of sorted) counts.set(s.instruction.id, (counts.get(s.instruction.id) ?? 0) + 1);
  return sorted.map((s, i) => ({
    ...s,
    key: `${s.instruction.id}/${s.nodeId}`,
    span: i > 0 && sorted[i - 1]!.instruction.id === s.instruction.id ? 0 : counts.get(s.instruction.id)!,
  }));
}

const spanned = (row: Row) => ({ rowSpan: row.span });

const COLUMNS: ColumnsType<Row> = [
  {
    title: '类别',
    key: 'kind',
    onCell: spanned,
    render: (_, row) => (
      <Space orientation="vertical" size={2}>
        <Tag color={row.instruction.kind === 'assign' ? 'blue' : 'orange'}>
          {INSTRUCTION_KIND_LABELS[row.instruction.kind]}
        </Tag>
        {isAutomatic(row.instruction) && <Tag color="purple">自动督办</Tag>}
      </Space>
    ),
  },
  {
    title: '标题',
    key: 'title',
    onCell: spanned,
    render: (_, row) => (
      <Space orientation="vertical" size={0}>
        <Tooltip title={row.instruction.body}>
          <Typography.Text strong>{row.instruction.title}</Typography.Text>
        </Tooltip>
        <AboutLine instruction={row.instruction} />
        <Typography.Text type="secondary">{row.instruction.issuedBy}</Typography.Text>
      </Space>
    ),
  },
  { title: '期限', key: 'dueOn', onCell: spanned, render: (_, row) => row.instruction.dueOn ?? '—' },
  {
    title: '负责岗位',
    key: 'role',
    onCell: spanned,
    render: (_, row) => ROLE_LABELS[row.instruction.responsibleRole],
  },
  { title: '乡镇', dataIndex: 'townshipName' },
  {
    title: '下发 / 到达',
    key: 'delivery',
    render: (_, row) => (
      <Space orientation="vertical" size={0}>
        <span>{formatTime(row.deliveredAt)}</span>
        {row.arrivedAt ? (
          <span>{formatTime(row.arrivedAt, true)}</span>
        ) : (
          <Typography.Text type="secondary">未到达</Typography.Text>
        )}
      </Space>
    ),
  },
  {
    title: '签收',
    key: 'acknowledged',
    render: (_, row) => (
      <Space orientation="vertical" size={2}>
        <span>
          {formatTime(row.acknowledgedAt, true)}
          {row.acknowledgedBy && <Typography.Text type="secondary"> {row.acknowledgedBy}</Typography.Text>}
        </span>
        <AcknowledgementTag row={row} />
      </Space>
    ),
  },
  {
    title: '反馈',
    key: 'reply',
    render: (_, row) => (
      <Space orientation="vertical" size={2}>
        {row.reply ? (
          <Tooltip title={`${formatTime(row.repliedAt)}${row.repliedBy ? ` ${row.repliedBy}` : ''}`}>
            <Typography.Paragraph style={{ margin: 0, maxWidth: 300 }} ellipsis={{ rows: 3, expandable: true }}>
              {row.reply}
            </Typography.Paragraph>
          </Tooltip>
        ) : (
          '—'
        )}
        <Space size={4} wrap>
          <ReplyTags row={row} />
        </Space>
      </Space>
    ),
  },
];

/** What another tab fills in before the county edits and sends it (a 交办 about an escalated matter). */
export interface InstructionPrefill {
  title: string;
  body: string;
  /** The townships it goes to. */
  nodeIds: string[];
  /** The township's record it is about. */
  about?: InstructionAbout;
}

/** The one form that issues 交办 and 督办: on this tab, and in the dialog the 提交统筹 tab opens. */
export function IssueForm({
  townships,
  assignments,
  onIssued,
  prefill,
}: {
  townships: TownshipRow[];
  assignments: Instruction[];
  onIssued: (instruction: Instruction) => void;
  prefill?: InstructionPrefill;
}) {
  const client = useCounty();
  const [form] = Form.useForm<IssueValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  async function submit(values: IssueValues) {
    // A record is one township's: its number means nothing at another (the hub refuses so too).
    if (values.aboutKind && targetNodeIds(values)?.length !== 1) {
      const message = '指向乡镇记录的交办督办只能发给该记录所在的一个乡镇';
      form.setFields([
        values.target === 'some'
          ? { name: 'nodeIds', errors: [`${message}，请只选一个`] }
          : { name: 'target', errors: [`${message}，请选“指定乡镇”`] },
      ]);
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    const request: IssueInstructionRequest = {
      kind: values.kind,
      title: values.title,
      body: values.body,
      dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
      responsibleRole: values.responsibleRole,
      refersTo: values.kind === 'supervise' ? (values.refersTo ?? null) : null,
      issuedBy: values.issuedBy?.trim() || DEFAULT_ISSUER,
      nodeIds: targetNodeIds(values),
      about: values.aboutKind ? { kind: values.aboutKind, number: values.aboutNumber ?? '' } : null,
    };
    try {
      const instruction = await client.post<Instruction>(COUNTY_PATHS.instructions, request);
      setDone(`已下发${INSTRUCTION_KIND_LABELS[values.kind]}“${values.title.trim()}”，乡镇下次联系时收到`);
      form.resetFields(['title', 'body', 'dueOn', 'refersTo', 'aboutKind', 'aboutNumber']);
      form.getFieldInstance('title')?.focus?.();
      onIssued(instruction);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '下发失败');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="下发交办督办">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} />}
      <Form<IssueValues>
        form={form}
        name="instruction"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'assign',
          responsibleRole: 'administrator',
          issuedBy: DEFAULT_ISSUER,
          target: 'all',
          ...(prefill
            ? {
                title: prefill.title,
                body: prefill.body,
                target: 'some',
                nodeIds: prefill.nodeIds,
                aboutKind: prefill.about?.kind ?? null,
                aboutNumber: prefill.about?.number ?? '',
              }
            : {}),
        }}
        style={{ maxWidth: 760 }}
      >
        <Form.Item name="kind" label="类别">
          <Radio.Group
            options={[
              { value: 'assign', label: '交办（有期限的事项）' },
              { value: 'supervise', label: '督办（催办逾期事项）' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请填写标题' },
            { max: 100, message: '标题不能超过 100 个字' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="body"
          label="内容"
          rules={[
            { required: true, whitespace: true, message: '请填写内容' },
            { max: 4000, message: '内容不能超过 4000 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item name="dueOn" label="期限" rules={[{ required: kind !== 'supervise', message: '交办须给出期限' }]}>
            <DatePicker placeholder="选择日期" format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="responsibleRole" label="负责岗位" rules={[{ required: true, message: '请选择负责岗位' }]}>
            <Select
              style={{ width: 200 }}
              options={INSTRUCTION_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            />
          </Form.Item>
          <Form.Item name="issuedBy" label="下发单位">
            <Input style={{ width: 220 }} maxLength={100} />
          </Form.Item>
        </Space>
        {kind === 'supervise' && (
          <Form.Item name="refersTo" label="督办的交办事项" extra="可不选：督办一件未经本平台交办的事项">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="选择被督办的交办"
              options={assignments.map((a) => ({
                value: a.id,
                label: `${a.title}${a.dueOn ? `（期限 ${a.dueOn}）` : ''}`,
              }))}
            />
          </Form.Item>
        )}
        <AboutRecordFields />
        <TownshipPicker townships={townships} name="instruction" />
        <Button type="primary" htmlType="submit" loading={busy}>
          下发
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 关于乡镇的记录 (optional): the kind and number of the township's record the instruction is about,
 * shown on that record at the township. Checked here as the hub checks it (instructionAbout.ts).
 */
function AboutRecordFields() {
  const aboutKind = Form.useWatch<InstructionRecordKind | null | undefined>('aboutKind');
  const number = aboutKind ? INSTRUCTION_RECORD_NUMBERS[aboutKind] : null;
  return (
    <Space size="large" wrap align="start">
      <Form.Item
        name="aboutKind"
        label="关于乡镇的记录"
        extra="可不选；选了只能发给该记录所在的一个乡镇，乡镇在这件记录上看到本事项"
      >
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder="不指向具体记录"
          options={INSTRUCTION_RECORD_KINDS.map((kind) => ({
            value: kind,
            label: INSTRUCTION_RECORD_KIND_LABELS[kind],
          }))}
        />
      </Form.Item>
      {aboutKind && number && (
        <Form.Item
          name="aboutNumber"
          label={number.label}
          dependencies={['aboutKind']}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const read = readRecordNumber(aboutKind, value ?? '');
                if (!read.ok) throw new Error(read.message);
              },
            },
          ]}
        >
          <Input style={{ width: 240 }} placeholder={`如 ${number.example}`} maxLength={60} />
        </Form.Item>
      )}
    </Space>
  );
}
