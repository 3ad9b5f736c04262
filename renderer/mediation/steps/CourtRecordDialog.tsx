import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { COURT_DECISION_LABELS, COURT_DECISIONS, type CourtDecision } from '../../../shared/mediation/disputes';
import { chineseDate } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';
import { lastCourt } from './lastCourt';

interface CourtValues {
  appliedOn?: Dayjs | null;
  court?: string;
  decision?: CourtDecision | 'none';
  decidedOn?: Dayjs | null;
}

/** 登记司法确认: whether the parties applied, where, and what the court decided. */
export function CourtRecordDialog({ detail, today, send, onClose }: DisputeStepProps<'courtRecord'>) {
  const court = detail.dispute.court;
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
        court: court?.court || lastCourt(),
        decision: court?.decision ?? 'none',
        decidedOn: court?.decidedOn ? dayjs(court.decidedOn) : null,
      }}
      onSubmit={(values) => {
        const decided = values.decision && values.decision !== 'none';
        return send({
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
