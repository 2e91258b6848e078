// The optional `watch:` block of a roster SLA plan is the SLA watch's own per-plan policy schema: validated
// with the roster, never sent to osTicket, and handed to the watch by watchPolicyFromRoster().
import type { PlanPolicyInput } from '../sla/watch/policy';
import { planPolicySchema } from '../sla/watch/policy';
import type { Roster } from './roster-schema';

export const watchPolicyFields = planPolicySchema;
export type WatchPolicyFields = PlanPolicyInput;

/**
 * The roster as a policy source for the SLA watch: SLA plan name → its `watch:` block, for plans that have one.
 * Pass it as `planOverrides` to `buildPolicy()` (shared/sla/watch/policy.ts).
 */
export function watchPolicyFromRoster(roster: Pick<Roster, 'slaPlans'>): Record<string, PlanPolicyInput> {
  const out: Record<string, PlanPolicyInput> = {};
  for (const plan of roster.slaPlans) if (plan.watch) out[plan.name] = plan.watch;
  return out;
}
