import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  QRCode,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../shared/auth/roles';
import {
  DEFAULT_HALL_NETWORK_PORT,
  HALL_WINDOW_CHANNEL_LABELS,
  type HallNetworkStatus,
  type HallWindow,
} from '../../shared/hallNetwork/api';
import { call } from '../api/client';
import { minuteTime } from '../common/dates';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useUnsavedInput } from '../common/leaveGuard';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { usePolledQuery } from '../common/usePolledQuery';
import { useServerErrors } from '../common/useServerErrors';

/** Every address of the machine at once. */
const ANY_ADDRESS = '0.0.0.0';
/** How often the connected windows are read again while the page is open. */
const WINDOWS_REFRESH_MS = 5000;

/**
 * 系统管理 → 大厅网络: the administrator opens this host to the other windows of the hall (HTTPS on
 * an address and port of this machine), reads out the address, the certificate's fingerprint and
 * a QR code of the address to them, and sees every window connected now.
 */
export function HallNetworkPage() {
  const status = usePolledQuery('hallNetwork.status', {}, () => 30_000, true);
  if (!status.data)
    return status.error ? (
      <LoadFailed error={status.error} what="大厅网络状态" onRetry={status.refresh} />
    ) : (
      <Loading />
    );
  return (
    <Flex vertical gap={16}>
      <NetworkSwitch status={status.data} onChanged={status.refresh} />
      {status.data.listening && status.data.certificate && <ConnectCard status={status.data} />}
      <ConnectedWindows />
    </Flex>
  );
}

function NetworkSwitch({ status, onChanged }: { status: HallNetworkStatus; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const server = useServerErrors();
  const [address, setAddress] = useState(status.address);
  const [port, setPort] = useState<number | null>(status.port || DEFAULT_HALL_NETWORK_PORT);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setAddress(status.address);
    setPort(status.port || DEFAULT_HALL_NETWORK_PORT);
  }, [status.address, status.port]);
  const moved = address.trim() !== status.address || port !== status.port;
  useUnsavedInput(() => status.listening && moved);

  if (!status.available) {
    return <Alert type="info" showIcon title="大厅网络不可用" description={status.unavailableReason} />;
  }

  async function enable() {
    setBusy(true);
    try {
      const answer = await call('hallNetwork.enable', { address: address.trim(), port: port as number });
      server.clear();
      message.success(`大厅网络已开放：${answer.urls.join('、')}`);
      onChanged();
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }

  function disable() {
    modal.confirm({
      title: '关闭大厅网络？',
      content:
        '其他窗口将无法再连接本机；经大厅网络登录的窗口立即退出，下一次操作时会看到“大厅网络已关闭”。本机的窗口不受影响。',
      okText: '关闭大厅网络',
      okButtonProps: { danger: true },
      cancelText: '取消',
      autoFocusButton: 'cancel',
      async onOk() {
        try {
          await call('hallNetwork.disable', {});
          server.clear();
          message.success('大厅网络已关闭');
          onChanged();
        } catch (error) {
          server.setError(error);
        }
      },
    });
  }

  const addressOptions = [
    ...status.machineAddresses.map((a) => ({ value: a.address, label: `${a.address}（${a.interfaceName}）` })),
    { value: ANY_ADDRESS, label: `${ANY_ADDRESS}（本机所有网卡）` },
  ];

  return (
    <Card
      title={
        <Space>
          大厅网络
          {status.listening ? (
            <Tag color="green">已开放</Tag>
          ) : status.enabled ? (
            <Tag color="red">未能开放</Tag>
          ) : (
            <Tag>未开放</Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        开放后，大厅里的其他窗口可以用浏览器或客户端模式的桌面程序经局域网使用本机的数据（HTTPS 加密，须登录）。
        数据只保存在本机；关闭后其他窗口立即断开。
      </Typography.Paragraph>
      {status.problem && <Alert type="warning" showIcon title={status.problem} style={{ marginBottom: 12 }} />}
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(['address', 'port'])} />
      <Form
        layout="inline"
        onFinish={() => void enable()}
        onValuesChange={(changed: object) => server.clearChanged(changed)}
        style={{ rowGap: 12 }}
      >
        <Form.Item label="允许局域网访问" htmlFor="hall-network-switch">
          <Switch
            id="hall-network-switch"
            checked={status.listening}
            loading={busy}
            checkedChildren="开"
            unCheckedChildren="关"
            onChange={(on) => (on ? void enable() : disable())}
          />
        </Form.Item>
        <Form.Item label="监听地址" htmlFor="hall-network-address" {...server.fieldStatus('address')}>
          <AutoComplete
            id="hall-network-address"
            style={{ width: 260 }}
            options={addressOptions}
            value={address}
            onChange={(value: string) => {
              setAddress(value);
              server.clearChanged({ address: null });
            }}
            placeholder="本机的 IPv4 地址"
          />
        </Form.Item>
        <Form.Item label="端口" htmlFor="hall-network-port" {...server.fieldStatus('port')}>
          <InputNumber
            id="hall-network-port"
            style={{ width: 120 }}
            min={1}
            max={65535}
            precision={0}
            value={port}
            onChange={(value) => {
              setPort(typeof value === 'number' ? value : null);
              server.clearChanged({ port: null });
            }}
          />
        </Form.Item>
        {status.listening && (
          <Form.Item>
            <Button htmlType="submit" disabled={!moved} loading={busy}>
              改用此地址和端口
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}

function ConnectCard({ status }: { status: HallNetworkStatus }) {
  const certificate = status.certificate!;
  const url = status.urls[0] ?? '';
  const certificateLink = `data:application/x-pem-file;charset=utf-8,${encodeURIComponent(certificate.pem)}`;
  // What client mode reads (electron/main/clientMode.ts), ready to copy.
  const clientModeFile = JSON.stringify({ hallUrl: url, fingerprint: certificate.fingerprint });
  return (
    <Card title="其他窗口如何连接">
      <Flex gap={24} wrap align="flex-start">
        <Flex vertical gap={8} style={{ flex: '1 1 560px', minWidth: 0 }}>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 150 } }}>
            <Descriptions.Item label="访问网址">
              <Flex vertical>
                {status.urls.map((u) => (
                  <Typography.Text key={u} copyable strong data-testid="hall-network-url">
                    {u}
                  </Typography.Text>
                ))}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label="证书指纹（SHA-256）">
              <Typography.Text copyable code style={{ wordBreak: 'break-all' }} data-testid="hall-network-fingerprint">
                {certificate.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="公钥指纹（SPKI）">
              <Typography.Text copyable code data-testid="hall-network-spki">
                {certificate.spkiPin}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="证书">
              <Space wrap>
                <span>
                  {minuteTime(certificate.createdAt)} 生成，有效至 {minuteTime(certificate.validUntil)}
                </span>
                <Typography.Link href={certificateLink} download="乡镇一站通大厅证书.crt">
                  下载证书文件
                </Typography.Link>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>在浏览器中使用</Typography.Title>
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            <li>
              在其他窗口的电脑上打开浏览器（Chrome、Edge 或
              Firefox），输入上面的访问网址，或用手机扫右边的二维码查看网址。
            </li>
            <li>
              浏览器会提示“连接不是私密连接”或“证书不受信任”：点“高级”，核对证书的 SHA-256 指纹与上面的完全一致
              （点地址栏左侧的图标 → 证书），再点“继续前往”。指纹不一致时不要继续，请联系系统管理员。
            </li>
            <li>
              以后不再提示：把“下载证书文件”得到的 .crt 文件拷到该电脑，双击 → 安装证书 → 存储位置选“本地计算机” →
              “将所有的证书都放入下列存储” → “受信任的根证书颁发机构”，完成后重新打开浏览器（Firefox 在“设置 →
              隐私与安全 → 证书 → 查看证书 → 证书颁发机构 → 导入”）。
            </li>
            <li>用本人的账号登录即可办理业务；每个窗口都会出现在下方“已连接的窗口”中。</li>
          </ol>
          <Typography.Title level={5}>用桌面程序（客户端模式）连接</Typography.Title>
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            <li>
              在其他窗口的电脑上安装乡镇一站通并打开，在“首次使用”页面选“连接到大厅主机”，填写上面的访问网址和证书指纹，
              点“检查连接”核对指纹一致后点“连接”，程序会重新启动并显示本机的页面。
            </li>
            <li>桌面程序只接受指纹为上述值的证书，自己不保存任何数据；用本人的账号登录即可。</li>
            <li>
              证书重新生成（指纹变了）时，桌面程序会拒绝连接：在它的菜单“文件 →
              断开大厅主机，改用本机数据…”断开后重新连接。
            </li>
            <li>
              也可以不用界面：程序打开前，在其用户数据目录（Windows：%APPDATA%\乡镇一站通）中建一个 client-mode.json
              文件，内容为：
              <Typography.Paragraph copyable code style={{ margin: '4px 0' }} data-testid="hall-network-client-file">
                {clientModeFile}
              </Typography.Paragraph>
              删除该文件即恢复为单机使用。
            </li>
          </ol>
        </Flex>
        {url && (
          <Flex vertical align="center" gap={4}>
            <QRCode value={url} type="svg" size={180} bordered />
            <Typography.Text type="secondary">扫码查看访问网址</Typography.Text>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function ConnectedWindows() {
  const windows = usePolledQuery('hallNetwork.windows', {}, () => WINDOWS_REFRESH_MS, true);
  return (
    <Card
      title="已连接的窗口"
      extra={
        <Button onClick={windows.refresh} size="small">
          刷新
        </Button>
      }
    >
      {windows.error && !windows.data && (
        <LoadFailed error={windows.error} what="已连接的窗口" onRetry={windows.refresh} />
      )}
      <Table<HallWindow>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!windows.data && !windows.error}
        dataSource={windows.data?.windows ?? []}
        aria-label="已连接的窗口"
        locale={{ emptyText: '没有已登录的窗口' }}
        columns={[
          {
            title: '用户',
            key: 'user',
            render: (_, w) => (
              <Space>
                {w.displayName}
                <Typography.Text type="secondary">{w.username}</Typography.Text>
                {w.current && <Tag color="blue">本窗口</Tag>}
              </Space>
            ),
          },
          { title: '角色', key: 'roles', render: (_, w) => w.roles.map((r) => ROLE_LABELS[r]).join('、') },
          {
            title: '接入方式',
            key: 'channel',
            render: (_, w) =>
              w.via
                ? `${HALL_WINDOW_CHANNEL_LABELS.lan}（${w.via}）`
                : w.channel === 'lan'
                  ? '局域网（主机监听地址）'
                  : HALL_WINDOW_CHANNEL_LABELS[w.channel],
          },
          { title: '来自', dataIndex: 'from' },
          { title: '登录时间', key: 'since', render: (_, w) => minuteTime(w.since) },
          { title: '最近操作', key: 'last', render: (_, w) => minuteTime(w.lastCallAt) },
          { title: '状态', key: 'locked', render: (_, w) => (w.locked ? <Tag color="orange">已锁屏</Tag> : '使用中') },
        ]}
      />
    </Card>
  );
}
