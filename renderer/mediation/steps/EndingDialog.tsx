import { Alert, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { HANDOVER_KINDS, REFERRAL_OUT_LABELS, type HandoverKind } from '../../../shared/mediation/disputes';
import type { ReferralOutInput } from '../../../shared/mediation/disputesApi';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { ServerErrors } from '../../common/useServerErrors';

/** The 移送 part of the form: '' is 不移送. */
interface ReferralValues {
  referral?: { kind?: HandoverKind | ''; to?: string };
}
const REFERRAL_FIELDS = ['referral.kind', 'referral.to'] as const;

function referralOf(values: ReferralValues): ReferralOutInput | null {
  const { kind, to } = values.referral ?? {};
  return kind ? { kind, to: to ?? '' } : null;
}

/** 三调联动 移出: whether and to whom the dispute is sent on; the notice then says so. */
function ReferralOutFields({ server }: { server: ServerErrors }) {
  const kind = Form.useWatch(['referral', 'kind'], Form.useFormInstance<ReferralValues>());
  return (
    <Flex gap={12}>
      <Form.Item
        name={['referral', 'kind']}
        label="移送（三调联动）"
        style={{ flex: 1 }}
        {...server.fieldStatus('referral.kind')}
      >
        <Select
          options={[
            { value: '', label: '不移送' },
            ...HANDOVER_KINDS.map((k) => ({ value: k, label: REFERRAL_OUT_LABELS[k] })),
          ]}
        />
      </Form.Item>
      {kind && (
        <Form.Item
          name={['referral', 'to']}
          label="接收单位"
          style={{ flex: 1 }}
          rules={[{ required: true, whitespace: true, message: '请填写接收单位' }]}
          {...server.fieldStatus('referral.to')}
        >
          <Input maxLength={60} placeholder={kind === 'court' ? '如 楚雄市人民法院' : '如 青石派出所'} />
        </Form.Item>
      )}
    </Flex>
  );
}

/** The wording of a step that ends a dispute without an agreement. */
export interface EndingWords {
  title: string;
  okText: string;
  reasonLabel: string;
  reasonMessage: string;
  reasonMaxLength: number;
  placeholder: string;
  /** The name the backend gives the date, so that its messages land beside the field. */
  dateField: string;
  dateLabel: string;
  intro: string | null;
}

/** The date sits under the backend's name for it (`refusedOn`), which only the words know. */
type EndingValues = { reason: string } & ReferralValues & { [dateField: string]: unknown };

export interface Ending {
  reason: string;
  on: string | undefined;
  referral: ReferralOutInput | null;
}

/**
 * A refusal or a termination: the reason, the day, and where the dispute is sent on (三调联动
 * 移出) — the same form with the wording of its step.
 */
export function EndingDialog({
  name,
  words,
  today,
  earliest,
  send,
  onClose,
}: {
  /** The form's name (`dispute-refuse`). */
  name: string;
  words: EndingWords;
  today: string;
  earliest: string;
  send: (ending: Ending) => Promise<void>;
  onClose: () => void;
}) {
  const dateField = words.dateField;
  return (
    <FormDialog<EndingValues>
      open
      title={words.title}
      okText={words.okText}
      name={name}
      fields={['reason', dateField, ...REFERRAL_FIELDS]}
      initialValues={{ [dateField]: todayValue(today), referral: { kind: '' } }}
      intro={words.intro && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={words.intro} />}
      onSubmit={(values) =>
        send({
          reason: values.reason,
          on: toDateString(values[dateField] as Dayjs | null | undefined),
          referral: referralOf(values),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <RequiredTextField
            name="reason"
            label={words.reasonLabel}
            message={words.reasonMessage}
            server={server}
            maxLength={words.reasonMaxLength}
            placeholder={words.placeholder}
          />
          <StepDateField name={dateField} label={words.dateLabel} server={server} today={today} earliest={earliest} />
          <ReferralOutFields server={server} />
        </>
      )}
    </FormDialog>
  );
}
