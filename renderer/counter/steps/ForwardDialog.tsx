import { Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { caseKind } from '../../../shared/counter/caseKind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function ForwardDialog({ record, today, send, onClose }: CaseStepProps<'forward'>) {
  return (
    <FormDialog<{ department: string; sentOn?: Dayjs | null }>
      open
      title="转报县级部门"
      okText="转报"
      name="case-forward"
      fields={['department', 'sentOn']}
      initialValues={{ department: record.item.forwardedTo ?? '', sentOn: todayValue(today) }}
      onSubmit={(values) => send({ department: values.department, sentOn: toDateString(values.sentOn) })}
      onClose={onClose}
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
            earliest={earliestStepDate(caseKind, 'forward', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
