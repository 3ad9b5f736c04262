import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { daysBetween } from '../../../shared/calendar/dates';
import { disputeKind, type DisputeStep } from '../../../shared/mediation/disputeKind';
import {
  COURT_DECISION_LABELS,
  DISPUTE_CATEGORY_LABELS,
  DISPUTE_SOURCE_LABELS,
  HANDOVER_KIND_LABELS,
  mediationDueDate,
  OUTCOME_KIND_LABELS,
  PARTY_KIND_LABELS,
  PARTY_SIDE_LABELS,
  PERFORMANCE_LEVEL_LABELS,
  RECORD_KIND_LABELS,
  REFERRAL_OUT_LABELS,
} from '../../../shared/mediation/disputes';
import type {
  DisputeCommandResult,
  DisputeDetail,
  DisputeRecord,
  DisputeRecordEntry,
  FollowUpRecord,
  PartyRecord,
} from '../../../shared/mediation/disputesApi';
import { SEX_LABELS } from '../../../shared/residents/api';
import { canTake } from '../../../shared/workflow/kind';
import { call, errorMessage } from '../../api/client';
import { href, paths } from '../../common/router';
import { useSession } from '../../common/session';
import { IssuedDocumentAlert } from '../../common/IssuedDocumentAlert';
import { useVersionedRecord } from '../../common/useVersionedRecord';
import { LoadFailed } from '../../common/LoadFailed';
import { Loading } from '../../common/Loading';
import { forget, recall } from '../../common/sessionMemory';
import { chineseDate, minuteTime } from '../../common/dates';
import { IssuedDocumentsCard } from '../../common/IssuedDocumentsCard';
import { RecordHistoryCard } from '../../common/RecordHistoryCard';
import { CountyInstructionsCard } from '../../common/instructions/CountyInstructionsCard';
import { PrintDocumentButton } from '../../common/PrintDocumentButton';
import { StaleReloadContext } from '../../common/StaleReload';
import { useSteps } from '../../common/steps/useSteps';
import { useToday } from '../../common/useToday';
import { sendDisputeStep, type DisputeStepInput, type SentStep } from '../steps';
import { AgreementCard, IssuedAgreement } from './AgreementCard';
import { AttachmentsCard } from './AttachmentsCard';
import { DisputeSteps, type DisputeStepDone } from './DisputeSteps';
import { DisputeStatusTag, NormTag, RiskTag } from './disputeTags';
import { ISSUED_KEY, type IssuedNotice } from './issuedNotice';

const disputeVersion = (detail: DisputeDetail) => detail.dispute.version;

const mono = { fontFamily: 'Consolas, "Courier New", monospace' };

/** 纠纷: everything about one dispute, and the buttons for the steps it allows now. */
export function DisputePage({ id }: { id: string }) {
  const { message } = App.useApp();
  const today = useToday();
  const user = useSession().info.user;
  const fetchDetail = useCallback(() => call('mediation.dispute', { id }), [id]);
  const {
    record: detail,
    setRecord: setDetail,
    version,
    loadError,
    load,
    reloadQuietly,
  } = useVersionedRecord(fetchDetail, disputeVersion);
  // One set of steps for the page: its buttons, and steps taken from their own place on the page
  // (a planned follow-up's row, the court reminder, the agreement card, the case file).
  const elsewhere = useSteps<DisputeStep>({ stale: disputeKind.stale, today });
  const [plannedVisit, setPlannedVisit] = useState<FollowUpRecord | null>(null);
  // A planned visit opens 登记回访 for itself only; the step's button opens it for a new visit.
  useEffect(() => {
    if (!elsewhere.open) setPlannedVisit(null);
  }, [elsewhere.open]);
  const [issued, setIssued] = useState<IssuedNotice | null>(() => {
    const notice = recall<IssuedNotice>(ISSUED_KEY);
    if (notice?.disputeId !== id) return null;
    forget(ISSUED_KEY);
    return notice;
  });
  const [compiling, setCompiling] = useState(false);

  const showResult = useCallback(
    (label: string, result: DisputeCommandResult) => {
      version.current = result.dispute.version;
      setDetail((current) =>
        current
          ? {
              ...current,
              dispute: result.dispute,
              documents: result.document ? [result.document, ...current.documents] : current.documents,
            }
          : current,
      );
      setIssued(result.document ? { disputeId: id, title: label, document: result.document } : null);
      if (!result.document) void message.success(`${label}：已完成`);
      reloadQuietly();
    },
    [id, message, reloadQuietly, setDetail, version],
  );

  const done: DisputeStepDone = useCallback(
    (step, output) => {
      if (step === 'annotate') {
        void message.success('已加批注');
        reloadQuietly();
      } else {
        showResult(disputeKind.steps[step].label, output as DisputeCommandResult);
      }
    },
    [message, reloadQuietly, showResult],
  );

  /** Sends a step taken outside a dialog; `label` names what was done in the notice. */
  const sendHere = useCallback(
    async <K extends SentStep>(step: K, input: DisputeStepInput<K>, label: string) => {
      const result = await sendDisputeStep(elsewhere.run, step, id, version.current, input);
      showResult(label, result as DisputeCommandResult);
    },
    [elsewhere.run, id, showResult, version],
  );

  async function compileCaseFile() {
    setCompiling(true);
    try {
      await sendHere('caseFile', {}, disputeKind.steps.caseFile.label);
    } catch (error) {
      void message.error({ content: `卷宗没有生成：${errorMessage(error)}`, duration: 8 });
    } finally {
      setCompiling(false);
    }
  }

  if (loadError && !detail) return <LoadFailed error={loadError} what="这件纠纷" onRetry={reloadQuietly} />;
  if (!detail) return <Loading />;
  const dispute = detail.dispute;
  /** Whether the user may take a step from its place on the page now (the declaration decides). */
  const may = (step: DisputeStep) => canTake(disputeKind, step, dispute, user, today);
  const openHere = (step: DisputeStep, followUp: FollowUpRecord | null = null) => {
    setPlannedVisit(followUp);
    elsewhere.openStep(step);
  };
  // Follow-ups check that an agreement is kept: their card belongs to a dispute that reached one,
  // closed or not.
  const settledOnce = dispute.outcome !== null && dispute.outcome.kind !== 'terminated';

  return (
    <StaleReloadContext.Provider value={{ reload: load }}>
      <Flex vertical gap={16} style={{ maxWidth: 1300 }}>
        <Typography.Link href={href(paths.mediation('disputes'))}>← 纠纷台账</Typography.Link>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              纠纷 {dispute.caseNumber ?? '（待受理，尚无案号）'}
            </Typography.Title>
            <DisputeStatusTag status={dispute.status} />
            <NormTag norm={dispute.norm} />
            <RiskTag risky={dispute.risky} />
            <Tag>{DISPUTE_CATEGORY_LABELS[dispute.category]}</Tag>
          </Flex>
          <Flex gap={8} wrap>
            <DisputeSteps
              detail={detail}
              today={today}
              version={version}
              reload={load}
              steps={elsewhere}
              plannedVisit={plannedVisit}
              onDone={done}
            />
            {may('update') && (
              <Button href={href(paths.disputeEdit(dispute.id))}>{disputeKind.steps.update.label}</Button>
            )}
            {may('caseFile') && (
              <Button icon={<FolderOpenOutlined />} loading={compiling} onClick={() => void compileCaseFile()}>
                {disputeKind.steps.caseFile.label}
              </Button>
            )}
          </Flex>
        </Flex>
        <Typography.Text type="secondary">{dispute.partyNames}</Typography.Text>
        {issued && (
          <IssuedDocumentAlert
            title={issued.title}
            document={issued.document}
            onPrinted={reloadQuietly}
            onClose={() => setIssued(null)}
          />
        )}
        <StatusBanners
          dispute={dispute}
          today={today}
          onCourtForm={may('courtForm') ? () => openHere('courtForm') : null}
          onCourtRecord={may('courtRecord') ? () => openHere('courtRecord') : null}
        />
        <CountyInstructionsCard kind="dispute" id={id} />
        <OverviewCard dispute={dispute} />
        <PartiesCard parties={dispute.parties} />
        <MediatorsCard dispute={dispute} />
        <RecordsCard records={detail.records} onPrinted={reloadQuietly} />
        {may('agreementDraft') && (
          <AgreementCard key={dispute.id} dispute={dispute} today={today} send={sendHere} reload={load} />
        )}
        <IssuedAgreement dispute={dispute} />
        <CourtCard dispute={dispute} />
        {(settledOnce || detail.followUps.length > 0) && (
          <FollowUpsCard
            followUps={detail.followUps}
            onRecord={may('recordFollowUp') ? (followUp) => openHere('recordFollowUp', followUp) : null}
          />
        )}
        <AttachmentsCard detail={detail} canAdd={may('attach')} onAdded={reloadQuietly} />
        {detail.annotations.length > 0 && (
          <Card size="small" title="批注">
            <Flex vertical gap={8}>
              {detail.annotations.map((a) => (
                <div key={a.id}>
                  <Typography.Text type="secondary">
                    {minuteTime(a.at)} {a.byName}：
                  </Typography.Text>
                  {a.text}
                </div>
              ))}
            </Flex>
          </Card>
        )}
        <IssuedDocumentsCard documents={detail.documents} onPrinted={reloadQuietly} />
        <RecordHistoryCard title="办理经过" entries={detail.history} summaryTitle="经过" />
      </Flex>
    </StaleReloadContext.Provider>
  );
}

/** 三调联动 移出, under the refusal or the termination it went with. */
function ReferralOutLine({ dispute }: { dispute: DisputeRecord }) {
  const referral = dispute.referralOut;
  if (!referral) return null;
  return <div>{`三调联动移出：${REFERRAL_OUT_LABELS[referral.kind]}，接收单位 ${referral.to}`}</div>;
}

/** What the status means now: refused, the outcome, the court window, closed. */
function StatusBanners({
  dispute,
  today,
  onCourtForm,
  onCourtRecord,
}: {
  dispute: DisputeRecord;
  today: string;
  /** Opens the step's dialog; null when the user may not take it now. */
  onCourtForm: (() => void) | null;
  onCourtRecord: (() => void) | null;
}) {
  const court = dispute.court;
  const day = court ? daysBetween(court.effectiveOn, today) : 0;
  return (
    <>
      {court?.reminderDue && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={`司法确认申请期限将于${chineseDate(court.closesOn)}届满（协议生效第 ${day} 天）`}
          description="当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（人民调解法第三十三条）。请提醒当事人；需要时为其准备申请书。"
          action={
            (onCourtForm || onCourtRecord) && (
              <Flex vertical gap={8}>
                {onCourtForm && (
                  <Button size="small" type="primary" onClick={onCourtForm}>
                    准备申请书
                  </Button>
                )}
                {onCourtRecord && (
                  <Button size="small" onClick={onCourtRecord}>
                    登记申请情况
                  </Button>
                )}
              </Flex>
            )
          }
        />
      )}
      {dispute.refusal && (
        <Alert
          type="info"
          showIcon
          title={`${chineseDate(dispute.refusal.on)}决定不予受理`}
          description={
            <>
              <div>{`理由：${dispute.refusal.reason}`}</div>
              <ReferralOutLine dispute={dispute} />
            </>
          }
        />
      )}
      {dispute.outcome && (
        <Alert
          type={dispute.outcome.kind === 'terminated' ? 'warning' : 'success'}
          showIcon
          title={`${chineseDate(dispute.outcome.on)}${OUTCOME_KIND_LABELS[dispute.outcome.kind]}`}
          description={
            dispute.outcome.kind === 'written' ? (
              `协议书一式${dispute.outcome.copies ?? dispute.parties.length + 1}份`
            ) : dispute.outcome.kind === 'oral' ? (
              `口头协议内容：${dispute.outcome.text}`
            ) : (
              <>
                <div>{`终止理由：${dispute.outcome.text}`}</div>
                <ReferralOutLine dispute={dispute} />
              </>
            )
          }
        />
      )}
      {dispute.closing && (
        <Alert
          type="info"
          showIcon
          title={`已于${chineseDate(dispute.closing.on)}结案（${dispute.closing.byName}），登记内容和记录不能再修改，只能加批注`}
          description={`结案情况：${dispute.closing.summary}`}
        />
      )}
    </>
  );
}

function OverviewCard({ dispute }: { dispute: DisputeRecord }) {
  const source =
    dispute.source === 'sweep' && dispute.sweep
      ? `${DISPUTE_SOURCE_LABELS.sweep}：${chineseDate(dispute.sweep.heldOn)} ${dispute.sweep.area}`
      : dispute.source === 'handover' && dispute.handover
        ? `${HANDOVER_KIND_LABELS[dispute.handover.kind]}：${dispute.handover.from}，${chineseDate(dispute.handover.on)}${dispute.handover.reference ? `（${dispute.handover.reference}）` : ''}`
        : DISPUTE_SOURCE_LABELS[dispute.source];
  const place = [dispute.villageName, dispute.placeDetail].filter(Boolean).join(' ');
  return (
    <Card size="small" title="纠纷情况">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'committee', label: '调委会', children: dispute.committeeName },
          { key: 'category', label: '纠纷类别', children: DISPUTE_CATEGORY_LABELS[dispute.category] },
          { key: 'source', label: '来源', children: source },
          { key: 'registeredOn', label: '登记日期', children: chineseDate(dispute.registeredOn) },
          { key: 'acceptedOn', label: '受理日期', children: chineseDate(dispute.acceptedOn) },
          {
            key: 'due',
            label: '应调结日期',
            children: dispute.acceptedOn ? chineseDate(mediationDueDate(dispute.acceptedOn)) : '—',
          },
          { key: 'place', label: '发生地', children: place || '—' },
          {
            key: 'amount',
            label: '涉及金额',
            children: dispute.amountYuan === null ? '—' : `${dispute.amountYuan.toLocaleString('zh-CN')} 元`,
          },
          { key: 'people', label: '涉及人数', children: `${dispute.peopleInvolved} 人` },
          ...(dispute.risky
            ? [{ key: 'risk', label: '防激化', span: 3, children: dispute.riskNote || '列为防激化重点' }]
            : []),
          { key: 'facts', label: '简要案情', span: 3, children: dispute.facts },
        ]}
      />
    </Card>
  );
}

function personLine(party: PartyRecord): string {
  if (party.kind === 'organisation') {
    const rep = party.legalRepresentative
      ? `法定代表人：${party.legalRepresentative}${party.legalRepresentativeTitle ? `（${party.legalRepresentativeTitle}）` : ''}`
      : '';
    return rep;
  }
  return [
    party.sex ? SEX_LABELS[party.sex] : '',
    party.ethnicity,
    party.birthDate ? `${party.birthDate} 生` : '',
    party.occupation,
  ]
    .filter(Boolean)
    .join('，');
}

const partyColumns: ColumnsType<PartyRecord> = [
  {
    title: '',
    key: 'label',
    width: 110,
    render: (_, p) => (
      <>
        <Typography.Text strong>{p.label}</Typography.Text>{' '}
        <Typography.Text type="secondary">{PARTY_SIDE_LABELS[p.side]}</Typography.Text>
      </>
    ),
  },
  {
    title: '姓名或名称',
    key: 'name',
    render: (_, p) => (
      <>
        {p.residentId ? <Typography.Link href={href(paths.resident(p.residentId))}>{p.name}</Typography.Link> : p.name}
        {p.kind === 'organisation' && <Tag style={{ marginInlineStart: 6 }}>{PARTY_KIND_LABELS.organisation}</Tag>}
      </>
    ),
  },
  { title: '基本情况', key: 'facts', render: (_, p) => personLine(p) || '—' },
  {
    title: '身份证号码',
    key: 'id',
    width: 190,
    render: (_, p) => <span style={mono}>{p.idNumberMasked || '—'}</span>,
  },
  { title: '住址', dataIndex: 'address', key: 'address', render: (a: string) => a || '—' },
  { title: '电话', dataIndex: 'phone', key: 'phone', width: 130, render: (a: string) => a || '—' },
  {
    title: '委托代理人',
    key: 'agent',
    render: (_, p) =>
      p.agentName
        ? `${p.agentName}${p.agentRelation ? `（${p.agentRelation}）` : ''}${p.agentPhone ? ` ${p.agentPhone}` : ''}`
        : '—',
  },
];

function PartiesCard({ parties }: { parties: PartyRecord[] }) {
  return (
    <Card size="small" title={`当事人（${parties.length}）`}>
      <Table<PartyRecord> rowKey="id" size="small" pagination={false} dataSource={parties} columns={partyColumns} />
    </Card>
  );
}

function MediatorsCard({ dispute }: { dispute: DisputeRecord }) {
  return (
    <Card size="small" title="调解员">
      {dispute.mediators.length === 0 ? (
        <Typography.Text type="secondary">尚未指派调解员。</Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          {dispute.mediators.map((m) => (
            <Tag key={m.mediatorId} color={m.lead ? 'blue' : undefined}>
              {m.name}
              {m.lead ? '（主调）' : ''} · {chineseDate(m.assignedOn)}指派
            </Tag>
          ))}
        </Flex>
      )}
      {dispute.recusals.length > 0 && (
        <Flex vertical gap={4} style={{ marginTop: 8 }}>
          {dispute.recusals.map((r, i) => (
            <Typography.Text key={i} type="secondary">
              {chineseDate(r.on)} {r.requestedBy}申请 {r.mediatorName} 回避：{r.reason}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function RecordsCard({ records, onPrinted }: { records: DisputeRecordEntry[]; onPrinted: () => void }) {
  const columns: ColumnsType<DisputeRecordEntry> = [
    { title: '日期', dataIndex: 'heldOn', key: 'heldOn', width: 110 },
    { title: '类型', key: 'kind', width: 90, render: (_, r) => RECORD_KIND_LABELS[r.kind] },
    { title: '地点', dataIndex: 'place', key: 'place', width: 160 },
    { title: '调解员', dataIndex: 'mediatorNames', key: 'mediatorNames', width: 130 },
    {
      title: '内容',
      key: 'content',
      render: (_, r) => (
        <Flex vertical gap={2}>
          {r.subject && <span>调查对象：{r.subject}</span>}
          {r.statements.map((s) => (
            <span key={s.partyId}>
              <Typography.Text strong>{s.partyName}</Typography.Text>：{s.statement}
            </span>
          ))}
          {r.findings && (
            <span>
              {r.kind === 'session' ? '调解结果' : '调查情况'}：{r.findings}
            </span>
          )}
          {r.attachmentIds.length > 0 && (
            <Typography.Text type="secondary">附件 {r.attachmentIds.length} 件</Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '记录人', dataIndex: 'recorder', key: 'recorder', width: 90 },
    {
      title: '',
      key: 'print',
      width: 90,
      render: (_, r) =>
        r.documentId && (
          <PrintDocumentButton size="small" documentId={r.documentId} label="打印" onPrinted={onPrinted} />
        ),
    },
  ];
  return (
    <Card size="small" title={`调查与调解记录（${records.length}）`}>
      <Table<DisputeRecordEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={records}
        columns={columns}
        locale={{ emptyText: '还没有调查或调解记录' }}
      />
    </Card>
  );
}

function CourtCard({ dispute }: { dispute: DisputeRecord }) {
  const court = dispute.court;
  if (!court) return null;
  return (
    <Card size="small" title="司法确认">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'effectiveOn', label: '协议生效日期', children: chineseDate(court.effectiveOn) },
          { key: 'remindFrom', label: '提醒日期', children: chineseDate(court.remindFrom) },
          {
            key: 'closesOn',
            label: '申请期限',
            children: (
              <>
                {chineseDate(court.closesOn)}
                {court.windowClosed && !court.appliedOn && <Tag style={{ marginInlineStart: 6 }}>已过期限</Tag>}
              </>
            ),
          },
          {
            key: 'applied',
            label: '申请情况',
            children: court.appliedOn ? `${chineseDate(court.appliedOn)}向${court.court || '人民法院'}申请` : '未申请',
          },
          {
            key: 'decision',
            label: '法院裁定',
            children: court.decision
              ? `${COURT_DECISION_LABELS[court.decision]}（${chineseDate(court.decidedOn)}）`
              : '—',
          },
        ]}
      />
    </Card>
  );
}

function FollowUpsCard({
  followUps,
  onRecord,
}: {
  followUps: FollowUpRecord[];
  /** Opens 登记回访 for a planned visit; null when the user may not record one now. */
  onRecord: ((followUp: FollowUpRecord) => void) | null;
}) {
  const columns: ColumnsType<FollowUpRecord> = [
    {
      title: '回访日期',
      key: 'date',
      width: 170,
      render: (_, f) => (f.doneOn ? chineseDate(f.doneOn) : <Tag color="cyan">计划 {chineseDate(f.plannedOn)}</Tag>),
    },
    { title: '回访人', dataIndex: 'byName', key: 'byName', width: 100, render: (v: string) => v || '—' },
    {
      title: '履行情况',
      key: 'performance',
      width: 110,
      render: (_, f) =>
        f.performance ? (
          <Tag color={f.performance === 'full' ? 'green' : f.performance === 'partial' ? 'gold' : 'red'}>
            {PERFORMANCE_LEVEL_LABELS[f.performance]}
          </Tag>
        ) : (
          '—'
        ),
    },
    { title: '回访情况', dataIndex: 'notes', key: 'notes', render: (v: string) => v || '—' },
    {
      title: '下次回访',
      key: 'next',
      width: 130,
      render: (_, f) => (f.nextVisitOn ? chineseDate(f.nextVisitOn) : '—'),
    },
    ...(onRecord
      ? [
          {
            title: '',
            key: 'record',
            width: 100,
            render: (_: unknown, f: FollowUpRecord) =>
              !f.doneOn && (
                <Button size="small" onClick={() => onRecord(f)}>
                  登记回访
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={`回访（${followUps.length}）`}>
      <Table<FollowUpRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={followUps}
        columns={columns}
        locale={{ emptyText: '还没有回访' }}
      />
    </Card>
  );
}
