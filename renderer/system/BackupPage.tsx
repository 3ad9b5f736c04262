import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  BACKUP_PHASE_LABELS,
  BACKUP_RUN_KIND_LABELS,
  DEFAULT_BACKUP_SETTINGS,
  type BackupRunRecord,
  type BackupSettings,
  type BackupStatus,
} from '../../shared/backup/api';
import { call } from '../api/client';
import { ExportKeyDialog } from './ExportKeyDialog';
import { minuteTime } from '../common/dates';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { formatBytes } from '../common/formatBytes';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { useFormSubmit } from '../common/useFormSubmit';
import { usePolledQuery } from '../common/usePolledQuery';
import { useServerErrors } from '../common/useServerErrors';

const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0);

/**
 * 系统管理 → 备份与恢复: where backups go and how often, the last good one, "backup now" and the
 * restore drill with their progress (they run on the host: the page may be left), and the history.
 */
export function BackupPage() {
  const { message } = App.useApp();
  const status = usePolledQuery('backup.status', {}, (data) => (data?.running ? 1000 : 30_000), true);
  const [starting, setStarting] = useState(false);
  const [exportingKey, setExportingKey] = useState(false);
  if (!status.data)
    return status.error ? <LoadFailed error={status.error} what="备份状态" onRetry={status.refresh} /> : <Loading />;
  const data = status.data;

  async function start(procedure: 'backup.runNow' | 'backup.drillNow') {
    setStarting(true);
    try {
      const answer = await call(procedure, {});
      if (answer.started) message.info(answer.message);
      else message.warning(answer.message);
      status.refresh();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  }

  async function removePlainCopies() {
    try {
      await call('backup.removePlainCopies', {});
      message.success('明文副本已删除');
      status.refresh();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Flex vertical gap={16}>
      {data.warning && (
        <Alert
          type="error"
          showIcon
          message={data.warning}
          role="alert"
          action={
            data.plainCopies.length > 0 && (
              <Button danger onClick={() => void removePlainCopies()}>
                删除明文副本
              </Button>
            )
          }
        />
      )}
      {data.notice && <Alert type="warning" showIcon message={data.notice} />}
      <Card title="备份情况">
        <Flex vertical gap={12}>
          <LastBackup status={data} />
          {data.running && <RunningPanel running={data.running} />}
          <Space>
            <Button
              type="primary"
              disabled={!data.settings || Boolean(data.running)}
              loading={starting}
              onClick={() => void start('backup.runNow')}
            >
              立即备份
            </Button>
            <Button disabled={!data.lastGood || Boolean(data.running)} onClick={() => void start('backup.drillNow')}>
              恢复演练
            </Button>
            <Button onClick={() => setExportingKey(true)}>导出恢复密钥</Button>
          </Space>
          <Typography.Text type="secondary">
            备份包括数据库、存档文书和附件，加密方式与数据相同；每天按设定时间自动备份，每周自动做一次恢复演练（恢复到临时目录逐项核对后删除）。
            要把备份恢复到新电脑：新电脑首次启动时选“从备份恢复”（加密的备份需要这里导出的恢复密钥）；或在新电脑上运行
            npm run hall -- --restore &lt;备份位置&gt; --data &lt;新数据目录&gt; --db-key-file &lt;原密钥文件&gt;。
          </Typography.Text>
        </Flex>
      </Card>
      <SettingsCard settings={data.settings} onSaved={status.refresh} />
      <ExportKeyDialog open={exportingKey} onClose={() => setExportingKey(false)} />
      <Card title="最近记录">
        <Table<BackupRunRecord>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.recent}
          columns={[
            { title: '开始时间', dataIndex: 'startedAt', render: (at: string) => minuteTime(at) },
            {
              title: '类型',
              dataIndex: 'kind',
              render: (kind: BackupRunRecord['kind']) => BACKUP_RUN_KIND_LABELS[kind],
            },
            { title: '发起', dataIndex: 'startedBy' },
            { title: '结果', dataIndex: 'outcome', render: (_: unknown, run) => <OutcomeTag run={run} /> },
            { title: '备份', dataIndex: 'generation', render: (generation: string | null) => generation ?? '—' },
            {
              title: '大小',
              dataIndex: 'databaseBytes',
              render: (bytes: number | null, run) =>
                bytes === null ? '—' : `${formatBytes(bytes)}，文件 ${run.files ?? 0} 个`,
            },
            { title: '说明', dataIndex: 'message', render: (text: string | null) => text ?? '' },
          ]}
        />
      </Card>
    </Flex>
  );
}

function OutcomeTag({ run }: { run: BackupRunRecord }) {
  if (run.outcome === 'running') return <Tag color="processing">进行中</Tag>;
  return run.outcome === 'ok' ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>;
}

function LastBackup({ status }: { status: BackupStatus }) {
  const good = status.lastGood;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="最近一次成功的备份">
        {good ? (
          <span data-testid="last-good-backup">
            {minuteTime(good.finishedAt ?? good.startedAt)}（数据库 {formatBytes(good.databaseBytes ?? 0)}，文书和附件{' '}
            {good.files ?? 0} 个，本次新增 {good.newFiles ?? 0} 个）
          </span>
        ) : (
          '还没有'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="位置">
        {good ? `${good.folder}（${good.generation}）` : (status.settings?.folder ?? '未设置')}
      </Descriptions.Item>
      <Descriptions.Item label="最近一次恢复演练">
        {status.lastDrill ? (
          <>
            {minuteTime(status.lastDrill.startedAt)} <OutcomeTag run={status.lastDrill} />
            {status.lastDrill.message ?? ''}
          </>
        ) : (
          '还没有'
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

function RunningPanel({ running }: { running: NonNullable<BackupStatus['running']> }) {
  return (
    <Flex vertical gap={4} role="status" aria-live="polite">
      <Typography.Text strong>
        {BACKUP_RUN_KIND_LABELS[running.kind]}：{BACKUP_PHASE_LABELS[running.phase]}……
        <Typography.Text type="secondary">
          （{minuteTime(running.startedAt)} 开始，可以离开本页面继续工作）
        </Typography.Text>
      </Typography.Text>
      <Progress
        aria-label="备份进度"
        percent={percent(running.done, running.total)}
        status="active"
        style={{ maxWidth: 520 }}
      />
    </Flex>
  );
}

function SettingsCard({ settings, onSaved }: { settings: BackupSettings | null; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BackupSettings>();
  const server = useServerErrors();
  useEffect(() => {
    form.setFieldsValue(settings ?? { folder: '', ...DEFAULT_BACKUP_SETTINGS });
  }, [form, settings]);
  const { busy, submit } = useFormSubmit(form, server, async (values) => {
    await call('backup.saveSettings', values);
    message.success('备份设置已保存');
    onSaved();
  });
  return (
    <Card title="备份设置">
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(['folder', 'keep', 'maxAgeDays', 'dailyAt'])}
      />
      <Form<BackupSettings>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '160px' }}
        onValuesChange={server.clearChanged}
        onFinish={() => void submit()}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="folder"
          label="备份位置"
          htmlFor="backup-folder"
          rules={[{ required: true, whitespace: true, message: '请填写备份位置' }]}
          extra="另一块磁盘、U 盘或共享目录的完整路径，如 E:\乡镇一站通备份；不能在数据目录之内"
          {...server.fieldStatus('folder')}
        >
          <Input id="backup-folder" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="keep"
          label="保留份数"
          htmlFor="backup-keep"
          rules={[{ required: true, message: '请填写保留份数' }]}
          {...server.fieldStatus('keep')}
        >
          <InputNumber id="backup-keep" min={1} max={90} precision={0} addonAfter="份" />
        </Form.Item>
        <Form.Item
          name="maxAgeDays"
          label="超过几天未备份即提醒"
          htmlFor="backup-max-age"
          rules={[{ required: true, message: '请填写提醒天数' }]}
          {...server.fieldStatus('maxAgeDays')}
        >
          <InputNumber id="backup-max-age" min={1} max={30} precision={0} addonAfter="天" />
        </Form.Item>
        <Form.Item
          name="dailyAt"
          label="每日备份时间"
          htmlFor="backup-daily-at"
          rules={[
            { required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '每日备份时间应为 时:分，如 12:10' },
          ]}
          extra="电脑在这个时间关着的话，开机后补做"
          {...server.fieldStatus('dailyAt')}
        >
          <Input id="backup-daily-at" style={{ width: 100 }} autoComplete="off" />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存设置
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
