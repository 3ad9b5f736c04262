// The matter's declaration against a table written out by hand: every step in every status, who
// may take it (the township's staff sort; a village's agent or grid worker settles on the spot,
// only in their own village), 件件有回复 before 办结 shown on the disabled button, the date rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MATTER_STAFF,
  matterKind,
  NO_REPLY,
  VILLAGE_WORKERS,
  type MatterFacts,
  type MatterStep,
} from '../../shared/matters/matterKind';
import { MATTER_STATUSES, type MatterStatus } from '../../shared/matters/matters';
import { accessRefusal, offeredSteps, refusalOf, stepDateOf } from '../../shared/workflow/kind';
import { actorWith, walkEveryStepInEveryStatus } from '../support/kindTable';

const EAST = 'village-east';
const WEST = 'village-west';
const clerk = actorWith(['counterClerk']);
const gridWorker = actorWith(['gridWorker'], { villageIds: [EAST] });
const agentElsewhere = actorWith(['villageAgent'], { villageIds: [WEST] });
const leader = actorWith(['leader']);
const today = '2026-11-06';

const ALLOWED_FROM: Record<MatterStep, readonly MatterStatus[]> = {
  triage: ['registered'],
  settleInVillage: ['registered'],
  reply: ['inHand', 'escalated'],
  close: ['replied'],
  void: ['registered', 'inHand', 'escalated', 'replied', 'closed'],
};

const matterIn = (status: MatterStatus, facts: Partial<MatterFacts> = {}): MatterFacts => ({
  status,
  villageId: EAST,
  collectedOn: '2026-11-02',
  lastStepOn: status === 'registered' ? '2026-11-02' : '2026-11-03',
  triage: status === 'registered' ? null : 'minor',
  reply: status === 'replied' || status === 'closed' ? { repliedOn: '2026-11-04' } : null,
  ...facts,
});

describe('the matter’s declaration, step by step and status by status', () => {
  walkEveryStepInEveryStatus(
    matterKind,
    MATTER_STATUSES,
    ALLOWED_FROM,
    (status) => matterIn(status),
    (step) => (step === 'settleInVillage' ? gridWorker : clerk),
  );
});

describe('who takes which step, and where', () => {
  test('the township’s staff sort a matter; a village worker cannot, and a leader only reads', () => {
    const registered = matterIn('registered');
    assert.equal(refusalOf(matterKind, 'triage', registered, clerk, today), null);
    assert.deepEqual(refusalOf(matterKind, 'triage', registered, gridWorker, today), {
      code: 'FORBIDDEN',
      message: '您的角色不能分流办理',
    });
    assert.equal(refusalOf(matterKind, 'triage', registered, leader, today)?.code, 'FORBIDDEN');
    assert.deepEqual(offeredSteps(matterKind, registered, leader, today), []);
  });

  test('a grid worker settles on the spot in the own village only; the clerk does it by 分流办理', () => {
    const registered = matterIn('registered');
    assert.equal(refusalOf(matterKind, 'settleInVillage', registered, gridWorker, today), null);
    assert.deepEqual(refusalOf(matterKind, 'settleInVillage', registered, agentElsewhere, today), {
      code: 'FORBIDDEN',
      message: '您只能处理本人负责的村（社区）的群众诉求',
    });
    assert.equal(refusalOf(matterKind, 'settleInVillage', registered, clerk, today)?.code, 'FORBIDDEN');
    assert.deepEqual(
      offeredSteps(matterKind, registered, gridWorker, today).map((o) => o.step),
      ['settleInVillage'],
    );
  });

  test('a village worker replies on a matter of the own village; only the township closes it', () => {
    assert.equal(refusalOf(matterKind, 'reply', matterIn('inHand'), gridWorker, today), null);
    assert.equal(refusalOf(matterKind, 'close', matterIn('replied'), gridWorker, today)?.code, 'FORBIDDEN');
    assert.equal(refusalOf(matterKind, 'close', matterIn('replied'), clerk, today), null);
  });

  test('reading: the township all, a village worker the own village, nobody else', () => {
    assert.equal(accessRefusal(matterKind, clerk, { villageId: WEST }), null);
    assert.equal(accessRefusal(matterKind, leader, { villageId: WEST }), null);
    assert.equal(accessRefusal(matterKind, gridWorker, { villageId: EAST }), null);
    assert.equal(
      accessRefusal(matterKind, gridWorker, { villageId: WEST }),
      '您只能查看本人负责的村（社区）的群众诉求',
    );
    assert.match(
      accessRefusal(matterKind, actorWith(['gridWorker']), { villageId: EAST })!,
      /尚未设定您负责的村（社区）.*网格员/,
    );
    assert.equal(
      accessRefusal(matterKind, actorWith(['petitionReceptionist']), { villageId: EAST }),
      '您的角色不能查看群众诉求',
    );
    assert.deepEqual(
      [...MATTER_STAFF, ...VILLAGE_WORKERS].filter((r) => !matterKind.read[r]),
      [],
      'whoever registers or handles a matter reads it',
    );
  });
});

describe('件件有回复: no closing before the reply', () => {
  for (const status of ['inHand', 'escalated'] as const) {
    test(`在“${matterKind.statusLabels[status]}”，办结 is shown disabled with the reason`, () => {
      const offered = offeredSteps(matterKind, matterIn(status), clerk, today);
      const close = offered.find((o) => o.step === 'close');
      assert.deepEqual(close, { step: 'close', label: '办结', tone: undefined, disabledBecause: NO_REPLY });
      assert.deepEqual(refusalOf(matterKind, 'close', matterIn(status), clerk, today), {
        code: 'CONFLICT',
        message: NO_REPLY,
      });
      // The reply is what is offered instead.
      assert.equal(offered.find((o) => o.step === 'reply')?.disabledBecause, null);
    });
  }

  test('a voided matter says it is kept for the record only', () => {
    const refusal = refusalOf(matterKind, 'reply', matterIn('voided'), clerk, today);
    assert.equal(refusal?.message, '该诉求已作废，不能再答复群众，作废的诉求只保留备查');
  });
});

describe('dates of the steps', () => {
  test('a triage is not dated before the collection, nor after today', () => {
    const registered = matterIn('registered');
    assert.deepEqual(stepDateOf(matterKind, 'triage', registered, '2026-11-01', today), {
      ok: false,
      field: 'decidedOn',
      message: '分流日期：不能早于上一环节的日期（2026-11-02）',
    });
    const future = stepDateOf(matterKind, 'triage', registered, '2026-11-07', today);
    assert.ok(!future.ok && future.field === 'decidedOn' && /不能晚于今天/.test(future.message));
    assert.deepEqual(stepDateOf(matterKind, 'triage', registered, undefined, today), { ok: true, on: today });
  });

  test('办结 is not dated before the reply', () => {
    const replied = matterIn('replied', { lastStepOn: '2026-11-04' });
    const early = stepDateOf(matterKind, 'close', replied, '2026-11-03', today);
    assert.ok(!early.ok && early.field === 'closedOn' && early.message.includes('答复日期'), JSON.stringify(early));
  });
});
