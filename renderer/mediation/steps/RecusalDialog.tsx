import { Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

/** 申请回避: a party asks that a mediator step aside; the mediator leaves the dispute. */
export function RecusalDialog({ detail, today, send, onClose }: DisputeStepProps<'recusal'>) {
  const dispute = detail.dispute;
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
      onSubmit={(values) =>
        send({
          requestedByPartyId: values.requestedByPartyId,
          mediatorId: values.mediatorId,
          reason: values.reason,
          decidedOn: toDateString(values.decidedOn),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
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
          <StepDateField
            name="decidedOn"
            label="决定日期"
            server={server}
            today={today}
            earliest={earliestStepDate(disputeKind, 'recusal', dispute)}
          />
        </>
      )}
    </FormDialog>
  );
}
