import { Alert, App, Card, Descriptions, Flex, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import {
  type EarlierPetition,
  type PetitionCommandResult,
  type PetitionerRecord,
  type PetitionRecord,
} from '../../shared/petitions/api';
import {
  HANDLING_EVENT_LABELS,
  LEADER_DECISION_LABELS,
  NOT_ACCEPTED_GROUND_LABELS,
  PETITION_CATEGORY_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_SOURCE_LABELS,
  PAPER_DELIVERY_METHOD_LABELS,
  REVIEW_LEVEL_LABELS,
  SATISFACTION_LABELS,
  SKIPPED_LEVEL_LABELS,
} from '../../shared/petitions/petitions';
import { petitionKind } from '../../shared/petitions/petitionKind';
import { canTake } from '../../shared/workflow/kind';
import { SEX_LABELS } from '../../shared/residents/api';
import { call } from '../api/client';
import { href, paths } from '../common/router';
import { useSession } from '../common/session';
import { AttachmentsCard } from '../common/AttachmentsCard';
import { IssuedDocumentAlert } from '../common/IssuedDocumentAlert';
import { useVersionedRecord } from '../common/useVersionedRecord';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { forget, recall } from '../common/sessionMemory';
import { chineseDate } from '../common/dates';
import { IssuedDocumentsCard } from '../common/IssuedDocumentsCard';
import { CountyInstructionsCard } from '../common/instructions/CountyInstructionsCard';
import { useToday } from '../common/useToday';
import { earlierColumns, useEarlierPetitions } from './EarlierPetitions';
import { ISSUED_PETITION_KEY, type IssuedPetitionNotice } from './issuedNotice';
import { PetitionDeadlineTag, PetitionFlags, PetitionStatusTag } from './petitionTags';
import { PetitionSteps } from './PetitionSteps';

const petitionVersion = (petition: PetitionRecord) => petition.version;

const mono = { fontFamily: 'Consolas, "Courier New", monospace' };

/** 信访件: everything about one petition, the papers it issued and the steps it allows now. */
export function PetitionPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const today = useToday();
  const { info } = useSession();
  const fetchPetition = useCallback(() => call('petitions.get', { id }), [id]);
  const {
    record: petition,
    setRecord: setPetition,
    version,
    loadError,
    reloadQuietly,
  } = useVersionedRecord(fetchPetition, petitionVersion);
  const [issued, setIssued] = useState<IssuedPetitionNotice | null>(() => {
    const notice = recall<IssuedPetitionNotice>(ISSUED_PETITION_KEY);
    if (notice?.petitionId !== id) return null;
    forget(ISSUED_PETITION_KEY);
    return notice;
  });

  const done = useCallback(
    (result: PetitionCommandResult, title: string) => {
      // The answer is the newest version: a reload answered after it is dropped, the next step sends it.
      version.current = result.petition.version;
      setPetition(result.petition);
      setIssued(result.document ? { petitionId: id, title, document: result.document } : null);
      if (!result.document) void message.success(`${title}：已完成`);
    },
    [id, message, setPetition, version],
  );

  if (loadError && !petition) return <LoadFailed error={loadError} what="这件信访件" onRetry={reloadQuietly} />;
  if (!petition) return <Loading />;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1300 }}>
      <Typography.Link href={href(paths.petitions())}>← 信访件列表</Typography.Link>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            信访件 {petition.number}
          </Typography.Title>
          <PetitionStatusTag status={petition.status} />
          <PetitionDeadlineTag deadline={petition.deadline} />
          <PetitionFlags petition={petition} />
        </Flex>
        <PetitionSteps record={petition} today={today} version={version} reload={reloadQuietly} onDone={done} />
      </Flex>
      <Typography.Text type="secondary">
        {`${petition.petitionerNames}，${PETITION_CHANNEL_LABELS[petition.channel]}，${PETITION_CATEGORY_LABELS[petition.category]}`}
      </Typography.Text>
      {issued && (
        <IssuedDocumentAlert
          title={issued.title}
          document={issued.document}
          onPrinted={reloadQuietly}
          onClose={() => setIssued(null)}
        />
      )}
      <StatusBanners petition={petition} />
      <CountyInstructionsCard kind="petition" id={id} />
      <RegistrationCard petition={petition} />
      <PetitionersCard petitioners={petition.petitioners} />
      <RelatedCard petition={petition} />
      <HandlingCard petition={petition} />
      <ReplyCard petition={petition} />
      <IssuedDocumentsCard documents={petition.documents} onPrinted={reloadQuietly} />
      <AttachmentsCard
        attachments={petition.attachments}
        canAdd={canTake(petitionKind, 'attach', petition, info.user, today)}
        captionPlaceholder="说明，如 来信扫描件、现场照片"
        add={(upload) => call('petitions.addAttachment', { petitionId: petition.id, ...upload })}
        fileUrl={async (row) => (await call('petitions.attachmentFile', { attachmentId: row.id })).fileUrl}
        onAdded={reloadQuietly}
      />
    </Flex>
  );
}

/** Not accepted, closed: what the status means now. */
function StatusBanners({ petition }: { petition: PetitionRecord }) {
  return (
    <>
      {petition.notAccepted && (
        <Alert
          type="info"
          showIcon
          title={`${chineseDate(petition.notAccepted.decidedOn)}决定不予受理：${NOT_ACCEPTED_GROUND_LABELS[petition.notAccepted.ground]}`}
          description={
            <>
              <div>{`理由：${petition.notAccepted.reason}`}</div>
              <div>{`告知途径：${petition.notAccepted.channel}`}</div>
            </>
          }
        />
      )}
      {petition.closedOn && <Alert type="info" showIcon title={`已于${chineseDate(petition.closedOn)}办结`} />}
    </>
  );
}

function RegistrationCard({ petition }: { petition: PetitionRecord }) {
  const visit = petition.channel === 'visit';
  const letter = petition.letter;
  const source =
    petition.source === 'handedDown' && petition.handedDown
      ? `${PETITION_SOURCE_LABELS.handedDown}：${petition.handedDown.from}，${chineseDate(petition.handedDown.on)}${petition.handedDown.reference ? `（${petition.handedDown.reference}）` : ''}`
      : PETITION_SOURCE_LABELS[petition.source];
  const place = [petition.villageName, petition.place].filter(Boolean).join(' ');
  const day = petition.receptionDay;
  return (
    <Card size="small" title="登记情况">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'channel', label: '信访形式', children: PETITION_CHANNEL_LABELS[petition.channel] },
          {
            key: 'received',
            label: visit ? '来访时间' : '收信日期',
            children: `${chineseDate(petition.receivedOn)}${petition.receivedAt ? ` ${petition.receivedAt}` : ''}`,
          },
          { key: 'people', label: visit ? '来访人数' : '署名人数', children: `${petition.peopleCount} 人` },
          { key: 'category', label: '内容分类', children: PETITION_CATEGORY_LABELS[petition.category] },
          { key: 'source', label: '来源', children: source },
          {
            key: 'skipped',
            label: '越级情况',
            children: petition.skippedTo ? SKIPPED_LEVEL_LABELS[petition.skippedTo] : '未越级',
          },
          {
            key: 'reception',
            label: '领导接访',
            children: day ? `${chineseDate(day.on)} ${day.leaderTitle}${day.leaderName}` : '—',
          },
          { key: 'place', label: '问题发生地', children: place || '—' },
          { key: 'department', label: '涉及单位', children: petition.departmentConcerned || '—' },
          ...(letter
            ? [
                { key: 'postmark', label: '邮戳日期', children: chineseDate(letter.postmarkOn) },
                { key: 'from', label: '寄信地址', children: letter.fromAddress || '—' },
                {
                  key: 'mail',
                  label: '挂号或快递单号',
                  children: `${letter.mailNumber || '—'}${letter.pages ? `，${letter.pages} 页` : ''}`,
                },
              ]
            : []),
          { key: 'registeredBy', label: '登记人', children: petition.registeredByName },
          { key: 'matter', label: '信访事项', span: 3, children: petition.matter },
          ...(petition.requests ? [{ key: 'requests', label: '信访诉求', span: 3, children: petition.requests }] : []),
        ]}
      />
    </Card>
  );
}

const petitionerColumns: ColumnsType<PetitionerRecord> = [
  {
    title: '姓名',
    key: 'name',
    render: (_, p) => (
      <>
        {p.residentId ? <Typography.Link href={href(paths.resident(p.residentId))}>{p.name}</Typography.Link> : p.name}
        {p.representative && (
          <Tag color="magenta" style={{ marginInlineStart: 6 }}>
            代表
          </Tag>
        )}
      </>
    ),
  },
  { title: '性别', key: 'sex', width: 60, render: (_, p) => (p.sex ? SEX_LABELS[p.sex] : '—') },
  { title: '身份证号码', key: 'id', width: 200, render: (_, p) => <span style={mono}>{p.idNumberMasked || '—'}</span> },
  { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 140, render: (v: string) => v || '—' },
  { title: '住址', dataIndex: 'address', key: 'address', render: (v: string) => v || '—' },
];

function PetitionersCard({ petitioners }: { petitioners: PetitionerRecord[] }) {
  const representatives = petitioners.filter((p) => p.representative).length;
  return (
    <Card
      size="small"
      title={`信访人（${petitioners.length}）${representatives ? `，代表 ${representatives} 人` : ''}`}
    >
      <Table<PetitionerRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={petitioners}
        columns={petitionerColumns}
      />
    </Card>
  );
}

/** The petition it repeats, and the other petitions of the same people (by name and phone). */
function RelatedCard({ petition }: { petition: PetitionRecord }) {
  const lookups = useMemo(() => petition.petitioners.map((p) => ({ name: p.name, phone: p.phone })), [petition]);
  const related = useEarlierPetitions(lookups, petition.id);
  const columns = useMemo(earlierColumns, []);
  const rows: EarlierPetition[] = related.petitions;
  if (!petition.repeatOf && rows.length === 0) return null;
  return (
    <Card size="small" title="此前信访">
      {petition.repeatOf && (
        <Typography.Paragraph>
          重复信访，此前的信访件：
          <Typography.Link href={href(paths.petition(petition.repeatOf.id))}>
            {petition.repeatOf.number}
          </Typography.Link>
        </Typography.Paragraph>
      )}
      {rows.length > 0 && (
        <Table<EarlierPetition> rowKey="id" size="small" pagination={false} dataSource={rows} columns={columns} />
      )}
    </Card>
  );
}

function HandlingCard({ petition }: { petition: PetitionRecord }) {
  const ext = petition.extension;
  const decision = petition.leaderDecision;
  const items = [
    { key: 'acceptanceDue', label: '受理告知期限', children: chineseDate(petition.acceptanceDueOn) },
    { key: 'acceptedOn', label: '受理日期', children: chineseDate(petition.acceptedOn) },
    { key: 'unit', label: '承办单位', children: petition.handlingUnit || '—' },
    {
      key: 'handlingDue',
      label: '办理期限',
      children: petition.handlingDueOn
        ? `${chineseDate(petition.handlingDueOn)}${ext ? `（已延期${ext.days}日，原为${chineseDate(ext.originalDueOn)}）` : ''}`
        : '—',
    },
    ...(ext
      ? [
          {
            key: 'extension',
            label: '延期',
            span: 2,
            children: `${chineseDate(ext.extendedOn)}决定延期${ext.days}日：${ext.reason}`,
          },
        ]
      : []),
    ...(decision
      ? [
          {
            key: 'leader',
            label: '领导处理意见',
            span: 3,
            children: `${chineseDate(decision.decidedOn)} ${LEADER_DECISION_LABELS[decision.decision]}${decision.dueOn ? `，限${chineseDate(decision.dueOn)}前办结` : ''}${decision.caseLeader ? `，包案领导 ${decision.caseLeader}` : ''}`,
          },
        ]
      : []),
    ...(petition.assignedDepartment || petition.assignedPerson
      ? [
          {
            key: 'assigned',
            label: '承办',
            span: 3,
            children: [petition.assignedDepartment, petition.assignedPerson].filter(Boolean).join(' '),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title="办理情况">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={items} />
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
        办理过程
      </Typography.Text>
      {petition.events.length === 0 ? (
        <Typography.Text type="secondary">还没有记录办理过程。</Typography.Text>
      ) : (
        <Timeline
          items={petition.events.map((e) => ({
            key: e.id,
            content: (
              <>
                <Typography.Text strong>{`${chineseDate(e.on)} ${HANDLING_EVENT_LABELS[e.kind]}`}</Typography.Text>
                {(e.toBody || e.person) && ` → ${[e.toBody, e.person].filter(Boolean).join(' ')}`}
                {e.note && <div>{e.note}</div>}
                <Typography.Text type="secondary">{`记录人 ${e.byName}`}</Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function ReplyCard({ petition }: { petition: PetitionRecord }) {
  const reply = petition.reply;
  if (!reply && petition.reviews.length === 0) return null;
  return (
    <Card size="small" title="答复与复查复核">
      {reply && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'repliedOn',
              label: '答复日期',
              children: (
                <>
                  {chineseDate(reply.repliedOn)}
                  {petition.repliedOnTime !== null && (
                    <Tag color={petition.repliedOnTime ? 'green' : 'red'} style={{ marginInlineStart: 6 }}>
                      {petition.repliedOnTime ? '按期答复' : '超期答复'}
                    </Tag>
                  )}
                </>
              ),
            },
            { key: 'by', label: '答复人', children: reply.byName },
            {
              key: 'satisfaction',
              label: '满意度',
              children: petition.satisfaction
                ? `${SATISFACTION_LABELS[petition.satisfaction.value]}（${chineseDate(petition.satisfaction.on)}）`
                : '未回访',
            },
            { key: 'facts', label: '查明情况', span: 3, children: reply.facts },
            { key: 'opinion', label: '处理意见', span: 3, children: reply.opinion },
            ...(reply.basis ? [{ key: 'basis', label: '依据', span: 3, children: reply.basis }] : []),
            {
              key: 'delivery',
              label: '送达',
              children: reply.delivery
                ? `${chineseDate(reply.delivery.deliveredOn)} ${PAPER_DELIVERY_METHOD_LABELS[reply.delivery.method]}`
                : '尚未登记送达',
            },
            {
              key: 'reviewDue',
              label: '请求复查期限',
              children: petition.reviewRequestDueOn
                ? chineseDate(petition.reviewRequestDueOn)
                : '自信访人收到答复意见书之日起30日（登记送达后计算）',
            },
            ...(petition.reReviewRequestDueOn
              ? [{ key: 'reReviewDue', label: '请求复核期限', children: chineseDate(petition.reReviewRequestDueOn) }]
              : []),
          ]}
        />
      )}
      {petition.reviews.map((r) => (
        <Descriptions
          key={r.level}
          size="small"
          style={{ marginTop: 12 }}
          title={REVIEW_LEVEL_LABELS[r.level]}
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'requested', label: '请求日期', children: chineseDate(r.requestedOn) },
            { key: 'body', label: `${REVIEW_LEVEL_LABELS[r.level]}机关`, children: r.body || '—' },
            { key: 'due', label: '期限', children: chineseDate(r.dueOn) },
            ...(r.hearing
              ? [
                  {
                    key: 'hearing',
                    label: '听证',
                    children: `${chineseDate(r.hearing.from)}至${chineseDate(r.hearing.to)}（${r.hearing.days}日不计入期限）`,
                  },
                ]
              : []),
            ...(r.level === 'review' && r.answeredOn
              ? [
                  {
                    key: 'delivery',
                    label: '复查意见送达',
                    children: r.delivery
                      ? `${chineseDate(r.delivery.deliveredOn)} ${PAPER_DELIVERY_METHOD_LABELS[r.delivery.method]}`
                      : '尚未登记送达',
                  },
                ]
              : []),
            {
              key: 'answer',
              label: '意见',
              span: 3,
              children: r.answeredOn
                ? `${chineseDate(r.answeredOn)} ${r.outcome === 'changed' ? '变更' : '维持'}：${r.opinion}`
                : '尚未提出意见',
            },
          ]}
        />
      ))}
    </Card>
  );
}
