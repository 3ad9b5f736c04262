import { Form, Radio } from 'antd';
import { REPLY_METHOD_LABELS, REPLY_METHODS } from '../../../shared/matters/matters';
import { RequiredTextField } from '../../common/RequiredTextField';
import type { ServerErrors } from '../../common/useServerErrors';

/** The reply to the resident (件件有回复): what they were told and how. */
export function ReplyFields({ server, autoFocus = true }: { server: ServerErrors; autoFocus?: boolean }) {
  return (
    <>
      <RequiredTextField
        name="reply"
        label="答复内容"
        message="请写明给群众的答复（件件有回复）"
        server={server}
        maxLength={2000}
        rows={3}
        autoFocus={autoFocus}
        placeholder="如 村委会已更换路灯，今晚起照明恢复"
      />
      <Form.Item
        name="replyMethod"
        label="答复方式"
        rules={[{ required: true, message: '请选择答复方式' }]}
        {...server.fieldStatus('replyMethod')}
      >
        <Radio.Group
          optionType="button"
          options={REPLY_METHODS.map((m) => ({ value: m, label: REPLY_METHOD_LABELS[m] }))}
        />
      </Form.Item>
    </>
  );
}
