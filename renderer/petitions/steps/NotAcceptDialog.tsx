import { Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import {
  NOT_ACCEPTED_GROUND_LABELS,
  NOT_ACCEPTED_GROUNDS,
  type NotAcceptedGround,
} from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

/** Where a petitioner is told to turn, by the ground of a refusal: a first draft to edit. */
const CHANNEL_DRAFTS: Record<NotAcceptedGround, string> = {
  litigation: '可依法向有管辖权的人民法院提起诉讼。',
  arbitration: '可依法向有管辖权的仲裁机构申请仲裁。',
  reconsideration: '可依法向有权机关申请行政复议。',
  handled: '该事项已依法处理，请依照已作出的处理意见执行；如有新的事实和理由，可另行提出。',
  notOurs: '该事项不属于本机关职权范围，请向有权处理的机关提出。',
  other: '',
};

export function NotAcceptDialog({ record, today, send, onClose }: PetitionStepProps<'notAccept'>) {
  return (
    <FormDialog<{ decidedOn?: Dayjs | null; ground?: NotAcceptedGround; reason: string; channel: string }>
      open
      title="不予受理"
      okText="出具不予受理告知书"
      name="petition-not-accept"
      width={640}
      fields={['decidedOn', 'ground', 'reason', 'channel']}
      initialValues={{ decidedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph type="secondary">
          不予受理的，应书面告知信访人理由，并告知其应当通过的途径（诉讼、仲裁、行政复议等）。
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          decidedOn: toDateString(values.decidedOn),
          ground: values.ground!,
          reason: values.reason,
          channel: values.channel,
        })
      }
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Form.Item
            name="ground"
            label="不予受理情形"
            rules={[{ required: true, message: '请选择不予受理的情形' }]}
            {...server.fieldStatus('ground')}
          >
            <Select
              autoFocus
              options={NOT_ACCEPTED_GROUNDS.map((g) => ({ value: g, label: NOT_ACCEPTED_GROUND_LABELS[g] }))}
              onChange={(ground: NotAcceptedGround) => {
                // A draft of the channel for the ground, unless one was already written.
                const current = (form.getFieldValue('channel') as string | undefined) ?? '';
                const drafts = Object.values(CHANNEL_DRAFTS);
                if (!current.trim() || drafts.includes(current)) form.setFieldValue('channel', CHANNEL_DRAFTS[ground]);
              }}
            />
          </Form.Item>
          <RequiredTextField
            name="reason"
            label="不予受理理由"
            message="请写明不予受理的理由"
            server={server}
            maxLength={1000}
            rows={3}
            autoFocus={false}
            placeholder="如 该纠纷已由人民法院受理"
          />
          <RequiredTextField
            name="channel"
            label="告知途径"
            message="请写明信访人应当通过的途径"
            server={server}
            maxLength={500}
            rows={2}
            autoFocus={false}
            placeholder="如 可依法向某县人民法院提起诉讼"
          />
          <StepDateField
            name="decidedOn"
            label="决定日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'notAccept', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
