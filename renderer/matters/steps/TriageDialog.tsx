import { Form, Input, InputNumber, Radio, Select, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  HANDLINGS_OF_TRIAGE,
  MATTER_HANDLING_LABELS,
  MATTER_OWNER_KIND_LABELS,
  MATTER_TRIAGE_LABELS,
  MATTER_TRIAGE_NOTES,
  MATTER_TRIAGES,
  MAX_DEADLINE_WORKING_DAYS,
  OWNER_KINDS_OF_TRIAGE,
  type MatterHandling,
  type MatterOwnerKind,
  type MatterTriage,
  type ReplyMethod,
} from '../../../shared/matters/matters';
import { matterKind } from '../../../shared/matters/matterKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { ServerErrors } from '../../common/useServerErrors';
import type { MatterStepProps } from './matterStep';
import { ReplyFields } from './ReplyFields';

interface Values {
  decidedOn?: Dayjs | null;
  triage: MatterTriage;
  handling?: MatterHandling;
  ownerKind?: MatterOwnerKind;
  owner?: string;
  workingDays?: number | null;
  escalatedTo?: string;
  escalationReason?: string;
  reply?: string;
  replyMethod?: ReplyMethod;
}

/**
 * 分流办理: 大事、小事 or 私事, then how — the fields each handling needs appear with it (the
 * reply for 当即解决 and 私事, the owner and working days for 限期解决, whom and why for 提交统筹).
 */
export function TriageDialog({ record, today, send, onClose }: MatterStepProps<'triage'>) {
  return (
    <FormDialog<Values>
      open
      title="三事分流"
      okText="确定分流"
      name="matter-triage"
      width={720}
      fields={[
        'decidedOn',
        'triage',
        'handling',
        'ownerKind',
        'owner',
        'workingDays',
        'escalatedTo',
        'escalationReason',
        'reply',
        'replyMethod',
      ]}
      initialValues={{ decidedOn: todayValue(today), triage: 'minor' }}
      intro={
        <Typography.Paragraph>
          {`大事由政府负责（乡镇或县级部门），小事由村（社区）委会或社会组织负责，私事由群众自己负责、劝导后办结。限期解决的办理期限按工作日计算。`}
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          decidedOn: toDateString(values.decidedOn),
          triage: values.triage,
          handling: values.handling!,
          ownerKind: values.ownerKind ?? null,
          owner: values.owner ?? '',
          workingDays: values.workingDays ?? null,
          escalatedTo: values.escalatedTo ?? '',
          escalationReason: values.escalationReason ?? '',
          reply: values.reply ?? '',
          replyMethod: values.replyMethod ?? null,
        })
      }
      onClose={onClose}
    >
      {(server, form) => (
        <TriageFields
          server={server}
          form={form}
          today={today}
          earliest={earliestStepDate(matterKind, 'triage', record)}
        />
      )}
    </FormDialog>
  );
}

function TriageFields({
  server,
  form,
  today,
  earliest,
}: {
  server: ServerErrors;
  form: FormInstance<Values>;
  today: string;
  earliest: string;
}) {
  const triage: MatterTriage = Form.useWatch('triage', form) ?? 'minor';
  const handling: MatterHandling | undefined = Form.useWatch('handling', form);
  const handlings = HANDLINGS_OF_TRIAGE[triage];
  const shown = handling && handlings.includes(handling) ? handling : undefined;
  return (
    <>
      <Form.Item name="triage" label="三事分流" extra={MATTER_TRIAGE_NOTES[triage]} {...server.fieldStatus('triage')}>
        <Radio.Group
          optionType="button"
          options={MATTER_TRIAGES.map((t) => ({ value: t, label: MATTER_TRIAGE_LABELS[t] }))}
          onChange={() => form.setFieldsValue({ handling: undefined, ownerKind: undefined })}
        />
      </Form.Item>
      <Form.Item
        name="handling"
        label="办理方式"
        rules={[{ required: true, message: '请选择办理方式' }]}
        {...server.fieldStatus('handling')}
      >
        <Radio.Group
          optionType="button"
          options={handlings.map((h) => ({ value: h, label: MATTER_HANDLING_LABELS[h] }))}
        />
      </Form.Item>
      {shown === 'deadline' && (
        <>
          <Form.Item
            name="ownerKind"
            label="责任主体"
            rules={[{ required: true, message: '请选择责任主体' }]}
            {...server.fieldStatus('ownerKind')}
          >
            <Select<MatterOwnerKind>
              placeholder="选择"
              options={OWNER_KINDS_OF_TRIAGE[triage].map((k) => ({ value: k, label: MATTER_OWNER_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item
            name="owner"
            label="责任单位（人）"
            rules={[{ required: true, whitespace: true, message: '请写明责任单位（人）' }]}
            {...server.fieldStatus('owner')}
          >
            <Input maxLength={60} placeholder="如 东岗村委会、镇农业服务中心" />
          </Form.Item>
          <Form.Item
            name="workingDays"
            label="办理时限（工作日）"
            extra="自分流之日的次日起算，只计工作日（节假日、周末不计，调休上班日计入）"
            rules={[{ required: true, message: '请填写办理时限' }]}
            {...server.fieldStatus('workingDays')}
          >
            <InputNumber min={1} max={MAX_DEADLINE_WORKING_DAYS} precision={0} addonAfter="个工作日" />
          </Form.Item>
        </>
      )}
      {shown === 'escalated' && (
        <>
          <Form.Item
            name="escalatedTo"
            label="提交统筹至"
            rules={[{ required: true, whitespace: true, message: '请写明提交给谁' }]}
            {...server.fieldStatus('escalatedTo')}
          >
            <Input maxLength={60} placeholder="如 县交通运输局、县联席会议" />
          </Form.Item>
          <Form.Item
            name="escalationReason"
            label="提交理由"
            rules={[{ required: true, whitespace: true, message: '请写明理由' }]}
            {...server.fieldStatus('escalationReason')}
          >
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
        </>
      )}
      {(shown === 'onTheSpot' || shown === 'advised') && <ReplyFields server={server} autoFocus={false} />}
      <StepDateField name="decidedOn" label="分流日期" server={server} today={today} earliest={earliest} />
    </>
  );
}
