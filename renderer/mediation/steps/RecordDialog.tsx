import { DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { RECORD_KIND_LABELS } from '../../../shared/mediation/disputes';
import { earliestStepBound } from '../../../shared/workflow/kind';
import { useQuery } from '../../api/useQuery';
import { FormDialog } from '../../common/FormDialog';
import type { DisputeStepProps } from './disputeStep';
import { pastDateRules } from '../../common/dates';

interface Values {
  heldOn: Dayjs;
  place: string;
  mediatorIds: string[];
  attendees?: string;
  subject?: string;
  findings?: string;
  /** Session: what each party said, by party id. */
  statements?: Record<string, string | undefined>;
  recorder?: string;
}

type RecordStep = 'session' | 'investigation';

/**
 * 调查记录 (who or what was looked into, what was found) or 调解记录 (what each party said, the
 * result of the session); both printed in the Ministry's format for signature.
 */
function RecordDialog({ kind, detail, today, send, onClose }: DisputeStepProps<RecordStep> & { kind: RecordStep }) {
  const dispute = detail.dispute;
  const session = kind === 'session';
  // The dispute's mediators; before any is assigned, the committee's.
  const committeeMediators = useQuery(
    'mediation.mediators',
    dispute.mediators.length === 0 ? { committeeId: dispute.committeeId } : null,
  );
  const mediatorOptions =
    dispute.mediators.length > 0
      ? dispute.mediators.map((m) => ({ value: m.mediatorId, label: m.lead ? `${m.name}（主调）` : m.name }))
      : (committeeMediators.data?.mediators ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.name }));
  // A statement's message (by its place among those sent) goes above the form.
  const fields = ['heldOn', 'place', 'mediatorIds', 'attendees', 'subject', 'findings', 'recorder'];
  const partyNames = dispute.parties.map((p) => p.name).join('、');
  // A record is dated when it was held: any day since registration, not only after the last step.
  const bound = earliestStepBound(disputeKind, kind, dispute);
  const earliest = bound.on;
  return (
    <FormDialog<Values>
      open
      title={`${RECORD_KIND_LABELS[kind]}（${dispute.caseNumber ?? dispute.partyNames}）`}
      okText="保存并出具记录"
      name={`dispute-${kind}`}
      width={760}
      fields={fields}
      initialValues={{
        heldOn: dayjs(today),
        mediatorIds: dispute.mediators.map((m) => m.mediatorId),
        attendees: session ? partyNames : '',
        place: '',
        recorder: '',
      }}
      onSubmit={(values) => {
        const statements = dispute.parties.flatMap((party) => {
          const statement = values.statements?.[party.id]?.trim();
          return statement ? [{ partyId: party.id, statement }] : [];
        });
        return send({
          kind,
          heldOn: values.heldOn.format('YYYY-MM-DD'),
          place: values.place,
          mediatorIds: values.mediatorIds ?? [],
          attendees: values.attendees ?? '',
          subject: session ? '' : (values.subject ?? ''),
          findings: values.findings ?? '',
          statements: session ? statements : [],
          recorder: values.recorder ?? '',
        });
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="heldOn"
              label={session ? '调解日期' : '调查日期'}
              rules={[
                { required: true, message: '请选择日期' },
                ...pastDateRules(session ? '调解日期' : '调查日期', today, bound),
              ]}
              extra={`可选 ${earliest} 至 ${today}`}
              {...server.fieldStatus('heldOn')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item
              name="place"
              label={session ? '调解地点' : '调查地点'}
              style={{ flex: 1, minWidth: 240 }}
              rules={[{ required: true, whitespace: true, message: '请填写地点' }]}
              {...server.fieldStatus('place')}
            >
              <Input maxLength={100} autoFocus placeholder="如 青石镇人民调解委员会调解室" />
            </Form.Item>
          </Flex>
          <Form.Item
            name="mediatorIds"
            label={session ? '调解员' : '调查人'}
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名调解员' }]}
            {...server.fieldStatus('mediatorIds')}
          >
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={mediatorOptions} />
          </Form.Item>
          <Form.Item name="attendees" label="参加人" {...server.fieldStatus('attendees')}>
            <Input maxLength={500} placeholder="当事人、代理人及其他在场人员" />
          </Form.Item>
          {session ? (
            <>
              <Typography.Text strong>当事人陈述</Typography.Text>
              {dispute.parties.map((party) => (
                <Form.Item key={party.id} name={['statements', party.id]} label={`${party.label} ${party.name}`}>
                  <Input.TextArea rows={2} maxLength={4000} placeholder="该方的陈述和主张；未到场的可不填" />
                </Form.Item>
              ))}
              <Form.Item name="findings" label="调解结果" {...server.fieldStatus('findings')}>
                <Input.TextArea
                  rows={3}
                  maxLength={4000}
                  showCount
                  placeholder="如 双方初步同意按市场价赔偿，约定下次再议"
                />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="subject" label="被调查人或调查对象" {...server.fieldStatus('subject')}>
                <Input maxLength={200} placeholder="如 邻居赵某；现场" />
              </Form.Item>
              <Form.Item name="findings" label="调查情况" {...server.fieldStatus('findings')}>
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
            </>
          )}
          <Form.Item name="recorder" label="记录人" {...server.fieldStatus('recorder')}>
            <Input maxLength={30} style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

export function SessionDialog(props: DisputeStepProps<'session'>) {
  return <RecordDialog kind="session" {...props} />;
}

export function InvestigationDialog(props: DisputeStepProps<'investigation'>) {
  return <RecordDialog kind="investigation" {...props} />;
}
