// 系统管理 → 大厅设备 → 身份证读卡器: the hall host's reader, and which windows on the hall LAN may
// use it. The host's own windows always may; a LAN window only once assigned here, by the address
// of its computer (as 已连接的窗口 lists it), so that no window reads cards on someone else's desk.
import { Alert, App, Button, Card, Flex, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage } from '../api/client';
import { minuteTime } from '../common/dates';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { usePolledQuery } from '../common/usePolledQuery';
import { useServerErrors } from '../common/useServerErrors';

/** The connected windows are read again this often while the page is open (as 大厅网络 does). */
const WINDOWS_REFRESH_MS = 5000;

interface Row {
  address: string;
  /** Who is signed in there now (several users on one PC are one row). */
  users: string[];
  connected: boolean;
  assignedAt: string | null;
  assignedBy: string | null;
}

export function IdCardReaderSettings() {
  const assignments = usePolledQuery('devices.idCardReaderAssignments', {}, () => 60_000, true);
  const windows = usePolledQuery('hallNetwork.windows', {}, () => WINDOWS_REFRESH_MS, true);
  const current = assignments.data;
  if (!current) {
    return assignments.error ? (
      <LoadFailed error={assignments.error} what="身份证读卡器的分配" onRetry={assignments.refresh} />
    ) : (
      <Loading />
    );
  }
  const lanWindows = (windows.data?.windows ?? []).filter((w) => w.channel === 'lan');
  const rows = new Map<string, Row>();
  for (const w of lanWindows) {
    const row = rows.get(w.from) ?? {
      address: w.from,
      users: [],
      connected: true,
      assignedAt: null,
      assignedBy: null,
    };
    row.users.push(w.displayName);
    rows.set(w.from, row);
  }
  for (const a of current.assignments) {
    const row = rows.get(a.address) ?? {
      address: a.address,
      users: [],
      connected: false,
      assignedAt: null,
      assignedBy: null,
    };
    rows.set(a.address, { ...row, assignedAt: a.assignedAt, assignedBy: a.assignedBy });
  }
  return (
    <Card title="身份证读卡器" data-testid="id-card-reader-settings">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        读卡器接在大厅主机上。本机的窗口总能读卡；大厅网络中的其他窗口，只有在这里分配后才能使用它读卡
        （读卡器放在哪个窗口的台面上，就分配给哪个窗口）。每次读卡都记入审计日志。
      </Typography.Paragraph>
      {current.reader ? (
        <Typography.Paragraph>
          大厅主机的读卡器：<Typography.Text strong>{current.reader}</Typography.Text>
        </Typography.Paragraph>
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="大厅主机没有配置身份证读卡器"
          description="大厅主机启动时用 --id-card-reader 指定（如 serial:COM3）；桌面程序在用户数据目录的 id-card-reader.json 中设置。没有读卡器时各表单照常手工填写。"
        />
      )}
      <AssignmentTable rows={[...rows.values()]} onChanged={assignments.refresh} />
      <AddAddress onChanged={assignments.refresh} />
    </Card>
  );
}

function AssignmentTable({ rows, onChanged }: { rows: Row[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  async function assign(address: string, assigned: boolean) {
    setBusy(address);
    try {
      await call('devices.assignIdCardReader', { address, assigned });
      onChanged();
      message.success(assigned ? `已把读卡器分配给 ${address}` : `已收回 ${address} 的读卡器`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }
  return (
    <Table<Row>
      size="small"
      rowKey="address"
      pagination={false}
      dataSource={rows.sort((a, b) => a.address.localeCompare(b.address))}
      aria-label="大厅网络窗口的读卡器分配"
      locale={{ emptyText: '大厅网络中现在没有已连接的窗口，也没有分配过读卡器' }}
      columns={[
        {
          title: '窗口电脑（IP 地址）',
          key: 'address',
          render: (_, row) => (
            <Space>
              <Typography.Text code>{row.address}</Typography.Text>
              {row.connected ? <Tag color="green">已连接</Tag> : <Tag>未连接</Tag>}
            </Space>
          ),
        },
        { title: '登录的用户', key: 'users', render: (_, row) => row.users.join('、') || '—' },
        {
          title: '可使用读卡器',
          key: 'assigned',
          render: (_, row) => (
            <Switch
              aria-label={`${row.address} 可使用读卡器`}
              checked={row.assignedAt !== null}
              loading={busy === row.address}
              checkedChildren="是"
              unCheckedChildren="否"
              onChange={(on) => void assign(row.address, on)}
            />
          ),
        },
        {
          title: '分配',
          key: 'by',
          render: (_, row) => (row.assignedAt ? `${row.assignedBy}，${minuteTime(row.assignedAt)}` : '—'),
        },
      ]}
    />
  );
}

/** A window not connected right now, by the address its computer has on the hall LAN. */
function AddAddress({ onChanged }: { onChanged: () => void }) {
  const server = useServerErrors();
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  async function add() {
    setBusy(true);
    try {
      await call('devices.assignIdCardReader', { address: address.trim(), assigned: true });
      onChanged();
      server.clear();
      setAddress('');
    } catch (error) {
      server.setError(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(['address'])} />
      <Form layout="inline" onFinish={() => void add()}>
        <Form.Item label="按地址分配" htmlFor="id-card-reader-address" {...server.fieldStatus('address')}>
          <Input
            id="id-card-reader-address"
            style={{ width: 220 }}
            placeholder="如 192.168.1.23"
            value={address}
            autoComplete="off"
            onChange={(event) => {
              setAddress(event.target.value);
              server.clearChanged({ address: null });
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={busy} disabled={!address.trim()}>
            分配读卡器
          </Button>
        </Form.Item>
      </Form>
    </Flex>
  );
}
