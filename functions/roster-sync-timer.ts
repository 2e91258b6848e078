// Timer %ROSTER_SYNC_SCHEDULE% (default hourly): applies the configured roster (ROSTER_SOURCE, else the bundled
// sample) to every target. Targets that fail make the invocation fail after the others ran, so it is retried.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { redactingLogger } from '../shared/logging/logger';
import type { RosterService } from '../shared/roster/roster-service';

export function rosterSync(service: (context: InvocationContext) => Promise<RosterService> | RosterService) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const trigger = { source: 'timer' as const, ref: context.invocationId };
    const report = await (await service(context)).run({ mode: 'apply', trigger, requireTargets: false });
    if (report.targets.length === 0 && report.unresolved.length === 0) {
      context.info('roster sync: no osTicket to sync (set OSTICKET_URL or provision an environment); nothing to do');
      return;
    }
    const down = [
      ...report.unresolved.map((u) => `${u.target}: ${u.message}`),
      ...report.targets.filter((t) => t.error).map((t) => `${t.target}: ${t.error}`),
    ];
    const partial = report.targets.filter((t) => !t.error && !t.ok).map((t) => t.target);
    if (partial.length) context.warn(`roster sync: items failed or were skipped on ${partial.join(', ')}`);
    if (down.length) throw new Error(`roster sync failed for ${down.length} target(s): ${down.join('; ')}`);
  };
}

export const rosterSyncHandler = rosterSync(async (context) =>
  (await import('../shared/roster/roster-app')).rosterServiceFromSettings({ logger: redactingLogger(context) }),
);

app.timer('roster-sync', {
  schedule: '%ROSTER_SYNC_SCHEDULE%',
  retry: { strategy: 'exponentialBackoff', maxRetryCount: 3, minimumInterval: 60_000, maximumInterval: 900_000 },
  handler: rosterSyncHandler,
});
