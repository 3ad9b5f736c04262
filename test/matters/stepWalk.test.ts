// Every step of a matter tried over HTTP on a matter in every status: the backend refuses each
// step the declaration refuses, with exactly the declaration's words (refusalOf, which the UI
// draws its buttons from) — no status check of the matter's own in the handlers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProcedureName } from '../../shared/api/procedures';
import type { SessionUser } from '../../shared/auth/api';
import type { MatterRecord } from '../../shared/matters/api';
import { matterKind, type MatterStep } from '../../shared/matters/matterKind';
import { MATTER_STATUSES } from '../../shared/matters/matters';
import { refusalOf } from '../../shared/workflow/kind';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const today = '2026-11-02';

/** Each step's call on a matter, with input the step would take. */
const CALLS: Record<MatterStep, (m: MatterRecord) => [ProcedureName, Record<string, unknown>]> = {
  triage: (m) => [
    'matters.triage',
    { id: m.id, version: m.version, triage: 'minor', handling: 'onTheSpot', reply: '已解决', replyMethod: 'phone' },
  ],
  settleInVillage: (m) => [
    'matters.settleInVillage',
    { id: m.id, version: m.version, triage: 'minor', reply: '已解决', replyMethod: 'phone' },
  ],
  reply: (m) => ['matters.reply', { id: m.id, version: m.version, reply: '已答复', replyMethod: 'phone' }],
  close: (m) => ['matters.close', { id: m.id, version: m.version }],
  void: (m) => ['matters.void', { id: m.id, version: m.version, reason: '重复登记' }],
};

describe('every step of a matter in every status, refused in the declaration’s words', () => {
  let hall: TestHall;
  const people: Record<'clerk' | 'grid', { client: TestClient; user: SessionUser }> = {} as never;
  const walked: MatterRecord[] = [];

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = morningOf(today);
    const clerk = await signedInAs(hall, started.admin, 'clerk', ['counterClerk']);
    const grid = await signedInAs(hall, started.admin, 'grid', ['gridWorker']);
    const worker = (await started.admin.ok('matters.gridWorkers', {})).gridWorkers[0]!;
    await started.admin.ok('matters.setGridWorkerVillage', { userId: worker.userId, villageId: started.village.id });
    for (const [key, client] of [
      ['clerk', clerk],
      ['grid', grid],
    ] as const)
      people[key] = { client, user: (await client.ok('auth.session', {}))!.user };

    const register = async () =>
      (
        await clerk.ok('matters.register', {
          requestId: crypto.randomUUID(),
          source: 'counter',
          villageId: started.village.id,
          residentName: '张三',
          type: 'problem',
          category: 'other',
          description: '反映的问题',
        })
      ).matter;
    const deadline = {
      triage: 'minor',
      handling: 'deadline',
      ownerKind: 'villageCommittee',
      owner: '村委会',
      workingDays: 3,
    };
    const escalate = {
      triage: 'major',
      handling: 'escalated',
      escalatedTo: '县民政局',
      escalationReason: '需县级统筹',
    };
    const reply = { reply: '已答复', replyMethod: 'phone' };
    const step = async (m: MatterRecord, procedure: ProcedureName, input: object) =>
      ((await clerk.ok(procedure, { id: m.id, version: m.version, ...input })) as { matter: MatterRecord }).matter;

    const inHand = async () => step(await register(), 'matters.triage', deadline);
    const replied = async () => step(await inHand(), 'matters.reply', reply);
    walked.push(
      await register(),
      await inHand(),
      await step(await register(), 'matters.triage', escalate),
      await replied(),
      await step(await replied(), 'matters.close', {}),
      await step(await register(), 'matters.void', { reason: '登记错误' }),
    );
  });
  after(() => hall.close());

  test('each refused step answers the declaration’s refusal', async () => {
    assert.deepEqual(new Set(walked.map((m) => m.status)), new Set(MATTER_STATUSES), 'the walk reaches every status');
    let refusals = 0;
    for (const matter of walked) {
      for (const step of Object.keys(CALLS) as MatterStep[]) {
        const actor = step === 'settleInVillage' ? people.grid : people.clerk;
        const refusal = refusalOf(matterKind, step, matter, actor.user, today);
        if (!refusal) continue;
        const [procedure, input] = CALLS[step](matter);
        const answer = await actor.client.call(procedure, input);
        const where = `${matterKind.statusLabels[matter.status]}：${matterKind.steps[step].label}`;
        assert.ok(!answer.body.ok, `${where} must be refused`);
        assert.ok(
          answer.body.error.message.includes(refusal.message),
          `${where}: “${answer.body.error.message}” should say “${refusal.message}”`,
        );
        refusals++;
      }
    }
    assert.ok(refusals > walked.length, `${refusals} refusals`);
  });
});
