import { Alert, Button, Form, Input, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { PASSWORD_MIN_LENGTH, type SessionInfo } from '../../shared/auth/api';
import { call } from '../api/client';
import { DisplayNameField, NewPasswordFields, UsernameField } from '../common/accountFields';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useServerErrors } from '../common/useServerErrors';
import { CenteredPanel } from './CenteredPanel';
import { RestoreFromBackupPanel } from './RestoreFromBackupPanel';
import { RebuildFromCountyPanel } from '../sync/RebuildFromCountyPanel';
import { ConnectToHallPanel } from '../hallNetwork/ConnectToHallPanel';
import { desktopHallClient } from '../hallNetwork/desktopHallClient';

interface Values {
  townshipName: string;
  username: string;
  displayName: string;
  password: string;
  confirmPassword: string;
}

const FIELDS = ['townshipName', 'username', 'displayName', 'password'];

/** One way to start on this computer: a tab of the first-run screen. */
interface FirstRunWay {
  key: string;
  label: string;
  /** The card's width while this way is shown (a table of backups needs more than a form). */
  width: number;
  panel: ReactNode;
}

/**
 * First run (no user yet): a choice of ways to start — a new township (the first administrator),
 * the data restored from a backup, a replacement PC rebuilt from the county's copy, or (the desktop
 * app only) this PC made a window of a hall host. Each way is one entry of `ways`; the panels stay mounted
 * while another is shown, so switching loses nothing typed.
 */
export function SetupScreen({
  onDone,
  onRestored,
}: {
  onDone: (session: SessionInfo, townshipName: string) => void;
  /** The data was restored or rebuilt: the app starts again on it (the sign-in screen). */
  onRestored: () => void;
}) {
  const ways: FirstRunWay[] = [
    { key: 'new', label: '新建（设置管理员）', width: 520, panel: <NewTownshipForm onDone={onDone} /> },
    { key: 'restore', label: '从备份恢复', width: 760, panel: <RestoreFromBackupPanel onRestored={onRestored} /> },
    { key: 'rebuild', label: '从县级平台重建', width: 600, panel: <RebuildFromCountyPanel onRebuilt={onRestored} /> },
  ];
  // Only the desktop app can become a window of a hall (in a browser, this page is the hall's own).
  const hallClient = desktopHallClient();
  if (hallClient) {
    ways.push({
      key: 'hall',
      label: '连接到大厅主机',
      width: 600,
      panel: <ConnectToHallPanel hallClient={hallClient} />,
    });
  }
  const [shown, setShown] = useState(ways[0]!.key);
  const width = ways.find((way) => way.key === shown)?.width ?? 520;
  return (
    <CenteredPanel title="首次使用" width={width}>
      <Tabs
        activeKey={shown}
        onChange={setShown}
        items={ways.map(({ key, label, panel }) => ({ key, label, children: panel }))}
      />
    </CenteredPanel>
  );
}

/** A new township: its name and the first administrator, who then adds everyone else. */
function NewTownshipForm({ onDone }: { onDone: (session: SessionInfo, townshipName: string) => void }) {
  const [busy, setBusy] = useState(false);
  const server = useServerErrors();

  async function submit(values: Values) {
    setBusy(true);
    server.clear();
    try {
      const input = {
        townshipName: values.townshipName,
        username: values.username,
        displayName: values.displayName,
        password: values.password,
      };
      const session = await call('system.setupAdministrator', input);
      onDone(session, values.townshipName.trim());
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="这台电脑上还没有任何用户。"
        description={`请填写本乡镇（街道）的名称，并为自己创建系统管理员账号；其他工作人员的账号由系统管理员登录后添加。密码至少 ${PASSWORD_MIN_LENGTH} 位，须同时包含字母和数字。`}
      />
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form
          layout="vertical"
          name="setup"
          onFinish={submit}
          requiredMark={false}
          onValuesChange={server.clearChanged}
        >
          <Form.Item
            name="townshipName"
            label="乡镇名称"
            extra="如：城关镇、东城街道"
            rules={[{ required: true, whitespace: true, message: '请填写乡镇名称' }]}
            {...server.fieldStatus('townshipName')}
          >
            <Input autoFocus />
          </Form.Item>
          <UsernameField server={server} example="admin" autoComplete="username" />
          <DisplayNameField server={server} autoComplete="name" />
          <NewPasswordFields server={server} />
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            完成设置
          </Button>
        </Form>
      </div>
    </>
  );
}
