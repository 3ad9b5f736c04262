import { Alert, App, Card, Descriptions, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { MatterCommandResult, MatterRecord } from '../../shared/matters/api';
import { matterKind } from '../../shared/matters/matterKind';
import {
  MATTER_CATEGORY_LABELS,
  MATTER_HANDLING_LABELS,
  MATTER_OWNER_KIND_LABELS,
  MATTER_SOURCE_LABELS,
  MATTER_TRIAGE_LABELS,
  MATTER_TYPE_LABELS,
  REPLY_METHOD_LABELS,
} from '../../shared/matters/matters';
import { call } from '../api/client';
import { chineseDate } from '../common/dates';
import { DeadlineTag } from '../common/DeadlineTag';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { RecordHistoryCard } from '../common/RecordHistoryCard';
import { CountyInstructionsCard } from '../common/instructions/CountyInstructionsCard';
import { href, paths } from '../common/router';
import { forget, recall } from '../common/sessionMemory';
import { useToday } from '../common/useToday';
import { useVersionedRecord } from '../common/useVersionedRecord';
import { MatterSteps } from './MatterSteps';
import { MatterStatusTag, TriageTag } from './matterTags';
import { REGISTERED_MATTER_KEY, type RegisteredMatterNotice } from './registeredNotice';

const matterVersion = (matter: MatterRecord) => matter.version;

const STEP_LABELS: Record<string, string> = {
  register: '登记',
  recomputeDeadline: '重算期限',
  ...Object.fromEntries(Object.entries(matterKind.steps).map(([step, spec]) => [step, spec.label])),
};

/** 群众诉求: one matter, where it stands, and the steps its declaration offers this user now. */
export function MatterPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const today = useToday();
  const fetchMatter = useCallback(() => call('matters.get', { id }), [id]);
  const {
    record: matter,
    setRecord,
    version,
    loadError,
    reloadQuietly,
  } = useVersionedRecord(fetchMatter, matterVersion);
  const [registered, setRegistered] = useState<RegisteredMatterNotice | null>(() => {
    const notice = recall<RegisteredMatterNotice>(REGISTERED_MATTER_KEY);
    if (notice?.matterId !== id) return null;
    forget(REGISTERED_MATTER_KEY);
    return notice;
  });

  const done = useCallback(
    (result: MatterCommandResult, title: string) => {
      version.current = result.matter.version;
      setRecord(result.matter);
      setRegistered(null);
      void message.success(`${title}：已完成`);
    },
    [message, setRecord, version],
  );

  if (loadError && !matter) return <LoadFailed error={loadError} what="这件诉求" onRetry={reloadQuietly} />;
  if (!matter) return <Loading />;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Typography.Link href={href(paths.matters())}>← 群众诉求工作台</Typography.Link>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {`${MATTER_TYPE_LABELS[matter.type]} ${matter.number}`}
          </Typography.Title>
          <MatterStatusTag status={matter.status} />
          <TriageTag triage={matter.triage} handling={matter.handling} />
          <DeadlineTag deadline={matter.deadline} />
        </Flex>
        <MatterSteps record={matter} today={today} version={version} reload={reloadQuietly} onDone={done} />
      </Flex>
      {registered && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRegistered(null) }}
          title={registered.title}
          description="请根据情况分流办理；村里能当场解决的小事、私事，可由代办员、网格员当即解决并答复。"
        />
      )}
      {matter.voided && (
        <Alert
          type="info"
          showIcon
          title={`已于${chineseDate(matter.voided.on)}作废：${matter.voided.reason}`}
          description="作废的诉求不计入统计，记录保留备查。"
        />
      )}
      <CountyInstructionsCard kind="matter" id={id} />
      <Card size="small" title="诉求">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'resident',
              label: '反映人',
              children: matter.residentId ? (
                <Typography.Link href={href(paths.resident(matter.residentId))}>{matter.residentName}</Typography.Link>
              ) : (
                matter.residentName
              ),
            },
            { key: 'phone', label: '联系电话', children: matter.phone || '—' },
            { key: 'village', label: '村（社区）', children: matter.villageName },
            { key: 'source', label: '收集渠道', children: MATTER_SOURCE_LABELS[matter.source] },
            { key: 'category', label: '分类', children: MATTER_CATEGORY_LABELS[matter.category] },
            {
              key: 'collected',
              label: '收集',
              children: `${chineseDate(matter.collectedOn)}，${matter.collectedByName}`,
            },
            { key: 'description', label: '诉求内容', span: 3, children: matter.description },
          ]}
        />
      </Card>
      <HandlingCard matter={matter} />
      <RecordHistoryCard title="办理经过" entries={matter.history} stepLabel={(op) => STEP_LABELS[op] ?? op} />
    </Flex>
  );
}

function HandlingCard({ matter }: { matter: MatterRecord }) {
  if (!matter.triage || !matter.handling)
    return (
      <Card size="small" title="分流与办理">
        <Typography.Text type="secondary">尚未分流。</Typography.Text>
      </Card>
    );
  const reply = matter.reply;
  return (
    <Card size="small" title="分流与办理">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'triage', label: '三事分流', children: MATTER_TRIAGE_LABELS[matter.triage] },
          { key: 'handling', label: '办理方式', children: MATTER_HANDLING_LABELS[matter.handling] },
          {
            key: 'decided',
            label: '分流',
            children: `${chineseDate(matter.decidedOn)}，${matter.decidedByName}`,
          },
          ...(matter.handling === 'deadline'
            ? [
                {
                  key: 'owner',
                  label: '责任单位',
                  children: `${matter.ownerKind ? MATTER_OWNER_KIND_LABELS[matter.ownerKind] : ''} ${matter.owner}`,
                },
                {
                  key: 'due',
                  label: '办理期限',
                  children: `${matter.workingDays}个工作日，至${chineseDate(matter.dueOn)}`,
                },
              ]
            : []),
          ...(matter.escalation
            ? [
                { key: 'to', label: '提交统筹至', children: matter.escalation.to },
                { key: 'why', label: '提交理由', span: 2, children: matter.escalation.reason },
              ]
            : []),
          {
            key: 'reply',
            label: '答复群众',
            span: 3,
            children: reply
              ? `${chineseDate(reply.repliedOn)} ${REPLY_METHOD_LABELS[reply.method]}（${reply.byName}）：${reply.text}`
              : '尚未答复',
          },
          ...(matter.closedOn
            ? [
                {
                  key: 'closed',
                  label: '办结',
                  span: 3,
                  children: `${chineseDate(matter.closedOn)}${matter.result ? `：${matter.result}` : ''}`,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
