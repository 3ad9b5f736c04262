// The petition (信访件), declared once: acceptance within 15 days or not, the leader's decision
// on a reception day, handling, one extension, the written reply (件件有回复), satisfaction,
// review and re-review, closing. The petition desk and the leaders read petitions; nobody else.
import type { Role } from '../auth/roles';
import { defineAccess, defineKind } from '../workflow/kind';
import { PETITION_STATUS_LABELS, type PetitionStatus } from './petitions';

/** Who works the petition desk. */
export const PETITION_STAFF: readonly Role[] = ['administrator', 'petitionReceptionist'];
/** Who reads petitions and their statistics (the leaders read). */
export const PETITION_READERS: readonly Role[] = [...PETITION_STAFF, 'leader'];

const PETITION_READ = { administrator: 'all', petitionReceptionist: 'all', leader: 'all' } as const;

export interface PetitionFacts {
  status: PetitionStatus;
  receivedOn: string;
  acceptedOn: string | null;
  lastStepOn: string;
  receptionDay: { leaderName: string } | null;
  leaderDecision: { decidedOn: string } | null;
  extension: { extendedOn: string; days: number } | null;
  handlingDueOn: string | null;
  reply: { repliedOn: string; delivery: { deliveredOn: string } | null } | null;
  satisfaction: { on: string } | null;
  reviews: readonly {
    level: 'review' | 'reReview';
    answeredOn: string | null;
    requestedOn: string;
    delivery: { deliveredOn: string } | null;
    hearing: { from: string; to: string } | null;
  }[];
  reviewRequestDueOn: string | null;
  reReviewRequestDueOn: string | null;
}

export const PETITION_STEPS = [
  'accept',
  'notAccept',
  'reply',
  'leaderDecision',
  'event',
  'extend',
  'satisfaction',
  'deliverReply',
  'requestReview',
  'recordReview',
  'deliverReview',
  'requestReReview',
  'hearing',
  'recordReReview',
  'close',
  'attach',
] as const;
export type PetitionStep = (typeof PETITION_STEPS)[number];

const staff = PETITION_STAFF;
const NO_REPLY = '尚未书面答复，不能办结（件件有回复）：请先出具答复意见书';

function reviewOf(p: PetitionFacts, level: 'review' | 'reReview') {
  return p.reviews.find((r) => r.level === level) ?? null;
}

/**
 * A review (re-review) may be asked for once, after the answer it is about; a request made in
 * time may be entered later with its own date (the date is checked against the window).
 */
function reviewRequestGuard(level: 'review' | 'reReview') {
  return (p: PetitionFacts): string | null => {
    const review = level === 'review';
    const label = review ? '复查' : '复核';
    const earlier = reviewOf(p, level);
    if (earlier) return `已于${earlier.requestedOn}登记过${label}请求`;
    // Before the answer's delivery is recorded its window has not started: a request is in time.
    const answered = review ? p.reply !== null : Boolean(reviewOf(p, 'review')?.answeredOn);
    const windowEnd = review ? p.reviewRequestDueOn : p.reReviewRequestDueOn;
    if (!answered && !windowEnd) return review ? '尚未书面答复，不能请求复查' : '尚无复查意见，不能请求复核';
    return null;
  };
}

/** On a closed petition the request is offered only inside its window (its date is checked anyway). */
function inWindowWhenClosed(level: 'review' | 'reReview') {
  return (p: PetitionFacts, today: string): boolean => {
    const windowEnd = level === 'review' ? p.reviewRequestDueOn : p.reReviewRequestDueOn;
    return p.status !== 'closed' || windowEnd === null || today <= windowEnd;
  };
}

export const petitionKind = defineKind<PetitionStatus, PetitionStep, PetitionFacts>({
  name: 'petition',
  noun: '信访件',
  the: '该信访件',
  statusLabels: PETITION_STATUS_LABELS,
  initial: ['registered'],
  status: (p) => p.status,
  lastStepOn: (p) => p.lastStepOn,
  read: PETITION_READ,
  why: '信访人的身份和诉求须保密（信访工作条例）：只有信访接待员和领导查看，其他岗位一概不能查看。',
  scope: () => ({}),
  stale: '该信访件刚被别人处理过，请刷新后再操作',
  steps: {
    accept: {
      label: '受理',
      from: ['registered'],
      to: ['accepted'],
      roles: staff,
      date: { field: 'acceptedOn', label: '受理日期' },
    },
    notAccept: {
      label: '不予受理',
      from: ['registered'],
      to: ['notAccepted'],
      roles: staff,
      tone: 'danger',
      date: { field: 'decidedOn', label: '决定日期' },
    },
    reply: {
      label: '书面答复',
      from: ['accepted'],
      to: ['replied'],
      roles: staff,
      date: {
        field: 'repliedOn',
        label: '答复日期',
        notBefore: (p) => [
          { on: p.acceptedOn ?? p.receivedOn, what: '受理日期' },
          { on: p.lastStepOn, what: '上一环节的日期' },
        ],
      },
    },
    // Only a visit received on a leader's reception day carries the leader's decision, once.
    leaderDecision: {
      label: '领导处理意见',
      from: ['registered', 'accepted'],
      roles: staff,
      guard: (p) =>
        !p.receptionDay
          ? '只有在领导接访日登记的信访件才记录接访领导的处理意见'
          : p.leaderDecision
            ? `已于${p.leaderDecision.decidedOn}记录接访领导${p.receptionDay.leaderName}的处理意见，不能再次记录`
            : null,
      date: { field: 'decidedOn', label: '决定日期', notBefore: (p) => ({ on: p.receivedOn, what: '来访日期' }) },
    },
    event: {
      label: '办理过程',
      from: ['registered', 'accepted', 'underReview', 'underReReview'],
      roles: staff,
      date: { field: 'on', label: '日期', notBefore: (p) => ({ on: p.receivedOn, what: '收到信访件的日期' }) },
    },
    // The handling period may be extended once: the button stays, saying so.
    extend: {
      label: '延期',
      from: ['accepted'],
      roles: staff,
      showWhenGuarded: true,
      guard: (p) =>
        p.extension
          ? `办理期限只能延长一次：已于${p.extension.extendedOn}延长${p.extension.days}日（至${p.handlingDueOn}），不能再次延期`
          : null,
      date: { field: 'extendedOn', label: '延期决定日期' },
    },
    satisfaction: {
      label: '满意度',
      from: ['replied', 'reviewed', 'reReviewed'],
      roles: staff,
      guard: (p) => (p.satisfaction ? `已于${p.satisfaction.on}记录信访人对答复的满意度` : null),
      date: {
        field: 'on',
        label: '回访日期',
        notBefore: (p) => ({ on: p.reply?.repliedOn ?? p.receivedOn, what: '答复日期' }),
      },
    },
    // The petitioner's window to ask for a review runs from receiving the written answer.
    deliverReply: {
      label: '答复送达',
      from: ['replied', 'closed'],
      roles: staff,
      guard: (p) =>
        !p.reply ? '尚未书面答复' : p.reply.delivery ? `答复意见书已于${p.reply.delivery.deliveredOn}送达` : null,
      date: {
        field: 'deliveredOn',
        label: '送达日期',
        notBefore: (p) => ({ on: p.reply?.repliedOn ?? p.receivedOn, what: '答复日期' }),
      },
    },
    requestReview: {
      label: '复查请求',
      from: ['replied', 'closed'],
      to: ['underReview'],
      roles: staff,
      guard: reviewRequestGuard('review'),
      offerWhile: inWindowWhenClosed('review'),
      date: {
        field: 'requestedOn',
        label: '请求日期',
        notBefore: (p) => ({ on: p.reply?.repliedOn ?? p.receivedOn, what: '答复日期' }),
      },
    },
    recordReview: {
      label: '复查意见',
      from: ['underReview'],
      to: ['reviewed'],
      roles: staff,
      date: { field: 'answeredOn', label: '意见日期' },
    },
    deliverReview: {
      label: '复查意见送达',
      from: ['reviewed'],
      roles: staff,
      guard: (p) => {
        const review = reviewOf(p, 'review');
        if (!review?.answeredOn) return '尚无复查意见';
        return review.delivery ? `复查意见书已于${review.delivery.deliveredOn}送达` : null;
      },
      date: {
        field: 'deliveredOn',
        label: '送达日期',
        notBefore: (p) => ({ on: reviewOf(p, 'review')?.answeredOn ?? p.receivedOn, what: '复查意见日期' }),
      },
    },
    requestReReview: {
      label: '复核请求',
      from: ['reviewed', 'closed'],
      to: ['underReReview'],
      roles: staff,
      guard: reviewRequestGuard('reReview'),
      offerWhile: inWindowWhenClosed('reReview'),
      date: {
        field: 'requestedOn',
        label: '请求日期',
        notBefore: (p) => ({ on: reviewOf(p, 'review')?.answeredOn ?? p.receivedOn, what: '复查意见日期' }),
      },
    },
    // 信访工作条例 第三十五条: a re-review may hold a hearing; its time is not counted in the period.
    hearing: {
      label: '听证',
      from: ['underReReview'],
      roles: staff,
      guard: (p) => {
        const hearing = reviewOf(p, 'reReview')?.hearing;
        return hearing ? `已登记听证（${hearing.from}至${hearing.to}）` : null;
      },
      date: {
        field: 'heldTo',
        label: '听证结束日期',
        notBefore: (p) => ({ on: reviewOf(p, 'reReview')?.requestedOn ?? p.receivedOn, what: '复核请求日期' }),
      },
    },
    recordReReview: {
      label: '复核意见',
      from: ['underReReview'],
      to: ['reReviewed'],
      roles: staff,
      date: { field: 'answeredOn', label: '意见日期' },
    },
    close: {
      label: '办结',
      from: ['replied', 'reviewed', 'reReviewed'],
      to: ['closed'],
      roles: staff,
      shownIn: { registered: NO_REPLY, accepted: NO_REPLY },
      refusedIn: { notAccepted: '该信访件已不予受理，以不予受理告知书作答，无需办结' },
      date: { field: 'closedOn', label: '办结日期' },
    },
    attach: {
      label: '添加附件',
      from: [
        'registered',
        'accepted',
        'notAccepted',
        'replied',
        'underReview',
        'reviewed',
        'underReReview',
        'reReviewed',
      ],
      roles: staff,
      elsewhere: true,
    },
  },
});

/** A leaders' reception day (领导接访日) and its posted rota. */
export const receptionDayAccess = defineAccess<unknown>({
  name: 'receptionDay',
  noun: '领导接访安排',
  read: PETITION_READ,
  why: '领导接访安排由信访岗位维护，领导查看本人的接访日。',
  scope: () => ({}),
});
