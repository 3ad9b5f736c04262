import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { petitionKind, type PetitionFacts, type PetitionStep } from '../../shared/petitions/petitionKind';
import { PETITION_STATUSES, type PetitionStatus } from '../../shared/petitions/petitions';
import { offeredSteps, refusalOf, stepDateOf } from '../../shared/workflow/kind';
import { actorWith, walkEveryStepInEveryStatus } from '../support/kindTable';

const receptionist = actorWith(['petitionReceptionist']);
const agent = actorWith(['villageAgent']);
const today = '2026-12-07';

const ALLOWED_FROM: Record<PetitionStep, readonly PetitionStatus[]> = {
  accept: ['registered'],
  notAccept: ['registered'],
  leaderDecision: ['registered', 'accepted'],
  reply: ['accepted'],
  event: ['registered', 'accepted', 'underReview', 'underReReview'],
  extend: ['accepted'],
  satisfaction: ['replied', 'reviewed', 'reReviewed'],
  deliverReply: ['replied', 'closed'],
  requestReview: ['replied', 'closed'],
  recordReview: ['underReview'],
  deliverReview: ['reviewed'],
  requestReReview: ['reviewed', 'closed'],
  hearing: ['underReReview'],
  recordReReview: ['underReReview'],
  close: ['replied', 'reviewed', 'reReviewed'],
  attach: [
    'registered',
    'accepted',
    'notAccepted',
    'replied',
    'underReview',
    'reviewed',
    'underReReview',
    'reReviewed',
  ],
};

/** A petition received on a reception day, replied in time, whose review was answered (re-review open). */
const petitionIn = (status: PetitionStatus, facts: Partial<PetitionFacts> = {}): PetitionFacts => ({
  status,
  receivedOn: '2026-10-08',
  acceptedOn: '2026-10-09',
  lastStepOn: '2026-11-20',
  receptionDay: { leaderName: '周振华' },
  leaderDecision: null,
  extension: null,
  handlingDueOn: '2027-01-05',
  reply: { repliedOn: '2026-11-01', delivery: null },
  satisfaction: null,
  // For requestReview a petition has no review yet; for requestReReview one answered review.
  reviews:
    status === 'replied'
      ? []
      : [{ level: 'review', requestedOn: '2026-11-05', answeredOn: '2026-11-20', delivery: null, hearing: null }],
  reviewRequestDueOn: '2026-12-31',
  reReviewRequestDueOn: '2026-12-31',
  ...facts,
});

describe('the petition, declared once', () => {
  walkEveryStepInEveryStatus(
    petitionKind,
    PETITION_STATUSES,
    ALLOWED_FROM,
    (s) => petitionIn(s, s === 'closed' ? { reviews: [] } : {}),
    receptionist,
  );

  test('the leader’s decision once, and only for a visit on a reception day', () => {
    assert.equal(
      refusalOf(petitionKind, 'leaderDecision', petitionIn('accepted', { receptionDay: null }), receptionist, today)
        ?.message,
      '只有在领导接访日登记的信访件才记录接访领导的处理意见',
    );
    const decided = petitionIn('accepted', { leaderDecision: { decidedOn: '2026-10-08' } });
    assert.equal(
      refusalOf(petitionKind, 'leaderDecision', decided, receptionist, today)?.message,
      '已于2026-10-08记录接访领导周振华的处理意见，不能再次记录',
    );
    assert.ok(!offeredSteps(petitionKind, decided, receptionist, today).some((o) => o.step === 'leaderDecision'));
  });

  test('no closing before the reply: the button is shown disabled, saying why', () => {
    const offered = offeredSteps(petitionKind, petitionIn('accepted'), receptionist, today);
    assert.deepEqual(
      offered.find((o) => o.step === 'close'),
      {
        step: 'close',
        label: '办结',
        tone: undefined,
        disabledBecause: '尚未书面答复，不能办结（件件有回复）：请先出具答复意见书',
      },
    );
  });

  test('one extension: the button stays, saying when it was granted', () => {
    const extended = petitionIn('accepted', { extension: { extendedOn: '2026-11-10', days: 30 } });
    const offered = offeredSteps(petitionKind, extended, receptionist, today).find((o) => o.step === 'extend');
    assert.match(offered?.disabledBecause ?? '', /办理期限只能延长一次：已于2026-11-10延长30日/);
  });

  test('a review request once; on a closed petition offered only inside its 30 days, though a request made in time may be entered late', () => {
    const requested = petitionIn('replied', {
      reviews: [{ level: 'review', requestedOn: '2026-11-05', answeredOn: null, delivery: null, hearing: null }],
    });
    assert.match(
      refusalOf(petitionKind, 'requestReview', requested, receptionist, today)?.message ?? '',
      /已于2026-11-05登记过复查请求/,
    );
    const offered = (p: PetitionFacts) => offeredSteps(petitionKind, p, receptionist, today).map((o) => o.step);
    const lateClosed = petitionIn('closed', { reviews: [], reviewRequestDueOn: '2026-12-01' });
    assert.ok(!offered(lateClosed).includes('requestReview'), 'no button after the window on a closed petition');
    assert.equal(refusalOf(petitionKind, 'requestReview', lateClosed, receptionist, today), null);
    assert.ok(offered(petitionIn('closed', { reviews: [] })).includes('requestReview'), 'inside the window: offered');
    const lateOpen = petitionIn('replied', { reviewRequestDueOn: '2026-12-01' });
    assert.ok(offered(lateOpen).includes('requestReview'), 'an open petition keeps the button');
  });

  test('the reply is dated neither before the acceptance nor before the last step', () => {
    const accepted = petitionIn('accepted', { acceptedOn: '2026-10-10', lastStepOn: '2026-10-20' });
    assert.deepEqual(stepDateOf(petitionKind, 'reply', accepted, '2026-10-09', today), {
      ok: false,
      field: 'repliedOn',
      message: '答复日期：不能早于受理日期（2026-10-10）',
    });
    assert.deepEqual(stepDateOf(petitionKind, 'reply', accepted, '2026-10-15', today), {
      ok: false,
      field: 'repliedOn',
      message: '答复日期：不能早于上一环节的日期（2026-10-20）',
    });
  });

  test('satisfaction is recorded once', () => {
    const recorded = petitionIn('replied', { satisfaction: { on: '2026-11-03' } });
    assert.match(
      refusalOf(petitionKind, 'satisfaction', recorded, receptionist, today)?.message ?? '',
      /已于2026-11-03记录/,
    );
  });

  test('a village agent reads no petition and takes no step', () => {
    assert.deepEqual(refusalOf(petitionKind, 'accept', petitionIn('registered'), agent, today), {
      code: 'FORBIDDEN',
      message: '您的角色不能受理',
    });
  });
});

describe('the written answers’ delivery and the re-review hearing', () => {
  test('a delivery is recorded once; the review’s only once it was answered', () => {
    const delivered = petitionIn('replied', {
      reply: { repliedOn: '2026-11-01', delivery: { deliveredOn: '2026-11-03' } },
    });
    assert.equal(
      refusalOf(petitionKind, 'deliverReply', delivered, receptionist, today)?.message,
      '答复意见书已于2026-11-03送达',
    );
    const unanswered = petitionIn('reviewed', {
      reviews: [{ level: 'review', requestedOn: '2026-11-05', answeredOn: null, delivery: null, hearing: null }],
    });
    assert.equal(refusalOf(petitionKind, 'deliverReview', unanswered, receptionist, today)?.message, '尚无复查意见');
  });

  test('before the reply’s delivery is recorded a review request is in time; without a reply it is refused', () => {
    const undelivered = petitionIn('replied', { reviewRequestDueOn: null });
    assert.equal(refusalOf(petitionKind, 'requestReview', undelivered, receptionist, today), null);
    const offered = offeredSteps(
      petitionKind,
      petitionIn('closed', { reviews: [], reviewRequestDueOn: null }),
      receptionist,
      today,
    );
    assert.ok(
      offered.some((o) => o.step === 'requestReview'),
      'a closed petition whose reply has not been delivered',
    );
  });

  test('one hearing per re-review, dated no earlier than the request', () => {
    const heard = petitionIn('underReReview', {
      reviews: [
        { level: 'review', requestedOn: '2026-11-05', answeredOn: '2026-11-20', delivery: null, hearing: null },
        {
          level: 'reReview',
          requestedOn: '2026-11-25',
          answeredOn: null,
          delivery: null,
          hearing: { from: '2026-12-01', to: '2026-12-02' },
        },
      ],
    });
    assert.match(refusalOf(petitionKind, 'hearing', heard, receptionist, today)?.message ?? '', /已登记听证/);
    const open = petitionIn('underReReview', {
      lastStepOn: '2026-11-25',
      reviews: [
        { level: 'review', requestedOn: '2026-11-05', answeredOn: '2026-11-20', delivery: null, hearing: null },
        { level: 'reReview', requestedOn: '2026-11-25', answeredOn: null, delivery: null, hearing: null },
      ],
    });
    assert.deepEqual(stepDateOf(petitionKind, 'hearing', open, '2026-11-24', today), {
      ok: false,
      field: 'heldTo',
      message: '听证结束日期：不能早于复核请求日期（2026-11-25）',
    });
  });
});
