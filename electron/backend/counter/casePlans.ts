// Plans of counter steps that more than one way leads to: a result delivered at the window is
// the same step as one an agent brings back to the resident.
import { DELIVERY_METHOD_LABELS, type DeliveryMethod } from '../../../shared/counter/casesApi';
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
