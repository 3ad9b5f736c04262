import {
  ExportOutlined,
  FileAddOutlined,
  KeyOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SyncOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { SYNC_ADMINS, type SyncStatus } from '../../shared/sync/api';
import { VersionLine } from '../about/VersionLine';
import { SUITE_LABELS } from '../../shared/sync/suiteIds';
import { call, errorMessage } from '../api/client';
import { useHasRole, useSession } from '../common/session';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { minuteTime } from '../common/dates';
import { downloadFile } from '../common/fileDownload';
import { BatchTable } from './BatchTable';
import { EnrollDialog } from './EnrollDialog';
import { formatBytes } from '../common/formatBytes';
import { ImportReplyButton } from './ImportReplyButton';
import { instructionsChanged } from '../common/instructions/instructionEvents';
import { RotateKeysDialog } from './RotateKeysDialog';
import { SyncProgressPanel } from './SyncProgressPanel';
import { UnlockDialog } from './UnlockDialog';
import { usePolledQuery } from '../common/usePolledQuery';
import { useVillageNode } from '../common/villageNode';
import { levelAbove, type LevelAbove } from './levelAbove';

type Dialog = 'enroll' | 'unlock' | 'rotate';
type Busy = 'sync' | 'export' | 'registration';

/** Every second while a sync runs (the progress moves), every 10 seconds otherwise. */
const pollDelay = (status: SyncStatus | undefined) => (status?.progress.running ? 1000 : 10_000);

/**
 * 同步状态: whether this township is enrolled with the county, what is waiting to go up, how the
 * last sync went, the batches sent, and the administrator's commands — sync now, the USB file
 * both ways, the registration file, the keys. A sync runs on the host in the background: the
 * page may be left and comes back to the progress.
 */
export function SyncStatusTab() {
  const { screenLocked } = useSession();
  const isAdmin = useHasRole(SYNC_ADMINS);
  const { message, modal } = App.useApp();
  const status = usePolledQuery('sync.status', {}, pollDelay, !screenLocked);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  // A village node syncs with its township: every line below names it (read again once enrolled).
  const above = levelAbove(useVillageNode(status.data?.enrollment?.nodeId ?? null));

  // A run that finished since the last look may have brought instructions down: the banner and
  // the list read again. By its end time, not by seeing it run: a quick run can start and end
  // between two polls.
  const running = status.data?.progress.running ?? false;
  const finishedAt = status.data?.progress.finishedAt;
  const seenFinishedAt = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (finishedAt === undefined) return;
    if (seenFinishedAt.current !== undefined && finishedAt !== seenFinishedAt.current) instructionsChanged();
    seenFinishedAt.current = finishedAt;
  }, [finishedAt]);

  if (!status.data) {
    return status.error ? <LoadFailed error={status.error} what="同步状态" onRetry={status.refresh} /> : <Loading />;
  }
  const s = status.data;
  const enrollment = s.enrollment;
  const enrolled = s.enrolled && enrollment !== null;
  const revoked = enrollment?.revoked ?? false;
  const registered = enrollment?.registered ?? false;

  async function run(what: Busy, action: () => Promise<void>, failure: string) {
    setBusy(what);
    try {
      await action();
    } catch (error) {
      modal.error({ title: failure, content: errorMessage(error) });
    } finally {
      setBusy(null);
      status.refresh();
    }
  }

  const syncNow = () =>
    run(
      'sync',
      async () => {
        const answer = await call('sync.syncNow', {});
        if (answer.started) void message.info(answer.message || '同步已开始');
        else void message.warning(answer.message);
      },
      '没有开始同步',
    );

  const exportFile = () =>
    run(
      'export',
      async () => {
        const file = await call('sync.exportFile', {});
        downloadFile(file.fileUrl);
        modal.success({
          title: '同步文件已导出',
          content: `共 ${file.batches} 个批次、${file.entries} 条变更、${file.files} 个附件（${formatBytes(file.bytes)}）。“${file.fileName}”已开始下载：请拷贝到 U 盘带到${above.name}导入，再把${above.name}给出的回执文件带回，点“导入回执文件”。`,
        });
      },
      '没有导出',
    );

  const exportRegistration = () =>
    run(
      'registration',
      async () => {
        const file = await call('sync.registrationFile', {});
        downloadFile(file.fileUrl);
        modal.success({
          title: '登记文件已导出',
          content: `“${file.fileName}”已开始下载：请拷贝到 U 盘带到${above.name}导入，再把${above.name}给出的回执文件带回，点“导入回执文件”。`,
        });
      },
      '没有导出',
    );

  const syncBlocked = !enrolled
    ? '尚未入网'
    : revoked
      ? `本节点已被${above.name}吊销`
      : s.locked
        ? '密钥已锁定，请先解锁'
        : running
          ? '正在同步'
          : null;
  const closeDialog = () => setDialog(null);

  return (
    <Flex vertical gap={16}>
      {status.error && <Alert type="warning" showIcon title={`同步状态没有刷新：${status.error.message}`} />}
      {!enrolled && (
        <Alert
          type="info"
          showIcon
          title="本乡镇尚未入网"
          description="乡镇请向县级平台索取本乡镇的入网文件；村级节点请向乡镇索取本村的入网文件。导入后即可把数据加密上报。"
          action={
            isAdmin && (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDialog('enroll')}>
                导入入网文件
              </Button>
            )
          }
        />
      )}
      {revoked && (
        <Alert
          type="error"
          showIcon
          title={`本节点已被${above.name}吊销`}
          description={`${above.name}不再接收本节点的数据。请联系${above.name}的系统管理员，重新发放入网文件。`}
        />
      )}
      {enrolled && s.locked && (
        <Alert
          type="warning"
          showIcon
          title="密钥已锁定"
          description="大厅主机重启后，需要输入入网时设置的密钥口令，才能同步或导出同步文件。"
          action={
            isAdmin && (
              <Button type="primary" icon={<UnlockOutlined />} onClick={() => setDialog('unlock')}>
                解锁密钥
              </Button>
            )
          }
        />
      )}
      {enrolled && !registered && !revoked && (
        <Alert
          type="warning"
          showIcon
          title={`尚未在${above.name}登记`}
          description={`${above.name}还没有本节点的公钥。联网时点“立即同步”登记；无网络时导出登记文件，带到${above.name}导入，再导入${above.name}给出的回执文件。`}
        />
      )}
      {s.lastError && <Alert type="error" showIcon title={`最近错误：${s.lastError}`} />}

      {isAdmin ? (
        <Flex gap={8} wrap align="center">
          <Button
            type="primary"
            icon={<SyncOutlined spin={running} />}
            loading={busy === 'sync'}
            disabled={syncBlocked !== null}
            onClick={() => void syncNow()}
          >
            立即同步
          </Button>
          <Button
            icon={<ExportOutlined />}
            loading={busy === 'export'}
            disabled={!enrolled || revoked || s.locked || running}
            onClick={() => void exportFile()}
          >
            导出同步文件（U 盘）
          </Button>
          <ImportReplyButton disabled={!enrolled || running} onDone={status.refresh} />
          {enrolled && !registered && !revoked && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={busy === 'registration'}
              onClick={() => void exportRegistration()}
            >
              导出登记文件
            </Button>
          )}
          {enrolled && !revoked && (
            <Button
              icon={<KeyOutlined />}
              disabled={s.locked || running || !registered}
              onClick={() => setDialog('rotate')}
            >
              更换密钥
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={status.refresh}>
            刷新
          </Button>
          {syncBlocked && syncBlocked !== '正在同步' && (
            <Typography.Text type="secondary">（{syncBlocked}，暂不能同步）</Typography.Text>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary">同步由系统管理员操作，这里可以查看同步情况。</Typography.Text>
      )}

      <Card title="进度" size="small">
        <SyncProgressPanel progress={s.progress} above={above} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="入网状态" size="small" style={{ height: '100%' }}>
            <EnrollmentDescriptions status={s} above={above} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card title="上报" size="small">
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'success',
                    label: '最近成功联系',
                    children: s.lastSuccessAt ? minuteTime(s.lastSuccessAt) : '从未',
                  },
                  {
                    key: 'contact',
                    label: '最近联系',
                    children: s.lastContactAt ? minuteTime(s.lastContactAt) : '从未',
                  },
                  {
                    key: 'pending',
                    label: '待上报',
                    children: `${s.pending.entries} 条、约 ${formatBytes(s.pending.bytes)}、附件 ${s.pending.files} 个`,
                  },
                  { key: 'acknowledged', label: `${above.short}已确认`, children: `至第 ${s.acknowledgedThrough} 条` },
                ]}
              />
            </Card>
            <Card title="下发内容" size="small">
              <Descriptions
                size="small"
                column={1}
                items={[
                  // A village gets the township's catalog and calendar as rows, not as versioned packages.
                  ...(above.village
                    ? [{ key: 'reference', label: '事项目录、工作日历', children: '随乡镇的基础数据同步下来' }]
                    : [
                        { key: 'catalog', label: '事项目录版本', children: s.reference.catalogVersion ?? '尚未下发' },
                        { key: 'calendar', label: '工作日历版本', children: s.reference.calendarVersion ?? '尚未下发' },
                      ]),
                  { key: 'down', label: '已接收下发包', children: `至第 ${s.downAppliedThrough} 个` },
                ]}
              />
            </Card>
          </Flex>
        </Col>
      </Row>

      <Card title="批次记录" size="small">
        <BatchTable batches={s.batches} />
      </Card>

      <VersionLine />

      <EnrollDialog open={dialog === 'enroll'} onClose={closeDialog} onDone={status.refresh} />
      <UnlockDialog open={dialog === 'unlock'} onClose={closeDialog} onDone={status.refresh} />
      <RotateKeysDialog open={dialog === 'rotate'} above={above} onClose={closeDialog} onDone={status.refresh} />
    </Flex>
  );
}

function EnrollmentTag({ status }: { status: SyncStatus }) {
  const e = status.enrollment;
  if (!status.enrolled || !e) return <Tag>未入网</Tag>;
  if (e.revoked) return <Tag color="red">已吊销</Tag>;
  if (e.registered) return <Tag color="green">已登记</Tag>;
  return <Tag color="gold">未登记</Tag>;
}

function EnrollmentDescriptions({ status, above }: { status: SyncStatus; above: LevelAbove }) {
  const e = status.enrollment;
  const state = { key: 'state', label: '状态', children: <EnrollmentTag status={status} /> };
  if (!status.enrolled || !e) return <Descriptions size="small" column={1} items={[state]} />;
  const mono = { fontFamily: 'ui-monospace, Consolas, monospace', wordBreak: 'break-all' } as const;
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        state,
        // A village node's file names the node (东岗村村委会), a township's the township.
        { key: 'township', label: above.village ? '节点名称' : '乡镇', children: e.townshipName },
        {
          key: 'node',
          label: '节点编号',
          children: (
            <Typography.Text copyable style={mono}>
              {e.nodeId}
            </Typography.Text>
          ),
        },
        { key: 'hub', label: above.village ? '乡镇地址' : '平台地址', children: e.hubUrl },
        { key: 'suite', label: '加密算法', children: SUITE_LABELS[e.suite] },
        {
          key: 'fingerprint',
          label: '证书指纹',
          children: (
            <Typography.Text copyable style={{ ...mono, fontSize: 12 }}>
              {e.certificateFingerprint}
            </Typography.Text>
          ),
        },
        { key: 'signing', label: '签名密钥编号', children: <span style={mono}>{e.signingKeyId}</span> },
        { key: 'box', label: '加密密钥编号', children: <span style={mono}>{e.boxKeyId}</span> },
        { key: 'enrolledAt', label: '入网时间', children: minuteTime(e.enrolledAt) },
        {
          key: 'locked',
          label: '密钥',
          children: status.locked ? <Tag color="orange">已锁定</Tag> : <Tag color="green">已解锁</Tag>,
        },
      ]}
    />
  );
}
