import { CheckCircleOutlined, FileTextOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Result, Space, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import { useRef, useState } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import type { CatalogEntry } from '../../shared/catalog/api';
import { type CaseCommandResult, type IntakeDecision, type ReceiptPaper } from '../../shared/counter/casesApi';
import type { ResidentRecord, ResidentSummary } from '../../shared/residents/api';
import { maskIdNumber, maskPhone } from '../../shared/residents/masking';
import { call } from '../api/client';
import { href, paths } from '../common/router';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormDialog } from '../common/FormDialog';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useUnsavedInput } from '../common/leaveGuard';
import { useServerErrors } from '../common/useServerErrors';
import { lastReceiptPaper, lastWindow, rememberReceiptPaper, rememberWindow } from './counterPrefs';
import { chineseDateWithWeekday } from '../common/dates';
import { ItemPicker } from '../catalog/ItemPicker';
import { ItemFacts } from '../catalog/itemInfo';
import { MaterialsChecklist, missingRequired } from './MaterialsChecklist';
import { WindowAndPaperFields } from './WindowAndPaperFields';
import { PrintDocumentButton } from '../common/PrintDocumentButton';
import { ReasonedButton } from '../common/ReasonedButton';
import { ResidentPicker } from '../residents/ResidentPicker';
import { ResidentForm } from '../residents/ResidentForm';
import { useIdCardReader, type IdCardReadSuccess } from '../common/devices/useIdCardReader';
import { IdCardReadStatus, ReadIdCardButton } from '../common/devices/ReadIdCardButton';
import { useToday } from '../common/useToday';
import { QueueTicketBar } from '../common/queue/QueueTicketBar';

type IntakeInput = InputOf<'counter.intake'>;

/** The fields of the form, for the server's messages beside them. */
const FIELDS = ['residentId', 'itemCode', 'receivedMaterials', 'window', 'receiptPaper', 'note', 'completeNow'];

interface Outcome {
  decision: IntakeDecision;
  answer: CaseCommandResult;
}

/**
 * 收件受理: the applicant, the item, the materials handed over; then 受理 (receipt), 一次性告知
 * (the notice of everything missing; the case waits) or 不予受理. One request id per form: a
 * double click or a retry after a lost answer creates one case, not two.
 */
export function IntakePage() {
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [continued, setContinued] = useState(false);
  const [resident, setResident] = useState<ResidentSummary | null>(null);
  const [entry, setEntry] = useState<CatalogEntry | null>(null);
  const [received, setReceived] = useState<string[]>([]);
  const [windowName, setWindowName] = useState(lastWindow);
  const [paper, setPaper] = useState<ReceiptPaper>(lastReceiptPaper);
  const [note, setNote] = useState('');
  // The queue ticket called to this window, taken in with the case (null: none, or not to link).
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [running, setRunning] = useState<IntakeDecision | null>(null);
  const inFlight = useRef(false);
  const [refusing, setRefusing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const server = useServerErrors();
  const itemSelect = useRef<RefSelectProps>(null);
  const today = useToday();
  // A card whose holder is not registered yet: registered here, then taken as the applicant.
  const [registering, setRegistering] = useState<IdCardReadSuccess | null>(null);
  const reader = useIdCardReader<'applicant'>({
    onRead: (read) => {
      if (read.resident) {
        setRegistering(null);
        chooseResident(read.resident);
      } else {
        setRegistering(read);
      }
    },
    hotkeyTarget: () => (registering ? null : 'applicant'),
    disabled: running !== null || outcome !== null,
  });

  // Whatever was chosen or typed for this resident is lost by leaving before the intake is sent.
  useUnsavedInput(
    () => outcome === null && (resident !== null || entry !== null || received.length > 0 || note.trim() !== ''),
  );

  const item = entry?.item ?? null;
  const missing = item ? missingRequired(item.materials, received) : [];
  const ready = resident !== null && item !== null;
  const busy = running !== null;

  function chooseResident(next: ResidentSummary | null) {
    setResident(next);
    server.clearChanged({ residentId: null });
    if (next) window.setTimeout(() => itemSelect.current?.focus(), 0);
  }

  function chooseItem(next: CatalogEntry | null) {
    setEntry(next);
    // Another item has other materials: nothing ticked carries over.
    setReceived([]);
    server.clearChanged({ itemCode: null, receivedMaterials: null });
  }

  /** Sends the intake; throws the API error (the refusal dialog shows it), the page shows it too. */
  async function send(
    decision: IntakeDecision,
    extra: Pick<IntakeInput, 'completeNow' | 'refusalReason' | 'redirectTo'> = {},
  ): Promise<void> {
    if (!resident || !item || inFlight.current) return;
    inFlight.current = true;
    setRunning(decision);
    if (decision !== 'refuse') server.clear();
    try {
      const answer = await call('counter.intake', {
        requestId,
        residentId: resident.id,
        itemCode: item.code,
        receivedMaterials: received,
        window: windowName,
        decision,
        ...(decision === 'accept' ? { receiptPaper: paper } : {}),
        ...(note.trim() ? { note } : {}),
        ...(ticketId ? { ticketId } : {}),
        ...extra,
      });
      rememberWindow(windowName);
      if (decision === 'accept') rememberReceiptPaper(paper);
      setOutcome({ decision, answer });
    } catch (error) {
      if (decision === 'refuse') throw error;
      server.setError(error);
    } finally {
      inFlight.current = false;
      setRunning(null);
    }
  }

  // The read's note stays while the applicant it picked does (a registration shows its own).
  const cardPicked = !registering && resident !== null && reader.lastRead?.read.resident?.id === resident.id;

  function startNext() {
    setRegistering(null);
    setRequestId(crypto.randomUUID());
    setContinued(true);
    setResident(null);
    setEntry(null);
    setReceived([]);
    setNote('');
    setOutcome(null);
    server.clear();
  }

  if (outcome) return <IntakeResult outcome={outcome} onNext={startNext} />;

  const acceptBlocked = !ready
    ? '请先选择申请人和办理事项'
    : missing.length > 0
      ? `缺少必需材料：${missing.join('、')}。材料不全不能受理，请出具一次性告知书。`
      : null;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          收件受理
        </Typography.Title>
        <Typography.Link href={href(paths.counter)}>工作台</Typography.Link>
      </Flex>
      <QueueTicketBar key={requestId} onLinkable={(ticket) => setTicketId(ticket?.id ?? null)} />
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <Form layout="vertical" component={false} requiredMark={false}>
        <Card
          size="small"
          title="第一步　申请人"
          extra={<ReadIdCardButton reader={reader} target="applicant" size="small" disabled={busy || !!registering} />}
        >
          {(reader.failure || cardPicked) && (
            <div style={{ marginBottom: 12 }}>
              <IdCardReadStatus
                reader={reader}
                target="applicant"
                today={today}
                filled={`申请人 ${resident?.name ?? ''}（已登记的居民）`}
              />
            </div>
          )}
          {registering ? (
            <ResidentForm
              key={registering.card.idNumber}
              fromCard={registering}
              onSaved={(record) => {
                setRegistering(null);
                chooseResident(summaryOf(record));
              }}
              onCancel={() => setRegistering(null)}
            />
          ) : (
            <Form.Item
              label={resident ? '申请人' : '查找申请人'}
              htmlFor="intake-resident"
              {...server.fieldStatus('residentId')}
            >
              <ResidentPicker
                key={requestId}
                id="intake-resident"
                value={resident}
                onChange={chooseResident}
                disabled={busy}
                startEmpty={continued}
              />
            </Form.Item>
          )}
        </Card>
        <Card size="small" title="第二步　办理事项" style={{ marginTop: 16 }}>
          <Form.Item label="办理事项" htmlFor="intake-item" {...server.fieldStatus('itemCode')}>
            <ItemPicker
              ref={itemSelect}
              id="intake-item"
              value={entry}
              onChange={chooseItem}
              disabled={busy}
              status={server.fieldStatus('itemCode').validateStatus}
            />
          </Form.Item>
          {item && <ItemFacts item={item} />}
        </Card>
        <Card size="small" title="第三步　收取材料" style={{ marginTop: 16 }}>
          {item ? (
            <Form.Item label="已收材料（勾选群众已提交的材料）" {...server.fieldStatus('receivedMaterials')}>
              <MaterialsChecklist
                id="intake-material"
                materials={item.materials}
                value={received}
                onChange={(next) => {
                  setReceived(next);
                  server.clearChanged({ receivedMaterials: null });
                }}
                disabled={busy}
              />
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">选择办理事项后，这里列出该事项的申请材料。</Typography.Paragraph>
          )}
          <div onKeyDownCapture={enterMovesFocus}>
            <WindowAndPaperFields
              idPrefix="intake"
              windowName={windowName}
              onWindowName={setWindowName}
              paper={paper}
              onPaper={setPaper}
              disabled={busy}
              server={server}
            />
            <Form.Item label="备注" htmlFor="intake-note" {...server.fieldStatus('note')}>
              <Input.TextArea
                id="intake-note"
                rows={2}
                maxLength={300}
                showCount
                value={note}
                disabled={busy}
                onChange={(event) => {
                  setNote(event.target.value);
                  server.clearChanged({ note: null });
                }}
              />
            </Form.Item>
          </div>
        </Card>
      </Form>
      {ready && missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`缺少 ${missing.length} 项必需材料：${missing.join('、')}`}
          description="材料不全不能受理。点“一次性告知”出具一次性告知书，把缺少的材料一次说清；群众补齐后在办件页面受理，不必重新录入。"
        />
      )}
      <Flex gap={8} wrap align="center">
        {item?.handlingType === 'immediate' && (
          <ReasonedButton
            type="primary"
            size="large"
            icon={<CheckCircleOutlined />}
            disabledBecause={acceptBlocked}
            disabled={busy && running !== 'accept'}
            loading={running === 'accept'}
            onClick={() => void send('accept', { completeNow: true })}
          >
            受理并当场办结
          </ReasonedButton>
        )}
        <ReasonedButton
          type={item?.handlingType === 'immediate' ? 'default' : 'primary'}
          size="large"
          icon={<CheckCircleOutlined />}
          disabledBecause={acceptBlocked}
          disabled={busy && running !== 'accept'}
          loading={running === 'accept'}
          onClick={() => void send('accept')}
        >
          {item?.handlingType === 'immediate' ? '仅受理' : '受理'}
        </ReasonedButton>
        {ready && missing.length > 0 && (
          <Button
            size="large"
            icon={<FileTextOutlined />}
            disabled={busy && running !== 'awaitMaterials'}
            loading={running === 'awaitMaterials'}
            onClick={() => void send('awaitMaterials')}
          >
            一次性告知
          </Button>
        )}
        <Button size="large" danger icon={<StopOutlined />} disabled={!ready || busy} onClick={() => setRefusing(true)}>
          不予受理
        </Button>
        {acceptBlocked && !(ready && missing.length > 0) && (
          <Typography.Text type="secondary">{acceptBlocked}</Typography.Text>
        )}
      </Flex>
      <FormDialog<{ refusalReason: string; redirectTo?: string }>
        open={refusing}
        title="不予受理"
        okText="出具不予受理告知书"
        name="intake-refuse"
        fields={['refusalReason', 'redirectTo']}
        intro={
          <Typography.Paragraph type="secondary">
            申请事项不属于本窗口受理范围或依法不予受理时使用。告知书写明理由和建议办理机关。
          </Typography.Paragraph>
        }
        onSubmit={(values) =>
          send('refuse', { refusalReason: values.refusalReason, redirectTo: values.redirectTo?.trim() || undefined })
        }
        onClose={() => setRefusing(false)}
      >
        {(dialogServer) => (
          <>
            <Form.Item
              name="refusalReason"
              label="不予受理理由"
              rules={[{ required: true, whitespace: true, message: '请写明不予受理的理由' }]}
              {...dialogServer.fieldStatus('refusalReason')}
            >
              <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
            </Form.Item>
            <Form.Item
              name="redirectTo"
              label="建议办理机关"
              extra="群众可以去哪里办，如 县公安局出入境管理大队"
              {...dialogServer.fieldStatus('redirectTo')}
            >
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
      </FormDialog>
    </Flex>
  );
}

/** A resident just registered, as the picker shows one (numbers masked). */
function summaryOf(record: ResidentRecord): ResidentSummary {
  return {
    id: record.id,
    name: record.name,
    idType: record.idType,
    idNumberMasked: maskIdNumber(record.idNumber),
    phoneMasked: maskPhone(record.phone),
    sex: record.sex,
    birthDate: record.birthDate,
    villageName: record.villageName,
    groupName: record.groupName,
  };
}

const RESULT_TITLES: Record<IntakeDecision, string> = {
  accept: '已受理',
  awaitMaterials: '已出具一次性告知书',
  refuse: '已出具不予受理告知书',
};

/** After the intake: the number and the promise to read out, the paper to print, what next. */
function IntakeResult({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
  const { decision, answer } = outcome;
  const record = answer.case;
  const missing = record.materials.filter((m) => m.required && !m.received).map((m) => m.name);
  let subTitle: string;
  if (decision === 'accept') {
    subTitle =
      record.status === 'completed'
        ? '即办件已当场办结。'
        : record.promisedDate
          ? `承诺办结日期：${chineseDateWithWeekday(record.promisedDate)}${record.deadline?.provisional ? '（暂定：该年节假日安排尚未导入）' : ''}`
          : '转报县级部门办理，办结时间以县级部门为准。';
  } else if (decision === 'awaitMaterials') {
    subTitle = `该件待补齐材料（缺：${missing.join('、') || '—'}）。群众补齐后，在办件页面点“受理”即可，不必重新录入。`;
  } else {
    subTitle = `${record.refusal?.reason ?? ''}${record.refusal?.redirectTo ? `；建议到${record.refusal.redirectTo}办理` : ''}`;
  }
  return (
    <Result
      status={decision === 'accept' ? 'success' : decision === 'awaitMaterials' ? 'warning' : 'info'}
      title={
        decision === 'accept' && record.caseNumber
          ? `${RESULT_TITLES[decision]}，办件编号 ${record.caseNumber}`
          : RESULT_TITLES[decision]
      }
      subTitle={
        <Space orientation="vertical">
          <span>{`申请人：${record.residentName}，事项：${record.itemName}`}</span>
          <Typography.Text strong>{subTitle}</Typography.Text>
        </Space>
      }
      extra={
        <Flex gap={8} justify="center" wrap>
          {answer.document && (
            <PrintDocumentButton
              type="primary"
              size="large"
              documentId={answer.document.id}
              label={decision === 'accept' ? '打印回执' : '打印告知书'}
            />
          )}
          <Button size="large" href={href(paths.counterCase(record.id))}>
            查看办件
          </Button>
          <Button size="large" onClick={onNext} autoFocus={!answer.document}>
            继续收件
          </Button>
        </Flex>
      }
    />
  );
}
