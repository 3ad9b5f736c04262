import { Alert, App, Form, Typography } from 'antd';
import { enrollmentFile } from '../../shared/sync/protocol';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import type { ServerErrors } from '../common/useServerErrors';
import { EnrollmentFilePicker, type ChosenEnrollmentFile } from './EnrollmentFilePicker';
import { PassphraseAgainField, PassphraseField } from './PassphraseFields';

interface Values {
  file: ChosenEnrollmentFile;
  passphrase: string;
  passphraseAgain: string;
}

/** Every part of the file is answered beside the file's field, not listed above the form. */
const FILE_PARTS = ['file', ...Object.keys(enrollmentFile.shape).map((key) => `file.${key}`)];
const FIELDS = [...FILE_PARTS, 'passphrase', 'passphraseAgain'];

/**
 * What is wrong with the chosen file, in one sentence beside it (the first problem); the
 * others, if any, only when asked for (详细情况).
 */
function fileStatus(server: ServerErrors) {
  const problems = FILE_PARTS.map((part) => server.fieldStatus(part).help).filter((help) => help !== undefined);
  const [first, ...rest] = problems;
  if (!first) return {};
  return {
    validateStatus: 'error' as const,
    help: (
      <>
        <div>{first}</div>
        {rest.length > 0 && (
          <details>
            <summary>详细情况（另有 {rest.length} 处不符）</summary>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {rest.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </details>
        )}
      </>
    ),
  };
}

/**
 * 入网: the county's enrollment file and the passphrase that will protect this node's new
 * private keys. The keys are made here and never leave the machine; the public halves are
 * registered with the county over the link, or carried there in a registration file. A
 * refusal (expired file, wrong township, no link) keeps the file and both entries.
 */
export function EnrollDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  return (
    <FormDialog<Values>
      open={open}
      title="导入入网文件"
      okText="入网"
      name="sync-enroll"
      width={600}
      fields={FIELDS}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="入网文件由县级平台（村级节点的由乡镇）发放，只能使用一次。"
          description="本机将生成自己的签名和加密密钥，私钥只保存在本机，并用下面设置的密钥口令保护。大厅主机每次重启后需要输入这个口令才能同步，请妥善保管；口令遗失只能重新入网。"
        />
      }
      onSubmit={async (values) => {
        const answer = await call('sync.enroll', { file: values.file.data, passphrase: values.passphrase });
        onDone();
        // A township's file for one of its villages: the level above is the township.
        const above = enrollmentFile.safeParse(values.file.data).data?.village ? '乡镇' : '县级平台';
        if (answer.registered) void message.success(answer.message);
        else modal.info({ title: `本节点密钥已生成，尚未在${above}登记`, content: answer.message });
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="file"
            label="入网文件"
            rules={[{ required: true, message: '请选择县级平台（或乡镇）发放的入网文件' }]}
            {...fileStatus(server)}
          >
            <EnrollmentFilePicker />
          </Form.Item>
          <PassphraseField server={server} newPassphrase />
          <PassphraseAgainField />
          <Typography.Text type="secondary">密钥口令至少 8 个字符，建议使用一句只有管理员知道的话。</Typography.Text>
        </>
      )}
    </FormDialog>
  );
}
