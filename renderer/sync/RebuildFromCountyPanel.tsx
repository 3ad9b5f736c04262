import { Alert, Button, Flex, Form, Input, Progress, Radio, Result, Space, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../shared/auth/api';
import { REBUILD_PHASES, REBUILD_PHASE_LABELS, type RebuildProgress } from '../../shared/sync/api';
import { enrollmentFile } from '../../shared/sync/protocol';
import { call } from '../api/client';
import { DisplayNameField, NewPasswordFields, UsernameField } from '../common/accountFields';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { usePolledQuery } from '../common/usePolledQuery';
import { useServerErrors } from '../common/useServerErrors';
import { EnrollmentFilePicker, type ChosenEnrollmentFile } from './EnrollmentFilePicker';
import { PassphraseAgainField, PassphraseField } from './PassphraseFields';

interface Values {
  way: 'link' | 'usb';
  registrationFolder?: string;
  rebuildFile?: string;
  file: ChosenEnrollmentFile;
  passphrase: string;
  passphraseAgain: string;
  username: string;
  displayName: string;
  password: string;
  confirmPassword: string;
}

type Outcome = NonNullable<RebuildProgress['outcome']>;

const FILE_PARTS = ['file', ...Object.keys(enrollmentFile.shape).map((key) => `file.${key}`)];
const FIELDS = [...FILE_PARTS, 'passphrase', 'username', 'displayName', 'password', 'folder', 'rebuildFile'];

/**
 * First run, 从县级平台重建: a replacement PC for a township whose PC and backups are lost. The
 * file the county issued when it authorised the replacement, a passphrase for the new sync
 * keys, and the administrator account to sign in with; then the download and rebuild with its
 * progress on the host (docs/rebuild.md). What was typed stays through every refusal.
 */
export function RebuildFromCountyPanel({ onRebuilt }: { onRebuilt: () => void }) {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const [starting, setStarting] = useState(false);
  const [run, setRun] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [writing, setWriting] = useState(false);
  const [registration, setRegistration] = useState<string | null>(null);
  const way = Form.useWatch('way', form) ?? 'link';

  async function writeRegistration() {
    let values: Values;
    try {
      values = await form.validateFields(['file', 'passphrase', 'passphraseAgain', 'registrationFolder']);
    } catch {
      return;
    }
    setWriting(true);
    server.clear();
    try {
      const answer = await call('sync.firstRunRegistrationFile', {
        file: values.file.data,
        passphrase: values.passphrase,
        folder: values.registrationFolder ?? '',
      });
      setRegistration(answer.message);
    } catch (error) {
      server.setError(error);
    } finally {
      setWriting(false);
    }
  }

  async function start(values: Values) {
    setStarting(true);
    server.clear();
    setOutcome(null);
    try {
      await call('sync.firstRunRebuild', {
        file: values.file.data,
        passphrase: values.passphrase,
        username: values.username,
        displayName: values.displayName,
        password: values.password,
        rebuildFile: values.way === 'usb' ? (values.rebuildFile ?? '') : '',
      });
      setRun((n) => n + 1);
      setRunning(true);
    } catch (error) {
      server.setError(error);
    } finally {
      setStarting(false);
    }
  }

  if (outcome?.ok)
    return (
      <Result
        status="success"
        title="重建完成"
        subTitle={
          <span data-testid="rebuild-outcome">
            已从县级平台重建“{outcome.townshipName}”：变更 {outcome.entries} 条，附件 {outcome.files} 个。
            {outcome.missingFiles > 0 && `另有 ${outcome.missingFiles} 个附件原电脑未曾上报，记录在但文件缺失。`}
            请用账号 {outcome.username} 登录；
            {outcome.accountsToReset > 0 &&
              `其他 ${outcome.accountsToReset} 个账号的密码没有随数据上报，请在“用户管理”中为他们重设密码。`}
          </span>
        }
        extra={
          <Button type="primary" size="large" autoFocus onClick={onRebuilt}>
            前往登录
          </Button>
        }
      />
    );

  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        title="原电脑和备份都已丢失时，从县级平台取回本乡镇已上报的数据。"
        description="请先由县级平台在乡镇列表中“授权更换电脑”，拿到“更换电脑入网文件”。重建会下载本乡镇已上报县级平台的全部记录和附件，编号和同步从原处接续；原电脑未上报的数据无法取回，文书在首次打开时依存档记录重新生成。"
      />
      {outcome && !outcome.ok && (
        <Alert type="error" showIcon role="alert" title="重建没有完成" description={outcome.message} />
      )}
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          layout="vertical"
          name="rebuild"
          requiredMark={false}
          disabled={running}
          initialValues={{ way: 'link' }}
          onFinish={(values) => void start(values)}
          onValuesChange={server.clearChanged}
        >
          <Form.Item name="way" label="取得数据的方式">
            <Radio.Group
              options={[
                { value: 'link', label: '联网从县级平台下载' },
                { value: 'usb', label: '没有网络：用 U 盘带登记文件和重建文件' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="file"
            label="更换电脑入网文件"
            rules={[{ required: true, message: '请选择县级平台发放的更换电脑入网文件' }]}
            {...firstFileProblem(server)}
          >
            <EnrollmentFilePicker />
          </Form.Item>
          <PassphraseField server={server} label="同步密钥口令（新设）" newPassphrase />
          <PassphraseAgainField />
          <Typography.Paragraph type="secondary">
            重建后用下面的账号登录。可以是原来的管理员账号（设置新密码），也可以是新账号。密码至少 {PASSWORD_MIN_LENGTH}{' '}
            位，须同时包含字母和数字。
          </Typography.Paragraph>
          <UsernameField server={server} example="admin" autoComplete="username" />
          <DisplayNameField server={server} autoComplete="name" />
          <NewPasswordFields server={server} />
          {way === 'usb' && (
            <>
              <Form.Item
                label="登记文件保存位置"
                htmlFor="rebuild-registration-folder"
                extra="第一步：把本机的登记文件写到 U 盘，交县级平台“导入文件”；县级平台随后在乡镇列表中“导出重建文件”"
                {...server.fieldStatus('folder')}
              >
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="registrationFolder"
                    noStyle
                    rules={[{ required: true, whitespace: true, message: '请填写登记文件保存位置' }]}
                  >
                    <Input
                      id="rebuild-registration-folder"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="如 E:\ 或 /media/usb"
                    />
                  </Form.Item>
                  <Button loading={writing} onClick={() => void writeRegistration()}>
                    写出登记文件
                  </Button>
                </Space.Compact>
              </Form.Item>
              {registration && <Alert type="success" showIcon title={registration} style={{ marginBottom: 16 }} />}
              <Form.Item
                name="rebuildFile"
                label="重建文件位置"
                htmlFor="rebuild-file"
                extra="第二步：县级平台导出的“…-重建文件.tdsync”在本机上的完整路径"
                rules={[{ required: true, whitespace: true, message: '请填写重建文件位置' }]}
                {...server.fieldStatus('rebuildFile')}
              >
                <Input id="rebuild-file" autoComplete="off" spellCheck={false} />
              </Form.Item>
            </>
          )}
          {!running && (
            <Button type="primary" size="large" block htmlType="submit" loading={starting}>
              开始重建
            </Button>
          )}
        </Form>
      </div>
      {running && (
        <RebuildProgressPanel
          key={run}
          onEnd={(ended) => {
            setRunning(false);
            setOutcome(ended);
          }}
        />
      )}
    </Flex>
  );
}

/** The file's first problem beside it (the server names parts of the file as `file.…`). */
function firstFileProblem(server: ReturnType<typeof useServerErrors>) {
  const help = FILE_PARTS.map((part) => server.fieldStatus(part).help).find((h) => h !== undefined);
  return help === undefined ? {} : { validateStatus: 'error' as const, help };
}

function RebuildProgressPanel({ onEnd }: { onEnd: (outcome: Outcome) => void }) {
  const progress = usePolledQuery('sync.firstRunRebuildProgress', {}, () => 500, true);
  const running = progress.data?.running ?? null;
  const ended = progress.data && !progress.data.running ? progress.data.outcome : null;
  const told = useRef(false);
  useEffect(() => {
    if (ended && !told.current) {
      told.current = true;
      onEnd(ended);
    }
  }, [ended, onEnd]);
  const step = Math.max(0, REBUILD_PHASES.indexOf(running?.phase ?? 'enroll'));
  const percent = running && running.total > 0 ? Math.floor((running.done * 100) / running.total) : 0;
  return (
    <Flex vertical gap={8} role="status" aria-live="polite">
      <Steps
        size="small"
        current={step}
        items={REBUILD_PHASES.map((phase) => ({ title: REBUILD_PHASE_LABELS[phase].replace(/^正在/, '') }))}
      />
      <Typography.Text strong>
        {running ? `${REBUILD_PHASE_LABELS[running.phase]}……` : '正在开始……'}
        {running && running.total > 1 && `（${running.done}/${running.total}）`}
      </Typography.Text>
      <Progress aria-label="重建进度" percent={percent} status="active" />
      {progress.error && <Typography.Text type="secondary">{progress.error.message}（正在重试）</Typography.Text>}
    </Flex>
  );
}
