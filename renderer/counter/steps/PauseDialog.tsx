import { Form, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { PAUSE_KIND_LABELS, PAUSE_KINDS, type PauseKind } from '../../../shared/counter/casesApi';
import { caseKind } from '../../../shared/counter/caseKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function PauseDialog({ record, today, send, onClose }: CaseStepProps<'pause'>) {
  return (
    <FormDialog<{ kind: PauseKind; reason: string; pausedOn?: Dayjs | null }>
      open
      title="暂停计时"
      okText="暂停计时"
      name="case-pause"
      fields={['kind', 'reason', 'pausedOn']}
      initialValues={{ kind: 'materials', pausedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph type="secondary">
          暂停期间不计入办理时限；恢复计时后，承诺办结日期顺延暂停的工作日数。
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          kind: values.kind,
          reason: values.reason,
          pausedOn: toDateString(values.pausedOn),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item name="kind" label="暂停原因类别" {...server.fieldStatus('kind')}>
            <Radio.Group options={PAUSE_KINDS.map((kind) => ({ value: kind, label: PAUSE_KIND_LABELS[kind] }))} />
          </Form.Item>
          <RequiredTextField
            name="reason"
            label="暂停原因"
            message="请写明暂停原因"
            server={server}
            maxLength={200}
            rows={2}
            placeholder="如 需补正户口簿复印件"
          />
          <StepDateField
            name="pausedOn"
            label="暂停日期"
            server={server}
            today={today}
            earliest={earliestStepDate(caseKind, 'pause', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
