import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

/** 听证: its days are not counted in the re-review period, which moves on by as many. */
export function HearingDialog({ record, today, send, onClose }: PetitionStepProps<'hearing'>) {
  const earliest = earliestStepDate(petitionKind, 'hearing', record);
  return (
    <FormDialog<{ heldFrom?: Dayjs | null; heldTo?: Dayjs | null; note?: string }>
      open
      title="复核听证"
      okText="登记听证"
      name="petition-hearing"
      fields={['heldFrom', 'heldTo', 'note']}
      initialValues={{ heldFrom: todayValue(today), heldTo: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          复核机关举行听证的，听证所需时间不计算在复核期限内（信访工作条例第三十五条）：复核期限按听证天数顺延。
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          heldFrom: toDateString(values.heldFrom)!,
          heldTo: toDateString(values.heldTo),
          note: values.note ?? '',
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <StepDateField name="heldFrom" label="听证开始日期" server={server} today={today} earliest={earliest} />
          <StepDateField name="heldTo" label="听证结束日期" server={server} today={today} earliest={earliest} />
          <Form.Item name="note" label="听证情况" {...server.fieldStatus('note')}>
            <Input.TextArea rows={2} maxLength={400} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
