import { Alert } from 'antd';
import type { Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

/** 结案: the closing sheet; after it the dispute only takes annotations. */
export function CloseDialog({ detail, today, send, onClose }: DisputeStepProps<'close'>) {
  return (
    <FormDialog<{ summary: string; closedOn?: Dayjs | null }>
      open
      title="结案"
      okText="结案并出具结案登记表"
      name="dispute-close"
      width={640}
      fields={['summary', 'closedOn']}
      initialValues={{ closedOn: todayValue(today) }}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="结案后，纠纷的登记内容和各项记录不能再修改，只能加批注。"
          description={
            detail.followUps.some((f) => f.doneOn)
              ? undefined
              : '这件纠纷还没有登记回访。调解成功的纠纷，一般应在最后一次回访后结案。'
          }
        />
      }
      onSubmit={(values) => send({ summary: values.summary, closedOn: toDateString(values.closedOn) })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <RequiredTextField
            name="summary"
            label="结案情况"
            message="请填写结案情况"
            server={server}
            maxLength={2000}
            rows={4}
            placeholder="如 协议已全部履行，双方关系恢复正常，予以结案"
          />
          <StepDateField
            name="closedOn"
            label="结案日期"
            server={server}
            today={today}
            earliest={earliestStepDate(disputeKind, 'close', detail.dispute)}
          />
        </>
      )}
    </FormDialog>
  );
}
