// Plan and apply for one osTicket through a gateway: read the current state once, diff, then write in order.
import type { Logger } from '../logging/logger';
import { applyPlan } from './applier';
import { readCurrentState, type CurrentState } from './current-state';
import type { RosterGateway } from './osticket-gateway';
import { countResults, type ApplyResult, type Plan } from './plan-model';
import { planRoster } from './planner';
import type { Roster } from './roster-schema';

export interface EngineOptions {
  target: string;
  prune?: boolean;
  logger: Logger;
}

export async function planOn(
  gateway: RosterGateway,
  roster: Roster,
  options: EngineOptions,
): Promise<{ plan: Plan; state: CurrentState }> {
  const state = await readCurrentState(gateway);
  const plan = planRoster(roster, state, { target: options.target, prune: options.prune, reads: gateway.stats() });
  return { plan, state };
}

export async function applyOn(gateway: RosterGateway, roster: Roster, options: EngineOptions): Promise<ApplyResult> {
  const { plan, state } = await planOn(gateway, roster, options);
  if (plan.changeCount === 0) {
    const results = plan.items
      .filter((i) => i.action === 'unchanged')
      .map((i) => ({ kind: i.kind, name: i.name, action: i.action, status: 'unchanged' as const, id: i.id }));
    return { target: options.target, plan, results, counts: countResults(results), ok: true };
  }
  return applyPlan(roster, plan, state, { gateway, logger: options.logger });
}
