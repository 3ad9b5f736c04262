import { Flex, Progress, Typography } from 'antd';
import type { SyncProgress } from '../../shared/sync/api';
import { minuteTime } from '../common/dates';
import { formatBytes } from '../common/formatBytes';
import { phaseLabel, type LevelAbove } from './levelAbove';

const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0);

/**
 * 进度: while a sync runs, the phase, the entries and the bytes sent so far (the sync is a
 * background job on the host: the page may be left and the run goes on); afterwards, how the
 * last run ended.
 */
export function SyncProgressPanel({ progress, above }: { progress: SyncProgress; above: LevelAbove }) {
  if (!progress.running) {
    if (!progress.finishedAt) return <Typography.Text type="secondary">本次开机以来尚未同步。</Typography.Text>;
    const failed = progress.phase === 'failed';
    return (
      <Typography.Text type={failed ? 'danger' : 'success'} role="status">
        {failed ? '上次同步失败' : '上次同步完成'}：{minuteTime(progress.finishedAt)}
        {!failed && progress.itemsTotal > 0
          ? `，上报 ${progress.itemsDone} 条、${formatBytes(progress.bytesDone)}`
          : ''}
        {failed && progress.error ? `。${progress.error}` : ''}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={8} role="status" aria-live="polite">
      <Typography.Text strong>
        {phaseLabel(progress.phase, above)}……
        {progress.startedAt && (
          <Typography.Text type="secondary">（{minuteTime(progress.startedAt)} 开始）</Typography.Text>
        )}
      </Typography.Text>
      <Flex align="center" gap={12}>
        <span style={{ width: 40 }}>条目</span>
        <Progress
          aria-label="条目进度"
          percent={percent(progress.itemsDone, progress.itemsTotal)}
          status="active"
          style={{ flex: 1, margin: 0, maxWidth: 520 }}
        />
        <span>
          {progress.itemsDone} / {progress.itemsTotal} 条
        </span>
      </Flex>
      <Flex align="center" gap={12}>
        <span style={{ width: 40 }}>数据</span>
        <Progress
          aria-label="数据进度"
          percent={percent(progress.bytesDone, progress.bytesTotal)}
          status="active"
          style={{ flex: 1, margin: 0, maxWidth: 520 }}
        />
        <span>
          {formatBytes(progress.bytesDone)} / {formatBytes(progress.bytesTotal)}
        </span>
      </Flex>
      <Typography.Text type="secondary">同步在后台进行，可以离开本页面继续工作，稍后回来查看结果。</Typography.Text>
    </Flex>
  );
}
