import { Alert, Button, Flex, Form, Input, Progress, Result, Space, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  BACKUP_PHASE_LABELS,
  FIRST_RUN_CHECK_LABELS,
  type FirstRunGeneration,
  type FirstRunRestoreProgress,
} from '../../shared/backup/api';
import { call } from '../api/client';
import { minuteTime } from '../common/dates';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { formatBytes } from '../common/formatBytes';
import { ReasonedButton } from '../common/ReasonedButton';
import { usePolledQuery } from '../common/usePolledQuery';
import { useServerErrors } from '../common/useServerErrors';

interface Values {
  folder: string;
  recoveryKey?: string;
}

type Outcome = NonNullable<FirstRunRestoreProgress['outcome']>;

const FIELDS = ['folder', 'recoveryKey', 'generation'];

/** The restore's steps as the screen names them; the last is the change-over to the restored data. */
const STEPS = [
  { phase: 'verify', title: '校验备份' },
  { phase: 'copy', title: '复制数据' },
  { phase: 'check', title: '核对结果' },
  { phase: 'switch', title: '换用恢复的数据' },
] as const;

const CHECK_COLORS: Record<FirstRunGeneration['check'], string> = {
  ok: 'success',
  needsKey: 'warning',
  broken: 'error',
};

/**
 * First run, 从备份恢复: the backup folder on this computer, its generations (newest chosen), the
 * recovery key when the backup is encrypted with a key this computer lacks, then the restore
 * with its progress on the host; the app then continues on the restored data (sign-in). What was
 * typed stays through every refusal.
 */
export function RestoreFromBackupPanel({ onRestored }: { onRestored: () => void }) {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const [listing, setListing] = useState(false);
  const [listed, setListed] = useState<{ folder: string; generations: FirstRunGeneration[] } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  /** Each start gets a fresh progress poller (its own answers only). */
  const [run, setRun] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const selected = listed?.generations.find((generation) => generation.name === chosen) ?? null;
  const typedKey = Form.useWatch('recoveryKey', form);
  const askKey = selected?.check === 'needsKey' || Boolean(typedKey) || Boolean(server.fieldStatus('recoveryKey').help);

  async function list() {
    let values: Values;
    try {
      values = await form.validateFields(['folder']);
    } catch {
      return;
    }
    setListing(true);
    server.clear();
    setOutcome(null);
    try {
      const answer = await call('backup.firstRunGenerations', {
        folder: values.folder,
        recoveryKey: form.getFieldValue('recoveryKey') as string | undefined,
      });
      setListed(answer);
      // The newest is chosen unless the one chosen before is still there.
      setChosen((before) =>
        answer.generations.some((generation) => generation.name === before)
          ? before
          : (answer.generations[0]?.name ?? null),
      );
    } catch (error) {
      server.setError(error);
    } finally {
      setListing(false);
    }
  }

  async function restore() {
    if (!listed || !chosen) return;
    setStarting(true);
    server.clear();
    setOutcome(null);
    try {
      await call('backup.firstRunRestore', {
        folder: listed.folder,
        generation: chosen,
        recoveryKey: form.getFieldValue('recoveryKey') as string | undefined,
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
        title="恢复完成"
        subTitle={
          <span data-testid="restore-outcome">
            已从 {listed?.folder} 中的备份 {outcome.generation} 恢复，逐项核对无误。
            {outcome.movedAside && `原来的数据目录没有覆盖，已改名保留为 ${outcome.movedAside}。`}
            请用原来的账号登录。
          </span>
        }
        extra={
          <Button type="primary" size="large" autoFocus onClick={onRestored}>
            前往登录
          </Button>
        }
      />
    );

  const startBlocked = !selected
    ? '请先查看备份并选择一份'
    : selected.check === 'broken'
      ? `这份备份${selected.problem ?? '已损坏'}，请选择另一份`
      : null;

  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        title="把原来的数据从备份恢复到这台电脑。"
        description="备份会先逐项校验，复制到新的目录后再核对一遍，无误后才换用；这台电脑上现有的（空白）数据目录不会被覆盖，而是改名保留。恢复后用原来的账号登录。"
      />
      {outcome && !outcome.ok && (
        <Alert type="error" showIcon role="alert" title="恢复没有完成" description={outcome.message} />
      )}
      <FormErrorAlert error={server.error} extraMessages={server.unplacedMessages(FIELDS)} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="restore"
        requiredMark={false}
        disabled={running}
        onValuesChange={server.clearChanged}
      >
        <Form.Item
          label="备份位置"
          htmlFor="restore-folder"
          required
          extra="原电脑“备份与恢复”中设置的备份位置（U 盘、另一块磁盘或共享目录）的完整路径"
          {...server.fieldStatus('folder')}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="folder" noStyle rules={[{ required: true, whitespace: true, message: '请填写备份位置' }]}>
              <Input
                id="restore-folder"
                autoComplete="off"
                spellCheck={false}
                placeholder="如 E:\乡镇一站通备份 或 /mnt/backup"
                onPressEnter={() => void list()}
              />
            </Form.Item>
            <Button loading={listing} onClick={() => void list()}>
              查看备份
            </Button>
          </Space.Compact>
        </Form.Item>
        {listed && (
          <Form.Item
            label={`${listed.folder} 中的备份（${listed.generations.length} 份，最新的在前）`}
            {...server.fieldStatus('generation')}
          >
            <Table<FirstRunGeneration>
              rowKey="name"
              size="small"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={listed.generations}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: chosen ? [chosen] : [],
                onChange: (keys) => {
                  setChosen(String(keys[0]));
                  server.clearChanged({ generation: null });
                },
                getCheckboxProps: (generation) => ({
                  disabled: running,
                  'aria-label': `选择备份 ${generation.name}`,
                }),
              }}
              columns={[
                {
                  title: '备份时间',
                  dataIndex: 'createdAt',
                  width: 190,
                  render: (at: string | null, generation) => (
                    <>
                      {minuteTime(at)}
                      <br />
                      <Typography.Text type="secondary">{generation.name}</Typography.Text>
                    </>
                  ),
                },
                {
                  title: '数据库',
                  dataIndex: 'databaseBytes',
                  width: 110,
                  render: (bytes: number | null) => (bytes === null ? '—' : formatBytes(bytes)),
                },
                {
                  title: '文书和附件',
                  dataIndex: 'files',
                  width: 110,
                  render: (files: number | null) => (files === null ? '—' : `${files} 个`),
                },
                {
                  title: '校验',
                  dataIndex: 'check',
                  render: (check: FirstRunGeneration['check'], generation) => (
                    <Flex vertical gap={2} align="flex-start">
                      <Tag color={CHECK_COLORS[check]}>{FIRST_RUN_CHECK_LABELS[check]}</Tag>
                      {generation.problem && <Typography.Text type="secondary">{generation.problem}</Typography.Text>}
                    </Flex>
                  ),
                },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="recoveryKey"
          label="恢复密钥"
          htmlFor="restore-recovery-key"
          hidden={!askKey}
          extra="这份备份是加密的，本机没有它的密钥：请输入原电脑在“备份与恢复”中导出的“数据库恢复密钥”文件的第一行（64 个字符，0–9 和 a–f）"
          {...server.fieldStatus('recoveryKey')}
        >
          <Input.Password id="restore-recovery-key" autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Form>
      {running ? (
        <RestoreProgress
          key={run}
          onEnd={(ended) => {
            setRunning(false);
            setOutcome(ended);
          }}
        />
      ) : (
        <ReasonedButton
          type="primary"
          size="large"
          block
          loading={starting}
          disabledBecause={startBlocked}
          onClick={() => void restore()}
        >
          开始恢复
        </ReasonedButton>
      )}
    </Flex>
  );
}

/** The restore under way on the host: its step and how far; the change-over answers 503 for a moment. */
function RestoreProgress({ onEnd }: { onEnd: (outcome: Outcome) => void }) {
  const progress = usePolledQuery('backup.firstRunProgress', {}, () => 500, true);
  const running = progress.data?.running ?? null;
  const ended = progress.data && !progress.data.running ? progress.data.outcome : null;
  const told = useRef(false);
  const panel = useRef<HTMLDivElement>(null);
  // It takes the place of 开始恢复, at the foot of a long card: brought into view.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  useEffect(() => {
    if (ended && !told.current) {
      told.current = true;
      onEnd(ended);
    }
  }, [ended, onEnd]);
  const switching =
    progress.error?.code === 'UNAVAILABLE' || (running?.phase === 'check' && running.done === running.total);
  const step = switching
    ? 3
    : Math.max(
        0,
        STEPS.findIndex((s) => s.phase === running?.phase),
      );
  const label = switching ? '正在换用恢复的数据……' : running ? `${BACKUP_PHASE_LABELS[running.phase]}……` : '正在开始……';
  const percent = running && running.total > 0 && !switching ? Math.floor((running.done * 100) / running.total) : 0;
  return (
    <Flex ref={panel} vertical gap={8} role="status" aria-live="polite">
      <Steps size="small" current={step} items={STEPS.map(({ title }) => ({ title }))} />
      <Typography.Text strong>{label}</Typography.Text>
      <Progress aria-label="恢复进度" percent={switching ? 100 : percent} status="active" />
      {progress.error && !switching && (
        <Typography.Text type="secondary">{progress.error.message}（正在重试）</Typography.Text>
      )}
    </Flex>
  );
}
