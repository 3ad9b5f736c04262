import { Form, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { useQuery } from '../../api/useQuery';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

/** 指派调解员: the committee's mediators in the register, one of them the lead. */
export function AssignDialog({ detail, today, send, onClose }: DisputeStepProps<'assign'>) {
  const dispute = detail.dispute;
  const mediators = useQuery('mediation.mediators', { committeeId: dispute.committeeId });
  const recused = new Set(dispute.recusals.map((r) => r.mediatorId));
  const options = (mediators.data?.mediators ?? [])
    .filter((m) => m.active || dispute.mediators.some((d) => d.mediatorId === m.id))
    .map((m) => ({
      value: m.id,
      label: `${m.name}${m.specialities.length ? `（${m.specialities.join('、')}）` : ''}${recused.has(m.id) ? '（已回避）' : ''}`,
      disabled: recused.has(m.id),
    }));
  return (
    <FormDialog<{ mediatorIds: string[]; leadMediatorId?: string; assignedOn?: Dayjs | null }>
      open
      title="指派调解员"
      okText="指派"
      name="dispute-assign"
      width={620}
      fields={['mediatorIds', 'leadMediatorId', 'assignedOn']}
      initialValues={{
        mediatorIds: dispute.mediators.map((m) => m.mediatorId),
        leadMediatorId: dispute.mediators.find((m) => m.lead)?.mediatorId,
        assignedOn: todayValue(today),
      }}
      onSubmit={(values) =>
        send({
          mediatorIds: values.mediatorIds,
          leadMediatorId: values.leadMediatorId ?? values.mediatorIds[0] ?? '',
          assignedOn: toDateString(values.assignedOn),
        })
      }
      onClose={onClose}
    >
      {(server, form) => (
        <>
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
            earliest={earliestStepDate(disputeKind, 'assign', dispute)}
          />
        </>
      )}
    </FormDialog>
  );
}
