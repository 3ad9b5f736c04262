import { App, AutoComplete, Button, Card, Flex, Form, Input, Modal, QRCode, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { HallScreen, PairingCode } from '../../shared/hallScreens/api';
import {
  HALL_SCREEN_KINDS,
  HALL_SCREEN_LABELS,
  HALL_SCREEN_STATUS_LABELS,
  SCREEN_PAIR_ROUTE,
  type HallScreenKind,
} from '../../shared/hallScreens/screens';
import { call, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { minuteTime } from '../common/dates';
import { FormDialog } from '../common/FormDialog';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { usePolledQuery } from '../common/usePolledQuery';

const NAME_EXAMPLES: Record<HallScreenKind, string> = {
  ticketKiosk: '如：大厅入口取号机',
  callingScreen: '如：大厅电视',
  ratingPad: '如：3号窗口评价器',
};

const STATUS_COLOURS = { awaitingPairing: 'gold', paired: 'green', revoked: 'default' } as const;

/** The list's “last seen” moves as the screens poll: read again while the page is open. */
const LIST_REFRESH_MS = 15_000;

interface ShownCode {
  screen: HallScreen;
  pairing: PairingCode;
}

/**
 * 系统管理 → 大厅设备: the ticket machine at the entrance, the calling screen on the hall's TV and
 * each window's rating pad. Adding one gives a one-time pairing code and its link (with a QR
 * code) to open in the device's browser; 停用 cuts a device off at its next request.
 */
export function HallScreensPage() {
  const list = usePolledQuery('hallScreens.list', {}, () => LIST_REFRESH_MS, true);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownCode | null>(null);
  const { message, modal } = App.useApp();

  async function newCode(screen: HallScreen) {
    try {
      setShown(await call('hallScreens.newPairingCode', { id: screen.id, version: screen.version }));
      list.refresh();
    } catch (error) {
      void message.error(errorMessage(error));
    }
  }

  function revoke(screen: HallScreen) {
    modal.confirm({
      title: `停用“${screen.name}”？`,
      content:
        '停用后它的下一次请求即被拒绝，页面会提示“本屏幕尚未配对或已被停用”。要再用它，需添加为新设备并重新配对。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('hallScreens.revoke', { id: screen.id, version: screen.version });
          void message.success(`已停用“${screen.name}”`);
        } catch (error) {
          void message.error(errorMessage(error));
        }
        list.refresh();
      },
    });
  }

  if (!list.data)
    return list.error ? <LoadFailed error={list.error} what="大厅设备" onRetry={list.refresh} /> : <Loading />;

  return (
    <Flex vertical gap={16}>
      <Card
        title="大厅设备"
        extra={
          <Button type="primary" onClick={() => setAdding(true)}>
            添加设备
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          取号机、叫号屏（大厅电视）和各窗口面向群众的评价器都是浏览器打开本机的页面，不用登录：在这里添加后，
          用设备的浏览器打开配对链接（或扫二维码、输入 6 位配对码）完成配对即可。详见 docs/hall-screens.md。
        </Typography.Paragraph>
        <Table<HallScreen>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data.screens}
          locale={{ emptyText: '还没有大厅设备' }}
          columns={[
            { title: '名称', dataIndex: 'name', key: 'name' },
            { title: '类型', key: 'kind', width: 90, render: (_, s) => HALL_SCREEN_LABELS[s.kind] },
            { title: '所在窗口', key: 'window', width: 110, render: (_, s) => s.windowName ?? '—' },
            {
              title: '状态',
              key: 'status',
              width: 200,
              render: (_, s) => (
                <Flex gap={4} wrap>
                  <Tag color={STATUS_COLOURS[s.status]}>{HALL_SCREEN_STATUS_LABELS[s.status]}</Tag>
                  {s.pairingExpiresAt && <Tag color="blue">配对码有效至 {minuteTime(s.pairingExpiresAt)}</Tag>}
                </Flex>
              ),
            },
            { title: '最近在线', key: 'lastSeen', width: 150, render: (_, s) => minuteTime(s.lastSeenAt) || '—' },
            {
              title: '操作',
              key: 'actions',
              width: 190,
              render: (_, s) =>
                s.status === 'revoked' ? (
                  <Typography.Text type="secondary">{minuteTime(s.revokedAt)} 停用</Typography.Text>
                ) : (
                  <Flex gap={8}>
                    <Button size="small" onClick={() => void newCode(s)}>
                      {s.status === 'paired' ? '重新配对' : '新配对码'}
                    </Button>
                    <Button size="small" danger onClick={() => revoke(s)}>
                      停用
                    </Button>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
      {adding && (
        <AddScreenDialog
          onClose={() => setAdding(false)}
          onAdded={(added) => {
            setAdding(false);
            setShown(added);
            list.refresh();
          }}
        />
      )}
      {shown && <PairingCodeDialog shown={shown} onClose={() => setShown(null)} />}
    </Flex>
  );
}

interface AddValues {
  kind: HallScreenKind;
  name: string;
  windowName?: string;
}

function AddScreenDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (added: ShownCode) => void }) {
  const windows = useWindowNames();
  const [kind, setKind] = useState<HallScreenKind>('ticketKiosk');
  return (
    <FormDialog<AddValues>
      open
      title="添加大厅设备"
      okText="添加并生成配对码"
      name="hall-screen"
      fields={['kind', 'name', 'windowName']}
      initialValues={{ kind: 'ticketKiosk' }}
      onSubmit={async (values) => {
        onAdded(
          await call('hallScreens.add', {
            kind: values.kind,
            name: values.name?.trim() ?? '',
            ...(values.kind === 'ratingPad' ? { windowName: values.windowName?.trim() ?? '' } : {}),
          }),
        );
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item name="kind" label="设备类型" {...server.fieldStatus('kind')}>
            <Radio.Group
              onChange={(event) => setKind(event.target.value as HallScreenKind)}
              options={HALL_SCREEN_KINDS.map((k) => ({ value: k, label: HALL_SCREEN_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label="设备名称"
            rules={[{ required: true, whitespace: true, message: '请填写设备名称' }]}
            {...server.fieldStatus('name')}
          >
            <Input maxLength={30} placeholder={NAME_EXAMPLES[kind]} />
          </Form.Item>
          {kind === 'ratingPad' && (
            <Form.Item
              name="windowName"
              label="所在窗口"
              extra="评价器面向的窗口，与受理时填写的“受理窗口”一致，如“3号窗口”"
              rules={[{ required: true, whitespace: true, message: '请填写评价器所在的窗口' }]}
              {...server.fieldStatus('windowName')}
            >
              <AutoComplete
                maxLength={20}
                placeholder="如：3号窗口"
                options={windows.map((name) => ({ value: name }))}
                filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              />
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}

/** The queue's windows, offered by name; free text where the queue has none (or is not set up). */
function useWindowNames(): string[] {
  const queue = useQuery('queue.windows', {});
  return queue.data?.windows.filter((w) => w.active).map((w) => w.name) ?? [];
}

function PairingCodeDialog({ shown, onClose }: { shown: ShownCode; onClose: () => void }) {
  const address = useHallAddress();
  const link = address ? `${address}/${SCREEN_PAIR_ROUTE}?code=${shown.pairing.code}` : '';
  return (
    <Modal
      open
      title={`配对“${shown.screen.name}”`}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          完成
        </Button>
      }
      width={640}
    >
      <Flex gap={24} align="flex-start" wrap>
        <Flex vertical gap={8} style={{ flex: '1 1 300px' }}>
          <Typography.Text>一次性配对码（{minuteTime(shown.pairing.expiresAt)} 前有效，只能用一次）：</Typography.Text>
          <Typography.Text strong style={{ fontSize: 40, letterSpacing: 8 }} data-testid="pairing-code">
            {shown.pairing.code}
          </Typography.Text>
          {link ? (
            <>
              <Typography.Text>在{HALL_SCREEN_LABELS[shown.screen.kind]}的浏览器中打开：</Typography.Text>
              <Typography.Text copyable code style={{ wordBreak: 'break-all' }} data-testid="pairing-link">
                {link}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="warning">
              本机尚未开放大厅网络：请先在“系统管理 → 大厅网络”开放局域网访问，设备的浏览器才能打开本机。
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            也可以在设备的浏览器中打开本机的访问网址并在末尾加上 #/screen/pair，然后输入配对码。配对后设备一直保持配对，
            直到在这里停用或重新配对。
          </Typography.Text>
        </Flex>
        {link && (
          <Flex vertical align="center" gap={4}>
            <QRCode value={link} type="svg" size={180} bordered />
            <Typography.Text type="secondary">用设备扫码打开</Typography.Text>
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}

/**
 * The address the hall's devices reach this host at: 大厅网络's when it is open, otherwise the
 * address this page itself came from (a browser on the hall LAN); none in the desktop window alone.
 */
function useHallAddress(): string | null {
  const network = useQuery('hallNetwork.status', {});
  const lan = network.data?.listening ? network.data.urls[0] : undefined;
  if (lan) return lan.replace(/\/+$/, '');
  const { protocol, origin } = window.location;
  return protocol === 'http:' || protocol === 'https:' ? origin : null;
}
