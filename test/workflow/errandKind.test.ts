import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errandKind, type ErrandFacts, type ErrandStep } from '../../shared/counter/errandKind';
import { ERRAND_STATUSES, type ErrandStatus } from '../../shared/counter/errandStatuses';
import { offeredSteps, refusalOf } from '../../shared/workflow/kind';
import { actorWith, walkEveryStepInEveryStatus } from '../support/kindTable';

const agent = actorWith(['villageAgent'], { id: 'agent-1' });
const otherAgent = actorWith(['villageAgent'], { id: 'agent-2' });
const clerk = actorWith(['counterClerk']);

const ALLOWED_FROM: Record<ErrandStep, readonly ErrandStatus[]> = {
  collect: ['authorised', 'collected'],
  attach: ['authorised', 'collected', 'handedOver'],
  withdraw: ['authorised', 'collected'],
  handOver: ['collected'],
  deliver: ['handedOver'],
};

const errandIn = (status: ErrandStatus, caseStatus: 'accepted' | 'completed' = 'completed'): ErrandFacts => ({
  status,
  agentId: 'agent-1',
  authorisedOn: '2026-12-01',
  case: status === 'handedOver' || status === 'delivered' ? { status: caseStatus } : null,
  delivery: null,
});

describe('the errand, declared once', () => {
  walkEveryStepInEveryStatus(
    errandKind,
    ERRAND_STATUSES,
    ALLOWED_FROM,
    (s) => errandIn(s),
    (step) => (step === 'handOver' ? clerk : agent),
  );

  test('the counter takes over a batch; the agent cannot, nor can the counter collect for the agent', () => {
    assert.equal(refusalOf(errandKind, 'handOver', errandIn('collected'), clerk, '2026-12-07'), null);
    assert.equal(refusalOf(errandKind, 'handOver', errandIn('collected'), agent, '2026-12-07')?.code, 'FORBIDDEN');
    assert.equal(refusalOf(errandKind, 'collect', errandIn('authorised'), clerk, '2026-12-07')?.code, 'FORBIDDEN');
  });

  test('another agent’s errand is out of reach, in words saying whose errands an agent handles', () => {
    assert.deepEqual(refusalOf(errandKind, 'collect', errandIn('authorised'), otherAgent, '2026-12-07'), {
      code: 'FORBIDDEN',
      message: '您只能处理本人经办的代办',
    });
    assert.deepEqual(offeredSteps(errandKind, errandIn('authorised'), otherAgent, '2026-12-07'), []);
  });

  test('photos of the materials: the agent in the village and the counter checking them, until the errand closes', () => {
    for (const status of ['authorised', 'collected', 'handedOver'] as const) {
      assert.equal(refusalOf(errandKind, 'attach', errandIn(status), agent, '2026-12-07'), null);
      assert.equal(refusalOf(errandKind, 'attach', errandIn(status), clerk, '2026-12-07'), null);
    }
    assert.equal(refusalOf(errandKind, 'attach', errandIn('authorised'), otherAgent, '2026-12-07')?.code, 'FORBIDDEN');
    assert.equal(
      refusalOf(errandKind, 'attach', errandIn('delivered'), agent, '2026-12-07')?.message,
      '这项代办当前为“已送达”，不能添加附件（只有“已委托，待收材料”或“材料已收齐，待交接”或“已交窗口办理”的代办可以）',
    );
    // Taken from the errand's attachments, never drawn among its step buttons.
    assert.ok(!offeredSteps(errandKind, errandIn('collected'), agent, '2026-12-07').some((s) => s.step === 'attach'));
  });

  test('delivery waits for the counter to complete the case', () => {
    assert.equal(
      refusalOf(errandKind, 'deliver', errandIn('handedOver', 'accepted'), agent, '2026-12-07')?.message,
      '窗口还没有办结这一件，结果尚不能送达',
    );
  });
});
