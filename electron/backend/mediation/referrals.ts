// 三调联动 移出: a refusal or a termination may send the dispute on (a court, the police, a
// department); the columns it sets are dated with that step, which the statistics count it by.
import type { Updateable } from 'kysely';
import type { ReferralOutInput } from '../../../shared/mediation/disputesApi';
import type { Database } from '../db/schema';

export function referralOut(
  referral: ReferralOutInput | null | undefined,
  on: string,
): { set: Updateable<Database['disputes']>; summary: string } {
  if (!referral) return { set: {}, summary: '' };
  return {
    set: { referral_out_kind: referral.kind, referral_out_to: referral.to, referral_out_on: on },
    summary: referral.kind === 'court' ? `，引导至${referral.to}` : `，移送${referral.to}`,
  };
}
