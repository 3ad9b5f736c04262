import { Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/counter/casesApi';
import { caseKind } from '../../../shared/counter/caseKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function DeliverDialog({ record, today, send, onClose }: CaseStepProps<'deliver'>) {
  return (
    <FormDialog<{ method: DeliveryMethod; signedBy: string; deliveredOn?: Dayjs | null }>
      open
      title="送达"
      okText="登记送达"
      name="case-deliver"
      fields={['method', 'signedBy', 'deliveredOn']}
      initialValues={{ method: 'collected', signedBy: record.resident.name, deliveredOn: todayValue(today) }}
      onSubmit={(values) =>
        send({
          method: values.method,
          signedBy: values.signedBy,
          deliveredOn: toDateString(values.deliveredOn),
        })
      }
      onClose={onClose}
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
            earliest={earliestStepDate(caseKind, 'deliver', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
