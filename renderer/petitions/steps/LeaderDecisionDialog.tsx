import { DatePicker, Flex, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { LEADER_DECISION_LABELS, LEADER_DECISIONS, type LeaderDecision } from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { aheadDateRules, chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

/** 领导处理意见: settled on the spot, or a deadline and the leader who owns the case (包案领导). */
export function LeaderDecisionDialog({ record, today, send, onClose }: PetitionStepProps<'leaderDecision'>) {
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
        caseLeader: record.receptionDay?.leaderName ?? record.leaderName,
      }}
      intro={
        record.receptionDay && (
          <Typography.Paragraph type="secondary">
            {`${chineseDate(record.receptionDay.on)}领导接访：${record.receptionDay.leaderTitle}${record.receptionDay.leaderName}。一般案件当场解决，疑难案件限期办理并确定包案领导。`}
          </Typography.Paragraph>
        )
      }
      onSubmit={(values) => {
        const deadline = values.decision === 'deadline';
        return send({
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
                    rules={[{ required: true, message: '请选择限办日期' }, ...aheadDateRules('限办日期', today)]}
                    {...server.fieldStatus('dueOn')}
                  >
                    <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
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
          <StepDateField
            name="decidedOn"
            label="决定日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'leaderDecision', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
