import { CheckOutlined, CloseOutlined, MinusOutlined } from '@ant-design/icons';
import { Alert, App, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  DELIVERY_METHOD_LABELS,
  OUTCOME_LABELS,
  PAUSE_KIND_LABELS,
  RATING_CHANNEL_LABELS,
  RATING_LEVEL_LABELS,
  type CaseCommandResult,
  type CaseDetail,
  type CaseMaterial,
  type CaseRecord,
} from '../../shared/counter/casesApi';
import type { IssuedDocument } from '../../shared/documents/api';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { CaseAttachments } from './CaseAttachments';
import { CaseSteps } from './CaseSteps';
import { caseKind, type CaseStep } from '../../shared/counter/caseKind';
import { CaseStatusTag } from './CaseStatusTag';
import { chineseDate, minuteTime } from '../common/dates';
import { DeadlineTag, ProvisionalMark } from '../common/DeadlineTag';
import { HandlingTypeTag, timeLimitText } from '../catalog/itemInfo';
import { materialForm } from './MaterialsChecklist';
import { IssuedDocumentsCard } from '../common/IssuedDocumentsCard';
import { RecordHistoryCard } from '../common/RecordHistoryCard';
import { CountyInstructionsCard } from '../common/instructions/CountyInstructionsCard';
import { PrintDocumentButton } from '../common/PrintDocumentButton';
import { isPoor } from './RatingButtons';
import { useToday } from '../common/useToday';
import { CaseQueueTicketTag } from '../common/queue/CaseQueueTicketTag';
import { PresentToPadButton } from './PresentToPadButton';

/** 办件: everything about one case, and the buttons for the steps it allows now. */
export function CasePage({ id }: { id: string }) {
  const detail = useQuery('counter.get', { caseId: id });
  const today = useToday();
  const { message, modal } = App.useApp();
  const [issued, setIssued] = useState<{ step: CaseStep; document: IssuedDocument } | null>(null);
  // The answer of the last command, shown until the reload brings history and documents.
  const [latest, setLatest] = useState<CaseDetail | null>(null);

  if (detail.error && !detail.data) return <LoadFailed error={detail.error} what="这件办件" onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const shown: CaseDetail = latest && latest.case.version > detail.data.case.version ? latest : detail.data;
  const record = shown.case;

  function done(step: CaseStep, result: CaseCommandResult) {
    setLatest({
      ...shown,
      case: result.case,
      documents: result.document ? [result.document, ...shown.documents] : shown.documents,
    });
    setIssued(result.document ? { step, document: result.document } : null);
    detail.reload();
    if (step === 'rate' && result.case.rating && isPoor(result.case.rating.level)) {
      modal.warning({
        title: `已记录评价：${RATING_LEVEL_LABELS[result.case.rating.level]}`,
        content: '已生成差评整改回访任务（见工作台“差评整改”）。请核实情况、整改并回访群众后，在本页点“整改办结”。',
      });
    } else {
      void message.success(`${caseKind.steps[step].label}：已完成`);
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Typography.Link href={href(paths.counter)}>← 工作台</Typography.Link>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            办件 {record.caseNumber ?? '（尚未受理，无编号）'}
          </Typography.Title>
          <CaseStatusTag status={record.status} />
          <DeadlineTag deadline={record.deadline} paused={record.status === 'paused'} />
          {record.followUp && record.followUp.closedAt === null && <Tag color="red">差评整改中</Tag>}
          <CaseQueueTicketTag caseId={record.id} />
        </Flex>
        <Flex gap={8} wrap>
          <PresentToPadButton record={record} today={today} reload={detail.reload} />
          <CaseSteps record={record} today={today} reload={detail.reload} onDone={done} />
        </Flex>
      </Flex>
      {issued && (
        <Alert
          type="success"
          showIcon
          title={`${caseKind.steps[issued.step].label}：已出具《${issued.document.title}》`}
          action={
            <Flex gap={8}>
              <PrintDocumentButton
                type="primary"
                documentId={issued.document.id}
                label={`打印${issued.document.title}`}
                onPrinted={detail.reload}
              />
              <Typography.Link href={href(paths.document(issued.document.id))}>查看</Typography.Link>
            </Flex>
          }
          closable={{ onClose: () => setIssued(null) }}
        />
      )}
      {record.voided && (
        <Alert
          type="error"
          showIcon
          title={`该件已于 ${minuteTime(record.voided.at)} 由${record.voided.byName}作废`}
          description={`作废原因：${record.voided.reason}`}
        />
      )}
      {record.refusal && (
        <Alert
          type="info"
          showIcon
          title="不予受理"
          description={`理由：${record.refusal.reason}${record.refusal.redirectTo ? `；建议办理机关：${record.refusal.redirectTo}` : ''}`}
        />
      )}
      <CountyInstructionsCard kind="counterCase" id={id} />
      <Card size="small" title="申请人与事项">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={basicItems(record)} />
      </Card>
      <Card size="small" title="办理时限">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={deadlineItems(record)} />
      </Card>
      <Card
        size="small"
        title={`申请材料（已收 ${record.materials.filter((m) => m.received).length}/${record.materials.length}）`}
      >
        <MaterialsList materials={record.materials} />
      </Card>
      <CaseAttachments
        detail={shown}
        onAdded={(_attachment, ticked) => {
          // A material the photo registered shows at once; the reload brings the history.
          if (ticked) setLatest({ ...shown, case: ticked });
          detail.reload();
        }}
      />
      <Steps record={record} />
      <IssuedDocumentsCard documents={shown.documents} onPrinted={detail.reload} />
      <RecordHistoryCard title="操作记录" entries={shown.history} stepLabel={stepLabel} />
    </Flex>
  );
}

function basicItems(record: CaseRecord) {
  const { resident, item } = record;
  return [
    {
      key: 'resident',
      label: '申请人',
      children: <Typography.Link href={href(paths.resident(resident.id))}>{resident.name}</Typography.Link>,
    },
    {
      key: 'idNumber',
      label: '证件号码',
      children: <span style={{ fontFamily: 'Consolas, "Courier New", monospace' }}>{resident.idNumberMasked}</span>,
    },
    { key: 'phone', label: '电话', children: resident.phoneMasked || '—' },
    { key: 'village', label: '村（社区）', children: resident.villageName },
    {
      key: 'item',
      label: '办理事项',
      children: (
        <span>
          <Typography.Text type="secondary">{item.code}</Typography.Text> {item.name}
        </span>
      ),
    },
    {
      key: 'type',
      label: '办件类型',
      children: (
        <>
          <HandlingTypeTag type={item.handlingType} />
          {timeLimitText(item)}
        </>
      ),
    },
    { key: 'department', label: '责任部门', children: `${item.department}（${item.category}）` },
    { key: 'window', label: '受理窗口', children: record.window || '—' },
    { key: 'clerk', label: '经办人', children: record.clerkName },
    { key: 'intakeAt', label: '收件时间', children: minuteTime(record.intakeAt) },
    ...(record.note ? [{ key: 'note', label: '备注', span: 2, children: record.note }] : []),
  ];
}

function deadlineItems(record: CaseRecord) {
  const moved = record.originalPromisedDate !== null && record.originalPromisedDate !== record.promisedDate;
  return [
    { key: 'acceptedOn', label: '受理日期', children: chineseDate(record.acceptedOn) },
    {
      key: 'promisedDate',
      label: '承诺办结日期',
      children: (
        <>
          <Typography.Text strong>
            {record.promisedDate ? chineseDate(record.promisedDate) : record.acceptedOn ? '不设承诺时限' : '—'}
          </Typography.Text>{' '}
          <ProvisionalMark provisional={record.deadline?.provisional ?? false} />
        </>
      ),
    },
    {
      key: 'warning',
      label: '当前预警',
      children: record.deadline ? <DeadlineTag deadline={record.deadline} paused={record.status === 'paused'} /> : '—',
    },
    ...(moved
      ? [
          { key: 'original', label: '原承诺日期', children: chineseDate(record.originalPromisedDate) },
          { key: 'paused', label: '暂停计时', children: `共 ${record.pausedWorkingDays} 个工作日，已顺延` },
        ]
      : record.pausedWorkingDays > 0
        ? [{ key: 'paused', label: '暂停计时', children: `共 ${record.pausedWorkingDays} 个工作日` }]
        : []),
  ];
}

function MaterialsList({ materials }: { materials: CaseMaterial[] }) {
  if (materials.length === 0) return <Typography.Text type="secondary">该事项不需要提交材料。</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {materials.map((material) => (
        <Flex key={material.name} gap={8} align="baseline" wrap>
          {material.received ? (
            <Tag color="green" icon={<CheckOutlined />}>
              已收
            </Tag>
          ) : material.required ? (
            <Tag color="red" icon={<CloseOutlined />}>
              缺
            </Tag>
          ) : (
            <Tag icon={<MinusOutlined />}>未收</Tag>
          )}
          <span>{material.name}</span>
          {material.required && <Typography.Text type="secondary">必需</Typography.Text>}
          <Typography.Text type="secondary">{materialForm(material)}</Typography.Text>
          {material.note && <Typography.Text type="secondary">（{material.note}）</Typography.Text>}
        </Flex>
      ))}
    </Flex>
  );
}

/** Each step the case went through, with what was recorded at it. */
function Steps({ record }: { record: CaseRecord }) {
  const { pauses, forward, outcome, delivery, rating, followUp } = record;
  if (pauses.length === 0 && !forward && !outcome && !delivery && !rating && !followUp) return null;
  return (
    <Card size="small" title="办理过程">
      <Flex vertical gap={16}>
        {pauses.length > 0 && (
          <div>
            <Typography.Title level={5}>暂停计时</Typography.Title>
            <Table
              rowKey={(pause) => `${pause.pausedOn}-${pause.reason}`}
              size="small"
              pagination={false}
              dataSource={pauses}
              columns={[
                { title: '类别', key: 'kind', width: 200, render: (_, pause) => PAUSE_KIND_LABELS[pause.kind] },
                { title: '原因', dataIndex: 'reason', key: 'reason' },
                { title: '暂停日期', dataIndex: 'pausedOn', key: 'pausedOn', width: 120 },
                {
                  title: '恢复日期',
                  key: 'resumedOn',
                  width: 120,
                  render: (_, pause) => pause.resumedOn ?? <Tag color="cyan">暂停中</Tag>,
                },
                {
                  title: '不计时工作日',
                  key: 'days',
                  width: 120,
                  render: (_, pause) => (pause.workingDays === null ? '—' : `${pause.workingDays} 天`),
                },
              ]}
            />
          </div>
        )}
        {forward && (
          <Descriptions
            size="small"
            title="转报"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'department', label: '接收部门', children: forward.department },
              { key: 'sentOn', label: '报送日期', children: chineseDate(forward.sentOn) },
              {
                key: 'repliedOn',
                label: '回复日期',
                children: forward.repliedOn ? chineseDate(forward.repliedOn) : '尚未回复',
              },
              { key: 'reply', label: '回复内容', children: forward.reply ?? '—' },
            ]}
          />
        )}
        {outcome && (
          <Descriptions
            size="small"
            title="办结"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'result',
                label: '办理结果',
                children: (
                  <Tag color={outcome.result === 'approved' ? 'green' : 'red'}>{OUTCOME_LABELS[outcome.result]}</Tag>
                ),
              },
              { key: 'completedOn', label: '办结日期', children: chineseDate(outcome.completedOn) },
              ...(outcome.note ? [{ key: 'note', label: '结果说明', span: 2, children: outcome.note }] : []),
            ]}
          />
        )}
        {delivery && (
          <Descriptions
            size="small"
            title="送达"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'method', label: '送达方式', children: DELIVERY_METHOD_LABELS[delivery.method] },
              { key: 'signedBy', label: '签收人', children: delivery.signedBy },
              { key: 'deliveredOn', label: '送达日期', children: chineseDate(delivery.deliveredOn) },
            ]}
          />
        )}
        {rating && (
          <Descriptions
            size="small"
            title="评价"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'level',
                label: '评价等级',
                children: <Tag color={isPoor(rating.level) ? 'red' : 'green'}>{RATING_LEVEL_LABELS[rating.level]}</Tag>,
              },
              { key: 'channel', label: '评价渠道', children: RATING_CHANNEL_LABELS[rating.channel] },
              { key: 'ratedAt', label: '评价时间', children: minuteTime(rating.ratedAt) },
              ...(rating.comment ? [{ key: 'comment', label: '评价意见', span: 3, children: rating.comment }] : []),
            ]}
          />
        )}
        {followUp && (
          <Descriptions
            size="small"
            title={
              <>
                差评整改 {followUp.closedAt ? <Tag color="green">已整改办结</Tag> : <Tag color="red">待整改回访</Tag>}
              </>
            }
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'openedAt', label: '生成时间', children: minuteTime(followUp.openedAt) },
              { key: 'closedAt', label: '办结时间', children: followUp.closedAt ? minuteTime(followUp.closedAt) : '—' },
              { key: 'closedBy', label: '办结人', children: followUp.closedByName ?? '—' },
              ...(followUp.actionTaken
                ? [{ key: 'actionTaken', label: '整改情况', span: 3, children: followUp.actionTaken }]
                : []),
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

const OTHER_OPS: Record<string, string> = { intake: '收件', presentToPad: '请群众评价' };
const stepLabel = (op: string) => OTHER_OPS[op] ?? caseKind.steps[op as CaseStep]?.label ?? op;
