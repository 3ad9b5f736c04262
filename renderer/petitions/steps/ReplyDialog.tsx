import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

export function ReplyDialog({ record, today, send, onClose }: PetitionStepProps<'reply'>) {
  return (
    <FormDialog<{ repliedOn?: Dayjs | null; facts: string; opinion: string; basis?: string }>
      open
      title="书面答复"
      okText="答复并出具答复意见书"
      name="petition-reply"
      width={720}
      fields={['repliedOn', 'facts', 'opinion', 'basis']}
      initialValues={{ repliedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          {`出具《信访事项处理意见书》（答复意见书）。办理期限至${chineseDate(record.handlingDueOn)}；信访人可自收到之日起30日内请求复查。`}
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          repliedOn: toDateString(values.repliedOn),
          facts: values.facts,
          opinion: values.opinion,
          basis: values.basis ?? '',
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <RequiredTextField
            name="facts"
            label="查明情况"
            message="请写明查明的情况"
            server={server}
            maxLength={4000}
            rows={4}
          />
          <RequiredTextField
            name="opinion"
            label="处理意见"
            message="请写明处理意见"
            server={server}
            maxLength={4000}
            rows={4}
            autoFocus={false}
          />
          <Form.Item name="basis" label="政策法规依据" {...server.fieldStatus('basis')}>
            <Input.TextArea
              rows={2}
              maxLength={1000}
              showCount
              placeholder="如 《中华人民共和国土地管理法》第六十二条"
            />
          </Form.Item>
          <StepDateField
            name="repliedOn"
            label="答复日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'reply', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
