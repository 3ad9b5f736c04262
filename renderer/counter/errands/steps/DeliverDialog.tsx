import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { chineseDate, pastDateRules, toDateString } from '../../../common/dates';
import { FormDialog } from '../../../common/FormDialog';
import { todayValue } from '../../../common/StepDateField';
import { errandLabel, type ErrandStepProps } from './errandStep';

export function DeliverDialog({ errand, today, send, onClose }: ErrandStepProps<'deliver'>) {
  return (
    <FormDialog<{ signedBy: string; deliveredOn?: Dayjs | null }>
      open
      title={`登记送达：${errandLabel(errand)}`}
      okText="登记送达"
      name="errand-deliver"
      fields={['signedBy', 'deliveredOn']}
      initialValues={{ signedBy: errand.residentName, deliveredOn: todayValue(today) }}
      intro={
        <Typography.Paragraph type="secondary">
          办件编号 {errand.case?.caseNumber ?? '—'}
          {errand.case?.acceptedOn ? `，${chineseDate(errand.case.acceptedOn)}受理` : ''}
          。把办理结果交给居民并请其签收后登记。
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ signedBy: values.signedBy, deliveredOn: toDateString(values.deliveredOn) })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="signedBy"
            label="签收人"
            extra="默认是委托人本人；家属代收时写代收人姓名"
            rules={[{ required: true, whitespace: true, message: '请写明签收人' }]}
            {...server.fieldStatus('signedBy')}
          >
            <Input maxLength={50} autoFocus />
          </Form.Item>
          <Form.Item
            name="deliveredOn"
            label="送达日期"
            extra="不填即为今天；不能早于窗口办结的日期"
            rules={pastDateRules('送达日期', today)}
            {...server.fieldStatus('deliveredOn')}
          >
            <DatePicker format="YYYY-MM-DD" placeholder="如 2026-01-31" style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
