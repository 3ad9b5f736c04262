import { DeleteOutlined, FileProtectOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { AgreementDraft, DisputeRecord } from '../../../shared/mediation/disputesApi';
import { missingAgreementElements, type AgreementFacts } from '../../../shared/mediation/agreementCheck';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { href, paths } from '../../common/router';
import { enterMovesFocus } from '../../common/enterMovesFocus';
import { FormErrorAlert } from '../../common/FormErrorAlert';
import { useFormLeaveGuard } from '../../common/leaveGuard';
import { useServerErrors } from '../../common/useServerErrors';
import { chineseDate, pastDateRules } from '../../common/dates';
import type { DisputeStepInput } from '../steps';

interface Values {
  facts?: string;
  disputedMatters?: string;
  responsibilities?: string;
  terms?: string[];
  performanceManner?: string;
  performanceDueOn?: Dayjs | null;
  recorder?: string;
  agreedOn?: Dayjs | null;
}

const DRAFT_FIELDS = [
  'facts',
  'disputedMatters',
  'responsibilities',
  'terms',
  'performanceManner',
  'performanceDueOn',
  'recorder',
] as const;
type DraftField = (typeof DRAFT_FIELDS)[number];

function toValues(dispute: DisputeRecord, today: string): Values {
  const draft = dispute.agreement;
  return {
    facts: draft?.facts || dispute.facts,
    disputedMatters: draft?.disputedMatters ?? '',
    responsibilities: draft?.responsibilities ?? '',
    terms: draft?.terms.length ? draft.terms : [''],
    performanceManner: draft?.performanceManner ?? '',
    performanceDueOn: draft?.performanceDueOn ? dayjs(draft.performanceDueOn) : null,
    recorder: draft?.recorder ?? '',
    agreedOn: dayjs(today),
  };
}

function toDraft(values: Values): AgreementDraft & AgreementFacts {
  return {
    facts: values.facts ?? '',
    disputedMatters: values.disputedMatters ?? '',
    responsibilities: values.responsibilities ?? '',
    // An empty line is no term.
    terms: (values.terms ?? []).map((t) => (t ?? '').trim()).filter(Boolean),
    performanceManner: values.performanceManner ?? '',
    performanceDueOn: values.performanceDueOn ? values.performanceDueOn.format('YYYY-MM-DD') : null,
    recorder: values.recorder ?? '',
  };
}

interface Props {
  dispute: DisputeRecord;
  today: string;
  /** Takes the step (as the step dialogs do: a STALE refusal reloads the page); `label` names it in the notice. */
  send: <K extends 'agreementDraft' | 'issueAgreement'>(
    step: K,
    input: DisputeStepInput<K>,
    label: string,
  ) => Promise<void>;
  /** Loads the dispute as it now is. */
  reload: () => Promise<{ dispute: DisputeRecord }>;
}

/**
 * 调解协议: the written agreement drafted piece by piece (保存草稿) and issued (出具协议书) once
 * the registry finds every element Art. 29 asks for; what it finds missing is named above the
 * form and beside each field. The copies follow the number of parties.
 */
export function AgreementCard({ dispute, today, send, reload }: Props) {
  const [form] = Form.useForm<Values>();
  const server = useServerErrors();
  const [busy, setBusy] = useState<'save' | 'issue' | null>(null);
  const inFlight = useRef(false);
  const guard = useFormLeaveGuard(form);
  const copies = dispute.parties.length + 1;

  /** The server's message for a draft field, whichever way it names it. */
  const status = (field: DraftField) => {
    const nested = server.fieldStatus(`agreement.${field}`);
    return nested.help ? nested : server.fieldStatus(field);
  };
  const placed = DRAFT_FIELDS.flatMap((f) => [f, `agreement.${f}`]);
  const watched = Form.useWatch((values: Values) => values, form);
  const missing = missingAgreementElements(
    dispute.parties.map((p) => ({ ...p, idNumber: p.idNumberMasked })),
    watched ? toDraft(watched) : null,
    dispute.mediators.length,
  );

  async function save(issue: boolean) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(issue ? 'issue' : 'save');
    server.clear();
    const values = form.getFieldsValue(true) as Values;
    try {
      // The registry checks the draft as saved: save first, then issue (on the version just saved).
      // The notices name the card's buttons, which the mediator clicked.
      await send('agreementDraft', { agreement: toDraft(values) }, '保存协议草稿');
      guard.saved();
      if (!issue) return;
      await send(
        'issueAgreement',
        { agreedOn: values.agreedOn ? values.agreedOn.format('YYYY-MM-DD') : undefined },
        '出具协议书',
      );
    } catch (error) {
      // Each missing element is marked beside its field, the first brought into view
      // (FormErrorAlert); the summary stays above the form.
      server.setError(error);
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  const earliestAgreedOn = earliestStepDate(disputeKind, 'issueAgreement', dispute);

  /**
   * The draft someone else saved meanwhile, in place of what was typed here: the page holds the
   * dispute as it now is, but this form keeps the mediator's text until they choose (asked first).
   */
  async function takeSavedDraft() {
    const fresh = await reload();
    form.setFieldsValue(toValues(fresh.dispute, today));
    guard.saved();
    server.clear();
  }

  return (
    <Card size="small" title="调解协议（书面）">
      <Typography.Paragraph type="secondary">
        协议书须载明当事人的基本情况，纠纷的主要事实、争议事项以及各方当事人的责任，当事人达成调解协议的内容、履行方式和期限（人民调解法第二十九条）。本纠纷有
        {dispute.parties.length} 方当事人，协议书一式{copies}份，当事人各执一份，调委会留存一份。
      </Typography.Paragraph>
      {missing.length > 0 && !server.error && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`出具协议书前还需补齐 ${missing.length} 项`}
          description={missing.map((m) => m.element).join('、')}
        />
      )}
      <FormErrorAlert
        error={server.error}
        extraMessages={server.unplacedMessages(placed)}
        stale={{ reload: takeSavedDraft, replacesTyped: true }}
        action={
          Object.keys(server.error?.fieldErrors ?? {}).some((path) => path.startsWith('parties')) ? (
            <Typography.Link href={href(paths.disputeEdit(dispute.id))}>修改登记，补齐当事人情况</Typography.Link>
          ) : undefined
        }
      />
      <div onKeyDownCapture={enterMovesFocus}>
        <Form<Values>
          form={form}
          name="agreement"
          layout="vertical"
          requiredMark={false}
          initialValues={toValues(dispute, today)}
          onValuesChange={(changed: object) => {
            server.clearChanged(changed);
            server.clearChanged(Object.fromEntries(Object.keys(changed).map((k) => [`agreement.${k}`, null])));
          }}
          disabled={busy !== null}
        >
          <Form.Item name="facts" label="纠纷主要事实" {...status('facts')}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="disputedMatters" label="争议事项" {...status('disputedMatters')}>
            <Input.TextArea rows={2} maxLength={4000} placeholder="如 围墙越界占用通道约 0.5 米，排水沟渗水" />
          </Form.Item>
          <Form.Item name="responsibilities" label="各方责任" {...status('responsibilities')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item label="协议内容（每条一项）" required {...status('terms')}>
            <Form.List name="terms">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} align="flex-start">
                      <Typography.Text style={{ paddingTop: 5, minWidth: 48 }}>第{index + 1}条</Typography.Text>
                      <Form.Item name={field.name} noStyle>
                        <Input.TextArea
                          aria-label={`协议条款${index + 1}`}
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          maxLength={1000}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button
                          aria-label={`删除第${index + 1}条`}
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => add('')}>
                    添加一条
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="performanceManner" label="履行方式" {...status('performanceManner')}>
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  maxLength={4000}
                  placeholder="如 现金当面交付，调解员见证"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="performanceDueOn" label="履行期限" {...status('performanceDueOn')}>
                <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder="最后履行日" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="recorder" label="记录人" {...status('recorder')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={12} align="flex-end" wrap>
            <Form.Item
              name="agreedOn"
              label="协议日期"
              style={{ marginBottom: 0 }}
              rules={pastDateRules('协议日期', today, { on: earliestAgreedOn, what: '上一环节的日期' })}
              {...server.fieldStatus('agreedOn')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 170 }} />
            </Form.Item>
            <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save(false)}>
              保存草稿
            </Button>
            <Button
              type="primary"
              icon={<FileProtectOutlined />}
              loading={busy === 'issue'}
              onClick={() => void save(true)}
            >
              出具协议书
            </Button>
          </Flex>
        </Form>
      </div>
    </Card>
  );
}

/** The agreement as issued, with its copies and effective date. */
export function IssuedAgreement({ dispute }: { dispute: DisputeRecord }) {
  const agreement = dispute.agreement;
  const outcome = dispute.outcome;
  if (!agreement || outcome?.kind !== 'written') return null;
  return (
    <Card size="small" title="调解协议（书面）">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'on', label: '协议日期', children: chineseDate(outcome.on) },
          { key: 'copies', label: '份数', children: outcome.copies ? `一式${outcome.copies}份` : '—' },
          { key: 'due', label: '履行期限', children: chineseDate(agreement.performanceDueOn) },
          { key: 'facts', label: '纠纷主要事实', span: 3, children: agreement.facts || dispute.facts },
          { key: 'matters', label: '争议事项', span: 3, children: agreement.disputedMatters || '—' },
          { key: 'resp', label: '各方责任', span: 3, children: agreement.responsibilities || '—' },
          {
            key: 'terms',
            label: '协议内容',
            span: 3,
            children: (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {agreement.terms.map((term, i) => (
                  <li key={i}>{term}</li>
                ))}
              </ol>
            ),
          },
          { key: 'manner', label: '履行方式', span: 2, children: agreement.performanceManner || '—' },
          { key: 'recorder', label: '记录人', children: agreement.recorder || '—' },
        ]}
      />
    </Card>
  );
}
