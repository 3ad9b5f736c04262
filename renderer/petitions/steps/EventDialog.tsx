import { Flex, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import {
  HANDLING_EVENT_KINDS,
  HANDLING_EVENT_LABELS,
  type HandlingEventKind,
} from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

export function EventDialog({ record, today, send, onClose }: PetitionStepProps<'event'>) {
  return (
    <FormDialog<{ kind: HandlingEventKind; on?: Dayjs | null; toBody?: string; person?: string; note?: string }>
      open
      title="记录办理过程"
      okText="记录"
      name="petition-event"
      width={620}
      fields={['kind', 'on', 'toBody', 'person', 'note']}
      // The first entry is usually handing the petition to its handling unit.
      initialValues={{ kind: record.events.length === 0 ? 'assigned' : 'progress', on: todayValue(today) }}
      onSubmit={(values) =>
        send({
          kind: values.kind,
          on: toDateString(values.on),
          toBody: values.toBody ?? '',
          person: values.person ?? '',
          note: values.note ?? '',
        })
      }
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
          <StepDateField
            name="on"
            label="日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'event', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
