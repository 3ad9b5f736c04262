import { Alert, Button, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  OUTCOME_LABELS,
  OUTCOMES,
  PAUSE_KIND_LABELS,
  PAUSE_KINDS,
  RATING_CHANNEL_LABELS,
  RATING_CHANNELS,
  RECEIPT_PAPER_LABELS,
  RECEIPT_PAPERS,
  type CaseCommandResult,
  type CaseDetail,
  type DeliveryMethod,
  type Outcome,
  type PauseKind,
  type RatingChannel,
  type RatingLevel,
  type ReceiptPaper,
} from '../../shared/counter/casesApi';
import { CASE_COMMAND_LABELS, CASE_COMMANDS, canRun, type CaseCommand } from '../../shared/counter/caseStatus';
import { ApiCallError, call, isApiCallError } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import { RequiredTextField } from '../common/RequiredTextField';
import { lastReceiptPaper, lastWindow, rememberReceiptPaper, rememberWindow } from './counterPrefs';
import { chineseDate, toDateString } from '../common/dates';
import { MaterialsChecklist, missingRequired } from './MaterialsChecklist';
import { RatingButtons } from './RatingButtons';
import { StepDateField, todayValue } from '../common/StepDateField';

/** Every step a clerk can take on a case: the state machine's commands and 整改办结. */
export type CaseAction = CaseCommand | 'closeFollowUp';

export const ACTION_LABELS: Record<CaseAction, string> = { ...CASE_COMMAND_LABELS, closeFollowUp: '整改办结' };

/** The procedures that move a case, each answering the case and the paper it issued. */
type CommandProcedure = `counter.${CaseAction}`;
type StepInput<N extends CommandProcedure> = Omit<InputOf<N>, 'caseId' | 'version'>;

/** The steps the case allows now, in the order of its life; 作废 last. */
export function availableActions(detail: CaseDetail): CaseAction[] {
  const { status, followUp } = detail.case;
  const commands = CASE_COMMANDS.filter((command) => command !== 'void' && canRun(command, status));
  const followUpOpen = followUp !== null && followUp.closedAt === null;
  return [
    ...commands,
    ...(followUpOpen ? (['closeFollowUp'] as const) : []),
    ...(canRun('void', status) ? (['void'] as const) : []),
  ];
}

interface Props {
  detail: CaseDetail;
  today: string;
  /** A step went through: the case as it now is and the paper it issued. */
  onDone: (action: CaseAction, result: CaseCommandResult) => void;
  /** The case changed under the clerk (STALE): load it again. */
  onStale: () => void;
}

/** The buttons for the steps the case allows, each opening its small form. */
export function CaseActions({ detail, today: todayOnLoad, onDone, onStale }: Props) {
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [today, setToday] = useState(todayOnLoad);
  const [opening, setOpening] = useState<CaseAction | null>(null);
  const record = detail.case;
  const actions = availableActions(detail);

  async function run<N extends CommandProcedure>(action: CaseAction, name: N, input: StepInput<N>): Promise<void> {
    try {
      const result = await call(name, { caseId: record.id, version: record.version, ...input } as InputOf<N>);
      onDone(action, result);
    } catch (error) {
      if (isApiCallError(error) && error.code === 'STALE') {
        onStale();
        throw new ApiCallError(error.procedure, {
          code: 'STALE',
          message:
            '该件刚被其他人办理过，页面已重新载入最新情况。请先核对页面上的状态，确认仍需这样办理再提交；如不再需要，请点“取消”。',
        });
      }
      throw error;
    }
  }

  const close = () => setOpen(null);

  /** Dates default to today: asked again at each step, as a page may stay open overnight. */
  async function openDialog(action: CaseAction) {
    setOpening(action);
    const status = await call('system.status', {}).catch(() => null);
    setToday(status?.today ?? todayOnLoad);
    setOpening(null);
    setOpen(action);
  }

  let dialog: ReactNode = null;
  switch (open) {
    case 'accept':
      dialog = <AcceptDialog onClose={close} detail={detail} run={(input) => run('accept', 'counter.accept', input)} />;
      break;
    case 'startHandling':
      dialog = (
        <FormDialog<object>
          open
          title="开始办理"
          okText="开始办理"
          name="case-start"
          fields={[]}
          intro={<Typography.Paragraph>确认开始办理“{record.itemName}”？</Typography.Paragraph>}
          onSubmit={() => run('startHandling', 'counter.startHandling', {})}
          onClose={close}
        >
          {() => null}
        </FormDialog>
      );
      break;
    case 'forward':
      dialog = (
        <FormDialog<{ department: string; sentOn?: Dayjs | null }>
          open
          title="转报县级部门"
          okText="转报"
          name="case-forward"
          fields={['department', 'sentOn']}
          initialValues={{ department: record.item.forwardedTo ?? '', sentOn: todayValue(today) }}
          onSubmit={(values) =>
            run('forward', 'counter.forward', { department: values.department, sentOn: toDateString(values.sentOn) })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <Form.Item
                name="department"
                label="接收部门"
                rules={[{ required: true, whitespace: true, message: '请填写接收部门' }]}
                {...server.fieldStatus('department')}
              >
                <Input maxLength={40} autoFocus />
              </Form.Item>
              <StepDateField
                name="sentOn"
                label="报送日期"
                server={server}
                today={today}
                earliest={record.lastStepOn}
              />
            </>
          )}
        </FormDialog>
      );
      break;
    case 'recordForwardReply':
      dialog = (
        <FormDialog<{ reply: string; repliedOn?: Dayjs | null }>
          open
          title="登记转报回复"
          okText="登记"
          name="case-reply"
          fields={['reply', 'repliedOn']}
          initialValues={{ repliedOn: todayValue(today) }}
          intro={
            record.forward && (
              <Typography.Paragraph type="secondary">
                {chineseDate(record.forward.sentOn)}转报{record.forward.department}。登记回复后，该件回到“办理中”。
              </Typography.Paragraph>
            )
          }
          onSubmit={(values) =>
            run('recordForwardReply', 'counter.recordForwardReply', {
              reply: values.reply,
              repliedOn: toDateString(values.repliedOn),
            })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <RequiredTextField
                name="reply"
                label="回复内容"
                message="请填写县级部门的回复"
                server={server}
                maxLength={500}
              />
              <StepDateField
                name="repliedOn"
                label="回复日期"
                server={server}
                today={today}
                earliest={record.lastStepOn}
              />
            </>
          )}
        </FormDialog>
      );
      break;
    case 'pause':
      dialog = (
        <FormDialog<{ kind: PauseKind; reason: string; pausedOn?: Dayjs | null }>
          open
          title="暂停计时"
          okText="暂停计时"
          name="case-pause"
          fields={['kind', 'reason', 'pausedOn']}
          initialValues={{ kind: 'materials', pausedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph type="secondary">
              暂停期间不计入办理时限；恢复计时后，承诺办结日期顺延暂停的工作日数。
            </Typography.Paragraph>
          }
          onSubmit={(values) =>
            run('pause', 'counter.pause', {
              kind: values.kind,
              reason: values.reason,
              pausedOn: toDateString(values.pausedOn),
            })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <Form.Item name="kind" label="暂停原因类别" {...server.fieldStatus('kind')}>
                <Radio.Group options={PAUSE_KINDS.map((kind) => ({ value: kind, label: PAUSE_KIND_LABELS[kind] }))} />
              </Form.Item>
              <RequiredTextField
                name="reason"
                label="暂停原因"
                message="请写明暂停原因"
                server={server}
                maxLength={200}
                rows={2}
                placeholder="如 需补正户口簿复印件"
              />
              <StepDateField
                name="pausedOn"
                label="暂停日期"
                server={server}
                today={today}
                earliest={record.lastStepOn}
              />
            </>
          )}
        </FormDialog>
      );
      break;
    case 'resume':
      dialog = (
        <FormDialog<{ resumedOn?: Dayjs | null }>
          open
          title="恢复计时"
          okText="恢复计时"
          name="case-resume"
          fields={['resumedOn']}
          initialValues={{ resumedOn: todayValue(today) }}
          intro={
            record.pause && (
              <Typography.Paragraph>
                自{chineseDate(record.pause.pausedOn)}起暂停（{PAUSE_KIND_LABELS[record.pause.kind]}：
                {record.pause.reason}）。恢复后，承诺办结日期顺延暂停的工作日数（暂停当天计入，恢复当天不计）。
              </Typography.Paragraph>
            )
          }
          onSubmit={(values) => run('resume', 'counter.resume', { resumedOn: toDateString(values.resumedOn) })}
          onClose={close}
        >
          {(server) => (
            <StepDateField
              name="resumedOn"
              label="恢复日期"
              server={server}
              today={today}
              earliest={record.lastStepOn}
            />
          )}
        </FormDialog>
      );
      break;
    case 'complete':
      dialog = (
        <FormDialog<{ result: Outcome; note?: string; completedOn?: Dayjs | null }>
          open
          title="办结"
          okText="办结并出具通知书"
          name="case-complete"
          fields={['result', 'note', 'completedOn']}
          initialValues={{ result: 'approved', completedOn: todayValue(today) }}
          onSubmit={(values) =>
            run('complete', 'counter.complete', {
              result: values.result,
              note: values.note?.trim() || undefined,
              completedOn: toDateString(values.completedOn),
            })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <Form.Item name="result" label="办理结果" {...server.fieldStatus('result')}>
                <Radio.Group
                  optionType="button"
                  options={OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] }))}
                />
              </Form.Item>
              <Form.Item
                name="note"
                label="结果说明"
                extra="不予批准时写明理由；准予办理时可写领取事项"
                {...server.fieldStatus('note')}
              >
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
              <StepDateField
                name="completedOn"
                label="办结日期"
                server={server}
                today={today}
                earliest={record.lastStepOn}
              />
            </>
          )}
        </FormDialog>
      );
      break;
    case 'deliver':
      dialog = (
        <FormDialog<{ method: DeliveryMethod; signedBy: string; deliveredOn?: Dayjs | null }>
          open
          title="送达"
          okText="登记送达"
          name="case-deliver"
          fields={['method', 'signedBy', 'deliveredOn']}
          initialValues={{ method: 'collected', signedBy: record.resident.name, deliveredOn: todayValue(today) }}
          onSubmit={(values) =>
            run('deliver', 'counter.deliver', {
              method: values.method,
              signedBy: values.signedBy,
              deliveredOn: toDateString(values.deliveredOn),
            })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <Form.Item name="method" label="送达方式" {...server.fieldStatus('method')}>
                <Radio.Group
                  options={DELIVERY_METHODS.map((method) => ({ value: method, label: DELIVERY_METHOD_LABELS[method] }))}
                />
              </Form.Item>
              <Form.Item
                name="signedBy"
                label="签收人"
                rules={[{ required: true, whitespace: true, message: '请填写签收人' }]}
                {...server.fieldStatus('signedBy')}
              >
                <Input maxLength={50} autoFocus />
              </Form.Item>
              <StepDateField
                name="deliveredOn"
                label="送达日期"
                server={server}
                today={today}
                earliest={record.lastStepOn}
              />
            </>
          )}
        </FormDialog>
      );
      break;
    case 'rate':
      dialog = (
        <FormDialog<{ level?: RatingLevel; channel: RatingChannel; comment?: string }>
          open
          title="请群众评价本次办事"
          okText="提交评价"
          name="case-rate"
          width={760}
          fields={['level', 'channel', 'comment']}
          initialValues={{ channel: 'resident' }}
          onSubmit={(values) =>
            run('rate', 'counter.rate', {
              level: values.level!,
              channel: values.channel,
              comment: values.comment?.trim() || undefined,
            })
          }
          onClose={close}
        >
          {(server) => (
            <>
              <Form.Item
                name="level"
                label="您对这次办事满意吗？请点选一项"
                rules={[{ required: true, message: '请群众选择一个评价等级' }]}
                {...server.fieldStatus('level')}
              >
                <RatingButtons />
              </Form.Item>
              <Form.Item name="channel" label="评价渠道" {...server.fieldStatus('channel')}>
                <Radio.Group
                  options={RATING_CHANNELS.map((channel) => ({
                    value: channel,
                    label: RATING_CHANNEL_LABELS[channel],
                  }))}
                />
              </Form.Item>
              <Form.Item name="comment" label="评价意见（可不填）" {...server.fieldStatus('comment')}>
                <Input.TextArea rows={2} maxLength={300} showCount />
              </Form.Item>
              <Typography.Text type="secondary">
                选择“不满意”或“非常不满意”时，系统会生成差评整改回访任务。
              </Typography.Text>
            </>
          )}
        </FormDialog>
      );
      break;
    case 'closeFollowUp':
      dialog = (
        <FormDialog<{ actionTaken: string }>
          open
          title="差评整改办结"
          okText="整改办结"
          name="case-follow-up"
          fields={['actionTaken']}
          intro={
            record.rating && (
              <Typography.Paragraph>
                群众评价：{record.rating.comment || '（未写意见）'}。请写明采取的整改措施和回访情况。
              </Typography.Paragraph>
            )
          }
          onSubmit={(values) => run('closeFollowUp', 'counter.closeFollowUp', { actionTaken: values.actionTaken })}
          onClose={close}
        >
          {(server) => (
            <RequiredTextField
              name="actionTaken"
              label="整改情况"
              message="请写明整改情况"
              server={server}
              maxLength={500}
              rows={4}
            />
          )}
        </FormDialog>
      );
      break;
    case 'void':
      dialog = (
        <FormDialog<{ reason: string }>
          open
          title="作废办件"
          okText="作废"
          name="case-void"
          fields={['reason']}
          intro={
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="作废后该件不再办理；记录和已出具的文书保留，不会删除。"
            />
          }
          onSubmit={(values) => run('void', 'counter.void', { reason: values.reason })}
          onClose={close}
        >
          {(server) => (
            <RequiredTextField
              name="reason"
              label="作废原因"
              message="请写明作废原因"
              server={server}
              maxLength={200}
            />
          )}
        </FormDialog>
      );
      break;
    case null:
      break;
  }

  if (actions.length === 0) return null;
  const main = actions.find((action) => action !== 'void');
  return (
    <>
      <Flex gap={8} wrap>
        {actions.map((action) => (
          <Button
            key={action}
            type={action === main ? 'primary' : 'default'}
            danger={action === 'void'}
            loading={opening === action}
            disabled={opening !== null && opening !== action}
            onClick={() => void openDialog(action)}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Flex>
      {dialog}
    </>
  );
}

interface AcceptValues {
  receivedMaterials: string[];
  window: string;
  receiptPaper: ReceiptPaper;
  completeNow: boolean;
}

/** 待补齐材料 → 受理: the checklist again, what was handed over before still ticked. */
function AcceptDialog({
  detail,
  onClose,
  run,
}: {
  detail: CaseDetail;
  onClose: () => void;
  run: (input: StepInput<'counter.accept'>) => Promise<void>;
}) {
  const record = detail.case;
  const immediate = record.item.handlingType === 'immediate';
  return (
    <FormDialog<AcceptValues>
      open
      title="材料补齐，受理"
      okText="受理"
      name="case-accept"
      width={680}
      fields={['receivedMaterials', 'window', 'receiptPaper', 'completeNow']}
      initialValues={{
        receivedMaterials: record.materials.filter((m) => m.received).map((m) => m.name),
        window: lastWindow() || record.window,
        receiptPaper: lastReceiptPaper(),
        completeNow: immediate,
      }}
      onSubmit={async (values) => {
        await run({
          receivedMaterials: values.receivedMaterials,
          window: values.window,
          receiptPaper: values.receiptPaper,
          ...(immediate ? { completeNow: values.completeNow } : {}),
        });
        rememberWindow(values.window);
        rememberReceiptPaper(values.receiptPaper);
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Form.Item
            name="receivedMaterials"
            label="已收材料（此前已收的已勾选，请勾选这次补交的）"
            {...server.fieldStatus('receivedMaterials')}
          >
            <MaterialsChecklist id="accept-material" materials={record.materials} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => {
              const missing = missingRequired(record.materials, form.getFieldValue('receivedMaterials') ?? []);
              return missing.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={`仍缺必需材料：${missing.join('、')}`}
                  description="材料补齐后才能受理。"
                />
              ) : null;
            }}
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="window"
              label="受理窗口"
              style={{ width: 200 }}
              rules={[{ required: true, whitespace: true, message: '请填写受理窗口' }]}
              {...server.fieldStatus('window')}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="receiptPaper" label="回执纸张" {...server.fieldStatus('receiptPaper')}>
              <Radio.Group
                optionType="button"
                options={RECEIPT_PAPERS.map((p) => ({ value: p, label: RECEIPT_PAPER_LABELS[p] }))}
              />
            </Form.Item>
          </Flex>
          {immediate && (
            <Form.Item name="completeNow" valuePropName="checked" {...server.fieldStatus('completeNow')}>
              <Checkbox>即办件：受理并当场办结</Checkbox>
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}
