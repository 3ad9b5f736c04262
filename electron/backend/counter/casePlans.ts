// Plans of counter steps that more than one way leads to: a result delivered at the window is
// the same step as one an agent brings back to the resident; a rating the clerk records is the
// same step as the resident's own tap on the window's rating pad.
import {
  DELIVERY_METHOD_LABELS,
  POOR_LEVELS,
  RATING_LEVEL_LABELS,
  type DeliveryMethod,
  type RatingChannel,
  type RatingLevel,
} from '../../../shared/counter/casesApi';
import type { CasePlan } from './caseBinding';
import type { CaseSteps } from './caseRows';

export function deliveryPlan(
  steps: CaseSteps,
  delivery: { method: DeliveryMethod; signedBy: string; deliveredOn: string; by?: string },
  data: Record<string, unknown> = {},
): CasePlan {
  const { method, signedBy, deliveredOn } = delivery;
  return {
    set: { status: 'delivered', delivered_on: deliveredOn, last_step_on: deliveredOn },
    steps: { ...steps, delivery: { method, signedBy, deliveredOn } },
    summary: `送达：${DELIVERY_METHOD_LABELS[method]}${delivery.by ? `（${delivery.by}）` : ''}，${signedBy}签收`,
    data: { method, signedBy, deliveredOn, ...data },
  };
}

/** 好差评: a poor rating opens a follow-up (整改回访) at once. */
export function ratingPlan(
  steps: CaseSteps,
  rating: { level: RatingLevel; channel: RatingChannel; comment: string },
  ratedAt: string,
): CasePlan {
  const { level, channel, comment } = rating;
  const poor = POOR_LEVELS.includes(level);
  return {
    set: { status: 'rated', rating: level, follow_up_open: poor ? 1 : 0 },
    steps: {
      ...steps,
      rating: { level, channel, comment, ratedAt },
      ...(poor ? { followUp: { openedAt: ratedAt, closedAt: null, actionTaken: null, closedByName: null } } : {}),
    },
    summary: `评价：${RATING_LEVEL_LABELS[level]}${poor ? '，已生成整改任务' : ''}`,
    data: { level, channel, comment, followUpOpened: poor },
  };
}
