import { NotificationOutlined, SoundOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Flex, Form, List, Select, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import type { QueuePanel, QueueTicket } from '../../shared/queue/api';
import { TICKET_STATUS_LABELS } from '../../shared/queue/queue';
import { ticketKind, type TicketStep } from '../../shared/queue/ticketKind';
import { canTake, offeredSteps } from '../../shared/workflow/kind';
import { call, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { minuteTime } from '../common/dates';
import { FormDialog } from '../common/FormDialog';
import { isShortcut, useHotkeys } from '../common/keyboard';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { chooseQueueWindow, chosenQueueWindow, type ChosenWindow } from '../common/queue/queueWindow';
import { ReasonedButton } from '../common/ReasonedButton';
import { href, navigate, paths } from '../common/router';
import { useSession } from '../common/session';
import { usePolledQuery } from '../common/usePolledQuery';
import { useToday } from '../common/useToday';

/** F8 叫号, F9 重呼: free in the app (F2 reads an ID card, F3 finds a resident) and in the browsers. */
export const CALL_SHORTCUT = 'F8';
export const RECALL_SHORTCUT = 'F9';
/** The waiting counts move as the kiosk gives tickets; the panel reads them this often. */
const POLL_MS = 4_000;

/** 叫号: this computer's window, the tickets waiting for it, the ticket at it now and its steps. */
export function QueuePanelPage() {
  const [chosen, setChosen] = useState<ChosenWindow | null>(chosenQueueWindow);
  function choose(next: ChosenWindow | null) {
    chooseQueueWindow(next);
    setChosen(next);
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          叫号{chosen ? ` · ${chosen.name}` : ''}
        </Typography.Title>
        <Flex gap={12} align="center">
          {chosen && <Button onClick={() => choose(null)}>更换窗口</Button>}
          <Typography.Link href={href(paths.statistics('queue'))}>排队统计</Typography.Link>
          <Typography.Link href={href(paths.counter)}>工作台</Typography.Link>
        </Flex>
      </Flex>
      {chosen ? <Panel window={chosen} onWindowGone={() => choose(null)} /> : <ChooseWindow onChoose={choose} />}
    </Flex>
  );
}

function ChooseWindow({ onChoose }: { onChoose: (window: ChosenWindow) => void }) {
  const windows = useQuery('queue.windows', {});
  const [picked, setPicked] = useState<string | null>(null);
  if (windows.error && !windows.data) return <LoadFailed error={windows.error} what="窗口" onRetry={windows.reload} />;
  if (!windows.data) return <Loading />;
  const options = windows.data.windows.map((w) => ({ value: w.id, label: w.name }));
  if (options.length === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        title="还没有设置窗口"
        description="请系统管理员在“系统管理 → 排队叫号”中设置取号类别和窗口。"
      />
    );
  }
  const confirm = () => {
    const window = windows.data!.windows.find((w) => w.id === picked);
    if (window) onChoose({ id: window.id, name: window.name });
  };
  return (
    <Card size="small" title="本机是哪个窗口？" style={{ maxWidth: 520 }}>
      <Form layout="vertical" onFinish={confirm}>
        <Form.Item label="窗口" htmlFor="queue-window" extra="本机会记住；受理窗口一栏空着时也会填上这个窗口">
          <Select
            id="queue-window"
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择窗口"
            options={options}
            value={picked}
            onChange={setPicked}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!picked}>
          确定
        </Button>
      </Form>
    </Card>
  );
}

type WindowStep = Extract<TicketStep, 'recall' | 'skip' | 'finish'>;
const STEP_PROCEDURES = { recall: 'queue.recall', skip: 'queue.skip', finish: 'queue.finish' } as const;

function Panel({ window, onWindowGone }: { window: ChosenWindow; onWindowGone: () => void }) {
  const { info, screenLocked } = useSession();
  const { message } = App.useApp();
  const today = useToday();
  const panel = usePolledQuery('queue.panel', { windowId: window.id }, () => POLL_MS, !screenLocked);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [transferring, setTransferring] = useState<QueueTicket | null>(null);

  async function run(what: string, work: () => Promise<unknown>, done?: string) {
    if (busy) return;
    setBusy(what);
    setFailure(null);
    try {
      await work();
      if (done) void message.success(done);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(null);
      panel.refresh();
    }
  }

  const data = panel.data;
  const current = data?.current ?? null;
  const callNext = () =>
    run('call', async () => {
      const { ticket } = await call('queue.call', { windowId: window.id });
      void message.info(`已叫号 ${ticket.number}`);
    });
  const step = (name: WindowStep, ticket: QueueTicket) =>
    run(name, () =>
      call(STEP_PROCEDURES[name], { id: ticket.id, version: ticket.version } as InputOf<
        (typeof STEP_PROCEDURES)[WindowStep]
      >),
    );

  useHotkeys((event) => {
    if (isShortcut(event, CALL_SHORTCUT)) {
      void callNext();
      return true;
    }
    if (isShortcut(event, RECALL_SHORTCUT) && current && canTake(ticketKind, 'recall', current, info.user, today)) {
      void step('recall', current);
      return true;
    }
    return false;
  });

  if (panel.error && !data) {
    if (panel.error.fieldErrors.windowId) {
      return (
        <Alert
          type="warning"
          showIcon
          title={panel.error.fieldErrors.windowId}
          action={<Button onClick={onWindowGone}>重新选择窗口</Button>}
        />
      );
    }
    return <LoadFailed error={panel.error} what="叫号面板" onRetry={panel.refresh} />;
  }
  if (!data) return <Loading />;

  const offered = current ? offeredSteps(ticketKind, current, info.user, today) : [];
  const takeIn = current && canTake(ticketKind, 'takeIn', current, info.user, today);
  return (
    <Flex vertical gap={16}>
      {failure && <Alert type="error" showIcon title={failure} closable={{ onClose: () => setFailure(null) }} />}
      <Waiting panel={data} />
      <Card
        size="small"
        title="当前号"
        extra={<TakeForResident panel={data} onTaken={panel.refresh} />}
        aria-label="当前号"
      >
        {current ? (
          <CurrentTicket ticket={current} />
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            本窗口现在没有叫到的号。按 <Typography.Text keyboard>{CALL_SHORTCUT}</Typography.Text> 或点“叫号”叫下一位。
          </Typography.Paragraph>
        )}
        <Flex gap={8} wrap style={{ marginTop: 16 }}>
          <ReasonedButton
            type={current ? 'default' : 'primary'}
            size="large"
            icon={<NotificationOutlined />}
            disabledBecause={current ? `请先办结、过号或转窗口 ${current.number}，再叫下一个号` : null}
            loading={busy === 'call'}
            onClick={() => void callNext()}
          >
            叫号（{CALL_SHORTCUT}）
          </ReasonedButton>
          {takeIn && (
            <Button type="primary" size="large" onClick={() => navigate(paths.counterIntake)}>
              开始办理
            </Button>
          )}
          {current &&
            offered.map((s) => (
              <ReasonedButton
                key={s.step}
                size="large"
                danger={s.step === 'skip'}
                icon={s.step === 'recall' ? <SoundOutlined /> : undefined}
                disabledBecause={s.disabledBecause}
                loading={busy === s.step}
                onClick={() =>
                  s.step === 'transfer' ? setTransferring(current) : void step(s.step as WindowStep, current)
                }
              >
                {s.step === 'recall' ? `${s.label}（${RECALL_SHORTCUT}）` : s.label}
              </ReasonedButton>
            ))}
        </Flex>
      </Card>
      {data.skipped.length > 0 && (
        <Card size="small" title={`本窗口今天过号的号（${data.skipped.length}）`}>
          <List
            size="small"
            dataSource={data.skipped}
            renderItem={(t) => (
              <List.Item
                actions={[
                  <Button
                    key="back"
                    size="small"
                    disabled={current !== null}
                    loading={busy === `back-${t.id}`}
                    onClick={() =>
                      void run(`back-${t.id}`, () =>
                        call('queue.call', { windowId: window.id, ticketId: t.id, version: t.version }),
                      )
                    }
                  >
                    过号回叫
                  </Button>,
                ]}
              >
                {t.number}（{t.categoryName}）叫号于 {minuteTime(t.lastCalledAt)}
              </List.Item>
            )}
          />
        </Card>
      )}
      <TransferDialog
        ticket={transferring}
        panel={data}
        onClose={() => setTransferring(null)}
        onDone={(name) => {
          void message.success(`已转至${name}`);
          panel.refresh();
        }}
      />
    </Flex>
  );
}

function Waiting({ panel }: { panel: QueuePanel }) {
  return (
    <Card size="small" title="等候人数" aria-label="等候人数">
      <Flex gap={32} wrap>
        {panel.waiting.map((w) => (
          <Statistic key={w.categoryId} title={`${w.prefix} ${w.categoryName}`} value={w.waiting} suffix="人" />
        ))}
        <Statistic title="转来本窗口" value={panel.transferredHere} suffix="人" />
      </Flex>
    </Card>
  );
}

function CurrentTicket({ ticket }: { ticket: QueueTicket }) {
  const waited = ticket.firstCalledAt
    ? Math.max(0, Math.round((Date.parse(ticket.firstCalledAt) - Date.parse(ticket.takenAt)) / 60_000))
    : null;
  return (
    <Flex gap={24} align="center" wrap>
      <Typography.Text strong style={{ fontSize: 48, lineHeight: 1 }} aria-label="当前号码">
        {ticket.number}
      </Typography.Text>
      <Flex vertical gap={4}>
        <Flex gap={8} align="center">
          <Typography.Text strong>{ticket.categoryName}</Typography.Text>
          <Tag color={ticket.status === 'serving' ? 'green' : 'blue'}>{TICKET_STATUS_LABELS[ticket.status]}</Tag>
          {ticket.recallCount > 0 && <Tag>已重呼 {ticket.recallCount} 次</Tag>}
          {ticket.transferCount > 0 && <Tag color="orange">转窗口 {ticket.transferCount} 次</Tag>}
        </Flex>
        <Typography.Text type="secondary">
          取号 {minuteTime(ticket.takenAt)}（{ticket.takenByName}）{waited !== null ? `，等候 ${waited} 分钟` : ''}
        </Typography.Text>
        {ticket.caseId && (
          <Typography.Text>
            已关联办件{' '}
            <Typography.Link href={href(paths.counterCase(ticket.caseId))}>
              {ticket.caseNumber || '（待补齐材料）'}
            </Typography.Link>
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}

/** 代取号: a ticket for a resident who came to the window without one (printed at the window). */
function TakeForResident({ panel, onTaken }: { panel: QueuePanel; onTaken: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function take(categoryId: string) {
    setBusy(true);
    try {
      const taken = await call('queue.takeTicketAtCounter', { requestId: crypto.randomUUID(), categoryId });
      void message.success({
        content: (
          <span>
            已取号 {taken.number}（{taken.categoryName}），前面还有 {taken.waitingBefore} 人。
            <a href={taken.ticketPdfUrl} target="_blank" rel="noreferrer">
              打开小票
            </a>
          </span>
        ),
        duration: 8,
      });
      onTaken();
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: panel.waiting.map((w) => ({ key: w.categoryId, label: `${w.prefix} ${w.categoryName}` })),
        onClick: ({ key }) => void take(key),
      }}
    >
      <Button size="small" loading={busy}>
        代群众取号
      </Button>
    </Dropdown>
  );
}

function TransferDialog({
  ticket,
  panel,
  onClose,
  onDone,
}: {
  ticket: QueueTicket | null;
  panel: QueuePanel;
  onClose: () => void;
  onDone: (windowName: string) => void;
}) {
  return (
    <FormDialog<{ toWindowId: string }>
      open={ticket !== null}
      title={`转窗口：${ticket?.number ?? ''}`}
      okText="转窗口"
      name="queue-transfer"
      fields={['toWindowId']}
      intro={
        <Typography.Paragraph type="secondary">
          该号回到等候，由所选窗口优先叫号；取号时间不变，群众不必重新排队。
        </Typography.Paragraph>
      }
      onSubmit={async ({ toWindowId }) => {
        await call('queue.transfer', { id: ticket!.id, version: ticket!.version, toWindowId });
        onDone(panel.otherWindows.find((w) => w.id === toWindowId)?.name ?? '');
      }}
      onClose={onClose}
    >
      {(server) => (
        <Form.Item
          name="toWindowId"
          label="转至窗口"
          rules={[{ required: true, message: '请选择转至哪个窗口' }]}
          {...server.fieldStatus('toWindowId')}
        >
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择窗口"
            options={panel.otherWindows.map((w) => ({ value: w.id, label: w.name }))}
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}
