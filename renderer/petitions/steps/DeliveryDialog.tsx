import { Form, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import {
  PAPER_DELIVERY_METHOD_LABELS,
  PAPER_DELIVERY_METHODS,
  type PaperDeliveryMethod,
} from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

type DeliveryStep = 'deliverReply' | 'deliverReview';

const PAPER_NAMES: Record<DeliveryStep, { paper: string; next: string }> = {
  deliverReply: { paper: '答复意见书', next: '复查' },
  deliverReview: { paper: '复查意见书', next: '复核' },
};

function DeliveryDialog({
  step,
  record,
  today,
  send,
  onClose,
}: PetitionStepProps<DeliveryStep> & { step: DeliveryStep }) {
  const { paper, next } = PAPER_NAMES[step];
  return (
    <FormDialog<{ method?: PaperDeliveryMethod; deliveredOn?: Dayjs | null }>
      open
      title={`${paper}送达`}
      okText="登记送达"
      name={`petition-${step}`}
      fields={['method', 'deliveredOn']}
      initialValues={{ method: 'inPerson', deliveredOn: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          {`信访人请求${next}的30日期限自收到${paper}之日起算（信访工作条例第三十五条）；邮寄送达以回执上的签收日期为准。`}
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ method: values.method!, deliveredOn: toDateString(values.deliveredOn) })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="method"
            label="送达方式"
            rules={[{ required: true, message: '请选择送达方式' }]}
            {...server.fieldStatus('method')}
          >
            <Radio.Group
              options={PAPER_DELIVERY_METHODS.map((m) => ({ value: m, label: PAPER_DELIVERY_METHOD_LABELS[m] }))}
            />
          </Form.Item>
          <StepDateField
            name="deliveredOn"
            label="送达（签收）日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, step, record)}
          />
        </>
      )}
    </FormDialog>
  );
}

export function DeliverReplyDialog(props: PetitionStepProps<'deliverReply'>) {
  return <DeliveryDialog step="deliverReply" {...(props as PetitionStepProps<DeliveryStep>)} />;
}

export function DeliverReviewDialog(props: PetitionStepProps<'deliverReview'>) {
  return <DeliveryDialog step="deliverReview" {...(props as PetitionStepProps<DeliveryStep>)} />;
}
