import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Form, Radio, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/api/procedures';
import type { ReceiptPaper } from '../../../shared/counter/casesApi';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { call, isApiCallError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { enterMovesFocusThen } from '../../common/enterMovesFocus';
import { FormErrorAlert } from '../../common/FormErrorAlert';
import { LoadFailed } from '../../common/LoadFailed';
import { Loading } from '../../common/Loading';
import { useServerErrors } from '../../common/useServerErrors';
import { lastReceiptPaper, lastWindow, rememberReceiptPaper, rememberWindow } from '../counterPrefs';
import { chineseDate } from '../../common/dates';
import { materialForm } from '../MaterialsChecklist';
import { WindowAndPaperFields } from '../WindowAndPaperFields';
import { ErrandAttachmentsButton } from './ErrandAttachments';
import { residentColumn } from './ErrandTable';
import { HandoverResult } from './HandoverResult';

const FIELDS = ['agentId', 'errandIds', 'window', 'receiptPaper'];

const columns: ColumnsType<ErrandRecord> = [
  residentColumn,
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
    title: '已收材料',
    key: 'materials',
    render: (_, errand) => (
      <Typography.Text style={{ fontSize: 12 }}>
        {errand.materials
          .filter((m) => m.collected)
          .map((m) => `${m.name}（${materialForm(m)}）`)
          .join('；') || '—'}
      </Typography.Text>
    ),
  },
  { title: '委托日期', key: 'authorisedOn', width: 130, render: (_, errand) => chineseDate(errand.authorisedOn) },
  {
    title: '材料照片',
    key: 'attachments',
    width: 110,
    render: (_, errand) => <ErrandAttachmentsButton errand={errand} />,
  },
];

/**
 * 代办交接: an agent brings the collected errands to the window; each selected one is accepted
 * as a case (number, promise, receipt) and one 材料交接单 covers the batch. One request id per
 * batch: a double click or a retry after a lost answer accepts the batch once.
 */
export function HandoverTab() {
  const waiting = useQuery('errands.awaitingHandover', {});
  const [agentId, setAgentId] = useState<string | null>(null);
  /** Null: every errand of the agent (the usual case). */
  const [selected, setSelected] = useState<string[] | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [windowName, setWindowName] = useState(lastWindow);
  const [paper, setPaper] = useState<ReceiptPaper>(lastReceiptPaper);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [result, setResult] = useState<OutputOf<'errands.handOver'> | null>(null);
  const server = useServerErrors();

  if (result) {
    return (
      <HandoverResult
        result={result}
        onNext={() => {
          setResult(null);
          setRequestId(crypto.randomUUID());
          setAgentId(null);
          setSelected(null);
          server.clear();
          waiting.reload();
        }}
      />
    );
  }
  if (waiting.error && !waiting.data)
    return <LoadFailed error={waiting.error} what="待交接的代办" onRetry={waiting.reload} />;
  if (!waiting.data) return <Loading />;

  const groups = waiting.data.agents;
  const group = groups.find((g) => g.agent.userId === agentId) ?? groups[0];
  const refresh = (
    <Button icon={<ReloadOutlined />} onClick={waiting.reload} loading={waiting.loading}>
      刷新
    </Button>
  );
  if (!group) {
    return (
      <Flex vertical gap={12} align="center" style={{ padding: 32 }}>
        <Empty description="没有材料已收齐、待交接的代办" />
        {refresh}
      </Flex>
    );
  }

  const ids = group.errands.map((e) => e.id);
  const chosen = selected === null ? ids : ids.filter((id) => selected.includes(id));

  function chooseAgent(next: string) {
    setAgentId(next);
    setSelected(null);
    server.clearChanged({ agentId: null, errandIds: null });
  }

  async function handOver() {
    if (!group || chosen.length === 0 || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    server.clear();
    try {
      const answer = await call('errands.handOver', {
        requestId,
        agentId: group.agent.userId,
        errandIds: chosen,
        window: windowName,
        receiptPaper: paper,
      });
      rememberWindow(windowName);
      rememberReceiptPaper(paper);
      setResult(answer);
    } catch (error) {
      server.setError(error);
      // An errand withdrawn or changed meanwhile: the list shows what can still be handed over.
      if (isApiCallError(error) && error.code !== 'NETWORK') waiting.reload();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <Form layout="vertical" component={false} requiredMark={false}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Form.Item label="代办员" {...server.fieldStatus('agentId')}>
            <Radio.Group
              aria-label="代办员"
              optionType="button"
              value={group.agent.userId}
              disabled={busy}
              onChange={(event) => chooseAgent(event.target.value as string)}
              options={groups.map((g) => ({
                value: g.agent.userId,
                label: `${g.agent.name}（${g.agent.villageName ?? '未设村'}）${g.errands.length} 件`,
              }))}
            />
          </Form.Item>
          {refresh}
        </Flex>
        <Form.Item
          label={`${group.agent.name}交来的代办（已选 ${chosen.length} / ${ids.length} 件）`}
          {...server.fieldStatus('errandIds')}
        >
          <Table<ErrandRecord>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={group.errands}
            pagination={false}
            rowSelection={{
              selectedRowKeys: chosen,
              onChange: (keys) => {
                setSelected(keys.map(String));
                server.clearChanged({ errandIds: null });
              },
              getCheckboxProps: (errand) => ({
                disabled: busy,
                'aria-label': `交接${errand.residentName}的${errand.itemName}`,
              }),
            }}
          />
        </Form.Item>
        <div onKeyDownCapture={enterMovesFocusThen(() => void handOver())}>
          <WindowAndPaperFields
            idPrefix="handover"
            windowName={windowName}
            onWindowName={setWindowName}
            paper={paper}
            onPaper={setPaper}
            disabled={busy}
            server={server}
          />
        </div>
      </Form>
      <Alert
        type="info"
        showIcon
        title="交接前请逐件核对材料和委托人签字的授权书"
        description="交接受理后，每件各生成办件编号、承诺办结日期和受理回执，另出具一份由双方签字的《代办材料交接单》。"
      />
      <Flex gap={12} align="center" wrap>
        <Button
          type="primary"
          size="large"
          icon={<CheckCircleOutlined />}
          disabled={chosen.length === 0}
          loading={busy}
          onClick={() => void handOver()}
        >
          {`交接受理（${chosen.length} 件）`}
        </Button>
        {chosen.length === 0 && <Typography.Text type="secondary">请至少选择一项代办</Typography.Text>}
      </Flex>
    </Flex>
  );
}
