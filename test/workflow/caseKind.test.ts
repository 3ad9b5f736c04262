import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseKind, type CaseFacts, type CaseStep } from '../../shared/counter/caseKind';
import { CASE_STATUSES, type CaseStatus } from '../../shared/counter/caseStatus';
import { offeredSteps, refusalOf, stepDateOf } from '../../shared/workflow/kind';
import { actorWith, walkEveryStepInEveryStatus } from '../support/kindTable';

const clerk = actorWith(['counterClerk']);
const leader = actorWith(['leader']);

/** Every step of a counter case and the statuses it starts from (the counter's state machine). */
const ALLOWED_FROM: Record<CaseStep, readonly CaseStatus[]> = {
  accept: ['awaitingMaterials'],
  startHandling: ['accepted'],
  forward: ['accepted', 'inProgress'],
  recordForwardReply: ['forwarded'],
  pause: ['accepted', 'inProgress', 'forwarded'],
  resume: ['paused'],
  complete: ['accepted', 'inProgress'],
  deliver: ['completed'],
  rate: ['delivered'],
  closeFollowUp: ['rated'],
  void: ['awaitingMaterials', 'accepted', 'inProgress', 'forwarded', 'paused', 'completed', 'delivered', 'rated'],
  attach: ['awaitingMaterials', 'accepted', 'inProgress', 'forwarded', 'paused', 'completed', 'delivered'],
  receiveMaterials: ['awaitingMaterials'],
};

const caseIn = (status: CaseStatus, followUp: CaseFacts['followUp'] = { closedAt: null }): CaseFacts => ({
  status,
  lastStepOn: '2026-12-01',
  followUp,
});

describe('the counter case, declared once', () => {
  walkEveryStepInEveryStatus(caseKind, CASE_STATUSES, ALLOWED_FROM, (s) => caseIn(s), clerk);

  test('the refusal names the status now and the statuses that allow the step', () => {
    assert.deepEqual(refusalOf(caseKind, 'rate', caseIn('completed'), clerk, '2026-12-07'), {
      code: 'CONFLICT',
      message: '该件当前为“已办结”，不能评价（只有“已送达”的办件可以）',
    });
  });

  test('整改办结 only while a poor rating’s follow-up is open', () => {
    assert.equal(
      refusalOf(caseKind, 'closeFollowUp', caseIn('rated', null), clerk, '2026-12-07')?.message,
      '该件没有待办结的差评整改任务',
    );
    assert.equal(
      refusalOf(caseKind, 'closeFollowUp', caseIn('rated', { closedAt: '2026-12-03T02:00:00Z' }), clerk, '2026-12-07')
        ?.message,
      '该件没有待办结的差评整改任务',
    );
  });

  test('a leader reads cases and takes no step: no buttons, every step refused as forbidden', () => {
    assert.deepEqual(offeredSteps(caseKind, caseIn('accepted'), leader, '2026-12-07'), []);
    for (const step of Object.keys(caseKind.steps) as CaseStep[]) {
      assert.equal(refusalOf(caseKind, step, caseIn('accepted'), leader, '2026-12-07')?.code, 'FORBIDDEN');
    }
  });

  test('a step’s date: today when left out, never after today, never before the last step', () => {
    const record = caseIn('accepted');
    assert.deepEqual(stepDateOf(caseKind, 'complete', record, undefined, '2026-12-07'), { ok: true, on: '2026-12-07' });
    assert.deepEqual(stepDateOf(caseKind, 'complete', record, '2026-12-08', '2026-12-07'), {
      ok: false,
      field: 'completedOn',
      message: '办结日期：不能晚于今天（2026-12-07）',
    });
    assert.deepEqual(stepDateOf(caseKind, 'complete', record, '2026-11-30', '2026-12-07'), {
      ok: false,
      field: 'completedOn',
      message: '办结日期：不能早于上一环节的日期（2026-12-01）',
    });
  });
});
