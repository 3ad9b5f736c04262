import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { disputeKind, type DisputeFacts, type DisputeStep } from '../../shared/mediation/disputeKind';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../shared/mediation/disputes';
import { offeredSteps, refusalOf, stepDateOf } from '../../shared/workflow/kind';
import { actorWith, walkEveryStepInEveryStatus } from '../support/kindTable';

const mediator = actorWith(['mediator'], { committeeIds: ['committee-a'] });
const elsewhere = actorWith(['mediator'], { committeeIds: ['committee-b'] });
const leader = actorWith(['leader']);
const today = '2026-12-07';

/**
 * Every step of a dispute and the statuses it starts from. Mediators are assigned, recusals
 * decided and records kept only once the dispute is accepted (登记 alone is not yet 受理).
 */
const ALLOWED_FROM: Record<DisputeStep, readonly DisputeStatus[]> = {
  accept: ['registered'],
  refuse: ['registered'],
  update: ['registered', 'accepted'],
  session: ['accepted'],
  investigation: ['accepted'],
  assign: ['accepted'],
  recusal: ['accepted'],
  attach: ['registered', 'accepted', 'settled', 'terminated'],
  agreementDraft: ['accepted'],
  issueAgreement: ['accepted'],
  oral: ['accepted'],
  terminate: ['accepted'],
  recordFollowUp: ['settled'],
  planFollowUp: ['settled'],
  courtForm: ['settled'],
  courtRecord: ['settled'],
  close: ['settled', 'terminated'],
  caseFile: ['accepted', 'settled', 'terminated', 'closed', 'refused'],
  annotate: ['registered', 'refused', 'accepted', 'settled', 'terminated', 'closed'],
};

const disputeIn = (status: DisputeStatus, facts: Partial<DisputeFacts> = {}): DisputeFacts => ({
  status,
  committeeId: 'committee-a',
  registeredOn: '2026-11-02',
  lastStepOn: '2026-11-20',
  mediators: [{ mediatorId: 'm1' }],
  outcome: status === 'settled' || status === 'closed' ? { kind: 'written', on: '2026-11-15' } : null,
  court: null,
  // A settled dispute was visited once; nothing is planned: it may be closed.
  visits: { done: 1, lastDoneOn: '2026-11-18', nextPlannedOn: null },
  ...facts,
});

describe('the dispute, declared once', () => {
  walkEveryStepInEveryStatus(disputeKind, DISPUTE_STATUSES, ALLOWED_FROM, (s) => disputeIn(s), mediator);

  test('a registered dispute gets no mediator and no investigation record before it is accepted', () => {
    for (const step of ['assign', 'investigation', 'recusal'] as const) {
      assert.equal(
        refusalOf(disputeKind, step, disputeIn('registered'), mediator, today)?.message,
        `该纠纷当前为“待受理”，不能${disputeKind.steps[step].label}（只有“调解中”的纠纷可以）`,
      );
    }
  });

  test('a closed dispute takes annotations only, and says so', () => {
    assert.equal(
      refusalOf(disputeKind, 'close', disputeIn('closed'), mediator, today)?.message,
      '该纠纷已结案，不能再结案，只能加批注',
    );
  });

  test('recusal needs an assigned mediator; court confirmation a written agreement', () => {
    assert.equal(
      refusalOf(disputeKind, 'recusal', disputeIn('accepted', { mediators: [] }), mediator, today)?.message,
      '还没有指派调解员，无人可以回避',
    );
    const oral = disputeIn('settled', { outcome: { kind: 'oral', on: '2026-11-15' } });
    assert.match(refusalOf(disputeKind, 'courtForm', oral, mediator, today)?.message ?? '', /只有书面调解协议/);
    assert.deepEqual(
      offeredSteps(disputeKind, oral, mediator, today).map((o) => o.step),
      ['recordFollowUp', 'planFollowUp', 'close', 'annotate'],
    );
  });

  test('a settled dispute is closed after its follow-up and the court’s word; the button says what is missing', () => {
    const unvisited = disputeIn('settled', { visits: { done: 0, lastDoneOn: null, nextPlannedOn: null } });
    assert.equal(
      refusalOf(disputeKind, 'close', unvisited, mediator, today)?.message,
      '调解成功的纠纷须至少回访一次、了解协议履行情况后才能结案',
    );
    const planned = disputeIn('settled', {
      visits: { done: 1, lastDoneOn: '2026-11-18', nextPlannedOn: '2026-12-20' },
    });
    assert.match(refusalOf(disputeKind, 'close', planned, mediator, today)?.message ?? '', /计划于 2026-12-20 的回访/);
    const awaitingCourt = disputeIn('settled', { court: { appliedOn: '2026-11-20', decision: null } });
    assert.match(refusalOf(disputeKind, 'close', awaitingCourt, mediator, today)?.message ?? '', /尚未记录法院裁定/);
    assert.equal(
      offeredSteps(disputeKind, unvisited, mediator, today).find((o) => o.step === 'close')?.disabledBecause,
      '调解成功的纠纷须至少回访一次、了解协议履行情况后才能结案',
    );
    assert.deepEqual(stepDateOf(disputeKind, 'close', disputeIn('settled'), '2026-11-21', today), {
      ok: true,
      on: '2026-11-21',
    });
    assert.deepEqual(
      stepDateOf(disputeKind, 'close', disputeIn('settled', { lastStepOn: '2026-11-15' }), '2026-11-17', today),
      { ok: false, field: 'closedOn', message: '结案日期：不能早于最后一次回访的日期（2026-11-18）' },
    );
  });

  test('a mediator of another committee takes no step on it; a leader reads and takes none', () => {
    assert.deepEqual(refusalOf(disputeKind, 'accept', disputeIn('registered'), elsewhere, today), {
      code: 'FORBIDDEN',
      message: '您只能处理本人任职的调委会的纠纷',
    });
    assert.deepEqual(offeredSteps(disputeKind, disputeIn('registered'), elsewhere, today), []);
    assert.deepEqual(offeredSteps(disputeKind, disputeIn('accepted'), leader, today), []);
  });

  test('records are dated from the registration, steps from the last step', () => {
    const dispute = disputeIn('accepted');
    assert.deepEqual(stepDateOf(disputeKind, 'session', dispute, '2026-11-10', today), { ok: true, on: '2026-11-10' });
    assert.deepEqual(stepDateOf(disputeKind, 'session', dispute, '2026-11-01', today), {
      ok: false,
      field: 'heldOn',
      message: '日期：不能早于纠纷登记日期（2026-11-02）',
    });
    assert.equal(stepDateOf(disputeKind, 'assign', dispute, '2026-11-10', today).ok, false);
  });
});
