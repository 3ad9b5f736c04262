import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { PAUSE_KIND_LABELS } from '../../../shared/counter/casesApi';
import { caseKind } from '../../../shared/counter/caseKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function ResumeDialog({ record, today, send, onClose }: CaseStepProps<'resume'>) {
  return (
    <FormDialog<{ resumedOn?: Dayjs | null }>
      open
      title="恢复计时"
      okText="恢复计时"
      name="case-resume"
      fields={['resumedOn']}
      initialValues={{ resumedOn: todayValue(today) }}
      intro={
        record.pause && (
          <Typography.Paragraph>
            自{chineseDate(record.pause.pausedOn)}起暂停（{PAUSE_KIND_LABELS[record.pause.kind]}：{record.pause.reason}
            ）。恢复后，承诺办结日期顺延暂停的工作日数（暂停当天计入，恢复当天不计）。
          </Typography.Paragraph>
        )
      }
      onSubmit={(values) => send({ resumedOn: toDateString(values.resumedOn) })}
      onClose={onClose}
    >
      {(server) => (
        <StepDateField
          name="resumedOn"
          label="恢复日期"
          server={server}
          today={today}
          earliest={earliestStepDate(caseKind, 'resume', record)}
        />
      )}
    </FormDialog>
  );
}
