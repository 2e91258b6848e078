// Timer %SLA_WATCH_SCHEDULE% (default every 5 minutes): one SLA sweep over every osTicket target. A target that
// fails (osTicket down, 5xx) fails the invocation after the other targets were processed, so the retry runs it.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { SlaWatchOverrides } from '../shared/sla/watch/compose';

/** Builds the handler; tests pass overrides (targets, tables, fakes), the app uses the settings. */
export function makeSlaWatchTimer(overrides: () => SlaWatchOverrides = () => ({})) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { createSlaWatchServices } = await import('../shared/sla/watch/compose');
    const services = createSlaWatchServices(context, overrides());
    try {
      await services.sweep();
    } finally {
      await services.close();
    }
  };
}

export const slaWatchTimer = makeSlaWatchTimer();

app.timer('sla-watch', {
  schedule: '%SLA_WATCH_SCHEDULE%',
  handler: slaWatchTimer,
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: 3,
    minimumInterval: { seconds: 20 },
    maximumInterval: { minutes: 2 },
  },
});
