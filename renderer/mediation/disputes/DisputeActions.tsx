import { Alert, Button, DatePicker, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import {
  COURT_DECISION_LABELS,
  COURT_DECISIONS,
  HANDOVER_KINDS,
  PERFORMANCE_LEVEL_LABELS,
  PERFORMANCE_LEVELS,
  REFERRAL_OUT_LABELS,
  type CourtDecision,
  type HandoverKind,
  type PerformanceLevel,
} from '../../../shared/mediation/disputes';
import type {
  DisputeCommandResult,
  DisputeDetail,
  DisputeRecord,
  FollowUpRecord,
  ReferralOutInput,
} from '../../../shared/mediation/disputesApi';
import { call } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { href, paths } from '../../app/router';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { recall, remember } from '../../common/sessionMemory';
import type { ServerErrors } from '../../common/useServerErrors';
import { chineseDate, toDateString } from '../../common/dates';
import { StepDateField, todayValue } from '../../common/StepDateField';
import { RecordDialog } from './RecordDialog';
import { Stale, type RunStep } from './steps';

export type DisputeAction =
  | 'accept'
  | 'refuse'
  | 'assign'
  | 'recusal'
  | 'investigation'
  | 'session'
  | 'oral'
  | 'terminate'
  | 'courtForm'
  | 'courtRecord'
  | 'planFollowUp'
  | 'recordFollowUp'
  | 'close'
  | 'annotate';

/** The court last named for an application (the township's court rarely changes). */
const COURT_KEY = 'mediation.lastCourt';

export const ACTION_LABELS: Record<DisputeAction, string> = {
  accept: '受理',
  refuse: '不予受理',
  assign: '指派调解员',
  recusal: '申请回避',
  investigation: '调查记录',
  session: '调解记录',
  oral: '口头协议',
  terminate: '终止调解',
  courtForm: '准备司法确认申请书',
  courtRecord: '登记司法确认',
  planFollowUp: '计划回访',
  recordFollowUp: '登记回访',
  close: '结案',
  annotate: '批注',
};

/** The steps the dispute allows now, in the order of its life; 批注 always. */
export function availableActions(dispute: DisputeRecord): DisputeAction[] {
  switch (dispute.status) {
    case 'registered':
      return ['accept', 'refuse', 'annotate'];
    case 'accepted':
      return [
        'session',
        'investigation',
        'assign',
        ...(dispute.mediators.length > 0 ? (['recusal'] as const) : []),
        'oral',
        'terminate',
        'annotate',
      ];
    case 'settled':
      return [
        'recordFollowUp',
        'planFollowUp',
        ...(dispute.outcome?.kind === 'written' ? (['courtForm', 'courtRecord'] as const) : []),
        'close',
        'annotate',
      ];
    case 'terminated':
      return ['close', 'annotate'];
    case 'refused':
    case 'closed':
      return ['annotate'];
  }
}

export interface OpenAction {
  action: DisputeAction;
  /** 登记回访 of a planned visit. */
  followUp?: FollowUpRecord;
}

interface Props {
  detail: DisputeDetail;
  today: string;
  open: OpenAction | null;
  onOpen: (open: OpenAction | null) => void;
  run: RunStep;
  /** Loads the dispute as it now is (after a STALE refusal). */
  reload: () => Promise<unknown>;
  /** A paper issued outside the versioned steps (申请书 for the court). */
  onIssued: (label: string, result: DisputeCommandResult) => void;
  onAnnotated: () => void;
}

/** The buttons for the steps the dispute allows, each opening its small form. */
export function DisputeActions({ detail, open, onOpen }: Pick<Props, 'detail' | 'open' | 'onOpen'>) {
  const actions = availableActions(detail.dispute);
  const main = actions[0];
  return (
    <Flex gap={8} wrap>
      {actions.map((action) => (
        <Button
          key={action}
          type={action === main && action !== 'annotate' ? 'primary' : 'default'}
          danger={action === 'refuse' || action === 'terminate'}
          disabled={open !== null}
          onClick={() => onOpen({ action })}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
      {(detail.dispute.status === 'registered' || detail.dispute.status === 'accepted') && (
        <Button href={href(paths.disputeEdit(detail.dispute.id))}>修改登记</Button>
      )}
    </Flex>
  );
}

/** The 移送 part of the refusal and termination dialogs: '' is 不移送. */
interface ReferralValues {
  referral?: { kind?: HandoverKind | ''; to?: string };
}
const REFERRAL_FIELDS = ['referral.kind', 'referral.to'] as const;

function referralOf(values: ReferralValues): ReferralOutInput | null {
  const { kind, to } = values.referral ?? {};
  return kind ? { kind, to: to ?? '' } : null;
}

/** 三调联动 移出: whether and to whom the dispute is sent on; the notice then says so. */
function ReferralOutFields({ server }: { server: ServerErrors }) {
  const kind = Form.useWatch(['referral', 'kind'], Form.useFormInstance<ReferralValues>());
  return (
    <Flex gap={12}>
      <Form.Item
        name={['referral', 'kind']}
        label="移送（三调联动）"
        style={{ flex: 1 }}
        {...server.fieldStatus('referral.kind')}
      >
        <Select
          options={[
            { value: '', label: '不移送' },
            ...HANDOVER_KINDS.map((k) => ({ value: k, label: REFERRAL_OUT_LABELS[k] })),
          ]}
        />
      </Form.Item>
      {kind && (
        <Form.Item
          name={['referral', 'to']}
          label="接收单位"
          style={{ flex: 1 }}
          rules={[{ required: true, whitespace: true, message: '请填写接收单位' }]}
          {...server.fieldStatus('referral.to')}
        >
          <Input maxLength={60} placeholder={kind === 'court' ? '如 楚雄市人民法院' : '如 青石派出所'} />
        </Form.Item>
      )}
    </Flex>
  );
}

/** The wording of the two steps that end a dispute without an agreement. */
const ENDINGS = {
  refuse: {
    title: '不予受理',
    okText: '出具不予受理告知书',
    reasonLabel: '不予受理理由',
    reasonMessage: '请写明不予受理的理由',
    reasonMaxLength: 500,
    placeholder: '如 该纠纷已由人民法院受理；已申请劳动争议仲裁',
    dateField: 'refusedOn',
    dateLabel: '决定日期',
    intro: null,
  },
  terminate: {
    title: '终止调解',
    okText: '终止并出具告知书',
    reasonLabel: '终止理由',
    reasonMessage: '请写明终止调解的理由',
    reasonMaxLength: 1000,
    placeholder: '如 经三次调解，双方分歧较大，无法达成协议',
    dateField: 'terminatedOn',
    dateLabel: '终止日期',
    intro:
      '调解不成的，终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法第二十六条）。',
  },
} as const;

/**
 * A refusal or a termination: the reason, the day, and where the dispute is sent on (三调联动
 * 移出) — the same form with the wording of its step.
 */
function EndingDialog({
  ending,
  today,
  earliest,
  onSubmit,
  reload,
  onClose,
}: {
  ending: keyof typeof ENDINGS;
  today: string;
  earliest: string;
  onSubmit: (date: string | undefined, reason: string, referral: ReferralOutInput | null) => Promise<unknown>;
  reload: () => Promise<unknown>;
  onClose: () => void;
}) {
  const words = ENDINGS[ending];
  // The date keeps the name the backend gives it, so its errors land beside the field.
  const dateField = words.dateField;
  return (
    <FormDialog<{ reason: string } & Partial<Record<typeof dateField, Dayjs | null>> & ReferralValues>
      open
      title={words.title}
      okText={words.okText}
      name={`dispute-${ending}`}
      fields={['reason', dateField, ...REFERRAL_FIELDS]}
      initialValues={{ [dateField]: todayValue(today), referral: { kind: '' } }}
      intro={words.intro && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={words.intro} />}
      onSubmit={async (values) => {
        await onSubmit(toDateString(values[dateField]), values.reason, referralOf(values));
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Stale server={server} reload={reload} />
          <RequiredTextField
            name="reason"
            label={words.reasonLabel}
            message={words.reasonMessage}
            server={server}
            maxLength={words.reasonMaxLength}
            placeholder={words.placeholder}
          />
          <StepDateField name={dateField} label={words.dateLabel} server={server} today={today} earliest={earliest} />
          <ReferralOutFields server={server} />
        </>
      )}
    </FormDialog>
  );
}

/** The dialog of the open step, if any. */
export function DisputeDialogs({ detail, today, open, onOpen, run, reload, onIssued, onAnnotated }: Props) {
  const dispute = detail.dispute;
  const close = () => onOpen(null);
  const earliest = dispute.lastStepOn;
  const step = (name: string, label: string) => (server: ServerErrors) => (
    <StepDateField name={name} label={label} server={server} today={today} earliest={earliest} />
  );
  if (!open) return null;
  const label = ACTION_LABELS[open.action];

  switch (open.action) {
    case 'accept':
      return (
        <FormDialog<{ acceptedOn?: Dayjs | null }>
          open
          title="受理纠纷"
          okText="受理并出具告知书"
          name="dispute-accept"
          fields={['acceptedOn']}
          initialValues={{ acceptedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph>
              受理后按调委会和年度编出案号，并出具《人民调解权利义务告知书》，请打印后交当事人签收。自受理之日起一般在一个月内调结。
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'mediation.acceptDispute', { acceptedOn: toDateString(values.acceptedOn) });
          }}
          onClose={close}
        >
          {(server) => (
            <>
              <Stale server={server} reload={reload} />
              {step('acceptedOn', '受理日期')(server)}
            </>
          )}
        </FormDialog>
      );
    case 'refuse':
    case 'terminate':
      return (
        <EndingDialog
          ending={open.action}
          today={today}
          earliest={earliest}
          onSubmit={(date, reason, referral) =>
            open.action === 'refuse'
              ? run(label, 'mediation.refuseDispute', { reason, refusedOn: date, referral })
              : run(label, 'mediation.terminate', { reason, terminatedOn: date, referral })
          }
          reload={reload}
          onClose={close}
        />
      );
    case 'assign':
      return <AssignDialog dispute={dispute} today={today} run={run} reload={reload} onClose={close} />;
    case 'recusal':
      return (
        <FormDialog<{ requestedByPartyId: string; mediatorId: string; reason: string; decidedOn?: Dayjs | null }>
          open
          title="当事人申请调解员回避"
          okText="记录并撤换"
          name="dispute-recusal"
          fields={['requestedByPartyId', 'mediatorId', 'reason', 'decidedOn']}
          initialValues={{ decidedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph type="secondary">
              当事人有权要求调解员回避（人民调解法第二十三条）。记录后该调解员不再参与本纠纷的调解；如需要，请再指派其他调解员。
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'mediation.recordRecusal', {
              requestedByPartyId: values.requestedByPartyId,
              mediatorId: values.mediatorId,
              reason: values.reason,
              decidedOn: toDateString(values.decidedOn),
            });
          }}
          onClose={close}
        >
          {(server) => (
            <>
              <Stale server={server} reload={reload} />
              <Form.Item
                name="requestedByPartyId"
                label="申请回避的当事人"
                rules={[{ required: true, message: '请选择提出申请的当事人' }]}
                {...server.fieldStatus('requestedByPartyId')}
              >
                <Select options={dispute.parties.map((p) => ({ value: p.id, label: `${p.label} ${p.name}` }))} />
              </Form.Item>
              <Form.Item
                name="mediatorId"
                label="回避的调解员"
                rules={[{ required: true, message: '请选择需要回避的调解员' }]}
                {...server.fieldStatus('mediatorId')}
              >
                <Select options={dispute.mediators.map((m) => ({ value: m.mediatorId, label: m.name }))} />
              </Form.Item>
              <RequiredTextField
                name="reason"
                label="回避理由"
                message="请写明回避理由"
                server={server}
                maxLength={500}
                rows={2}
                placeholder="如 该调解员系被申请人的表兄"
                autoFocus={false}
              />
              {step('decidedOn', '决定日期')(server)}
            </>
          )}
        </FormDialog>
      );
    case 'investigation':
    case 'session':
      return (
        <RecordDialog kind={open.action} dispute={dispute} today={today} run={run} reload={reload} onClose={close} />
      );
    case 'oral':
      return (
        <FormDialog<{ content: string; agreedOn?: Dayjs | null }>
          open
          title="记录口头调解协议"
          okText="记录，调解成功"
          name="dispute-oral"
          width={640}
          fields={['content', 'agreedOn']}
          initialValues={{ agreedOn: todayValue(today) }}
          intro={
            <Typography.Paragraph type="secondary">
              当事人认为无需制作调解协议书的，可以采取口头协议方式，由调解员记录协议内容（人民调解法第二十八条）；口头协议自达成之日起生效。
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await run(label, 'mediation.recordOralAgreement', {
              content: values.content,
              agreedOn: toDateString(values.agreedOn),
            });
          }}
          onClose={close}
        >
          {(server) => (
            <>
              <Stale server={server} reload={reload} />
              <RequiredTextField
                name="content"
                label="口头协议内容"
                message="请记录口头协议的内容"
                server={server}
                maxLength={4000}
                rows={5}
              />
              {step('agreedOn', '达成日期')(server)}
            </>
          )}
        </FormDialog>
      );
    case 'courtForm':
      return (
        <FormDialog<{ court: string }>
          open
          title="准备司法确认申请书"
          okText="出具申请书"
          name="dispute-court-form"
          fields={['court']}
          initialValues={{ court: dispute.court?.court || recall<string>(COURT_KEY) || '' }}
          intro={
            dispute.court && (
              <Typography.Paragraph>
                协议于{chineseDate(dispute.court.effectiveOn)}生效，双方当事人可在{chineseDate(dispute.court.closesOn)}
                前共同向人民法院申请司法确认（人民调解法第三十三条）。申请书打印后由各方当事人签名。
              </Typography.Paragraph>
            )
          }
          onSubmit={async (values) => {
            onIssued(label, await call('mediation.courtApplicationForm', { id: dispute.id, court: values.court }));
            remember(COURT_KEY, values.court.trim());
          }}
          onClose={close}
        >
          {(server) => (
            <Form.Item
              name="court"
              label="受理法院"
              rules={[{ required: true, whitespace: true, message: '请填写受理申请的人民法院' }]}
              {...server.fieldStatus('court')}
            >
              <Input maxLength={60} autoFocus placeholder="如 某县人民法院" />
            </Form.Item>
          )}
        </FormDialog>
      );
    case 'courtRecord':
      return <CourtRecordDialog dispute={dispute} today={today} run={run} reload={reload} onClose={close} />;
    case 'planFollowUp':
    case 'recordFollowUp':
      return (
        <FollowUpDialog
          mode={open.action === 'planFollowUp' ? 'plan' : 'record'}
          followUp={open.followUp ?? null}
          dispute={dispute}
          today={today}
          run={run}
          reload={reload}
          onClose={close}
        />
      );
    case 'close':
      return (
        <FormDialog<{ summary: string; closedOn?: Dayjs | null }>
          open
          title="结案"
          okText="结案并出具结案登记表"
          name="dispute-close"
          width={640}
          fields={['summary', 'closedOn']}
          initialValues={{ closedOn: todayValue(today) }}
          intro={
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="结案后，纠纷的登记内容和各项记录不能再修改，只能加批注。"
              description={
                detail.followUps.some((f) => f.doneOn)
                  ? undefined
                  : '这件纠纷还没有登记回访。调解成功的纠纷，一般应在最后一次回访后结案。'
              }
            />
          }
          onSubmit={async (values) => {
            await run(label, 'mediation.closeDispute', {
              summary: values.summary,
              closedOn: toDateString(values.closedOn),
            });
          }}
          onClose={close}
        >
          {(server) => (
            <>
              <Stale server={server} reload={reload} />
              <RequiredTextField
                name="summary"
                label="结案情况"
                message="请填写结案情况"
                server={server}
                maxLength={2000}
                rows={4}
                placeholder="如 协议已全部履行，双方关系恢复正常，予以结案"
              />
              {step('closedOn', '结案日期')(server)}
            </>
          )}
        </FormDialog>
      );
    case 'annotate':
      return (
        <FormDialog<{ text: string }>
          open
          title="加批注"
          okText="保存批注"
          name="dispute-annotate"
          fields={['text']}
          intro={
            <Typography.Paragraph type="secondary">
              批注记在纠纷上，注明时间和批注人，不改变已登记的内容；已结案的纠纷也可以批注。
            </Typography.Paragraph>
          }
          onSubmit={async (values) => {
            await call('mediation.annotate', { id: dispute.id, text: values.text });
            onAnnotated();
          }}
          onClose={close}
        >
          {(server) => (
            <RequiredTextField name="text" label="批注" message="请填写批注内容" server={server} maxLength={1000} />
          )}
        </FormDialog>
      );
  }
}

interface StepDialogProps {
  dispute: DisputeRecord;
  today: string;
  run: RunStep;
  reload: () => Promise<unknown>;
  onClose: () => void;
}

/** 指派调解员: the committee's mediators in the register, one of them the lead. */
function AssignDialog({ dispute, today, run, reload, onClose }: StepDialogProps) {
  const mediators = useQuery('mediation.mediators', { committeeId: dispute.committeeId });
  const recused = new Set(dispute.recusals.map((r) => r.mediatorId));
  const options = (mediators.data?.mediators ?? [])
    .filter((m) => m.active || dispute.mediators.some((d) => d.mediatorId === m.id))
    .map((m) => ({
      value: m.id,
      label: `${m.name}${m.specialities.length ? `（${m.specialities.join('、')}）` : ''}${recused.has(m.id) ? '（已回避）' : ''}`,
      disabled: recused.has(m.id),
    }));
  const current = dispute.mediators.map((m) => m.mediatorId);
  return (
    <FormDialog<{ mediatorIds: string[]; leadMediatorId?: string; assignedOn?: Dayjs | null }>
      open
      title="指派调解员"
      okText="指派"
      name="dispute-assign"
      width={620}
      fields={['mediatorIds', 'leadMediatorId', 'assignedOn']}
      initialValues={{
        mediatorIds: current,
        leadMediatorId: dispute.mediators.find((m) => m.lead)?.mediatorId,
        assignedOn: todayValue(today),
      }}
      onSubmit={async (values) => {
        await run(ACTION_LABELS.assign, 'mediation.assignMediators', {
          mediatorIds: values.mediatorIds,
          leadMediatorId: values.leadMediatorId ?? values.mediatorIds[0] ?? '',
          assignedOn: toDateString(values.assignedOn),
        });
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Stale server={server} reload={reload} />
          <Form.Item
            name="mediatorIds"
            label="调解员"
            extra={
              mediators.error
                ? `调解员名册没有加载出来：${mediators.error.message}`
                : `${dispute.committeeName}在册的调解员；可选多名`
            }
            rules={[{ required: true, type: 'array', min: 1, message: '请至少指派一名调解员' }]}
            {...server.fieldStatus('mediatorIds')}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={mediators.loading}
              options={options}
              onChange={(ids: string[]) => {
                const lead = form.getFieldValue('leadMediatorId') as string | undefined;
                if (!lead || !ids.includes(lead)) form.setFieldValue('leadMediatorId', ids[0]);
              }}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.mediatorIds !== b.mediatorIds}>
            {() => {
              const chosen = (form.getFieldValue('mediatorIds') as string[] | undefined) ?? [];
              return (
                <Form.Item
                  name="leadMediatorId"
                  label="主调解员"
                  rules={[{ required: true, message: '请选择主调解员' }]}
                  {...server.fieldStatus('leadMediatorId')}
                >
                  <Radio.Group
                    options={chosen.map((id) => ({
                      value: id,
                      label: options.find((o) => o.value === id)?.label.replace(/（.*$/u, '') ?? id,
                    }))}
                  />
                </Form.Item>
              );
            }}
          </Form.Item>
          <StepDateField
            name="assignedOn"
            label="指派日期"
            server={server}
            today={today}
            earliest={dispute.lastStepOn}
          />
        </>
      )}
    </FormDialog>
  );
}

interface CourtValues {
  applied: boolean;
  appliedOn?: Dayjs | null;
  court?: string;
  decision?: CourtDecision | 'none';
  decidedOn?: Dayjs | null;
}

/** 登记司法确认: whether the parties applied, where, and what the court decided. */
function CourtRecordDialog({ dispute, today, run, reload, onClose }: StepDialogProps) {
  const court = dispute.court;
  return (
    <FormDialog<CourtValues>
      open
      title="登记司法确认情况"
      okText="保存"
      name="dispute-court"
      width={600}
      fields={['appliedOn', 'court', 'decision', 'decidedOn']}
      initialValues={{
        appliedOn: court?.appliedOn ? dayjs(court.appliedOn) : todayValue(today),
        court: court?.court || recall<string>(COURT_KEY) || '',
        decision: court?.decision ?? 'none',
        decidedOn: court?.decidedOn ? dayjs(court.decidedOn) : null,
      }}
      onSubmit={async (values) => {
        const decided = values.decision && values.decision !== 'none';
        await run(ACTION_LABELS.courtRecord, 'mediation.recordCourtConfirmation', {
          appliedOn: values.appliedOn ? values.appliedOn.format('YYYY-MM-DD') : null,
          court: values.court ?? '',
          decision: decided ? (values.decision as CourtDecision) : null,
          decidedOn: decided && values.decidedOn ? values.decidedOn.format('YYYY-MM-DD') : null,
        });
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Stale server={server} reload={reload} />
          <Form.Item
            name="appliedOn"
            label="申请日期"
            extra={court ? `申请期限至${chineseDate(court.closesOn)}；当事人未申请的，清空此项` : undefined}
            {...server.fieldStatus('appliedOn')}
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} allowClear />
          </Form.Item>
          <Form.Item name="court" label="受理法院" {...server.fieldStatus('court')}>
            <Input maxLength={60} placeholder="如 某县人民法院" />
          </Form.Item>
          <Form.Item name="decision" label="法院裁定" {...server.fieldStatus('decision')}>
            <Radio.Group
              options={[
                { value: 'none', label: '尚未裁定' },
                ...COURT_DECISIONS.map((d) => ({ value: d, label: COURT_DECISION_LABELS[d] })),
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {() =>
              form.getFieldValue('decision') !== 'none' && (
                <Form.Item
                  name="decidedOn"
                  label="裁定日期"
                  rules={[{ required: true, message: '请选择裁定日期' }]}
                  {...server.fieldStatus('decidedOn')}
                >
                  <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

interface FollowUpValues {
  plannedOn?: Dayjs | null;
  doneOn?: Dayjs | null;
  byName?: string;
  performance?: PerformanceLevel;
  notes?: string;
  nextVisitOn?: Dayjs | null;
}

/** 回访: a planned visit (date, by whom) or one done (performance, notes, the next visit). */
function FollowUpDialog({
  mode,
  followUp,
  dispute,
  today,
  run,
  reload,
  onClose,
}: StepDialogProps & { mode: 'plan' | 'record'; followUp: FollowUpRecord | null }) {
  const lead = dispute.mediators.find((m) => m.lead)?.name ?? dispute.mediators[0]?.name ?? '';
  const title: ReactNode =
    mode === 'plan'
      ? '计划回访'
      : followUp?.plannedOn
        ? `登记回访（原计划${chineseDate(followUp.plannedOn)}）`
        : '登记回访';
  const date = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
  return (
    <FormDialog<FollowUpValues>
      open
      title={title}
      okText={mode === 'plan' ? '保存计划' : '登记回访'}
      name="dispute-follow-up"
      width={640}
      fields={['plannedOn', 'doneOn', 'byName', 'performance', 'notes', 'nextVisitOn']}
      initialValues={
        mode === 'plan'
          ? { plannedOn: followUp?.plannedOn ? dayjs(followUp.plannedOn) : null, byName: followUp?.byName || lead }
          : {
              doneOn: todayValue(today),
              byName: followUp?.byName || lead,
              performance: 'full',
              notes: followUp?.notes ?? '',
              nextVisitOn: null,
            }
      }
      onSubmit={async (values) => {
        await run(ACTION_LABELS[mode === 'plan' ? 'planFollowUp' : 'recordFollowUp'], 'mediation.saveFollowUp', {
          ...(followUp ? { followUpId: followUp.id } : {}),
          ...(mode === 'plan'
            ? { plannedOn: date(values.plannedOn), byName: values.byName ?? '' }
            : {
                ...(followUp ? {} : { plannedOn: null }),
                doneOn: date(values.doneOn),
                byName: values.byName ?? '',
                performance: values.performance ?? null,
                notes: values.notes ?? '',
                nextVisitOn: date(values.nextVisitOn),
              }),
        });
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Stale server={server} reload={reload} />
          {mode === 'plan' ? (
            <Form.Item
              name="plannedOn"
              label="计划回访日期"
              rules={[{ required: true, message: '请选择计划回访的日期' }]}
              {...server.fieldStatus('plannedOn')}
            >
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: 200 }}
                disabledDate={(d: Dayjs) => d.isBefore(dayjs(today), 'day')}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="doneOn"
              label="回访日期"
              rules={[{ required: true, message: '请选择回访日期' }]}
              {...server.fieldStatus('doneOn')}
            >
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: 200 }}
                disabledDate={(d: Dayjs) =>
                  d.isAfter(dayjs(today), 'day') || d.isBefore(dayjs(dispute.lastStepOn), 'day')
                }
              />
            </Form.Item>
          )}
          <Form.Item name="byName" label="回访人" {...server.fieldStatus('byName')}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
          {mode === 'record' && (
            <>
              <Form.Item
                name="performance"
                label="履行情况"
                rules={[{ required: true, message: '请选择协议的履行情况' }]}
                {...server.fieldStatus('performance')}
              >
                <Radio.Group
                  optionType="button"
                  options={PERFORMANCE_LEVELS.map((p) => ({ value: p, label: PERFORMANCE_LEVEL_LABELS[p] }))}
                />
              </Form.Item>
              <Form.Item name="notes" label="回访情况" {...server.fieldStatus('notes')}>
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  showCount
                  placeholder="如 被申请人已按约拆除围墙，双方无异议"
                />
              </Form.Item>
              <Form.Item
                name="nextVisitOn"
                label="下次回访日期"
                extra="协议尚未全部履行的，可约定下次回访"
                {...server.fieldStatus('nextVisitOn')}
              >
                <DatePicker
                  format="YYYY-MM-DD"
                  style={{ width: 200 }}
                  disabledDate={(d: Dayjs) => d.isBefore(dayjs(today), 'day')}
                />
              </Form.Item>
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}
