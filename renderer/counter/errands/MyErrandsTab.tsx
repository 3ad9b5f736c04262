import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Switch, Typography } from 'antd';
import { useState } from 'react';
import { errandKind } from '../../../shared/counter/errandKind';
import { canTake } from '../../../shared/workflow/kind';
import { useSession } from '../../common/session';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { useQuery } from '../../api/useQuery';
import { href, paths } from '../../common/router';
import { LoadFailed } from '../../common/LoadFailed';
import { recall, remember } from '../../common/sessionMemory';
import { useToday } from '../../common/useToday';
import { minuteTime } from '../../common/dates';
import { useVillageNode } from '../../common/villageNode';
import { ErrandAttachmentsButton } from './ErrandAttachments';
import { ErrandSteps } from './ErrandSteps';
import type { AgentStep } from './steps/errandStep';
import { ErrandTable } from './ErrandTable';
import { PrintDocumentButton } from '../../common/PrintDocumentButton';

const CLOSED_KEY = 'errands.includeClosed';

const DONE_MESSAGES: Record<AgentStep, (errand: ErrandRecord) => string> = {
  collect: (errand) =>
    errand.status === 'collected' ? '必需材料已收齐，可交窗口办理' : '已保存收取的材料，必需材料尚未收齐',
  withdraw: (errand) => `已撤回${errand.residentName}的代办`,
  deliver: (errand) => `已登记送达，${errand.delivery?.signedBy ?? errand.residentName}签收`,
};

/** 我的代办: the agent's errands and what to do next with each. */
export function MyErrandsTab() {
  const { message } = App.useApp();
  const today = useToday();
  const [includeClosed, setIncludeClosed] = useState(() => recall<boolean>(CLOSED_KEY) ?? false);
  const mine = useQuery('errands.mine', includeClosed ? { includeClosed: true } : {});
  const { info } = useSession();
  // On a village node the case and its status are the township's, as of the last sync: say when.
  const village = useVillageNode(mine.data);
  /** Whether the counter has finished the case, so its result can go to the resident. */
  const canDeliver = (errand: ErrandRecord) => canTake(errandKind, 'deliver', errand, info.user, today);

  if (mine.error && !mine.data) return <LoadFailed error={mine.error} what="我的代办" onRetry={mine.reload} />;
  const errands = mine.data?.errands ?? [];

  function actions(errand: ErrandRecord) {
    return (
      <Flex gap={6} wrap>
        <ErrandSteps
          errand={errand}
          today={today}
          reload={mine.reload}
          size="small"
          onDone={(step, next) => {
            void message.success(DONE_MESSAGES[step](next));
            mine.reload();
          }}
        />
        <ErrandAttachmentsButton errand={errand} onChanged={mine.reload} />
        {errand.authorisationDocumentId && (
          <PrintDocumentButton size="small" documentId={errand.authorisationDocumentId} label="打印授权书" />
        )}
        {errand.case && !canDeliver(errand) && errand.delivery === null && (
          <Typography.Text type="secondary">窗口办理中</Typography.Text>
        )}
      </Flex>
    );
  }

  const waiting = errands.filter(canDeliver).length;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Button type="primary" icon={<PlusOutlined />} href={href(paths.errandNew)}>
          登记代办
        </Button>
        <Flex gap={12} align="center" wrap>
          <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <Switch
              checked={includeClosed}
              aria-label="含已办结"
              onChange={(checked) => {
                setIncludeClosed(checked);
                remember(CLOSED_KEY, checked);
              }}
            />
            含已办结（已送达、已撤回）
          </label>
          <Button icon={<ReloadOutlined />} onClick={mine.reload} loading={mine.loading}>
            刷新
          </Button>
        </Flex>
      </Flex>
      {village && (
        <Typography.Text type="secondary" role="status">
          {village.syncedAt
            ? `状态截至最近一次同步：${minuteTime(village.syncedAt)}（窗口办件的编号和进度由乡镇同步下来）`
            : '本机尚未与乡镇同步：窗口办件的编号和进度同步后才能看到'}
        </Typography.Text>
      )}
      {mine.error && <Alert type="error" showIcon title="没有刷新出来" description={mine.error.message} />}
      {waiting > 0 && (
        <Alert type="success" showIcon title={`有 ${waiting} 件窗口已办结，请把结果送给居民并登记送达`} />
      )}
      <ErrandTable
        errands={errands}
        loading={mine.loading}
        emptyText={includeClosed ? '还没有登记过代办' : '没有正在办的代办'}
        actions={actions}
      />
    </Flex>
  );
}
