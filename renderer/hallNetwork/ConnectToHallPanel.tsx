import { Alert, Button, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import type {
  DesktopHallClient,
  HallCertificateCheck,
  HallClientFieldProblem,
  HallClientInput,
} from '../../shared/hallNetwork/clientBridge';
import { checkClientModeInput, clientModeSetting } from '../../shared/hallNetwork/clientMode';
import { enterMovesFocus } from '../common/enterMovesFocus';

type FieldName = keyof HallClientInput;
/** 检查连接's answer once what was typed passed. */
type ServedCheck = Exclude<HallCertificateCheck, HallClientFieldProblem>;

/** One field checked as the main process will check it (shared/hallNetwork/clientMode.ts). */
function fieldRule(field: FieldName) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const parsed = clientModeSetting.shape[field].safeParse(value ?? '');
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? '填写的内容无效');
    },
  };
}

/**
 * First run, 连接到大厅主机 (the desktop app only): this PC becomes a window of a hall host — it
 * shows the hall's pages, trusting exactly the certificate with the fingerprint read off the
 * hall's 大厅网络 page, and keeps no data of its own (docs/hall.md, client mode). 检查连接 asks
 * the main process to connect and compare the fingerprint; 连接 saves the setting and restarts
 * the app. What was typed stays through every refusal.
 */
export function ConnectToHallPanel({ hallClient }: { hallClient: DesktopHallClient }) {
  const [form] = Form.useForm<HallClientInput>();
  const [checking, setChecking] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const [check, setCheck] = useState<ServedCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [restarting, setRestarting] = useState<string | null>(null);

  /** The fields checked here first; the values as they will be saved (address normalized, fingerprint `AB:CD:…`). */
  async function readValues(): Promise<HallClientInput | null> {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const checked = checkClientModeInput(form.getFieldsValue(['hallUrl', 'fingerprint']));
    if (!checked.ok) {
      showFieldProblem({ outcome: 'invalid', field: checked.field, message: checked.message });
      return null;
    }
    return checked.values;
  }

  function showFieldProblem(answer: HallClientFieldProblem) {
    if (answer.field) form.setFields([{ name: answer.field, errors: [answer.message] }]);
    else setProblem(answer.message);
  }

  async function runCheck() {
    setCheck(null);
    setProblem(null);
    const values = await readValues();
    if (!values) return;
    setChecking(true);
    try {
      const answer = await hallClient.check(values);
      if (answer.outcome === 'invalid') showFieldProblem(answer);
      else setCheck(answer);
    } catch {
      setProblem('检查连接失败，请重新启动程序后再试');
    } finally {
      setChecking(false);
    }
  }

  async function connect() {
    setProblem(null);
    const values = await readValues();
    if (!values) return;
    setConnecting(true);
    try {
      const answer = await hallClient.connect(values);
      if (answer.outcome === 'restarting') setRestarting(values.hallUrl);
      else if (answer.outcome === 'invalid') showFieldProblem(answer);
      else setProblem(answer.message);
    } catch {
      setProblem('连接失败，请重新启动程序后再试');
    } finally {
      setConnecting(false);
    }
  }

  if (restarting) {
    return (
      <Result
        status="success"
        title="已保存大厅连接设置，程序正在重新启动"
        subTitle={`重新启动后本机将显示大厅主机 ${restarting} 的页面，请用本人的账号登录。`}
      />
    );
  }

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="把这台电脑作为大厅的一个窗口使用。"
        description="数据都保存在大厅主机上，本机不保存数据。请在大厅主机的“系统管理 → 大厅网络”页面上找到访问网址和证书指纹，照抄到下面；以后可在菜单“文件 → 断开大厅主机，改用本机数据…”改回单机使用。"
      />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} />}
      <div onKeyDownCapture={enterMovesFocus}>
        <Form
          form={form}
          layout="vertical"
          name="connectToHall"
          requiredMark={false}
          onValuesChange={() => {
            setCheck(null);
            setProblem(null);
          }}
        >
          <Form.Item
            name="hallUrl"
            label="大厅地址"
            extra="大厅网络页面上的访问网址，如 https://192.168.1.10:4781/"
            rules={[fieldRule('hallUrl')]}
            validateTrigger="onBlur"
          >
            <Input autoFocus placeholder="https://192.168.1.10:4781/" />
          </Form.Item>
          <Form.Item
            name="fingerprint"
            label="证书指纹（SHA-256）"
            extra="大厅网络页面上的证书指纹，64 个十六进制字符；大小写均可，冒号可省略"
            rules={[fieldRule('fingerprint')]}
            validateTrigger="onBlur"
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 3 }} spellCheck={false} />
          </Form.Item>
          {check && <CheckOutcome check={check} />}
          <Space>
            <Button onClick={() => void runCheck()} loading={checking} disabled={connecting}>
              检查连接
            </Button>
            <Button type="primary" onClick={() => void connect()} loading={connecting} disabled={checking}>
              连接
            </Button>
          </Space>
        </Form>
      </div>
    </>
  );
}

function CheckOutcome({ check }: { check: ServedCheck }) {
  const style = { marginBottom: 16 };
  if (check.outcome === 'match') {
    return (
      <Alert
        type="success"
        showIcon
        style={style}
        data-testid="hall-check-outcome"
        title="连接成功，大厅主机的证书指纹与填写的一致，可以连接。"
      />
    );
  }
  if (check.outcome === 'mismatch') {
    return (
      <Alert
        type="error"
        showIcon
        style={style}
        data-testid="hall-check-outcome"
        title="证书指纹不一致，不要连接"
        description={
          <>
            <div>{check.message}</div>
            <div>
              大厅主机出示的指纹：
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="hall-served-fingerprint">
                {check.served}
              </Typography.Text>
            </div>
          </>
        }
      />
    );
  }
  return <Alert type="error" showIcon style={style} data-testid="hall-check-outcome" title={check.message} />;
}
