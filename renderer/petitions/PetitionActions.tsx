import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import type { PetitionCommandResult, PetitionRecord } from '../../shared/petitions/api';
import { MAX_EXTENSION_DAYS } from '../../shared/petitions/periods';
import {
  HANDLING_EVENT_KINDS,
  HANDLING_EVENT_LABELS,
  LEADER_DECISION_LABELS,
  LEADER_DECISIONS,
  NOT_ACCEPTED_GROUND_LABELS,
  NOT_ACCEPTED_GROUNDS,
  REVIEW_LEVEL_LABELS,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  type HandlingEventKind,
  type LeaderDecision,
  type NotAcceptedGround,
  type ReviewLevel,
  type Satisfaction,
} from '../../shared/petitions/petitions';
import { useQuery } from '../api/useQuery';
import { FormDialog } from '../common/FormDialog';
import { RequiredTextField } from '../common/RequiredTextField';
import { recall, remember } from '../common/sessionMemory';
import { chineseDate, toDateString } from '../common/dates';
import { StepDateField, todayValue } from '../common/StepDateField';

/** The commands that take the petition's version and answer the petition and its paper. */
export type PetitionCommand =
  | 'petitions.accept'
  | 'petitions.notAccept'
  | 'petitions.extend'
  | 'petitions.recordLeaderDecision'
  | 'petitions.addHandlingEvent'
  | 'petitions.reply'
  | 'petitions.recordSatisfaction'
  | 'petitions.requestReview'
  | 'petitions.recordReview'
  | 'petitions.close';

export type StepInput<N extends PetitionCommand> = Omit<InputOf<N>, 'id' | 'version'>;

/** Runs a step on the petition as shown (its version); the page takes the answer. */
export type RunPetitionStep = <N extends PetitionCommand>(
  label: string,
  name: N,
  input: StepInput<N>,
) => Promise<PetitionCommandResult>;

export type PetitionAction =
  | 'accept'
  | 'notAccept'
  | 'leaderDecision'
  | 'event'
  | 'extend'
  | 'reply'
  | 'satisfaction'
  | 'requestReview'
  | 'recordReview'
  | 'requestReReview'
  | 'recordReReview'
  | 'close';

export const ACTION_LABELS: Record<PetitionAction, string> = {
  accept: '受理',
  notAccept: '不予受理',
  leaderDecision: '领导处理意见',
  event: '办理过程',
  extend: '延期',
  reply: '答复',
  satisfaction: '满意度',
  requestReview: '复查请求',
  recordReview: '复查意见',
  requestReReview: '复核请求',
  recordReReview: '复核意见',
  close: '办结',
};

/** A step the petition offers now; `disabledBecause` says why it cannot be taken yet. */
export interface OfferedAction {
  action: PetitionAction;
  disabledBecause?: string;
}

export const NO_REPLY_REASON = '尚未书面答复，不能办结（件件有回复）';

/** The handling period may be extended once: the button stays, saying so. */
function extensionOffer(petition: PetitionRecord): OfferedAction {
  const ext = petition.extension;
  return ext
    ? {
        action: 'extend',
        disabledBecause: `已于${chineseDate(ext.extendedOn)}延期${ext.days}日，办理期限只能延长一次`,
      }
    : { action: 'extend' };
}

/** The steps the petition allows now, in the order of its life. */
export function offeredActions(petition: PetitionRecord, today: string): OfferedAction[] {
  const reviewed = petition.reviews.some((r) => r.level === 'review');
  const reReviewed = petition.reviews.some((r) => r.level === 'reReview');
  // While the petition is open the request is offered after the window too (a request made in time
  // may be entered later with its own date; the backend refuses a date past the window and names
  // its last day). A closed petition offers it only inside the window.
  const canRequestReview = !reviewed && petition.reviewRequestDueOn !== null;
  const canRequestReReview = reviewed && !reReviewed && petition.reReviewRequestDueOn !== null;
  const inWindow = (dueOn: string | null) => dueOn !== null && today <= dueOn;
  // Only a visit received on a leader's reception day carries the leader's decision.
  const leader: OfferedAction[] =
    petition.receptionDay && !petition.leaderDecision ? [{ action: 'leaderDecision' }] : [];
  const satisfaction: OfferedAction[] = petition.satisfaction ? [] : [{ action: 'satisfaction' }];
  switch (petition.status) {
    case 'registered':
      return [
        { action: 'accept' },
        { action: 'notAccept' },
        ...leader,
        { action: 'event' },
        { action: 'close', disabledBecause: NO_REPLY_REASON },
      ];
    case 'accepted':
      return [
        { action: 'reply' },
        { action: 'event' },
        ...leader,
        extensionOffer(petition),
        { action: 'close', disabledBecause: NO_REPLY_REASON },
      ];
    case 'replied':
      return [
        ...satisfaction,
        { action: 'close' },
        ...(canRequestReview ? [{ action: 'requestReview' as const }] : []),
      ];
    case 'underReview':
      return [{ action: 'recordReview' }, { action: 'event' }];
    case 'reviewed':
      return [
        { action: 'close' },
        ...satisfaction,
        ...(canRequestReReview ? [{ action: 'requestReReview' as const }] : []),
      ];
    case 'underReReview':
      return [{ action: 'recordReReview' }, { action: 'event' }];
    case 'reReviewed':
      return [{ action: 'close' }, ...satisfaction];
    case 'closed':
      return [
        ...(canRequestReview && inWindow(petition.reviewRequestDueOn) ? [{ action: 'requestReview' as const }] : []),
        ...(canRequestReReview && inWindow(petition.reReviewRequestDueOn)
          ? [{ action: 'requestReReview' as const }]
          : []),
      ];
    case 'notAccepted':
      return [];
  }
}

/** The day of the petition's last step: no later step may be dated before it. */
export function lastStepOn(petition: PetitionRecord): string {
  const dates = [
    petition.receivedOn,
    petition.acceptedOn,
    petition.notAccepted?.decidedOn,
    petition.extension?.extendedOn,
    petition.leaderDecision?.decidedOn,
    petition.reply?.repliedOn,
    petition.closedOn,
    ...petition.events.map((e) => e.on),
    ...petition.reviews.flatMap((r) => [r.requestedOn, r.answeredOn]),
  ].filter((d): d is string => typeof d === 'string' && d !== '');
  return dates.reduce((latest, d) => (d > latest ? d : latest), petition.receivedOn);
}

/** The buttons of the steps; a step that cannot be taken yet is shown disabled with its reason. */
export function PetitionActionButtons({
  offered,
  open,
  onOpen,
}: {
  offered: OfferedAction[];
  open: PetitionAction | null;
  onOpen: (action: PetitionAction) => void;
}) {
  const main = offered.find((o) => !o.disabledBecause)?.action;
  return (
    <Flex gap={8} wrap>
      {offered.map(({ action, disabledBecause }) => {
        const button = (
          <Button
            key={action}
            type={action === main ? 'primary' : 'default'}
            danger={action === 'notAccept'}
            disabled={open !== null || disabledBecause !== undefined}
            onClick={() => onOpen(action)}
          >
            {ACTION_LABELS[action]}
          </Button>
        );
        return disabledBecause ? (
          <Tooltip key={action} title={disabledBecause}>
            <span>{button}</span>
          </Tooltip>
        ) : (
          button
        );
      })}
    </Flex>
  );
}

/** The 承办单位 named last (the same few units recur). */
const UNIT_KEY = 'petitions.lastHandlingUnit';

/** Where a petitioner is told to turn, by the ground of a refusal: a first draft to edit. */
const CHANNEL_DRAFTS: Record<NotAcceptedGround, string> = {
  litigation: '可依法向有管辖权的人民法院提起诉讼。',
  arbitration: '可依法向有管辖权的仲裁机构申请仲裁。',
  reconsideration: '可依法向有权机关申请行政复议。',
  handled: '该事项已依法处理，请依照已作出的处理意见执行；如有新的事实和理由，可另行提出。',
  notOurs: '该事项不属于本机关职权范围，请向有权处理的机关提出。',
  other: '',
};

interface Props {
  petition: PetitionRecord;
  today: string;
  open: PetitionAction | null;
  onClose: () => void;
  run: RunPetitionStep;
}

/** The dialog of the open step, if any. */
export function PetitionDialogs({ petition, today, open, onClose, run }: Props) {
  const earliest = lastStepOn(petition);
  const date = (name: string, label: string, server: Parameters<typeof StepDateField>[0]['server']) => (
    <StepDateField name={name} label={label} server={server} today={today} earliest={earliest} />
  );
  if (!open) return null;
  const label = ACTION_LABELS[open];

  switch (open) {
    case 'accept':
      return (
        <FormDialog<{ acceptedOn?: Dayjs | null; handlingUnit: string }>
          open
          title="受理信访事项"
          okText="受理并出具告知书"
          name="petition-accept"
          fields={['acceptedOn', 'handlingUnit']}
          initialValues={{ acceptedOn: todayValue(today), handlingUnit: recall<string>(UNIT_KEY) ?? '' }}
          intro={
            <Typography.Paragraph>
              {`受理后出具《受理告知书》，请送交信访人。办理期限自受理之日起60日。受理告知期限至${chineseDate(petition.acceptanceDueOn)}。`}
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'petitions.accept', {
              acceptedOn: toDateString(values.acceptedOn),
              handlingUnit: values.handlingUnit,
            });
            remember(UNIT_KEY, values.handlingUnit.trim());
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <Form.Item
                name="handlingUnit"
                label="承办单位"
                rules={[{ required: true, whitespace: true, message: '请填写承办单位' }]}
                {...server.fieldStatus('handlingUnit')}
              >
                <Input maxLength={60} autoFocus placeholder="如 镇司法所、镇自然资源所" />
              </Form.Item>
              {date('acceptedOn', '受理日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'notAccept':
      return (
        <FormDialog<{ decidedOn?: Dayjs | null; ground?: NotAcceptedGround; reason: string; channel: string }>
          open
          title="不予受理"
          okText="出具不予受理告知书"
          name="petition-not-accept"
          width={640}
          fields={['decidedOn', 'ground', 'reason', 'channel']}
          initialValues={{ decidedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph type="secondary">
              不予受理的，应书面告知信访人理由，并告知其应当通过的途径（诉讼、仲裁、行政复议等）。
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'petitions.notAccept', {
              decidedOn: toDateString(values.decidedOn),
              ground: values.ground!,
              reason: values.reason,
              channel: values.channel,
            });
          }}
          onClose={onClose}
        >
          {(server, form) => (
            <>
              <Form.Item
                name="ground"
                label="不予受理情形"
                rules={[{ required: true, message: '请选择不予受理的情形' }]}
                {...server.fieldStatus('ground')}
              >
                <Select
                  autoFocus
                  options={NOT_ACCEPTED_GROUNDS.map((g) => ({ value: g, label: NOT_ACCEPTED_GROUND_LABELS[g] }))}
                  onChange={(ground: NotAcceptedGround) => {
                    // A draft of the channel for the ground, unless one was already written.
                    const current = (form.getFieldValue('channel') as string | undefined) ?? '';
                    const drafts = Object.values(CHANNEL_DRAFTS);
                    if (!current.trim() || drafts.includes(current))
                      form.setFieldValue('channel', CHANNEL_DRAFTS[ground]);
                  }}
                />
              </Form.Item>
              <RequiredTextField
                name="reason"
                label="不予受理理由"
                message="请写明不予受理的理由"
                server={server}
                maxLength={1000}
                rows={3}
                autoFocus={false}
                placeholder="如 该纠纷已由人民法院受理"
              />
              <RequiredTextField
                name="channel"
                label="告知途径"
                message="请写明信访人应当通过的途径"
                server={server}
                maxLength={500}
                rows={2}
                autoFocus={false}
                placeholder="如 可依法向某县人民法院提起诉讼"
              />
              {date('decidedOn', '决定日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'extend':
      return (
        <FormDialog<{ extendedOn?: Dayjs | null; days: number; reason: string }>
          open
          title="延长办理期限"
          okText="延期并出具告知书"
          name="petition-extend"
          fields={['extendedOn', 'days', 'reason']}
          initialValues={{ extendedOn: todayValue(today), days: MAX_EXTENSION_DAYS }}
          intro={
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`办理期限现为${chineseDate(petition.handlingDueOn)}。情况复杂的，可以延长一次，不超过${MAX_EXTENSION_DAYS}日，并告知信访人延期理由。`}
            />
          }
          onSubmit={async (values) => {
            await run(label, 'petitions.extend', {
              extendedOn: toDateString(values.extendedOn),
              days: values.days,
              reason: values.reason,
            });
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <Form.Item
                name="days"
                label="延长天数"
                rules={[{ required: true, message: '请填写延长的天数' }]}
                extra={`1至${MAX_EXTENSION_DAYS}日`}
                {...server.fieldStatus('days')}
              >
                <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 120 }} suffix="日" />
              </Form.Item>
              <RequiredTextField
                name="reason"
                label="延期理由"
                message="请写明延期的理由"
                server={server}
                maxLength={500}
                rows={3}
                autoFocus={false}
                placeholder="如 涉及多个部门，需进一步调查核实"
              />
              {date('extendedOn', '延期决定日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'leaderDecision':
      return <LeaderDecisionDialog petition={petition} today={today} earliest={earliest} run={run} onClose={onClose} />;
    case 'event':
      return (
        <FormDialog<{ kind: HandlingEventKind; on?: Dayjs | null; toBody?: string; person?: string; note?: string }>
          open
          title="记录办理过程"
          okText="记录"
          name="petition-event"
          width={620}
          fields={['kind', 'on', 'toBody', 'person', 'note']}
          initialValues={{ kind: petition.events.length === 0 ? 'assigned' : 'progress', on: todayValue(today) }}
          onSubmit={async (values) => {
            await run(HANDLING_EVENT_LABELS[values.kind], 'petitions.addHandlingEvent', {
              kind: values.kind,
              on: toDateString(values.on),
              toBody: values.toBody ?? '',
              person: values.person ?? '',
              note: values.note ?? '',
            });
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <Form.Item name="kind" label="事项" {...server.fieldStatus('kind')}>
                <Radio.Group
                  optionType="button"
                  options={HANDLING_EVENT_KINDS.map((k) => ({ value: k, label: HANDLING_EVENT_LABELS[k] }))}
                />
              </Form.Item>
              <Flex gap={12}>
                <Form.Item name="toBody" label="承办或接收单位" style={{ flex: 2 }} {...server.fieldStatus('toBody')}>
                  <Input maxLength={60} placeholder="如 镇自然资源所、县信访局" />
                </Form.Item>
                <Form.Item name="person" label="承办人" style={{ flex: 1 }} {...server.fieldStatus('person')}>
                  <Input maxLength={30} />
                </Form.Item>
              </Flex>
              <Form.Item name="note" label="情况说明" {...server.fieldStatus('note')}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
              {date('on', '日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'reply':
      return (
        <FormDialog<{ repliedOn?: Dayjs | null; facts: string; opinion: string; basis?: string }>
          open
          title="书面答复"
          okText="答复并出具答复意见书"
          name="petition-reply"
          width={720}
          fields={['repliedOn', 'facts', 'opinion', 'basis']}
          initialValues={{ repliedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph>
              {`出具《信访事项处理意见书》（答复意见书）。办理期限至${chineseDate(petition.handlingDueOn)}；信访人可自收到之日起30日内请求复查。`}
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'petitions.reply', {
              repliedOn: toDateString(values.repliedOn),
              facts: values.facts,
              opinion: values.opinion,
              basis: values.basis ?? '',
            });
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <RequiredTextField
                name="facts"
                label="查明情况"
                message="请写明查明的情况"
                server={server}
                maxLength={4000}
                rows={4}
              />
              <RequiredTextField
                name="opinion"
                label="处理意见"
                message="请写明处理意见"
                server={server}
                maxLength={4000}
                rows={4}
                autoFocus={false}
              />
              <Form.Item name="basis" label="政策法规依据" {...server.fieldStatus('basis')}>
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  showCount
                  placeholder="如 《中华人民共和国土地管理法》第六十二条"
                />
              </Form.Item>
              {date('repliedOn', '答复日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'satisfaction':
      return (
        <FormDialog<{ value?: Satisfaction; on?: Dayjs | null }>
          open
          title="信访人满意度"
          okText="保存"
          name="petition-satisfaction"
          fields={['value', 'on']}
          initialValues={{ on: todayValue(today) }}
          onSubmit={async (values) => {
            await run(label, 'petitions.recordSatisfaction', { value: values.value!, on: toDateString(values.on) });
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <Form.Item
                name="value"
                label="对答复的评价"
                rules={[{ required: true, message: '请选择信访人的评价' }]}
                {...server.fieldStatus('value')}
              >
                <Radio.Group
                  optionType="button"
                  options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))}
                />
              </Form.Item>
              {date('on', '回访日期', server)}
            </>
          )}
        </FormDialog>
      );
    case 'requestReview':
    case 'requestReReview':
      return (
        <ReviewRequestDialog
          level={open === 'requestReview' ? 'review' : 'reReview'}
          petition={petition}
          today={today}
          earliest={earliest}
          run={run}
          onClose={onClose}
        />
      );
    case 'recordReview':
    case 'recordReReview': {
      const level: ReviewLevel = open === 'recordReview' ? 'review' : 'reReview';
      const words = REVIEW_LEVEL_LABELS[level];
      return (
        <FormDialog<{ answeredOn?: Dayjs | null; outcome?: 'upheld' | 'changed'; opinion: string }>
          open
          title={`登记${words}意见`}
          okText="保存"
          name={`petition-${level}-answer`}
          width={640}
          fields={['answeredOn', 'outcome', 'opinion']}
          initialValues={{ answeredOn: todayValue(today) }}
          onSubmit={async (values) => {
            await run(label, 'petitions.recordReview', {
              level,
              answeredOn: toDateString(values.answeredOn),
              outcome: values.outcome!,
              opinion: values.opinion,
            });
          }}
          onClose={onClose}
        >
          {(server) => (
            <>
              <Form.Item
                name="outcome"
                label="结论"
                rules={[{ required: true, message: `请选择${words}结论` }]}
                {...server.fieldStatus('outcome')}
              >
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'upheld', label: '维持原处理意见' },
                    { value: 'changed', label: '变更原处理意见' },
                  ]}
                />
              </Form.Item>
              <RequiredTextField
                name="opinion"
                label={`${words}意见`}
                message={`请填写${words}意见`}
                server={server}
                maxLength={4000}
                rows={4}
                autoFocus={false}
              />
              {date('answeredOn', '意见日期', server)}
            </>
          )}
        </FormDialog>
      );
    }
    case 'close':
      return (
        <FormDialog<{ closedOn?: Dayjs | null }>
          open
          title="办结"
          okText="办结"
          name="petition-close"
          fields={['closedOn']}
          initialValues={{ closedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph>
              {petition.reply
                ? `已于${chineseDate(petition.reply.repliedOn)}书面答复。办结后，信访人在期限内请求复查或复核的，可以重新打开。`
                : NO_REPLY_REASON}
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'petitions.close', { closedOn: toDateString(values.closedOn) });
          }}
          onClose={onClose}
        >
          {(server) => date('closedOn', '办结日期', server)}
        </FormDialog>
      );
  }
}

interface DialogProps {
  petition: PetitionRecord;
  today: string;
  earliest: string;
  run: RunPetitionStep;
  onClose: () => void;
}

/** 领导处理意见: settled on the spot, or a deadline and the leader who owns the case (包案领导). */
function LeaderDecisionDialog({ petition, today, earliest, run, onClose }: DialogProps) {
  return (
    <FormDialog<{ decision: LeaderDecision; decidedOn?: Dayjs | null; dueOn?: Dayjs | null; caseLeader?: string }>
      open
      title="接访领导处理意见"
      okText="保存"
      name="petition-leader"
      width={600}
      fields={['decision', 'decidedOn', 'dueOn', 'caseLeader']}
      initialValues={{
        decision: 'onTheSpot',
        decidedOn: todayValue(today),
        caseLeader: petition.receptionDay?.leaderName ?? petition.leaderName,
      }}
      intro={
        petition.receptionDay && (
          <Typography.Paragraph type="secondary">
            {`${chineseDate(petition.receptionDay.on)}领导接访：${petition.receptionDay.leaderTitle}${petition.receptionDay.leaderName}。一般案件当场解决，疑难案件限期办理并确定包案领导。`}
          </Typography.Paragraph>
        )
      }
      onSubmit={async (values) => {
        const deadline = values.decision === 'deadline';
        await run(ACTION_LABELS.leaderDecision, 'petitions.recordLeaderDecision', {
          decision: values.decision,
          decidedOn: toDateString(values.decidedOn),
          dueOn: deadline ? (toDateString(values.dueOn) ?? null) : null,
          caseLeader: deadline ? (values.caseLeader ?? '') : '',
        });
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Form.Item name="decision" label="处理意见" {...server.fieldStatus('decision')}>
            <Radio.Group options={LEADER_DECISIONS.map((d) => ({ value: d, label: LEADER_DECISION_LABELS[d] }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {() =>
              form.getFieldValue('decision') === 'deadline' && (
                <Flex gap={12}>
                  <Form.Item
                    name="dueOn"
                    label="限办日期"
                    rules={[{ required: true, message: '请选择限办日期' }]}
                    {...server.fieldStatus('dueOn')}
                  >
                    <DatePicker
                      format="YYYY-MM-DD"
                      style={{ width: 200 }}
                      disabledDate={(d: Dayjs) => d.isBefore(dayjs(today), 'day')}
                    />
                  </Form.Item>
                  <Form.Item
                    name="caseLeader"
                    label="包案领导"
                    style={{ flex: 1 }}
                    rules={[{ required: true, whitespace: true, message: '请填写包案领导' }]}
                    {...server.fieldStatus('caseLeader')}
                  >
                    <Input maxLength={30} />
                  </Form.Item>
                </Flex>
              )
            }
          </Form.Item>
          <StepDateField name="decidedOn" label="决定日期" server={server} today={today} earliest={earliest} />
        </>
      )}
    </FormDialog>
  );
}

/** 复查 or 复核 requested by the petitioner: the day and the body that reviews. */
function ReviewRequestDialog({ level, petition, today, earliest, run, onClose }: DialogProps & { level: ReviewLevel }) {
  const settings = useQuery('petitions.settings', {});
  const words = REVIEW_LEVEL_LABELS[level];
  const dueOn = level === 'review' ? petition.reviewRequestDueOn : petition.reReviewRequestDueOn;
  const intro: ReactNode = (
    <Typography.Paragraph>
      {`信访人对${level === 'review' ? '答复意见' : '复查意见'}不服的，可以自收到之日起30日内请求${words}（期限至${chineseDate(dueOn)}）。${words}机关自收到请求之日起30日内提出${words}意见。`}
    </Typography.Paragraph>
  );
  return (
    <FormDialog<{ requestedOn?: Dayjs | null; body?: string }>
      open
      title={`登记${words}请求`}
      okText="登记"
      name={`petition-${level}-request`}
      fields={['requestedOn', 'body', 'level']}
      initialValues={{ requestedOn: todayValue(today) }}
      intro={intro}
      onSubmit={async (values) => {
        await run(ACTION_LABELS[level === 'review' ? 'requestReview' : 'requestReReview'], 'petitions.requestReview', {
          level,
          requestedOn: toDateString(values.requestedOn),
          body: values.body ?? '',
        });
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="body"
            label={`${words}机关`}
            extra={settings.data?.reviewBody ? `不填即为设置中的复查机关：${settings.data.reviewBody}` : undefined}
            {...server.fieldStatus('body')}
          >
            <Input maxLength={40} autoFocus placeholder={settings.data?.reviewBody || '如 某某县人民政府'} />
          </Form.Item>
          <StepDateField name="requestedOn" label="请求日期" server={server} today={today} earliest={earliest} />
        </>
      )}
    </FormDialog>
  );
}
