import { Form, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { VILLAGE_TRIAGES } from '../../../shared/matters/api';
import { matterKind } from '../../../shared/matters/matterKind';
import { MATTER_TRIAGE_LABELS, MATTER_TRIAGE_NOTES, type ReplyMethod } from '../../../shared/matters/matters';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { MatterStepProps } from './matterStep';
import { ReplyFields } from './ReplyFields';

interface Values {
  repliedOn?: Dayjs | null;
  triage: (typeof VILLAGE_TRIAGES)[number];
  reply: string;
  replyMethod: ReplyMethod;
}

/** 当即解决 in the village: a 小事 settled or a 私事 advised where it arose, with the reply. */
export function SettleDialog({ record, today, send, onClose }: MatterStepProps<'settleInVillage'>) {
  return (
    <FormDialog<Values>
      open
      title="当即解决"
      okText="答复并办结"
      name="matter-settle"
      width={640}
      fields={['repliedOn', 'triage', 'reply', 'replyMethod']}
      initialValues={{ repliedOn: todayValue(today), triage: 'minor' }}
      intro={
        <Typography.Paragraph>
          小事不出村：村里能当场解决的小事、劝导后可了结的私事，答复群众后即办结。大事、需要限期或提交上级的，请留给乡镇分流。
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({
          repliedOn: toDateString(values.repliedOn),
          triage: values.triage,
          reply: values.reply,
          replyMethod: values.replyMethod,
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item name="triage" label="三事分流" {...server.fieldStatus('triage')}>
            <Radio.Group
              optionType="button"
              options={VILLAGE_TRIAGES.map((t) => ({
                value: t,
                label: `${MATTER_TRIAGE_LABELS[t]}（${MATTER_TRIAGE_NOTES[t]}）`,
              }))}
            />
          </Form.Item>
          <ReplyFields server={server} />
          <StepDateField
            name="repliedOn"
            label="答复日期"
            server={server}
            today={today}
            earliest={earliestStepDate(matterKind, 'settleInVillage', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
