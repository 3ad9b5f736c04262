import { FileDoneOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Result, Space, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/api/procedures';
import type { CatalogEntry } from '../../../shared/catalog/api';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import type { ErrandStatus } from '../../../shared/counter/errandStatuses';
import type { ResidentSummary } from '../../../shared/residents/api';
import { call } from '../../api/client';
import { href, paths } from '../../common/router';
import { enterMovesFocusThen } from '../../common/enterMovesFocus';
import { FormErrorAlert } from '../../common/FormErrorAlert';
import { useUnsavedInput } from '../../common/leaveGuard';
import { useServerErrors } from '../../common/useServerErrors';
import { ItemPicker } from '../../catalog/ItemPicker';
import { ItemFacts } from '../../catalog/itemInfo';
import { PrintDocumentButton } from '../../common/PrintDocumentButton';
import { ReasonedButton } from '../../common/ReasonedButton';
import { ResidentPicker } from '../../residents/ResidentPicker';
import { useToday } from '../../common/useToday';
import { ErrandSteps } from './ErrandSteps';
import { collectedText } from './ErrandTable';

const FIELDS = ['residentId', 'itemCode', 'note'];

type Registered = OutputOf<'errands.register'>;

/**
 * 登记代办: the resident who authorises the agent and the item; the answer is the
 * 委托代办授权书 to print and have signed at once. One request id per form: a double click
 * or a retry after a lost answer registers one errand.
 */
export function RegisterErrandPage() {
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [continued, setContinued] = useState(false);
  const [resident, setResident] = useState<ResidentSummary | null>(null);
  const [entry, setEntry] = useState<CatalogEntry | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const server = useServerErrors();
  const itemSelect = useRef<RefSelectProps>(null);

  useUnsavedInput(() => registered === null && (resident !== null || entry !== null || note.trim() !== ''));

  const item = entry?.item ?? null;
  // Until the picker can list only such items, one that needs the resident in person is refused here.
  const notForAgents = item && !item.agentAllowed ? `“${item.name}”须本人到窗口办理，不能代办，请选择其他事项` : null;
  const itemStatus = notForAgents
    ? { validateStatus: 'error' as const, help: notForAgents }
    : server.fieldStatus('itemCode');
  const ready = resident !== null && item !== null && notForAgents === null;

  function chooseResident(next: ResidentSummary | null) {
    setResident(next);
    server.clearChanged({ residentId: null });
    if (next) window.setTimeout(() => itemSelect.current?.focus(), 0);
  }

  async function register() {
    if (!resident || !item || !ready || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    server.clear();
    try {
      const answer = await call('errands.register', {
        requestId,
        residentId: resident.id,
        itemCode: item.code,
        ...(note.trim() ? { note } : {}),
      });
      setRegistered(answer);
    } catch (error) {
      server.setError(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function startNext() {
    setRequestId(crypto.randomUUID());
    setContinued(true);
    setResident(null);
    setEntry(null);
    setNote('');
    setRegistered(null);
    server.clear();
  }

  if (registered) return <RegisterResult registered={registered} onNext={startNext} />;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          登记代办
        </Typography.Title>
        <Typography.Link href={href(paths.errands('mine'))}>我的代办</Typography.Link>
      </Flex>
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <Form layout="vertical" component={false} requiredMark={false}>
        <Card size="small" title="第一步　委托人">
          <Form.Item
            label={resident ? '委托人' : '查找委托人'}
            htmlFor="errand-resident"
            {...server.fieldStatus('residentId')}
          >
            <ResidentPicker
              key={requestId}
              id="errand-resident"
              noun="委托人"
              value={resident}
              onChange={chooseResident}
              disabled={busy}
              startEmpty={continued}
            />
          </Form.Item>
        </Card>
        <div onKeyDownCapture={enterMovesFocusThen(() => void register())}>
          <Card size="small" title="第二步　代办事项" style={{ marginTop: 16 }}>
            <Form.Item label="代办事项" htmlFor="errand-item" extra="只能代办目录中标为“可代办”的事项" {...itemStatus}>
              <ItemPicker
                ref={itemSelect}
                id="errand-item"
                agentAllowedOnly
                value={entry}
                onChange={(next) => {
                  setEntry(next);
                  server.clearChanged({ itemCode: null });
                }}
                disabled={busy}
                status={itemStatus.validateStatus}
              />
            </Form.Item>
            {item && <ItemFacts item={item} />}
            <Form.Item label="备注" htmlFor="errand-note" style={{ marginTop: 16 }} {...server.fieldStatus('note')}>
              <Input
                id="errand-note"
                maxLength={300}
                placeholder="如 委托人行动不便，由女儿陪同签字"
                value={note}
                disabled={busy}
                onChange={(event) => {
                  setNote(event.target.value);
                  server.clearChanged({ note: null });
                }}
              />
            </Form.Item>
          </Card>
        </div>
      </Form>
      <Flex gap={12} align="center" wrap>
        <ReasonedButton
          type="primary"
          size="large"
          icon={<FileDoneOutlined />}
          disabledBecause={ready ? null : (notForAgents ?? '请先选择委托人和代办事项')}
          loading={busy}
          onClick={() => void register()}
        >
          登记并出具授权书
        </ReasonedButton>
        {!ready && !notForAgents && <Typography.Text type="secondary">请先选择委托人和代办事项</Typography.Text>}
      </Flex>
    </Flex>
  );
}

/** After registering: print the authorisation for the resident to sign, then collect the papers. */
/** What a step taken right after registering (collecting materials, withdrawing) has led to. */
const STATUS_AFTER_STEP: Partial<Record<ErrandStatus, string>> = {
  collected: '必需材料已收齐，可交窗口办理',
  withdrawn: '已撤回这项代办',
};

function RegisterResult({ registered, onNext }: { registered: Registered; onNext: () => void }) {
  const { message } = App.useApp();
  const today = useToday();
  const [errand, setErrand] = useState<ErrandRecord>(registered.errand);
  return (
    <>
      <Result
        status="success"
        title={`已登记代办：${errand.residentName}的“${errand.itemName}”`}
        subTitle={
          <Space orientation="vertical">
            <span>请打印《委托代办授权书》，由委托人签字（按手印）后，连同材料一起交窗口。</span>
            {errand.authorisationNumber && (
              <Typography.Text>
                委托书编号：<Typography.Text copyable>{errand.authorisationNumber}</Typography.Text>
              </Typography.Text>
            )}
            <Typography.Text strong>{collectedText(errand)}</Typography.Text>
          </Space>
        }
        extra={
          <Flex gap={8} justify="center" wrap>
            <PrintDocumentButton
              type="primary"
              size="large"
              documentId={registered.document.id}
              label="打印委托代办授权书"
            />
            <ErrandSteps
              errand={errand}
              today={today}
              reload={() => undefined}
              size="large"
              onDone={(_step, next) => {
                setErrand(next);
                void message.success(STATUS_AFTER_STEP[next.status] ?? '已保存收取的材料');
              }}
            />
            <Button size="large" icon={<PlusOutlined />} onClick={onNext}>
              继续登记
            </Button>
            <Button size="large" icon={<UnorderedListOutlined />} href={href(paths.errands('mine'))}>
              我的代办
            </Button>
          </Flex>
        }
      />
    </>
  );
}
